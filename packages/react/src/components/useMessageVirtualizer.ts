import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { forEachKeptMessage } from './forEachKeptMessage';
import { sharedRunShift } from './sharedRunShift';
import { stopScrollToEndOnUserScroll } from './stopScrollToEndOnUserScroll';
import { measureInCommit, type RowVirtualizer, useRowVirtualizer } from './useRowVirtualizer';
import type { VirtualCorePrivate } from './virtualCorePrivate';

/** Distance (px) from the bottom that still counts as "at the end" (follow new messages, no pill). */
export const END_THRESHOLD = 8;
const DEFAULT_ESTIMATED_SIZE = 64;
/** Beyond this, key ranges start again at 0 (keys stay small integers, cheap to hash). */
const MAX_KEY_BASE = 2 ** 29;

/** The virtualizer's keys for one messages array: `base + index`. */
interface KeySpace<TMessage> {
  messages: readonly TMessage[];
  conversationId: string;
  base: number;
  /** Changes when keys start a new range (not for prepends). */
  generation: number;
  /** The first key not given out yet. */
  nextFree: number;
}

/**
 * `MessageList`'s virtualizer over `messages`: anchored at the end and opened at the newest message
 * (again for another conversation), keyed by plain numbers that keep each message's key, and so its
 * measured height, when history is prepended; with the ref callback that measures its rows
 * (`measureRow`), again after keys start a new range.
 */
export function useMessageVirtualizer<TMessage>(
  scrollRef: RefObject<HTMLElement | null>,
  messages: readonly TMessage[],
  conversationId: string,
  /** A message's key: the app's, or for a message without one, one for its object (never throws). */
  getMessageKey: (message: TMessage) => string,
  estimateSize: ((message: TMessage) => number) | undefined,
): [
  virtualizer: RowVirtualizer<HTMLElement, HTMLElement>,
  measureRow: (element: HTMLElement | null) => void,
] {
  // Stable while the messages are: the virtualizer recomputes every row's position (all 100,000 of
  // a long history) whenever these functions change, so fresh ones per render made each scroll
  // frame O(messages).
  const estimateItemSize = useCallback(
    (index: number) => {
      const message = messages[index];
      const size = message && estimateSize ? estimateSize(message) : DEFAULT_ESTIMATED_SIZE;
      // The app's estimate from bad data (NaN from a missing field, 0, a string) put every row at
      // the top, where the newest messages were never rendered: it gets the default instead.
      return typeof size === 'number' && size > 0 && size < Number.POSITIVE_INFINITY
        ? size
        : DEFAULT_ESTIMATED_SIZE;
    },
    [messages, estimateSize],
  );
  // The virtualizer's keys are plain numbers, `base + index`: its pass over every message at mount
  // (and from a re-measured row to the end) looks each key up in its size cache, and hashing
  // 100,000 fresh key strings was most of a 100,000-message mount (bench metric 4: ~25 -> ~10 ms).
  // `base` moves with prepends (and messages dropped from the front), so a message keeps its key and
  // its measured height; any other change (another conversation, a message removed, inserted or
  // re-sorted in the middle) starts a new range of keys, carrying over the heights of the messages
  // kept.
  const virtualizerRef = useRef<RowVirtualizer<HTMLElement, HTMLElement> | null>(null);
  const keySpaceRef = useRef<KeySpace<TMessage> | null>(null);
  const keyOf = getMessageKey;
  const keySpace = useMemo(() => {
    const previous = keySpaceRef.current;
    if (previous?.messages === messages && previous.conversationId === conversationId) {
      return previous;
    }
    const shift =
      previous && previous.conversationId === conversationId
        ? sharedRunShift(previous.messages, messages, keyOf)
        : undefined;
    const nextFree = previous?.nextFree ?? 0;
    const newBase = nextFree > MAX_KEY_BASE ? 0 : nextFree;
    const sizes = virtualizerRef.current?.itemSizeCache;
    if (previous && shift === undefined && sizes && previous.conversationId === conversationId) {
      // A message removed, inserted or re-sorted in the middle: the messages kept keep their
      // measured heights under their new keys (the rest is measured again), so nothing on screen
      // jumps and a reader at the newest message stays there.
      const moved: [number, number][] = [];
      forEachKeptMessage(previous.messages, messages, keyOf, (from, to) => {
        const size = sizes.get(previous.base + from);
        if (size !== undefined) moved.push([newBase + to, size]);
      });
      for (const [key, size] of moved) sizes.set(key, size);
    }
    const space: KeySpace<TMessage> =
      previous && shift !== undefined
        ? {
            messages,
            conversationId,
            base: previous.base - shift,
            generation: previous.generation,
            nextFree: Math.max(nextFree, previous.base - shift + messages.length),
          }
        : {
            messages,
            conversationId,
            // Past every key given out before, so no stale measurement matches; wraps long before
            // leaving the small-integer range.
            base: newBase,
            generation: (previous?.generation ?? -1) + 1,
            nextFree: newBase + messages.length,
          };
    keySpaceRef.current = space;
    return space;
  }, [messages, conversationId, keyOf]);
  const { base: keyBase, generation: keyGeneration } = keySpace;
  const getItemKey = useCallback((index: number) => keyBase + index, [keyBase]);
  // The focused row is followed by its message's key: its virtualizer key changes when keys start
  // a new range.
  const getRowIdentity = useCallback(
    (index: number) => {
      const message = keySpace.messages[index];
      return message === undefined ? undefined : keyOf(message);
    },
    [keySpace, keyOf],
  );
  const virtualizer = useRowVirtualizer<HTMLElement, HTMLElement>({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateItemSize,
    getItemKey,
    getRowIdentity,
    // Start at the end (the estimated total height): from offset 0 the first render mounted and
    // measured the oldest rows, and each of those measurements re-walked every message after it,
    // 17 passes over a 100,000-message history on mount.
    // The virtualizer's own total (its position pass runs at mount anyway), not a second pass. It
    // first asks once the list has mounted, when the ref is set.
    initialOffset: () => virtualizerRef.current?.getTotalSize() ?? 0,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: END_THRESHOLD,
    // Scrolling moves rows by writing their transforms directly; only VirtualRows re-renders, when
    // the range of rows changes (bench metric 3: frame times against a bare DOM list). Rendering rows
    // in batches of several (fewer renders) was measured too: median frames halved, but the frames
    // that mount a batch pushed p95 to 1.4x the bare list (BENCHMARKS.md, metric 3).
    overscan: 6,
  });
  // The instance is created once and kept; initialOffset reads its total through this ref.
  virtualizerRef.current = virtualizer;

  // Open at the newest message (again when another conversation is shown); later appends are
  // followed by the virtualizer itself.
  const scrolledToEndForRef = useRef<string | null>(null);
  // Another conversation's rows are rendered at its end too, from the same initial offset (its
  // total): read from the offset the one before was left at (a short chat's top), they were
  // rendered there first, mounting ticks and badges of rows never shown, before the effect below
  // took the list to its end. A render not committed has the offset put back (keepCommittedOptions).
  if (scrolledToEndForRef.current !== conversationId && messages.length > 0) {
    (virtualizer as unknown as VirtualCorePrivate).scrollOffset = null;
  }
  useClientLayoutEffect(() => {
    if (scrolledToEndForRef.current === conversationId || messages.length === 0) return;
    scrolledToEndForRef.current = conversationId;
    virtualizer.scrollToEnd();
  }, [conversationId, messages.length, virtualizer]);

  // The reader scrolling while the list goes to the end (the pill's smooth scroll) stops it there.
  useEffect(() => {
    const element = scrollRef.current;
    return element ? stopScrollToEndOnUserScroll(element, virtualizer) : undefined;
  }, [scrollRef, virtualizer]);

  // A new range of keys re-registers every mounted row under its new key (a new ref function makes
  // React call it again); rows keep their DOM and content, keyed by message.
  const registeredRef = useRef(new WeakMap<Element, number>());
  const measureRow = useCallback(
    (element: HTMLElement | null) => {
      virtualizer.measureElement(element);
      if (!element) return;
      const registeredIn = registeredRef.current.get(element);
      registeredRef.current.set(element, keyGeneration);
      if (registeredIn === undefined || registeredIn === keyGeneration) return;
      // A kept row under a new key whose height was not carried over: its ResizeObserver reports
      // nothing (its size did not change) and the virtualizer skips measuring while scrolling.
      const index = Number(element.dataset.index);
      if (!virtualizer.itemSizeCache.has(virtualizer.options.getItemKey(index))) {
        // As the row's ref attaches: a synchronous re-render of the rows here warned ("flushSync
        // was called from inside a lifecycle method") as a deferred search filter re-keyed rows.
        measureInCommit(virtualizer.direct, () =>
          virtualizer.resizeItem(
            index,
            virtualizer.options.measureElement(element, undefined, virtualizer),
          ),
        );
      }
    },
    [virtualizer, keyGeneration],
  );
  return [virtualizer, measureRow];
}
