import type { ReceiptMessage } from '@readmark/core';
import type { VirtualizerOptions } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { MessageRow, type RenderRow } from './MessageRow';
import { focusPendingArticle } from './moveInFeed';
import { type RowVirtualizer, useVirtualRows } from './useRowVirtualizer';
import { writeFeedPlaces } from './writeFeedPlaces';

/**
 * The rendered rows of `MessageList`. Scrolling re-renders this component alone, once per change of
 * the rendered range (see useRowVirtualizer), so the list's own hooks do not run on scroll frames.
 */
export function VirtualRows<TMessage extends ReceiptMessage>({
  virtualizer,
  renderedWith,
  messages,
  firstPosition,
  setSize,
  above,
  getMessageKey,
  measureRow,
  renderRow,
  unreadKey,
  onRendered,
}: {
  virtualizer: RowVirtualizer<HTMLElement, HTMLElement>;
  /** The virtualizer's options as the list's render set them (`virtualizer.renderedWith`). */
  renderedWith: VirtualizerOptions<HTMLElement, HTMLElement>;
  /** The rows' messages: the history window (see useHistoryWindow). */
  messages: readonly TMessage[];
  /** The first row's position (1-based) among all of the app's messages (`aria-posinset`). */
  firstPosition: number;
  /** How many messages there are, -1 when unknown (`aria-setsize`). */
  setSize: number;
  /**
   * The message just above the window in the app's history: the window's first row is given it as
   * its previous one, not none.
   */
  above: TMessage | undefined;
  getMessageKey: (message: TMessage) => string;
  measureRow: (element: HTMLElement | null) => void;
  renderRow: RenderRow;
  /** The key of the message the "Unread messages" line stands above; undefined: no line. */
  unreadKey: string | undefined;
  /**
   * After each render, the list's own included (they render these rows too): new messages, a resize
   * or a measurement may have changed what is on screen.
   */
  onRendered: () => void;
}) {
  const items = useVirtualRows(virtualizer, renderedWith);
  // After every commit, before paint: rows mount here, and those kept may show an older place. An
  // article a feed key asked for (see moveInFeed) takes the focus once it is rendered.
  useClientLayoutEffect(() => {
    writeFeedPlaces(virtualizer.direct.container, firstPosition, setSize);
    focusPendingArticle(virtualizer);
  });
  useEffect(() => {
    onRendered();
  });
  const renderedKeys = new Set<string>();
  return items.map((item) => {
    const message = messages[item.index];
    if (!message) return null;
    const messageKey = getMessageKey(message);
    // A message the app's array holds twice is drawn twice, but two rows must never share a React
    // key: React would mix up their DOM and state. Checked among the rendered rows only (a few
    // dozen), since a pass over a long history per render would cost milliseconds; so a copy's key
    // changes (and its row remounts) as the first copy scrolls in and out. Duplicates are the app's
    // mistake: this only keeps them harmless.
    const key = renderedKeys.has(messageKey) ? `${messageKey}\u0000${item.index}` : messageKey;
    renderedKeys.add(messageKey);
    return (
      <MessageRow
        key={key}
        message={message}
        previous={item.index === 0 ? above : messages[item.index - 1]}
        index={item.index}
        measureElement={measureRow}
        renderMessage={renderRow}
        // By the React key, so a message given twice draws one line.
        hasUnreadLine={key === unreadKey}
      />
    );
  });
}
