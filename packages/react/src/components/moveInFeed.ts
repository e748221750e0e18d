import type { KeyboardEvent } from 'react';
import { rowContaining } from './rowContaining';
import { focusFirst } from './tabIntoView';
import type { RowVirtualizer } from './useRowVirtualizer';

/**
 * Per list, the row index whose article takes the focus once it is rendered, and what held the
 * focus when that was asked: if the focus has moved on meanwhile, it is left where it is.
 */
const pendingFocus = new WeakMap<object, [index: number, from: Element | null]>();

/**
 * The keys of a WAI-ARIA feed (APG "Feed") in `MessageList`'s rows, pressed on an article (a row) or
 * inside one: Page Down and Page Up focus the next and the previous article, nothing at either end
 * (no wrap); Control+End focuses the first element that takes the focus after the feed (the pill,
 * the app's composer), and Control+Home the one before it, the list's scroller. Home and End on an
 * article itself focus the first and the last one, as they scroll the scroller (focused by a click
 * on a message's text, the article took those keys from the scroller, and the browser's animated
 * Home stopped short). An article not rendered is scrolled to by index and focused once its row is
 * rendered (see {@link focusPendingArticle}); one rendered is brought into view only as far as
 * needed, respecting the scroller's `scroll-padding` (the pill's room): `focus()` alone centred it
 * in Chromium. Text fields, dialogs opened inside a row (the receipt sheet) and keys a control
 * handled itself keep their keys, as does the scroller itself, whose Page Up and Page Down scroll
 * (Control+End leaves it, as from an article), and so does an element in a message that can still
 * scroll their way (a code block the reader scrolls; see {@link scrollsToward}). Control+End with
 * nothing after the feed to focus is left to the browser, which scrolls to the end.
 */
export function moveInFeed(
  event: KeyboardEvent<HTMLElement>,
  virtualizer: RowVirtualizer<HTMLElement, HTMLElement>,
): void {
  const rows = virtualizer.direct.container;
  const target = event.target as HTMLElement;
  const { key, ctrlKey } = event;
  const row = rowContaining(target, rows);
  // On the list itself only Control+End is the feed's (Shift+Tab from the composer lands there, and
  // a chat of incoming messages alone has no control in a row to start from); its other keys scroll.
  const isOnList = target === event.currentTarget;
  if (
    (!row && !isOnList) ||
    event.defaultPrevented ||
    event.altKey ||
    event.metaKey ||
    event.shiftKey ||
    target.isContentEditable ||
    row?.contains(target.closest('input,textarea,select,dialog,[role=dialog]'))
  ) {
    return;
  }
  // Leaves the feed when something follows it to go to; otherwise it scrolls to the end, as the
  // browser's Control+End does.
  if (ctrlKey && key === 'End') {
    if (focusAfter(event.currentTarget)) event.preventDefault();
    return;
  }
  if (!row) return;
  const count = virtualizer.options.count;
  const index = articleIndexFor(event, target === row, Number(row.dataset.index), count);
  if (ctrlKey && key === 'Home') {
    event.preventDefault();
    event.currentTarget.focus();
  } else if (index !== undefined && !scrollsToward(target, row, key === 'PageDown')) {
    event.preventDefault();
    if (index < 0 || index >= count) return;
    const article = rowAt(rows, index);
    if (article) {
      article.focus({ preventScroll: true });
      article.scrollIntoView({ block: 'nearest' });
    } else {
      pendingFocus.set(virtualizer, [index, target]);
      virtualizer.scrollToIndex(index);
    }
  }
}

/**
 * After the rows render: focuses the article a feed key asked for once its row is there, unless the
 * focus has moved on meanwhile.
 */
export function focusPendingArticle(virtualizer: RowVirtualizer<HTMLElement, HTMLElement>): void {
  const pending = pendingFocus.get(virtualizer);
  const article = pending && rowAt(virtualizer.direct.container, pending[0]);
  if (!article) return;
  pendingFocus.delete(virtualizer);
  if (article.ownerDocument.activeElement === pending[1]) article.focus({ preventScroll: true });
}

/**
 * The index of the article a key goes to from the article at `at` (Page Down / Page Up; Home and End
 * only on an article itself), out of range at either end; undefined for any other key, and for the
 * Control keys, which leave the feed.
 */
function articleIndexFor(
  { key, ctrlKey }: KeyboardEvent<HTMLElement>,
  isOnArticle: boolean,
  at: number,
  count: number,
): number | undefined {
  if (ctrlKey) return undefined;
  if (key === 'PageDown') return at + 1;
  if (key === 'PageUp') return at - 1;
  if (!isOnArticle) return undefined;
  return key === 'Home' ? 0 : key === 'End' ? count - 1 : undefined;
}

/**
 * Whether an element from `target` up to `row` (not included) can scroll down (`isDown`) or up:
 * the user can scroll it (`overflow` auto or scroll), its content overflows, and it is not at that
 * end yet. Page Down and Page Up are then the browser's, which scrolls it, as it would with no feed
 * around it; at its end they go on to the next or the previous message.
 */
const scrollsToward = (element: HTMLElement, row: HTMLElement, isDown: boolean): boolean =>
  element !== row &&
  // 1 px: a zoomed page stops fractions of a pixel short of the end.
  (((isDown
    ? element.scrollHeight - element.clientHeight - element.scrollTop
    : element.scrollTop) >= 1 &&
    /auto|scroll/.test(getComputedStyle(element).overflowY)) ||
    scrollsToward(element.parentElement!, row, isDown));

/** The rendered row at `index` among `rows`' children, if any. */
const rowAt = (rows: HTMLElement | null, index: number) =>
  rows?.querySelector<HTMLElement>(`:scope>[data-index="${index}"]`);

/**
 * Focuses the first element after `scroller` (and the feed in it), in document order, that Tab
 * stops at.
 */
const focusAfter = (scroller: HTMLElement) =>
  // 4: after it, 16: inside it.
  focusFirst(
    scroller.ownerDocument,
    false,
    (element) => (scroller.compareDocumentPosition(element) & 20) === 4,
  );
