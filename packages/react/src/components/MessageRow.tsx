import type { ReceiptMessage } from '@readmark/core';
import { memo, type ReactNode } from 'react';

/**
 * A positioned, measured row of `MessageList`. Memoized twice over: the wrapper re-renders when its
 * position or index moves (scrolling, prepends), while the user's content re-renders only when the
 * message object or `renderMessage` changes. Receipts never pass through here: the tick or badge inside
 * the content subscribes to its own message, so a receipt re-renders only the rows it changes.
 */
export const MessageRow = memo(function MessageRow({
  message,
  index,
  start,
  measureElement,
  renderMessage,
}: {
  message: ReceiptMessage;
  index: number;
  start: number;
  measureElement: (element: HTMLDivElement | null) => void;
  renderMessage: (message: ReceiptMessage) => ReactNode;
}) {
  return (
    <div
      ref={measureElement}
      data-index={index}
      className="readmark-message-row"
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        transform: `translateY(${start}px)`,
      }}
    >
      <MessageContent message={message} renderMessage={renderMessage} />
    </div>
  );
});

const MessageContent = memo(function MessageContent({
  message,
  renderMessage,
}: {
  message: ReceiptMessage;
  renderMessage: (message: ReceiptMessage) => ReactNode;
}) {
  return <>{renderMessage(message)}</>;
});
