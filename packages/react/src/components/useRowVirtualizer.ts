import {
  elementScroll,
  type VirtualItem,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { useInsertionEffect, useReducer, useState } from 'react';
import { flushSync } from 'react-dom';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { isEntirelyAboveView } from './isEntirelyAboveView';
import { type CommittedOptions, keepCommittedOptions } from './keepCommittedOptions';
import { type FocusedRowKeeper, keepFocusedRow } from './keepFocusedRow';
import { keepFocusInList } from './keepFocusInList';
import { keepLayoutWhileHidden, type LayoutKeptWhileHidden } from './keepLayoutWhileHidden';
import { openRowBatch } from './openRowBatch';
import type { VirtualCorePrivate } from './virtualCorePrivate';

/**
 * Options of {@link useRowVirtualizer}: TanStack Virtual's, minus what the hook provides itself
 * (measuring, change handling and the rendered range included: neither list needs its own).
 */
export type RowVirtualizerOptions<TScroll extends Element, TItem extends Element> = Omit<
  VirtualizerOptions<TScroll, TItem>,
  | 'observeElementRect'
  | 'observeElementOffset'
  | 'scrollToFn'
  | 'measureElement'
  | 'onChange'
  | 'rangeExtractor'
> & {
  /**
   * What the row at an index shows, the same value wherever it moves: the row holding focus is kept
   * rendered, found again by it. Defaults to `getItemKey`; keep it stable while the rows are.
   */
  getRowIdentity?: (index: number) => unknown;
};

/** What the virtualizer writes to the DOM itself, and who renders the rows. */
interface DirectDom<TScroll extends Element, TItem extends Element> {
  container: HTMLElement | null;
  lastSize: number | null;
  lastPositions: WeakMap<Element, number>;
  /** The row indexes last rendered (or last asked to render). */
  renderedIndexes: number[] | null;
  isMeasuring: boolean;
  /**
   * TanStack's own sweep of the rows that left the document (its `measureElement(null)`), without
   * the adapter's handling of a row leaving with the focus, which the rows' refs already did.
   */
  sweepRemovedRows: () => void;
  /** Closes the batch of the rows measured in this commit (see openRowBatch), if open. */
  closeRowBatch: (() => void) | undefined;
  /** Re-renders the component that renders the rows (see useVirtualRows); else the owner's. */
  rerenderRows: (() => void) | null;
  /** Its layout kept while the scroll element is hidden (`display: none`), restored when shown. */
  whileHidden: LayoutKeptWhileHidden<TScroll, TItem>;
  /** Keeps the row that holds focus rendered. */
  focusedRow: FocusedRowKeeper;
  /** The virtualizer's options outside renders: those of the last commit. */
  options: CommittedOptions<TScroll, TItem>;
}

/** The virtualizer, plus the ref of the element whose height it writes. */
export type RowVirtualizer<TScroll extends Element, TItem extends Element> = Virtualizer<
  TScroll,
  TItem
> & {
  containerRef: (element: HTMLElement | null) => void;
  /**
   * The options the owner's current render set: a rows component rendered apart gets them as a
   * prop and passes them to {@link useVirtualRows}.
   */
  renderedWith: VirtualizerOptions<TScroll, TItem>;
  /** Internal: shared with {@link useVirtualRows}. */
  direct: DirectDom<TScroll, TItem>;
};

/**
 * A vertical TanStack Virtual virtualizer for React in which scrolling re-renders only the component
 * that renders the rows ({@link useVirtualRows}), not the one that owns the virtualizer: rows and the
 * container's height are positioned by writing their styles directly, and the rows component renders
 * once per change of the rendered range. With `useVirtualizer` (and `directDomUpdates`) the owner,
 * the whole message list with its hooks, re-rendered on every such change (bench metric 3).
 */
export function useRowVirtualizer<TScroll extends Element, TItem extends Element>(
  options: RowVirtualizerOptions<TScroll, TItem>,
): RowVirtualizer<TScroll, TItem> {
  const rerenderOwner = useReducer((count: number) => count + 1, 0)[1];
  const [instance] = useState(() => {
    const direct: DirectDom<TScroll, TItem> = {
      container: null,
      lastSize: null,
      lastPositions: new WeakMap(),
      renderedIndexes: null,
      isMeasuring: false,
      closeRowBatch: undefined,
      rerenderRows: null,
      whileHidden: keepLayoutWhileHidden(),
      focusedRow: keepFocusedRow(),
      // `options` follows, once there is a virtualizer to set them on.
    } as DirectDom<TScroll, TItem>;
    const virtualizer = new Virtualizer<TScroll, TItem>(resolve(options, direct, rerenderOwner));
    direct.options = keepCommittedOptions(virtualizer, () =>
      renderWhereSmoothScrollIs(virtualizer),
    );
    // An instance field in virtual-core (not an option): set once, for both lists.
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = isEntirelyAboveView;
    direct.whileHidden.install(virtualizer);
    measureWhileSmoothScrolling(virtualizer);
    const measureElement = virtualizer.measureElement;
    direct.sweepRemovedRows = () => measureElement(null);
    // A row measured from its ref is positioned by useVirtualRows' layout effect, which runs after
    // the ref in the same commit, before paint.
    virtualizer.measureElement = (node) => {
      // A row leaving with the focus in it: see keepFocusInList (both lists scroll an HTML element).
      if (!node) keepFocusInList(virtualizer.scrollElement as HTMLElement | null);
      // The rows attaching in one commit are resized together, closed by useVirtualRows' layout
      // effect (after the refs), or at the end of the task for a measurement outside a commit.
      if (node && !direct.closeRowBatch) {
        direct.closeRowBatch = openRowBatch(virtualizer);
        if (direct.closeRowBatch) queueMicrotask(() => closeRowBatch(direct));
      }
      measureInCommit(direct, () => measureElement(node));
    };
    return Object.assign(virtualizer, {
      direct,
      renderedWith: virtualizer.options as VirtualizerOptions<TScroll, TItem>,
      containerRef: (element: HTMLElement | null) => {
        direct.container = element;
        direct.lastSize = null;
        direct.focusedRow.observe(element, (row) => virtualizer.indexFromElement(row as TItem));
        if (element !== null) applyDirectStyles(virtualizer, direct);
      },
    });
  });
  const renderedWith = resolve(options, instance.direct, rerenderOwner);
  instance.direct.options.render(renderedWith);
  instance.renderedWith = renderedWith;
  // Before refs (rows measured as they attach) and layout effects: a render resumed after it
  // yielded finds the committed options put back (see keepCommittedOptions).
  useInsertionEffect(() => instance.direct.options.commit(renderedWith));

  useClientLayoutEffect(() => instance._didMount(), [instance]);
  // Positions are written by useVirtualRows after each render (its component renders with this one).
  useClientLayoutEffect(() => instance._willUpdate());
  return instance;
}

/** Closes the open batch of row measurements, as a measurement made in the commit. */
function closeRowBatch(direct: { isMeasuring: boolean; closeRowBatch: (() => void) | undefined }) {
  const close = direct.closeRowBatch;
  direct.closeRowBatch = undefined;
  if (close) measureInCommit(direct, close);
}

/**
 * Runs a measurement made in React's commit, as a row's ref attaches: the rows it moves are
 * positioned by {@link useVirtualRows}' layout effect after it, so it does not re-render them
 * synchronously (`flushSync` inside a commit warns, and React would render them twice).
 */
export function measureInCommit(direct: { isMeasuring: boolean }, measure: () => void): void {
  direct.isMeasuring = true;
  try {
    measure();
  } finally {
    direct.isMeasuring = false;
  }
}

/**
 * The rows to render now; the calling component re-renders whenever they change (and the owner of
 * the virtualizer does not). Call it in exactly one component per virtualizer: the owner itself or a
 * child it always renders, since this hook also writes the positions after every render.
 */
export function useVirtualRows<TScroll extends Element, TItem extends Element>(
  virtualizer: RowVirtualizer<TScroll, TItem>,
  /**
   * From a rows component apart from the owner: the owner's `renderedWith` it got as a prop. Alone
   * (a scroll), it renders for the owner's last commit, not for an owner's render still pending.
   */
  ownerRenderedWith?: VirtualizerOptions<TScroll, TItem>,
): VirtualItem[] {
  const rerender = useReducer((count: number) => count + 1, 0)[1];
  const { direct } = virtualizer;
  if (ownerRenderedWith) direct.options.render(ownerRenderedWith);
  useClientLayoutEffect(() => {
    direct.rerenderRows = rerender;
    return () => {
      if (direct.rerenderRows === rerender) direct.rerenderRows = null;
    };
  }, [direct]);
  useClientLayoutEffect(() => {
    closeRowBatch(direct);
    applyDirectStyles(virtualizer, direct);
    // TanStack's sweep of rows no longer in the document, once this commit has removed them: React
    // detaches a row's ref before it removes the row, when the sweep still found it connected and
    // went on observing it. A row removed inside a ResizeObserver callback (the scroller's, as its
    // viewport changes size while the list scrolls and the rows render there synchronously) left a
    // notification that loop could not deliver (a removed element lies above all the list observes),
    // and Chromium reported "ResizeObserver loop completed with undelivered notifications".
    direct.sweepRemovedRows();
  });
  direct.renderedIndexes = virtualizer.getVirtualIndexes();
  return virtualizer.getVirtualItems();
}

function resolve<TScroll extends Element, TItem extends Element>(
  options: RowVirtualizerOptions<TScroll, TItem>,
  direct: DirectDom<TScroll, TItem>,
  rerenderOwner: () => void,
): VirtualizerOptions<TScroll, TItem> {
  const { whileHidden } = direct;
  const { getRowIdentity, ...virtualizerOptions } = options;
  return {
    ...virtualizerOptions,
    rangeExtractor: direct.focusedRow.rangeExtractorFor(
      getRowIdentity ?? options.getItemKey ?? identityIsIndex,
    ),
    ...whileHidden.options,
    scrollToFn: elementScroll,
    onChange: (instance, sync) => {
      applyDirectStyles(instance, direct);
      const indexes = instance.getVirtualIndexes();
      if (indexes !== direct.renderedIndexes) {
        direct.renderedIndexes = indexes;
        const rerender = direct.rerenderRows ?? rerenderOwner;
        // Synchronous while scrolling (no blank frame), but never from inside React's commit.
        if (sync && !direct.isMeasuring) flushSync(rerender);
        else rerender();
      }
    },
  };
}

/**
 * Lets rows be measured while any smooth scroll travels. During one TanStack measures only the rows
 * near its target, so that rows far from it cannot push the target away; the rows it skips (those
 * mounted as the scroll set off, and every one it passed) kept their estimated heights, and since a
 * row is measured only when it mounts or resizes, they kept them for good, drawn over one another,
 * or apart: after the pill's glide to the end, and the handle's glide to a message (the rows mounted
 * by its jump near, two screens away). Each frame of the scroll reads its target again, the end's
 * or the index's offset, and goes on to where measurements moved it; a glide covers two screens at
 * most (see jumpNear), so few do. Costs nothing per measurement or scroll frame.
 */
function measureWhileSmoothScrolling(virtualizer: object): void {
  // Were it renamed, TanStack would decide alone.
  const instance = virtualizer as VirtualCorePrivate;
  if (typeof instance.shouldMeasureDuringScroll === 'function') {
    instance.shouldMeasureDuringScroll = () => true;
  }
}

/**
 * After rows are added above the viewport (history prepended) while a smooth scroll travels, renders
 * the rows where the scroll element is. TanStack moves its offset by the added height at once (to the
 * rows the reader was on) but leaves the element where it is, as a write would cancel the animation,
 * and takes the element's offset back at the animation's next scroll event. Until then the rows were
 * rendered for a place the list was not at. That event can come frames later (a smooth scroll just
 * set off or retargeted reports late, later still under CPU load), and a second prepend in that time
 * moved the rows further, until none was on screen (the Chromium property test, under load). The
 * scroll goes on to the end either way; the rows are rendered as TanStack renders them after that
 * event. Called right after `setOptions`, before the render reads the rows.
 */
function renderWhereSmoothScrollIs(virtualizer: object): void {
  // Read as `_willUpdate` reads them to skip the write.
  const instance = virtualizer as VirtualCorePrivate;
  const anchor = instance.pendingScrollAnchor;
  const state = instance.scrollState;
  const offset = instance.scrollOffset;
  if (
    anchor?.kind !== 'anchor' ||
    typeof anchor.delta !== 'number' ||
    offset === null ||
    (state?.phase !== 'smooth' && state?.phase !== 'smoothLanded') ||
    typeof state.lastTargetOffset !== 'number'
  ) {
    return;
  }
  // A smooth scroll already at its target gets the anchor written, as when none travels.
  if (Math.abs(offset - anchor.delta - state.lastTargetOffset) < 1.01) return;
  instance.scrollOffset = offset - anchor.delta;
  instance.pendingScrollAnchor = null;
}

const identityIsIndex = (index: number) => index;

function applyItemPosition<TScroll extends Element, TItem extends Element>(
  start: number,
  element: Element,
  direct: DirectDom<TScroll, TItem>,
): void {
  if (direct.lastPositions.get(element) === start) return;
  direct.lastPositions.set(element, start);
  (element as HTMLElement).style.transform = `translate3d(0, ${start}px, 0)`;
}

function applyDirectStyles<TScroll extends Element, TItem extends Element>(
  virtualizer: Virtualizer<TScroll, TItem>,
  direct: DirectDom<TScroll, TItem>,
): void {
  if (!direct.container) return;
  const totalSize = virtualizer.getTotalSize();
  if (totalSize !== direct.lastSize) {
    direct.lastSize = totalSize;
    direct.container.style.height = `${totalSize}px`;
  }
  for (const item of virtualizer.getVirtualItems()) {
    const element = virtualizer.elementsCache.get(item.key);
    if (element) applyItemPosition(item.start - virtualizer.options.scrollMargin, element, direct);
  }
}
