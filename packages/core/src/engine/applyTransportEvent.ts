import { isP2PConversationId } from '../conversationId';
import { isObject } from '../isObject';
import type { TransportEvent } from '../ReceiptTransport';
import type { TeamMessageReadReceipt } from '../types';
import { isCount, isTime } from './numbers';
import { advanceWatermark, advanceWatermarks, type ReceiptState } from './receiptState';

/**
 * A well-formed team receipt: conversation and client ids, non-negative integer counts. A custom
 * transport may pass anything.
 */
export function isTeamReceipt(receipt: unknown): receipt is TeamMessageReadReceipt {
  if (!isObject(receipt)) return false;
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

/** The incoming events that move P2P watermarks: everything but team receipts. */
export type WatermarkEvent = Exclude<TransportEvent, { type: 'teamReceipts' }>;

/**
 * Merges one watermark event into the state, monotonically (SPEC P9): peer receipts move
 * peerReadTime, read-time syncs move selfReadTime (P11), of one-to-one conversations only (NIM
 * syncs team conversations' read times too; stored as watermarks they notified every subscriber).
 * Returns `state` itself when nothing is news, so nobody is notified. Malformed parts are skipped.
 * Team receipts are not merged here: the engine batches them and reconciles open details in the
 * same update (`TeamDetailLoader.mergeCounts`).
 */
export function applyWatermarkEvent(state: ReceiptState, event: WatermarkEvent): ReceiptState {
  // A custom transport may emit anything, even null.
  switch (event?.type) {
    case 'p2pReceipts':
      return advanceWatermarks(
        state,
        (Array.isArray(event.receipts) ? event.receipts : [])
          .filter(
            (receipt) =>
              isP2PConversationId(state.accountId, receipt?.conversationId) &&
              isTime(receipt.timestamp),
          )
          .map((receipt) => [receipt.conversationId, 'peerReadTime', receipt.timestamp] as const),
      );
    case 'selfReadTime':
      return isP2PConversationId(state.accountId, event.conversationId) && isTime(event.readTime)
        ? advanceWatermark(state, event.conversationId, 'selfReadTime', event.readTime)
        : state;
    default:
      return state;
  }
}
