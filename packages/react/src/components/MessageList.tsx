import type { Clock, ReceiptMessage } from '@readmark/core';
import {
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useReceiptEngine } from '../hooks/useReceiptEngine';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { commonEnds } from './commonEnds';
import { NewMessagesPill } from './NewMessagesPill';
import { sharedRunShift } from './sharedRunShift';
import { useHistoryWindow } from './useHistoryWindow';
import { type RowVirtualizer, useRowVirtualizer } from './useRowVirtualizer';
import { useVisibleReadMarking } from './useVisibleReadMarking';
import { VirtualRows } from './VirtualRows';

/** Distance (px) from the bottom that still counts as "at the end" (follow new messages, no pill). */
const END_THRESHOLD = 8;
/** Distance (px) from the top at which older history is requested. */
const LOAD_OLDER_THRESHOLD = 80;
const DEFAULT_ESTIMATED_SIZE = 64;
const DEFAULT_READ_DWELL_MS = 300;

/** Props of {@link MessageList}. */
export interface MessageListProps<TMessage extends ReceiptMessage> {
  /** The conversation shown; only its messages are marked read. */
  conversationId: string;
  /** Messages oldest first. Prepend older history, append new messages. */
  messages: readonly TMessage[];
  /**
   * Renders one message. Keep it stable (module-level or `useCallback`): rows are memoized on it,
   * which is what lets a receipt re-render only the rows it changes.
   */
  renderMessage: (message: TMessage) => ReactNode;
  /** Stable key of a message; defaults to `messageClientId`. */
  getMessageKey?: (message: TMessage) => string;
  /**
   * Height guess (px) before a row is measured; defaults to 64. Rows are measured afterwards. Keep it
   * stable (module-level or `useCallback`): a new function makes the virtualizer re-estimate every row.
   */
  estimateSize?: (message: TMessage) => number;
  /** Called when the user scrolls near the top, once per oldest message, to load older history. */
  onLoadOlder?: () => void;
  /** Whether messages seen in the list are marked read (sending receipts); defaults to true. */
  isMarkingRead?: boolean;
  /**
   * How long (ms) a row must stay at least half visible before it counts as read; defaults to 300,
   * so messages flung past while scrolling are not marked. 0 marks at first sight.
   */
  readDwellMs?: number;
  /**
   * Time and timers for `readDwellMs`; defaults to the engine's clock (its `clock` option), so
   * tests that give the engine a fake clock drive the dwell with it too.
   */
  clock?: Clock;
  /** Extra class on the list's frame (give it a height); the default look comes from `.readmark-message-list`. */
  className?: string;
  /**
   * Accessible name of the scrollable region; defaults to the localized "Messages". Give each list
   * its own name when a page shows several (e.g. "Chat with Bob"), so screen readers can tell them apart.
   */
  label?: string;
}

const defaultKey = (message: ReceiptMessage) => message.messageClientId;

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

function isObject<T>(value: T): value is T & object {
  return typeof value === 'object' && value !== null;
}

/** The app's key for a message, or undefined when it throws or gives no usable (non-empty) string. */
function usableKey<T>(getKey: (message: T) => string, message: T): string | undefined {
  try {
    const key = getKey(message);
    return typeof key === 'string' && key !== '' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A virtualized chat message list (@tanstack/react-virtual) with variable row heights, anchored at the
 * end: it opens at the newest message, follows new messages while at the bottom, keeps its place when
 * older history is prepended, and shows a "new messages" pill when scrolled up.
 *
 * It marks incoming messages read only when at least half of the row has been visible for
 * `readDwellMs` while the page is visible and focused, re-checking on scroll, resize, new messages,
 * visibility and focus changes.
 */
export function MessageList<TMessage extends ReceiptMessage>({
  conversationId,
  messages: rawMessages,
  renderMessage,
  getMessageKey: rawGetMessageKey = defaultKey,
  estimateSize,
  onLoadOlder,
  isMarkingRead = true,
  readDwellMs = DEFAULT_READ_DWELL_MS,
  clock,
  className,
  label,
}: MessageListProps<TMessage>) {
  const engine = useReceiptEngine();
  // Bad data must not throw during render: non-objects are skipped, keys fall back to position.
  // The app's own array is kept when it is clean (the usual case): a filtered copy of a long
  // history cost 0.8 MB per 100,000 messages, again on every new message.
  const allMessages = useMemo(
    () =>
      Array.isArray(rawMessages)
        ? rawMessages.every((message) => isObject(message))
          ? rawMessages
          : rawMessages.filter(isObject)
        : [],
    [rawMessages],
  );
  const getMessageKey = useMemo(() => {
    // Positions for keyless messages, built on the first one asked for: `indexOf` per keyless
    // message made each pass over the rows (pill count, read marking) O(messages²).
    let firstIndexOf: Map<TMessage, number> | undefined;
    return (message: TMessage): string => {
      const key = usableKey(rawGetMessageKey, message);
      if (key !== undefined) return key;
      if (!firstIndexOf) {
        firstIndexOf = new Map();
        // Backwards, so a message given twice keeps its first position.
        for (let index = allMessages.length - 1; index >= 0; index--) {
          firstIndexOf.set(allMessages[index]!, index);
        }
      }
      return `#${firstIndexOf.get(message) ?? -1}`;
    };
  }, [rawGetMessageKey, allMessages]);
  // A long history is virtualized from its newest messages, growing as the reader scrolls up.
  const history = useHistoryWindow({ messages: allMessages, keyOf: getMessageKey, conversationId });
  const messages = history.messages;
  const strings = useReceiptStrings();
  const scrollRef = useRef<HTMLElement | null>(null);

  // Stable while the messages are: the virtualizer recomputes every row's position (all 100,000 of
  // a long history) whenever these functions change, so fresh ones per render made each scroll
  // frame O(messages).
  const estimateItemSize = useCallback(
    (index: number) => {
      const message = messages[index];
      return message && estimateSize ? estimateSize(message) : DEFAULT_ESTIMATED_SIZE;
    },
    [messages, estimateSize],
  );
  // The virtualizer's keys are plain numbers, `base + index`: its pass over every message at mount
  // (and from a re-measured row to the end) looks each key up in its size cache, and hashing
  // 100,000 fresh key strings was most of a 100,000-message mount (bench metric 4: ~25 -> ~10 ms).
  // `base` moves with prepends (and messages dropped from the front), so a message keeps its key and
  // its measured height; any other change (another conversation, a message removed or inserted in
  // the middle) starts a new range of keys, carrying over the heights of the messages kept around a
  // change in the middle.
  const virtualizerRef = useRef<RowVirtualizer<HTMLElement, HTMLDivElement> | null>(null);
  const keySpaceRef = useRef<KeySpace<TMessage> | null>(null);
  const keySpace = useMemo(() => {
    const previous = keySpaceRef.current;
    if (previous?.messages === messages && previous.conversationId === conversationId) {
      return previous;
    }
    // No usable key: only the same object matches.
    const keyOf = (message: TMessage): unknown => usableKey(rawGetMessageKey, message) ?? message;
    const shift =
      previous && previous.conversationId === conversationId
        ? sharedRunShift({ previous: previous.messages, next: messages, keyOf })
        : undefined;
    const nextFree = previous?.nextFree ?? 0;
    const newBase = nextFree > MAX_KEY_BASE ? 0 : nextFree;
    const sizes = virtualizerRef.current?.itemSizeCache;
    if (previous && shift === undefined && sizes && previous.conversationId === conversationId) {
      // A message removed or inserted in the middle: the messages around it keep their measured
      // heights under their new keys (the rest is measured again), so nothing on screen jumps.
      const { prefix, suffix } = commonEnds({ previous: previous.messages, next: messages, keyOf });
      const moved: [number, number][] = [];
      for (const [key, size] of sizes) {
        const index = typeof key === 'number' ? key - previous.base : -1;
        if (index < 0 || index >= previous.messages.length) continue;
        if (index < prefix) moved.push([newBase + index, size]);
        else if (index >= previous.messages.length - suffix) {
          moved.push([newBase + index + messages.length - previous.messages.length, size]);
        }
      }
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
  }, [messages, conversationId, rawGetMessageKey]);
  const { base: keyBase, generation: keyGeneration } = keySpace;
  const getItemKey = useCallback((index: number) => keyBase + index, [keyBase]);
  const virtualizer = useRowVirtualizer<HTMLElement, HTMLDivElement>({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateItemSize,
    getItemKey,
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
  useLayoutEffect(() => {
    if (scrolledToEndForRef.current === conversationId || messages.length === 0) return;
    scrolledToEndForRef.current = conversationId;
    virtualizer.scrollToEnd();
  }, [conversationId, messages.length, virtualizer]);

  // --- "at the end" and the new-messages pill ---
  const [isAtEnd, setIsAtEnd] = useState(true);
  const isAtEndRef = useRef(isAtEnd);
  const lastKey =
    allMessages.length > 0 ? getMessageKey(allMessages[allMessages.length - 1]!) : undefined;
  const [seenLastKey, setSeenLastKey] = useState(lastKey);
  if (isAtEnd && seenLastKey !== lastKey) setSeenLastKey(lastKey);
  let newMessageCount = 0;
  // Scanned only while scrolled away, and from the end: the last seen message is among the newest,
  // so a render while scrolling through a long history does not walk all of it. No pill when the
  // last seen message is gone (nothing to count from).
  if (!isAtEnd && seenLastKey !== undefined) {
    let unseenCount = 0;
    for (let index = allMessages.length - 1; index >= 0; index--) {
      const message = allMessages[index]!;
      if (getMessageKey(message) === seenLastKey) {
        newMessageCount = unseenCount;
        break;
      }
      // Only others' messages count as "new": my own sends are not news to me.
      if (message.senderId !== engine.accountId) unseenCount++;
    }
  }

  // --- marking read from what is really on screen ---
  const checkVisible = useVisibleReadMarking({
    scrollRef,
    virtualizer,
    messages,
    getMessageKey,
    conversationId,
    isEnabled: isMarkingRead,
    dwellMs: readDwellMs,
    clock,
  });

  const latest = useRef({ allMessages, history, getMessageKey, onLoadOlder });
  useLayoutEffect(() => {
    latest.current = { allMessages, history, getMessageKey, onLoadOlder };
  });
  const loadOlderForKeyRef = useRef<string | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new conversation asks for its own history
  useEffect(() => {
    loadOlderForKeyRef.current = undefined;
  }, [conversationId]);

  const handleFrame = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    // The virtualizer's own numbers (its scroll listener runs before this one): reading the
    // element's scrollHeight here forced a layout in the middle of every scroll frame.
    // Set only when it changes: setting the same value still re-ran this component once per scroll
    // frame (React cannot skip it early while the list's last render is pending cleanup), doubling
    // the list renders while scrolling (bench metric 3).
    const isNowAtEnd = virtualizer.isAtEnd(END_THRESHOLD);
    if (isNowAtEnd !== isAtEndRef.current) {
      isAtEndRef.current = isNowAtEnd;
      setIsAtEnd(isNowAtEnd);
    }
    const scrollTop = virtualizer.scrollOffset ?? element.scrollTop;
    const {
      allMessages: all,
      history: shown,
      getMessageKey: keyOf,
      onLoadOlder: loadOlder,
    } = latest.current;
    if (shown.hasOlder) {
      // Older messages the app already gave are added to the window a little before the reader
      // reaches its top, so scrolling up never stops at it.
      if (scrollTop <= element.clientHeight * 2) shown.extend();
    } else {
      const first = all[0];
      if (loadOlder && first && scrollTop <= LOAD_OLDER_THRESHOLD) {
        const firstKey = keyOf(first);
        // Ask once per oldest message: repeated scroll events must not pile up requests.
        if (loadOlderForKeyRef.current !== firstKey) {
          loadOlderForKeyRef.current = firstKey;
          loadOlder();
        }
      }
    }
    checkVisible();
  }, [checkVisible, virtualizer]);

  // One update per animation frame, for scrolls, resizes and renders alike: scroll events come
  // several per frame, and each update reads layout; read in the frame callback it costs no extra
  // layout, and a scroll frame that also renders rows still runs one update (bench metric 3). Resizes
  // are deferred too: state set inside a ResizeObserver callback would re-layout within the same
  // observation and trigger "ResizeObserver loop" warnings.
  const frameRef = useRef(0);
  const scheduleFrame = useCallback(() => {
    const win = scrollRef.current?.ownerDocument.defaultView;
    if (frameRef.current !== 0 || !win) return;
    frameRef.current = win.requestAnimationFrame(() => {
      frameRef.current = 0;
      handleFrame();
    });
  }, [handleFrame]);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const win = element.ownerDocument.defaultView;
    element.addEventListener('scroll', scheduleFrame, { passive: true });
    const resizeObserver =
      win && 'ResizeObserver' in win ? new win.ResizeObserver(scheduleFrame) : undefined;
    resizeObserver?.observe(element);
    return () => {
      win?.cancelAnimationFrame(frameRef.current);
      frameRef.current = 0;
      element.removeEventListener('scroll', scheduleFrame);
      resizeObserver?.disconnect();
    };
  }, [scheduleFrame]);

  const scrollToLatest = () => {
    const prefersReducedMotion =
      scrollRef.current?.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)')
        .matches ?? true;
    virtualizer.scrollToEnd({ behavior: prefersReducedMotion ? 'auto' : 'smooth' });
  };

  // A new range of keys re-registers every mounted row under its new key (a new ref function makes
  // React call it again); rows keep their DOM and content, keyed by message.
  const registeredRef = useRef(new WeakMap<Element, number>());
  const measureRow = useCallback(
    (element: HTMLDivElement | null) => {
      virtualizer.measureElement(element);
      if (!element) return;
      const registeredIn = registeredRef.current.get(element);
      registeredRef.current.set(element, keyGeneration);
      if (registeredIn === undefined || registeredIn === keyGeneration) return;
      // A kept row under a new key whose height was not carried over: its ResizeObserver reports
      // nothing (its size did not change) and the virtualizer skips measuring while scrolling.
      const index = Number(element.dataset.index);
      if (!virtualizer.itemSizeCache.has(virtualizer.options.getItemKey(index))) {
        virtualizer.resizeItem(
          index,
          virtualizer.options.measureElement(element, undefined, virtualizer),
        );
      }
    },
    [virtualizer, keyGeneration],
  );
  const renderRow = renderMessage as (message: ReceiptMessage) => ReactNode;
  return (
    <div
      className={className ? `readmark-message-list ${className}` : 'readmark-message-list'}
      data-at-end={isAtEnd}
      // The frame takes the app's size (via className); the scroller fills it and the pill floats over it.
      style={{ position: 'relative', display: 'flex', flexDirection: 'column' }}
    >
      <section
        ref={scrollRef}
        aria-label={label || strings.messageListLabel}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable to scroll it by keyboard
        tabIndex={0}
        className="readmark-message-scroller"
        style={{ flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowAnchor: 'none' }}
      >
        {/* The virtualizer writes this container's height. */}
        <div ref={virtualizer.containerRef} style={{ position: 'relative', width: '100%' }}>
          <VirtualRows
            virtualizer={virtualizer}
            messages={messages}
            getMessageKey={getMessageKey}
            measureRow={measureRow}
            renderRow={renderRow}
            onRendered={scheduleFrame}
          />
        </div>
      </section>
      {/* Polite region so screen-reader users also learn that messages arrived below. */}
      <div aria-live="polite">
        {newMessageCount > 0 && (
          <NewMessagesPill count={newMessageCount} onClick={scrollToLatest} />
        )}
      </div>
    </div>
  );
}
