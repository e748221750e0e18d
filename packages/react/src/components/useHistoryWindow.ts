import { useCallback, useMemo, useRef, useState } from 'react';

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
 * Returns the window and `extend` (down to an index of `messages` when given, for a message scrolled
 * to), which is undefined while the window holds the whole history.
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
  keyOf: (message: TMessage) => string,
  conversationId: string,
): [messages: readonly TMessage[], extend: ((toIndex?: number) => void) | undefined] {
  const [anchor, setAnchor] = useState<WindowAnchor>(() => ({
    conversationId,
    isDecided: false,
    key: undefined,
  }));
  // The messages and where the window's first message was last found: appends keep its index,
  // prepends shift it by the number added, so it is found without scanning the history.
  const lastRef = useRef<[messages: readonly TMessage[], start: number]>([messages, 0]);

  const [start, next] = useMemo(() => {
    let current: WindowAnchor =
      anchor.conversationId === conversationId
        ? anchor
        : { conversationId, isDecided: false, key: undefined };
    /** A window from `index` to the newest message; none at 0 (the whole history). */
    const startingAt = (index: number): WindowAnchor => ({
      conversationId,
      isDecided: true,
      key: index === 0 ? undefined : keyOf(messages[index]!),
    });
    const newestStart = Math.max(0, messages.length - HISTORY_WINDOW);
    // Decided here, it starts where it was put: looking for its first message walked the window
    // (2,000 key reads in the mount of a long history).
    if (!current.isDecided && messages.length > 0) return [newestStart, startingAt(newestStart)];
    const [lastMessages, lastStart] = lastRef.current;
    let found =
      current.key === undefined
        ? 0
        : findKey(messages, keyOf, current.key, lastMessages, lastStart);
    if (found === undefined) {
      found = sharesNothing(lastMessages, messages, keyOf)
        ? newestStart
        : // Its first message was removed by the app: the window starts where it was.
          Math.min(lastStart, Math.max(0, messages.length - 1));
      current = startingAt(found);
    }
    return [found, current] as const;
  }, [anchor, conversationId, messages, keyOf]);
  // Adjusted during render, as React allows: the next render finds the same window.
  if (next !== anchor) setAnchor(next);
  lastRef.current = [messages, start];

  const windowed = useMemo(
    () => (start === 0 ? messages : messages.slice(start)),
    [messages, start],
  );
  const extend = useCallback(
    (toIndex?: number) => {
      // HISTORY_STEP more, or down to `toIndex` (a message scrolled to) when that is further.
      const first = Math.max(0, Math.min(start - HISTORY_STEP, toIndex ?? start));
      setAnchor({
        conversationId,
        isDecided: true,
        key: first === 0 ? undefined : keyOf(messages[first]!),
      });
    },
    [start, messages, keyOf, conversationId],
  );
  return [windowed, start > 0 ? extend : undefined];
}

/**
 * The index of the message with `key`: where it was (`lastStart`, in `lastMessages`), or shifted by
 * a prepend, else a scan.
 */
function findKey<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  key: string,
  lastMessages: readonly TMessage[],
  lastStart: number,
): number | undefined {
  const guesses = [lastStart, lastStart + messages.length - lastMessages.length];
  for (const index of guesses) {
    if (index >= 0 && index < messages.length && keyOf(messages[index]!) === key) return index;
  }
  for (let index = messages.length - 1; index >= 0; index--) {
    if (keyOf(messages[index]!) === key) return index;
  }
  return undefined;
}

/** True when `next` keeps neither the first nor the last message of `previous`. */
function sharesNothing<TMessage>(
  previous: readonly TMessage[],
  next: readonly TMessage[],
  keyOf: (message: TMessage) => string,
): boolean {
  if (previous.length === 0 || next.length === 0) return true;
  return (
    keyOf(previous[0]!) !== keyOf(next[0]!) &&
    keyOf(previous[previous.length - 1]!) !== keyOf(next[next.length - 1]!)
  );
}
