import type { ReceiptMessage } from '@readmark/core';
import { type ReactNode, useEffect } from 'react';
import { MessageRow } from './MessageRow';
import { type RowVirtualizer, useVirtualRows } from './useRowVirtualizer';

/**
 * The rendered rows of `MessageList`. Scrolling re-renders this component alone, once per change of
 * the rendered range (see useRowVirtualizer), so the list's own hooks do not run on scroll frames.
 */
export function VirtualRows<TMessage extends ReceiptMessage>({
  virtualizer,
  messages,
  getMessageKey,
  measureRow,
  renderRow,
  onRendered,
}: {
  virtualizer: RowVirtualizer<HTMLElement, HTMLDivElement>;
  messages: readonly TMessage[];
  getMessageKey: (message: TMessage) => string;
  measureRow: (element: HTMLDivElement | null) => void;
  renderRow: (message: ReceiptMessage) => ReactNode;
  /**
   * After each render, the list's own included (they render these rows too): new messages, a resize
   * or a measurement may have changed what is on screen.
   */
  onRendered: () => void;
}) {
  const items = useVirtualRows(virtualizer);
  useEffect(() => {
    onRendered();
  });
  return items.map((item) => {
    const message = messages[item.index];
    if (!message) return null;
    return (
      <MessageRow
        key={getMessageKey(message)}
        message={message}
        index={item.index}
        measureElement={measureRow}
        renderMessage={renderRow}
      />
    );
  });
}
