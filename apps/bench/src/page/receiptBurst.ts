import type { ReceiptMessage, TeamMessageReadReceipt, TransportEvent } from '@readmark/core';
import { TEAM_CONVERSATION } from './messages';

/**
 * The receipts of metric 2, shared by the Node (engine alone) and Chromium (kit) measurements so
 * both apply exactly the same data.
 */

/** `stored` receipts already known before the burst: the first ones for `messages`, the rest archived. */
export function storedReceipts(options: {
  messages: readonly ReceiptMessage[];
  stored: number;
  memberCount: number;
}): TeamMessageReadReceipt[] {
  const { messages, stored, memberCount } = options;
  const receipts: TeamMessageReadReceipt[] = [];
  for (let index = 0; index < stored; index++) {
    const message = messages[index];
    receipts.push({
      conversationId: message ? TEAM_CONVERSATION : 'alice|2|archive',
      messageServerId: message ? message.messageServerId : `as${index}`,
      messageClientId: message ? message.messageClientId : `ac${index}`,
      readCount: 0,
      unreadCount: memberCount - 1,
    });
  }
  return receipts;
}

/**
 * Returns a function giving the next `count` events: each one a new reader of one of `targets`,
 * round robin, so every event is news and counts only rise across calls.
 */
export function createReaderEvents(options: {
  targets: readonly ReceiptMessage[];
  memberCount: number;
  count: number;
}): () => TransportEvent[] {
  const { targets, memberCount, count } = options;
  const readCounts = new Map<string, number>();
  return () => {
    const events: TransportEvent[] = [];
    for (let event = 0; event < count; event++) {
      const message = targets[event % targets.length]!;
      const readCount = (readCounts.get(message.messageClientId) ?? 0) + 1;
      readCounts.set(message.messageClientId, readCount);
      events.push({
        type: 'teamReceipts',
        receipts: [
          {
            conversationId: TEAM_CONVERSATION,
            messageServerId: message.messageServerId,
            messageClientId: message.messageClientId,
            readCount,
            unreadCount: memberCount - 1 - readCount,
            latestReadAccount: `u${event % (memberCount - 1)}`,
          },
        ],
      });
    }
    return events;
  };
}
