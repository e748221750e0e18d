import type { ReceiptMessage } from '@readmark/core';

/**
 * How many of `messages` from index `start` on are news to `accountId`: others' messages (their own
 * sends are not news to them) created after `readTime`, how far they have read on any device.
 * Entries that are not messages (keyed `''`; see MessageList) are skipped.
 */
export function countNewMessages<TMessage extends ReceiptMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  accountId: string,
  start: number,
  readTime = Number.NEGATIVE_INFINITY,
): number {
  let count = 0;
  for (let index = start; index < messages.length; index++) {
    const message = messages[index]!;
    if (
      keyOf(message) !== '' &&
      message.senderId !== accountId &&
      !(message.createTime <= readTime)
    ) {
      count++;
    }
  }
  return count;
}
