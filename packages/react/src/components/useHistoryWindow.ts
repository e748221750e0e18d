import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { lastIndexOfKey } from './lastIndexOfKey';
import { messageAtEdge } from './messageAtEdge';

/** Newest messages given to the virtualizer when a long history is first shown. */
export const HISTORY_WINDOW = 2_000;
/** Older messages added each time the reader nears the top of the window. */
export const HISTORY_STEP = 1_000;

interface WindowAnchor {
  conversationId: string;
  /** False until the conversation's history first arrives (an empty list decides nothing). */
  isDecided: boolean;
  /** Key of the window's first message; undefined when the window holds the whole history. */
  key: string | undefined;
}

/**
 * The part of a long history that the list virtualizes: the newest `HISTORY_WINDOW` messages when a
 * conversation's history first arrives, growing by `HISTORY_STEP` older ones whenever the reader nears
 * its top (`extend`), and always up to the newest message. Shorter histories are shown whole.
 * Returns the window, `extend` (down to an index of `messages` when given, for a message scrolled
 * to), which is undefined while the window holds the whole history, the message just above the
 * window (the first row's previous one) and the index in `messages` where the window starts.
 *
 * `messages` is the app's array as given: an entry that is not a message (not an object: bad data)
 * has the key `''` and is left out of the window, which is checked alone. Checking all of a
 * 100,000-message history before windowing it was the largest cost of its mount left (bench metric
 * 4), and again on every new message.
 *
 * A virtualizer keeps per-message positions for everything it is given, so a 100,000-message history
 * cost its full position pass at mount and ~3 MB of arrays (bench metrics 4 and 8) although a reader
 * sees the last screens first. Growing the window looks to the virtualizer like older history being
 * prepended, which the list already handles without moving what is on screen.
 *
 * The window is anchored by its first message's key, so messages the app appends or prepends keep it
 * in place. A history that shares nothing with the previous one (another conversation's messages
 * arriving a render after its id, a reload) is windowed afresh.
 */
export function useHistoryWindow<TMessage>(
  messages: readonly TMessage[],
  /** A message's key; `''` for an entry that is not a message. */
  keyOf: (message: TMessage) => string,
  conversationId: string,
): [
  window: readonly TMessage[],
  extend: ((toIndex?: number) => void) | undefined,
  above: TMessage | undefined,
  start: number,
] {
  // Decided as the list mounts, not by a state update during its first render, which ran the
  // list's render (all of its hooks) twice in every mount.
  const [mounted] = useState(() => firstWindow(messages, keyOf, conversationId));
  // The anchor as the last commit left it, or as `extend` set it since (rendering again for it). A
  // render adjusts it to its messages and conversation, and commits that (below): set by a state
  // update during render, for each conversation shown and each first message removed, it ran the
  // list's render twice.
  const anchorRef = useRef<WindowAnchor>(mounted[1]);
  const anchor = anchorRef.current;
  const rerender = useReducer((count: number) => count + 1, 0)[1];
  // The messages and where the window's first message was last found: appends keep its index,
  // prepends shift it by the number added, so it is found without scanning the history.
  const lastRef = useRef<[messages: readonly TMessage[], start: number]>([messages, mounted[0]]);

  const [start, next] = useMemo(() => {
    const current: WindowAnchor =
      anchor.conversationId === conversationId
        ? anchor
        : { conversationId, isDecided: false, key: undefined };
    // Decided here, it starts where it was put: looking for its first message walked the window
    // (2,000 key reads in the mount of a long history).
    if (!current.isDecided) {
      const decided = firstWindow(messages, keyOf, conversationId);
      if (decided[1].isDecided) return decided;
    }
    const [lastMessages, lastStart] = lastRef.current;
    const found =
      current.key === undefined
        ? 0
        : findKey(messages, keyOf, current.key, lastMessages, lastStart);
    if (found >= 0) return [found, current] as const;
    return startingAt(
      messages,
      keyOf,
      conversationId,
      sharesNothing(lastMessages, messages, keyOf)
        ? Math.max(0, messages.length - HISTORY_WINDOW)
        : // Its first message was removed by the app: the window starts where it was.
          Math.min(lastStart, Math.max(0, messages.length - 1)),
    );
  }, [anchor, conversationId, messages, keyOf]);
  // Unless `extend` moved it meanwhile (a render older than that committing after it).
  useClientLayoutEffect(() => {
    if (anchorRef.current === anchor) anchorRef.current = next;
  });
  lastRef.current = [messages, start];

  const [windowed, above] = useMemo(() => {
    const shown = start === 0 ? messages : messages.slice(start);
    return [onlyObjects(shown), messages[lastObjectIndex(messages, start)]] as const;
  }, [messages, start]);
  const extend = useCallback(
    (toIndex?: number) => {
      // HISTORY_STEP more, or down to `toIndex` (a message scrolled to) when that is further.
      anchorRef.current = startingAt(
        messages,
        keyOf,
        conversationId,
        Math.max(0, Math.min(start - HISTORY_STEP, toIndex ?? start)),
      )[1];
      rerender();
    },
    [start, messages, keyOf, conversationId],
  );
  return [windowed, start > 0 ? extend : undefined, above, start];
}

/**
 * The window of a history as it first arrives: its newest `HISTORY_WINDOW` messages. Undecided
 * while it holds no message: entries but no message (bad data only) are no history yet, as an
 * empty array is; decided on them, the whole history that came next was never windowed. (Entries
 * are read here, not keys: a short history's mount reads no more keys.)
 */
function firstWindow<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  conversationId: string,
): [start: number, anchor: WindowAnchor] {
  if (messages.length > 0) {
    const decided = startingAt(
      messages,
      keyOf,
      conversationId,
      Math.max(0, messages.length - HISTORY_WINDOW),
    );
    if (decided[0] > 0 || lastObjectIndex(messages) >= 0) return decided;
  }
  return [0, { conversationId, isDecided: false, key: undefined }];
}

/**
 * A window from the message at `index` (or the first one older than it, when that entry is not a
 * message) to the newest; none at 0 (the whole history).
 */
function startingAt<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  conversationId: string,
  index: number,
): [start: number, anchor: WindowAnchor] {
  for (; index > 0; index--) {
    const key = keyOf(messages[index]!);
    if (key !== '') return [index, { conversationId, isDecided: true, key }];
  }
  return [0, { conversationId, isDecided: true, key: undefined }];
}

/**
 * The index of the last object (a message) in `list` before `end` (default: all of it), looked for
 * from there back; -1 for none.
 */
function lastObjectIndex(list: readonly unknown[], end = list.length): number {
  let index = end - 1;
  while (index >= 0 && !isObject(list[index])) index--;
  return index;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** `list` itself when all of it is objects (the usual case), else a copy without the rest. */
function onlyObjects<T>(list: readonly T[]): readonly T[] {
  // A plain loop: `every` with a callback was most of the render of a long history's mount.
  let index = 0;
  while (index < list.length && isObject(list[index])) index++;
  return index === list.length ? list : list.filter(isObject);
}

/**
 * The index of the message with `key`: where it was (`lastStart`, in `lastMessages`), or shifted by
 * a prepend, else a scan from the newest; -1 when it is gone.
 */
function findKey<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  key: string,
  lastMessages: readonly TMessage[],
  lastStart: number,
): number {
  const guesses = [lastStart, lastStart + messages.length - lastMessages.length];
  for (const index of guesses) {
    if (index >= 0 && index < messages.length && keyOf(messages[index]!) === key) return index;
  }
  return lastIndexOfKey(messages, keyOf, key);
}

/** True when `next` keeps neither the first nor the last message of `previous`. */
function sharesNothing<TMessage>(
  previous: readonly TMessage[],
  next: readonly TMessage[],
  keyOf: (message: TMessage) => string,
): boolean {
  // Their first and last messages, not entries: two bad entries (both keyed '') are not shared.
  const previousFirst = messageAtEdge(previous, keyOf, false);
  const nextFirst = messageAtEdge(next, keyOf, false);
  if (previousFirst === undefined || nextFirst === undefined) return true;
  return (
    keyOf(previousFirst) !== keyOf(nextFirst) &&
    keyOf(messageAtEdge(previous, keyOf, true)!) !== keyOf(messageAtEdge(next, keyOf, true)!)
  );
}
