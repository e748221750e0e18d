import { isSameMessage, type KeyOf } from './listChange';

/**
 * How far the messages shared by `previous` and `next` moved when the list changed: `k` when `k`
 * older messages were prepended (and any appended), `-k` when `k` were dropped from the front, 0 for
 * appends only. `undefined` when `previous` and `next` do not overlap as one unbroken run (another
 * conversation, a message removed or inserted in the middle, an empty side), or when a message left
 * the run for a new place (re-sorted to the end, as a sent message whose server time is later).
 *
 * `MessageList` uses it to keep its virtualizer keys stable as plain numbers (position plus a base
 * moved by this shift), so the virtualizer's pass over every message at mount hashes no strings.
 * A message outside the run gets a new key while React keeps its row (rows are keyed by message), so
 * a shift is given only when no message outside the run was in `previous`: otherwise that row would
 * stay registered under its old key, and stay where it was drawn.
 *
 * Costs one identity check per shared message (a key only for a replaced copy), plus one key per
 * message outside the run when messages both came and went.
 */
export function sharedRunShift<T>(
  previous: readonly T[],
  next: readonly T[],
  keyOf: KeyOf<T>,
): number | undefined {
  if (previous.length === 0 || next.length === 0) return undefined;
  /**
   * `shift` when `previous` from `previousStart` and `next` from `nextStart` hold the same messages
   * in the same order up to the end of either, and none of the messages that went (in `previous`
   * outside that run) came back outside it in `next`.
   */
  const ifKeptRun = (previousStart: number, nextStart: number, shift: number) => {
    const shared = Math.min(previous.length - previousStart, next.length - nextStart);
    for (let offset = 0; offset < shared; offset++) {
      const before = previous[previousStart + offset]!;
      if (!isSameMessage(before, next[nextStart + offset]!, keyOf)) return undefined;
    }
    const isOutside = (index: number, start: number) => index < start || index >= start + shared;
    const goneKeys = new Set<unknown>();
    previous.forEach((message, index) => {
      if (isOutside(index, previousStart)) goneKeys.add(keyOf(message));
    });
    // Prepends and appends alone (the usual changes) leave nothing gone: no keys to compare.
    return goneKeys.size > 0 &&
      next.some((message, index) => isOutside(index, nextStart) && goneKeys.has(keyOf(message)))
      ? undefined
      : shift;
  };
  const firstKey = keyOf(previous[0]!);
  for (let index = 0; index < next.length; index++) {
    if (keyOf(next[index]!) === firstKey) return ifKeptRun(0, index, index);
  }
  const nextFirstKey = keyOf(next[0]!);
  for (let index = 1; index < previous.length; index++) {
    if (keyOf(previous[index]!) === nextFirstKey) return ifKeptRun(index, 0, -index);
  }
  return undefined;
}
