import {
  type MessageStatus,
  type ReceiptMessage,
  type ReceiptMode,
  type ReceiptState,
  selectMessageStatus,
  selectReceiptMode,
} from '@readmark/core';
import { useReceiptView } from '../hooks/useMessageReceipt';
import { type RenderTickIcon, StatusTick } from './StatusTick';

/** Props of {@link ReadTick}. */
export interface ReadTickProps {
  /** The message (a real `V2NIMMessage` works). */
  message: ReceiptMessage;
  /** Extra class on the wrapper; the default look comes from `.readmark-tick` in styles.css. */
  className?: string | undefined;
  /**
   * Draws the glyph for a status (`'sending' | 'sent' | 'read' | 'failed'`) instead of the built-in
   * clock, checks and alert, e.g. your icon set's. The tick keeps its localized accessible name,
   * `data-status` and colour (`currentColor`), so return decoration only. Keep it stable (module level
   * or `useCallback`): the tick renders again when it changes.
   */
  renderIcon?: RenderTickIcon | undefined;
}

/**
 * Delivery/read tick of an own message: a clock while sending, one check when sent, two checks once the
 * peer (P2P) or every member (team) has read it, an alert when the send failed.
 *
 * Renders `role="img"` with a localized accessible name and exposes the state as `data-status`.
 * Renders nothing for messages without a status (incoming, unflagged team, super team, notifications).
 */
export function ReadTick({ message, className, renderIcon }: ReadTickProps) {
  const receipt = useReceiptView(message, { select: selectTickView, caller: '<ReadTick>' });
  // Only messages with a mode have a status (see selectMessageStatus).
  if (receipt.status === undefined) return null;
  return (
    <StatusTick
      status={receipt.status}
      mode={receipt.mode}
      className={className}
      renderIcon={renderIcon}
    />
  );
}

interface TickView {
  mode: ReceiptMode;
  status?: MessageStatus;
}

/** Only what a tick shows: team counts that change without changing the status re-render nothing. */
function selectTickView(state: ReceiptState, message: unknown): TickView {
  return { mode: selectReceiptMode(state, message), status: selectMessageStatus(state, message) };
}
