/**
 * Support for the `unreadLine` browser tests (named `.test.tsx` so the library build skips it; it
 * holds no tests itself): Bob's list of his chat with Alice, with the line.
 */
import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { MessageList, type MessageListProps } from './MessageList';
import { Providers } from './testWorld.test';

/** A 50 px row of the message's text, found by its client id (`data-testid`). */
const renderTextRow = (message: ReceiptMessage) => (
  <div style={{ height: 50 }} data-testid={message.messageClientId}>
    {(message as { text?: string }).text}
  </div>
);

/** The list's props a test gives; the rest are the defaults below. */
export type UnreadLineListProps = Partial<MessageListProps<ReceiptMessage>> & {
  messages: ReceiptMessage[];
};

/**
 * Bob's `MessageList` of `bob|1|alice` in `className`, with `unreadLine`, 50 px rows and no dwell
 * before a seen message is marked read; `props` override any of it.
 */
export function bobsUnreadLineList(
  engine: ReceiptEngine,
  className: string,
  props: UnreadLineListProps,
  locale: ReceiptLocale = 'en',
) {
  return (
    <Providers engine={engine} locale={locale}>
      <MessageList
        className={className}
        conversationId="bob|1|alice"
        renderMessage={renderTextRow}
        readDwellMs={0}
        unreadLine
        {...props}
      />
    </Providers>
  );
}
