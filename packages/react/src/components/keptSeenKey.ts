import { lastIndexOfKey } from './lastIndexOfKey';

/**
 * Where `MessageList`'s "seen up to here" mark moves when the message it was on leaves the list (its
 * sender recalled it, the app deleted it): to the last message before it in `previous` (the list the
 * reader saw) that `next` still holds, so what came after it still counts as new. `null` when none
 * before it is left (everything now in the list is new); `undefined` when `previous` does not hold
 * `seenKey` either.
 */
export function keptSeenKey<TMessage>(
  seenKey: string,
  previous: readonly TMessage[],
  previousKeyOf: (message: TMessage) => string,
  next: readonly TMessage[],
  keyOf: (message: TMessage) => string,
): string | null | undefined {
  // From the end: the last seen message is among the newest.
  let index = lastIndexOfKey(previous, previousKeyOf, seenKey);
  if (index < 0) return undefined;
  // One pass over `next`, only when the seen message was removed while the reader is scrolled up.
  const keptKeys = new Set(next.map(keyOf));
  while (--index >= 0) {
    const key = previousKeyOf(previous[index]!);
    // Not an entry that is no message (keyed ''): the mark is always on a message.
    if (key !== '' && keptKeys.has(key)) return key;
  }
  return null;
}
