/**
 * How far the messages shared by `previous` and `next` moved when the list changed: `k` when `k`
 * older messages were prepended (and any appended), `-k` when `k` were dropped from the front, 0 for
 * appends only. `undefined` when `previous` and `next` do not overlap as one unbroken run (another
 * conversation, a message removed or inserted in the middle, an empty side).
 *
 * `MessageList` uses it to keep its virtualizer keys stable as plain numbers (position plus a base
 * moved by this shift), so the virtualizer's pass over every message at mount hashes no strings.
 * Costs one key per prepended message for a prepend, and at most one pass over both lists otherwise.
 */
export function sharedRunShift<T>({
  previous,
  next,
  keyOf,
}: {
  previous: readonly T[];
  next: readonly T[];
  /** The message's key; compared with `===`, so return the message itself when it has none. */
  keyOf: (message: T) => unknown;
}): number | undefined {
  if (previous.length === 0 || next.length === 0) return undefined;
  const firstKey = keyOf(previous[0]!);
  for (let index = 0; index < next.length; index++) {
    if (keyOf(next[index]!) !== firstKey) continue;
    const shared = Math.min(previous.length, next.length - index);
    return keyOf(next[index + shared - 1]!) === keyOf(previous[shared - 1]!) ? index : undefined;
  }
  const nextFirstKey = keyOf(next[0]!);
  for (let index = 1; index < previous.length; index++) {
    if (keyOf(previous[index]!) !== nextFirstKey) continue;
    const shared = Math.min(previous.length - index, next.length);
    return keyOf(previous[index + shared - 1]!) === keyOf(next[shared - 1]!) ? -index : undefined;
  }
  return undefined;
}
