import type { ReceiptMessage } from '@readmark/core';
import { memo, type ReactNode } from 'react';
import { UnreadSeparator } from './UnreadSeparator';

/** `MessageList`'s `renderMessage` as the rows call it: the message and the one drawn above it. */
export type RenderRow = (
  message: ReceiptMessage,
  previous: ReceiptMessage | undefined,
) => ReactNode;

/**
 * A measured row of `MessageList`. The virtualizer positions it (it writes the row's `transform`
 * directly, so scrolling re-renders nothing); the wrapper, an article of the list's feed that takes
 * the focus without being a Tab stop (ARIA: a feed's articles are focusable; see moveInFeed),
 * re-renders only when its index moves (prepends) or its content's props change, and the user's
 * content only when the message object, the previous one (what day separators and sender grouping
 * are drawn from) or `renderMessage` changes. Its place in the feed (`aria-posinset`,
 * `aria-setsize`) is not rendered here but written by VirtualRows (writeFeedPlaces): each new
 * message changes the feed's size, which re-rendered every mounted row.
 * Receipts never pass through here: the tick or badge inside the content subscribes to its own
 * message, so a receipt re-renders only the rows it changes.
 */
// `memo` calls are marked pure: in the built package, where every module is one file, an app that
// never renders a MessageList can then drop these rows.
export const MessageRow = /* @__PURE__ */ memo(function MessageRow({
  index,
  measureElement,
  hasUnreadLine,
  ...content
}: RowContentProps & {
  index: number;
  measureElement: (element: HTMLElement | null) => void;
  /**
   * Whether the "Unread messages" line (`MessageList`'s `unreadLine`) stands above this message: a
   * boolean per row, not the line's key, so the line coming or moving renders only the rows it
   * enters or leaves. Drawn here, beside the app's content, which does not render again for it.
   */
  hasUnreadLine: boolean;
}) {
  return (
    <article
      ref={measureElement}
      data-index={index}
      tabIndex={-1}
      className="readmark-message-row"
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
      }}
    >
      {/* Inside the article: measured with its row, and read with the message below it. */}
      {hasUnreadLine && <UnreadSeparator />}
      <MessageContent {...content} />
    </article>
  );
});

/** What a row's content is rendered from, and memoized on. */
interface RowContentProps {
  message: ReceiptMessage;
  /** The message drawn just above this one; undefined for the oldest. */
  previous: ReceiptMessage | undefined;
  renderMessage: RenderRow;
}

const MessageContent = /* @__PURE__ */ memo(function MessageContent({
  message,
  previous,
  renderMessage,
}: RowContentProps) {
  return <>{renderMessage(message, previous)}</>;
});
