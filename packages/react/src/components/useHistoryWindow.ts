import { useCallback, useMemo, useRef, useState } from 'react';

/** Newest messages given to the virtualizer when a long history is first shown. */
export const HISTORY_WINDOW = 2_000;
/** Older messages added each time the reader nears the top of the window. */
export const HISTORY_STEP = 1_000;

interface WindowStart {
  conversationId: string;
  /** Key of the window's first message; undefined when the window holds the whole history. */
  key: string | undefined;
}

/**
 * The part of a long history that the list virtualizes: the newest `HISTORY_WINDOW` messages when it
 * is first shown, growing by `HISTORY_STEP` older ones whenever the reader nears its top (`extend`),
 * and always up to the newest message. Shorter histories are shown whole.
 *
 * A virtualizer keeps per-message positions for everything it is given, so a 100,000-message history
 * cost its full position pass at mount and ~3 MB of arrays (bench metrics 4 and 8) although a reader
 * sees the last screens first. Growing the window looks to the virtualizer like older history being
 * prepended, which the list already handles without moving what is on screen.
 *
 * The window is anchored by its first message's key, so messages appended or prepended by the app
 * keep it in place.
 */
export function useHistoryWindow<TMessage>({
  messages,
  keyOf,
  conversationId,
}: {
  messages: readonly TMessage[];
  keyOf: (message: TMessage) => string;
  conversationId: string;
}): { messages: readonly TMessage[]; hasOlder: boolean; extend: () => void } {
  const initialStart = (): WindowStart => ({
    conversationId,
    key:
      messages.length > HISTORY_WINDOW
        ? keyOf(messages[messages.length - HISTORY_WINDOW]!)
        : undefined,
  });
  const [windowStart, setWindowStart] = useState(initialStart);
  // Another conversation starts with its own window (state adjusted during render, as React allows).
  const current = windowStart.conversationId === conversationId ? windowStart : initialStart();
  if (current !== windowStart) setWindowStart(current);

  // Where the window's first message was last found: appends keep its index, prepends shift it by
  // the number added, so it is found without scanning the history.
  const lastFoundRef = useRef({ length: messages.length, start: 0 });
  const start = useMemo(() => {
    if (current.key === undefined) return 0;
    const last = lastFoundRef.current;
    const guesses = [last.start, last.start + messages.length - last.length];
    let found = guesses.find(
      (index) => index >= 0 && index < messages.length && keyOf(messages[index]!) === current.key,
    );
    if (found === undefined) {
      for (let index = messages.length - 1; index >= 0; index--) {
        if (keyOf(messages[index]!) === current.key) {
          found = index;
          break;
        }
      }
    }
    // Its first message is gone (removed by the app): the window starts where it was.
    return found ?? Math.min(last.start, Math.max(0, messages.length - 1));
  }, [messages, keyOf, current.key]);
  lastFoundRef.current = { length: messages.length, start };

  const windowed = useMemo(
    () => (start === 0 ? messages : messages.slice(start)),
    [messages, start],
  );
  const extend = useCallback(() => {
    if (start === 0) return;
    const next = Math.max(0, start - HISTORY_STEP);
    setWindowStart({
      conversationId,
      key: next === 0 ? undefined : keyOf(messages[next]!),
    });
  }, [start, messages, keyOf, conversationId]);
  return { messages: windowed, hasOlder: start > 0, extend };
}
