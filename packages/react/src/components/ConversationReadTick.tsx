import type { ReceiptLastMessage } from '@readmark/core';
import { memo } from 'react';
import { useLastMessageStatus } from '../hooks/useLastMessageStatus';
import { useProvidedEngine } from '../hooks/useReceiptEngine';
import { type RenderTickIcon, StatusTick } from './StatusTick';

/** Props of {@link ConversationReadTick}. */
export interface ConversationReadTickProps {
  /** The conversation's last message: `conversation.lastMessage` from NIM works as is. */
  lastMessage: ReceiptLastMessage | undefined;
  /** Extra class on the wrapper; the default look comes from `.readmark-tick` in styles.css. */
  className?: string | undefined;
  /**
   * Draws the glyph for a status (`'sent'` or `'read'` here) instead of the built-in checks, e.g.
   * your icon set's, as `ReadTick`'s does. The tick keeps its localized accessible name,
   * `data-status` and colour (`currentColor`), so return decoration only. Keep it stable (module level
   * or `useCallback`): the tick renders again when it changes.
   */
  renderIcon?: RenderTickIcon | undefined;
}

/**
 * The read indicator of a P2P conversation in a conversation list (SPEC U7, scenario 35): one check
 * while the peer has not read my last message, two once they have. Renders nothing when the last
 * message is not mine, not sent, a notification or call, a team message, or was revoked.
 *
 * Renders `role="img"` with the same localized names as {@link ReadTick} and exposes the state as
 * `data-status`. Memoized: a list that re-renders or re-sorts with the same `lastMessage` objects
 * renders no tick again, and a new object with the same content renders no tick markup again.
 */
// Marked pure, as MessageRow's `memo`: an app that imports only hooks can drop it.
export const ConversationReadTick = /* @__PURE__ */ memo(function ConversationReadTick({
  lastMessage,
  className,
  renderIcon,
}: ConversationReadTickProps) {
  // Outside a provider the error names this component, not the hook inside it.
  useProvidedEngine('<ConversationReadTick>');
  const status = useLastMessageStatus(lastMessage);
  return status === undefined ? null : (
    <StatusTick status={status} className={className} renderIcon={renderIcon} />
  );
});
