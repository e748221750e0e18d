import type { MessageStatus, ReceiptMode } from '@readmark/core';
import { memo, type ReactNode } from 'react';
import type { ReceiptStrings } from '../i18n/ReceiptStrings';
import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { TickIcon } from './TickIcon';
import { withClassName } from './withClassName';

/**
 * The tick's markup, shared by `ReadTick` (a message) and `ConversationReadTick` (a conversation
 * row): `role="img"` with the localized name of `status`, the glyph, and `data-status` (plus
 * `data-mode` where the tick knows it) for styling. It declares the name's language itself: a tick
 * sits in the app's markup (a message row, a conversation row), whose language may not be the kit's.
 * Memoized on its props: a tick whose row renders again with the same status (and the same
 * `renderIcon`) renders nothing.
 */
// Marked pure, as MessageRow's `memo`: an app that imports only hooks can drop it.
export const StatusTick = /* @__PURE__ */ memo(function StatusTick({
  status,
  mode,
  className,
  renderIcon,
}: {
  status: TickStatus;
  mode?: ReceiptMode;
  className?: string | undefined;
  renderIcon?: RenderTickIcon | undefined;
}) {
  const strings = useReceiptStrings();
  const lang = useReceiptLanguage();
  return (
    <span
      role="img"
      lang={lang}
      aria-label={tickLabel(status, strings)}
      className={withClassName('readmark-tick', className)}
      data-status={status}
      data-mode={mode}
    >
      {/* Not a function (bad data from plain JS): the built-in glyph rather than a TypeError. */}
      {typeof renderIcon === 'function' && status !== 'loading' ? (
        renderIcon(status)
      ) : (
        <TickIcon status={status} />
      )}
    </span>
  );
});

/**
 * What a tick shows: a {@link MessageStatus}, or `'loading'` while it is not known yet (an own sent
 * one-to-one message whose peer read time has not come): no glyph in the glyph's box, so
 * nothing moves when it comes, and the name "Loading read receipts…" (`badgeLoading`).
 */
export type TickStatus = MessageStatus | 'loading';

/**
 * Draws a tick's glyph for a status, in place of the built-in clock, checks and alert. What it
 * returns sits inside the tick's `role="img"` wrapper, which carries the localized name, so it is
 * decoration only: screen readers never read it.
 */
export type RenderTickIcon = (status: MessageStatus) => ReactNode;

function tickLabel(status: TickStatus, strings: ReceiptStrings): string {
  switch (status) {
    case 'loading':
      return strings.badgeLoading;
    case 'sending':
      return strings.tickSending;
    case 'sent':
      return strings.tickSent;
    case 'read':
      return strings.tickRead;
    case 'failed':
      return strings.tickFailed;
  }
}
