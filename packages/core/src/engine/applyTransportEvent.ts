import { isValidConversationId } from '../conversationId';
import type { TransportEvent } from '../ReceiptTransport';
import type { TeamMessageReadReceipt } from '../types';
import { advanceWatermark, mergeTeamReceipts, type ReceiptState } from './receiptState';

/** A usable time: finite and not negative (Infinity would mark everything read forever). */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A usable count: a non-negative integer. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The well-formed team receipts of an event; a custom transport may pass anything. */
export function teamReceiptsOf(event: TransportEvent): TeamMessageReadReceipt[] {
  if (event.type !== 'teamReceipts' || !Array.isArray(event.receipts)) return [];
  return event.receipts.filter(isTeamReceipt);
}

/** A well-formed team receipt: conversation and client ids, non-negative integer counts. */
export function isTeamReceipt(receipt: unknown): receipt is TeamMessageReadReceipt {
  if (typeof receipt !== 'object' || receipt === null) return false;
  const { conversationId, messageClientId, readCount, unreadCount } =
    receipt as TeamMessageReadReceipt;
  return (
    typeof conversationId === 'string' &&
    typeof messageClientId === 'string' &&
    messageClientId !== '' &&
    isCount(readCount) &&
    isCount(unreadCount)
  );
}

/**
 * Merges one incoming event into the state, monotonically (SPEC P9, G12): peer receipts move
 * peerReadTime, read-time syncs move selfReadTime (P11), team receipts keep the highest readCount.
 * Returns `state` itself when nothing is news, so nobody is notified. Malformed parts are skipped.
 */
export function applyTransportEvent(state: ReceiptState, event: TransportEvent): ReceiptState {
  if (typeof event !== 'object' || event === null) return state;
  switch (event.type) {
    case 'p2pReceipts':
      return (Array.isArray(event.receipts) ? event.receipts : []).reduce(
        (next, receipt) =>
          isValidConversationId(state.accountId, receipt?.conversationId) &&
          isTime(receipt.timestamp)
            ? advanceWatermark(next, receipt.conversationId, 'peerReadTime', receipt.timestamp)
            : next,
        state,
      );
    case 'selfReadTime':
      return isValidConversationId(state.accountId, event.conversationId) && isTime(event.readTime)
        ? advanceWatermark(state, event.conversationId, 'selfReadTime', event.readTime)
        : state;
    case 'teamReceipts':
      return mergeTeamReceipts(state, teamReceiptsOf(event));
    default:
      return state;
  }
}
