/**
 * How many messages `previous` and `next` share at their start (`prefix`) and at their end
 * (`suffix`), compared by key, the two never overlapping. After a message is removed or inserted in
 * the middle, the prefix kept its positions and the suffix moved by the change in length, so
 * `MessageList` carries their measured heights over to their new keys.
 */
export function commonEnds<T>({
  previous,
  next,
  keyOf,
}: {
  previous: readonly T[];
  next: readonly T[];
  /** The message's key; compared with `===`, so return the message itself when it has none. */
  keyOf: (message: T) => unknown;
}): { prefix: number; suffix: number } {
  const limit = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < limit && keyOf(previous[prefix]!) === keyOf(next[prefix]!)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    keyOf(previous[previous.length - 1 - suffix]!) === keyOf(next[next.length - 1 - suffix]!)
  ) {
    suffix++;
  }
  return { prefix, suffix };
}
