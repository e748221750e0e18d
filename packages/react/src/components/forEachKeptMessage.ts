import { isSameMessage, type KeyOf } from './listChange';

/**
 * Calls `onKept(previousIndex, nextIndex)` for every message of `previous` that `next` still holds,
 * after a change that did not just shift the list (a message removed, inserted or re-sorted in the
 * middle). `MessageList` carries their measured heights over to their new keys, so what is on screen
 * neither jumps nor drifts.
 *
 * The messages before and after the change are matched by position, one identity check each (a key
 * only for a replaced copy); those in between by key, through a map of that middle part alone, so a
 * change among the newest messages costs a few keys however long the history is.
 */
export function forEachKeptMessage<T>(
  previous: readonly T[],
  next: readonly T[],
  keyOf: KeyOf<T>,
  onKept: (previousIndex: number, nextIndex: number) => void,
): void {
  const isSame = (previousIndex: number, nextIndex: number) =>
    isSameMessage(previous[previousIndex]!, next[nextIndex]!, keyOf);
  const limit = Math.min(previous.length, next.length);
  let prefix = 0;
  for (; prefix < limit && isSame(prefix, prefix); prefix++) onKept(prefix, prefix);
  let previousEnd = previous.length;
  let nextEnd = next.length;
  while (previousEnd > prefix && nextEnd > prefix && isSame(previousEnd - 1, nextEnd - 1)) {
    onKept(--previousEnd, --nextEnd);
  }
  const middle = new Map<unknown, number>();
  for (let index = prefix; index < previousEnd; index++) middle.set(keyOf(previous[index]!), index);
  if (middle.size === 0) return;
  for (let index = prefix; index < nextEnd; index++) {
    const previousIndex = middle.get(keyOf(next[index]!));
    if (previousIndex !== undefined) onKept(previousIndex, index);
  }
}
