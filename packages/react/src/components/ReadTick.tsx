import {
  type MessageStatus,
  type ReceiptMessage,
  type ReceiptMode,
  type ReceiptState,
  selectMessageStatus,
  selectReceiptMode,
} from '@readmark/core';
import { useReceiptView } from '../hooks/useMessageReceipt';
import type { ReceiptStrings } from '../i18n/ReceiptStrings';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { TickIcon } from './TickIcon';

/** Props of {@link ReadTick}. */
export interface ReadTickProps {
  /** The message (a real `V2NIMMessage` works). */
  message: ReceiptMessage;
  /** Extra class on the wrapper; the default look comes from `.readmark-tick` in styles.css. */
  className?: string;
}

/**
 * Delivery/read tick of an own message: a clock while sending, one check when sent, two checks once the
 * peer (P2P) or every member (team) has read it, an alert when the send failed.
 *
 * Renders `role="img"` with a localized accessible name and exposes the state as `data-status`.
 * Renders nothing for messages without a status (incoming, unflagged team, super team, notifications).
 */
export function ReadTick({ message, className }: ReadTickProps) {
  const receipt = useReceiptView(message, selectTickView);
  const strings = useReceiptStrings();
  // Only messages with a mode have a status (see selectMessageStatus).
  if (receipt.status === undefined) return null;
  const status = receipt.status;
  return (
    <span
      role="img"
      aria-label={tickLabel(status, strings)}
      className={className ? `readmark-tick ${className}` : 'readmark-tick'}
      data-status={status}
      data-mode={receipt.mode}
    >
      <TickIcon status={status} />
    </span>
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
