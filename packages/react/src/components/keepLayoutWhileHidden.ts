import {
  measureElement as measureElementSize,
  observeElementOffset,
  observeElementRect,
  type Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { isScrollingToEnd } from './virtualCorePrivate';

type Options<TScroll extends Element, TItem extends Element> = VirtualizerOptions<TScroll, TItem>;

/** What {@link keepLayoutWhileHidden} gives a virtualizer: three options and its instance methods. */
export interface LayoutKeptWhileHidden<TScroll extends Element, TItem extends Element> {
  /** Options to spread into the virtualizer's. */
  options: {
    /** TanStack's measurement, not taken while hidden. */
    measureElement: Options<TScroll, TItem>['measureElement'] & {};
    /** TanStack's, not taken while hidden, restoring when shown. */
    observeElementRect: Options<TScroll, TItem>['observeElementRect'];
    /** TanStack's, not taken while hidden. */
    observeElementOffset: Options<TScroll, TItem>['observeElementOffset'];
  };
  /** Wraps the instance's `getDistanceFromEnd` and `scrollToEnd`; call once, after creating it. */
  install: (virtualizer: Virtualizer<TScroll, TItem>) => void;
  /**
   * While the element is not rendered (or not yet restored), keeps `run` for the frame after it is
   * shown again, after any scroll to the end, and returns true; else returns false. `run` must do
   * nothing when run again, at later showings.
   */
  whenShown: (instance: Virtualizer<TScroll, TItem>, run: () => void) => boolean;
}

/**
 * Keeps a virtualizer's layout while its scroll element is not rendered (`display: none` on it or an
 * ancestor, e.g. a tab panel with the `hidden` attribute, kept mounted) and restores its place when
 * it is shown again. While hidden, the element, its rows and its scroll offset all read 0 and the
 * browser drops scroll writes: taken as they came, the 0 sizes collapsed every measured row onto one
 * place, the 0 viewport rendered no rows, and any list counted as at its end, so the list came back
 * blank or cut off until the user scrolled. So no 0 is taken while hidden (the last real layout is
 * kept), "at the end" answers from the virtualizer's own numbers, a scroll to the end waits, and once
 * shown (rows re-measure through their ResizeObservers) a list that was following its newest row
 * goes to its end, any other back to the offset the virtualizer kept.
 *
 * Nothing here runs per scroll frame beyond one comparison: the DOM is asked only when a row or the
 * viewport measures 0, or when the element reports the list at its very end.
 */
export function keepLayoutWhileHidden<
  TScroll extends Element,
  TItem extends Element,
>(): LayoutKeptWhileHidden<TScroll, TItem> {
  /** Null while rendered; `isFollowing`: it goes to its end when shown. */
  let hidden: { isFollowing: boolean } | null = null;
  /**
   * What a scroll asked for while hidden (a jump to a message) runs when shown; kept, it runs at
   * each later showing too, with nothing left to do.
   */
  let onShown: (() => void) | undefined;

  const noteHidden = (instance: Virtualizer<TScroll, TItem>) => {
    if (hidden) return;
    // Decided now, from the virtualizer's numbers: still those of the last layout. Hidden in the
    // middle of a scroll to the end, the list is not at its end by those numbers yet (the rows it
    // scrolled to were still being measured) but is going there.
    const { anchorTo, followOnAppend, scrollEndThreshold } = instance.options;
    hidden = {
      isFollowing:
        anchorTo === 'end' &&
        Boolean(followOnAppend) &&
        (virtualDistanceFromEnd(instance) <= scrollEndThreshold || isScrollingToEnd(instance)),
    };
  };

  const noteShown = (instance: Virtualizer<TScroll, TItem>, isFollowing: boolean) => {
    hidden = null;
    const element = instance.scrollElement;
    if (!element) return;
    // This frame shows the rows the virtualizer kept, where it kept them: the browser restores the
    // element's own offset, which can differ (a write that landed just before the list was hidden,
    // with no scroll event to tell the virtualizer; a correction made while hidden).
    const offset = instance.scrollOffset;
    if (offset !== null && Math.abs(element.scrollTop - offset) >= 1) {
      instance.scrollToOffset(offset);
    }
    if (!isFollowing && !onShown) return;
    // To the end on the next frame, not in this ResizeObserver callback: rows rendered and measured
    // here resize observed elements within the same observation ("ResizeObserver loop" errors).
    instance.targetWindow?.requestAnimationFrame(() => {
      if (hidden || instance.scrollElement !== element) return;
      if (isFollowing) {
        instance.scrollToEnd();
        // Read back through the virtualizer's own scroll handling now, so the rows there render in
        // this frame rather than one later, and even when the write fires no scroll event (the
        // element was already there).
        element.dispatchEvent(new Event('scroll'));
      }
      onShown?.();
    });
  };

  return {
    options: {
      measureElement: (element, entry, instance) => {
        const size = measureElementSize(element, entry, instance);
        if (size !== 0 || hasLayoutBox(instance.scrollElement)) return size;
        noteHidden(instance);
        // What the virtualizer already has, so nothing changes (as with its `useCachedMeasurements`);
        // the row's ResizeObserver reports its real size once it is shown.
        const index = instance.indexFromElement(element);
        return (
          instance.itemSizeCache.get(instance.options.getItemKey(index)) ??
          instance.options.estimateSize(index)
        );
      },
      observeElementRect: (instance, onRect) =>
        observeElementRect(instance, (rect) => {
          if (rect.height === 0 && !hasLayoutBox(instance.scrollElement)) {
            // A 0 viewport renders no rows: the last real one is kept while hidden.
            noteHidden(instance);
            return;
          }
          const wasHidden = hidden;
          onRect(rect);
          if (wasHidden) noteShown(instance, wasHidden.isFollowing);
        }),
      observeElementOffset: (instance, onOffset) =>
        observeElementOffset(instance, (offset, isScrolling) => {
          // Hidden, the element reads scrolled to the top: taken, that 0 became the offset the list
          // was put back at when shown (seen on a cold test run, where the read landed while hidden).
          if (offset === 0 && !hasLayoutBox(instance.scrollElement)) return;
          onOffset(offset, isScrolling);
        }),
    },
    install: (virtualizer) => {
      const getDistanceFromEnd = virtualizer.getDistanceFromEnd;
      virtualizer.getDistanceFromEnd = () => {
        if (!hidden) {
          const distance = getDistanceFromEnd();
          // Hidden, the element says any list is at its end (all its numbers are 0), and the
          // virtualizer then followed appends with writes the browser drops. Asked only at 0, and
          // its clientHeight is already laid out then (the distance just read it).
          if (distance > 0 || !isNotRendered(virtualizer.scrollElement)) return distance;
          noteHidden(virtualizer);
        }
        return hidden?.isFollowing ? 0 : virtualDistanceFromEnd(virtualizer);
      };
      const scrollToEnd = virtualizer.scrollToEnd;
      virtualizer.scrollToEnd = (scrollOptions) => {
        if (!hidden) {
          scrollToEnd(scrollOptions);
          return;
        }
        // Following an append, or opening at the newest message, while hidden: done when shown.
        hidden.isFollowing = true;
      };
    },
    whenShown: (instance, run) => {
      // Not yet restored: shown in this commit, its ResizeObserver (which restores the kept place,
      // over any scroll written before) still to report.
      if (!hidden && hasLayoutBox(instance.scrollElement)) return false;
      onShown = run;
      return true;
    },
  };
}

/** False for no element, or one with no layout box: under `display: none`, or not connected. */
function hasLayoutBox(element: Element | null): boolean {
  return element !== null && element.getClientRects().length > 0;
}

function isNotRendered(element: Element | null): boolean {
  return element !== null && element.clientHeight === 0 && !hasLayoutBox(element);
}

/** The distance from the end by the virtualizer's own numbers, not the element's. */
function virtualDistanceFromEnd<TScroll extends Element, TItem extends Element>(
  instance: Virtualizer<TScroll, TItem>,
): number {
  const { initialRect, initialOffset, scrollMargin } = instance.options;
  const viewport = (instance.scrollRect ?? initialRect).height;
  const offset =
    instance.scrollOffset ??
    (typeof initialOffset === 'function' ? initialOffset() : initialOffset);
  return Math.max(instance.getTotalSize() + scrollMargin - viewport - offset, 0);
}
