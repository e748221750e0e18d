import type { ReceiptMessage } from '@readmark/core';

/**
 * The messages of `messages` from index `start` on that are news to `accountId`: others' messages
 * (their own sends are not news to them). Entries that are not messages (keyed `''`; see
 * MessageList) are skipped. What of them the reader has read on another device (their read time)
 * the pill leaves out from these, without reading a key again.
 */
export function newMessagesFrom<TMessage extends ReceiptMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  accountId: string,
  start: number,
): TMessage[] {
  const news: TMessage[] = [];
  for (let index = start; index < messages.length; index++) {
    const message = messages[index]!;
    if (keyOf(message) !== '' && message.senderId !== accountId) news.push(message);
  }
  return news;
}
