import {
  type MessageStatus,
  type ReceiptMessage,
  type ReceiptMode,
  type ReceiptState,
  selectMessageStatus,
  selectReceiptMode,
} from '@readmark/core';
import { isPeerReadTimeLoading, useReceiptView } from '../hooks/useMessageReceipt';
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
 * Until that is known in a one-to-one chat (a fresh page or device asks for the peer's read time) a
 * sent message's tick is `data-status="loading"`: its box without a glyph, named "Loading read
 * receipts…", never a "Sent" that turns into "Read" moments later. If asking fails (offline, 190002)
 * it shows "Sent", which is true, and moves on when an answer comes (the read time is asked again
 * after a reconnect). A message the tick showed sending goes straight to "Sent" (then "Read" once
 * the peer reads it): the read time it asked as it mounted comes after the send, and the peer cannot
 * have read a message before it was sent. A team message's tick shows "Sent" while its counts load,
 * as its badge says they do: waiting, every send would go from the clock to an empty box to the
 * check.
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
      status={receipt.isLoading ? 'loading' : receipt.status}
      mode={receipt.mode}
      className={className}
      renderIcon={renderIcon}
    />
  );
}

interface TickView {
  mode: ReceiptMode;
  status?: MessageStatus;
  isLoading: boolean;
}

/**
 * Only what a tick shows: team counts that change without changing the status re-render nothing.
 * Built from the mode and status alone: every mounted tick runs this at each store update, and the
 * badge's full view (counts, unavailability, load status) cost a tick about as much as its badge.
 */
function selectTickView(state: ReceiptState, message: unknown): TickView {
  const mode = selectReceiptMode(state, message);
  const status = selectMessageStatus(state, message);
  // A team tick does not wait for its counts (its badge says they load): after every send it would
  // go from the clock to an empty box and then the check, and render twice for one send.
  const isLoading =
    mode === 'p2p' && isPeerReadTimeLoading(state, message as ReceiptMessage, status);
  return { mode, status, isLoading };
}
