import type { MessageStatus, ReceiptMode } from '@readmark/core';
import { memo } from 'react';
import type { ReceiptStrings } from '../i18n/ReceiptStrings';
import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { TickIcon } from './TickIcon';
import { withClassName } from './withClassName';

/**
 * The tick's markup, shared by `ReadTick` (a message) and `ConversationReadTick` (a conversation
 * row): `role="img"` with the localized name of `status`, the glyph, and `data-status` (plus
 * `data-mode` where the tick knows it) for styling. It declares the name's language itself: a tick
 * sits in the app's markup (a message row, a conversation row), whose language may not be the kit's.
 * Memoized on its three strings: a tick whose row renders again with the same status renders nothing.
 */
// Marked pure, as MessageRow's `memo`: an app that imports only hooks can drop it.
export const StatusTick = /* @__PURE__ */ memo(function StatusTick({
  status,
  mode,
  className,
}: {
  status: MessageStatus;
  mode?: ReceiptMode;
  className?: string;
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
      <TickIcon status={status} />
    </span>
  );
});

function tickLabel(status: MessageStatus, strings: ReceiptStrings): string {
  switch (status) {
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
