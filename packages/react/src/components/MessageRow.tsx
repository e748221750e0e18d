import type { ReceiptMessage } from '@readmark/core';
import { memo, type ReactNode } from 'react';

/**
 * A measured row of `MessageList`. The virtualizer positions it (it writes the row's `transform`
 * directly, so scrolling re-renders nothing); the wrapper re-renders only when its index moves
 * (prepends), and the user's content only when the message object or `renderMessage` changes.
 * Receipts never pass through here: the tick or badge inside the content subscribes to its own
 * message, so a receipt re-renders only the rows it changes.
 */
// `memo` calls are marked pure: in the built package, where every module is one file, an app that
// never renders a MessageList can then drop these rows.
export const MessageRow = /* @__PURE__ */ memo(function MessageRow({
  message,
  index,
  measureElement,
  renderMessage,
}: {
  message: ReceiptMessage;
  index: number;
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
      }}
    >
      <MessageContent message={message} renderMessage={renderMessage} />
    </div>
  );
});

const MessageContent = /* @__PURE__ */ memo(function MessageContent({
  message,
  renderMessage,
}: {
  message: ReceiptMessage;
  renderMessage: (message: ReceiptMessage) => ReactNode;
}) {
  return <>{renderMessage(message)}</>;
});
