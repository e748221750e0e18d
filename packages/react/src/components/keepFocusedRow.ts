import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { listenAll } from './listenAll';
import { rowContaining } from './rowContaining';

/** What {@link keepFocusedRow} gives a virtualizer. */
export interface FocusedRowKeeper {
  /**
   * Follows focus into the rows, the children of `container` (null: none any more); `indexOf`
   * reads a row element's index.
   */
  observe(container: HTMLElement | null, indexOf: (row: Element) => number): void;
  /**
   * The virtualizer's `rangeExtractor` for rows identified by `identityOf`. The same function while
   * nothing it depends on changes, since the virtualizer computes its rows again for a new one;
   * a new one when `identityOf` changes while a row holds focus, as the row may have moved.
   */
  rangeExtractorFor(identityOf: (index: number) => unknown): (range: Range) => number[];
}

/**
 * Keeps the row that contains focus rendered wherever the list scrolls. A row virtualized away took
 * focus with it to `<body>`: a keyboard user paging up from a badge lost their place (and PageUp then
 * scrolled nothing), and a receipt sheet opened from a row (a modal `<dialog>` inside it) vanished
 * while the list followed new messages. The row is followed by what it shows (`identityOf`), not its
 * index, since prepended history moves every index. Focus is read from `document.activeElement`,
 * which stays on the row while the window is in the background, so a list that moves meanwhile keeps
 * the row too.
 */
export function keepFocusedRow(): FocusedRowKeeper {
  let container: HTMLElement | null = null;
  let indexOfRow: (row: Element) => number = () => -1;
  let identityOf: (index: number) => unknown = () => undefined;
  /** What the focused row shows (undefined: no row holds focus), and its index when last found. */
  let focused: unknown;
  let focusedIndex = -1;

  const onFocusIn = (event: FocusEvent) => {
    const row = rowContaining(event.target as Element | null, container);
    focusedIndex = row ? indexOfRow(row) : -1;
    focused = focusedIndex < 0 ? undefined : identityOf(focusedIndex);
  };

  /**
   * A row holds focus while the focus is in it, or in an open dialog (a receipt sheet opened from
   * the row, wherever the app renders it), which gives the focus back to the row when it closes.
   */
  const holdsFocus = () => {
    const active = container?.ownerDocument.activeElement ?? null;
    return (
      focused !== undefined && (!!container?.contains(active) || !!active?.closest('dialog[open]'))
    );
  };

  const extract = (range: Range): number[] => {
    const indexes = defaultRangeExtractor(range);
    if (!holdsFocus()) return indexes;
    if (focusedIndex >= range.count || identityOf(focusedIndex) !== focused) {
      // Moved (history prepended): searched newest first, where a focused row most often is.
      focusedIndex = range.count - 1;
      while (focusedIndex >= 0 && identityOf(focusedIndex) !== focused) focusedIndex--;
    }
    // In index order, so the DOM (and Tab) order stays the rows' order.
    if (focusedIndex >= 0 && focusedIndex < indexes[0]!) indexes.unshift(focusedIndex);
    else if (focusedIndex > indexes[indexes.length - 1]!) indexes.push(focusedIndex);
    return indexes;
  };
  let extractor = (range: Range) => extract(range);
  let stopListening = () => {};

  return {
    observe(element, indexOf) {
      stopListening();
      container = element;
      indexOfRow = indexOf;
      stopListening = listenAll([[container, 'focusin', onFocusIn]]);
    },
    rangeExtractorFor(nextIdentityOf) {
      if (nextIdentityOf !== identityOf && holdsFocus()) {
        extractor = (range) => extract(range);
      }
      identityOf = nextIdentityOf;
      return extractor;
    },
  };
}
