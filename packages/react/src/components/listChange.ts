/**
 * A message's key, for comparing the messages array given to `MessageList` before a change
 * (`previous`) with the one after (`next`); compared with `===`, so return the message itself when
 * it has none.
 */
export type KeyOf<T> = (message: T) => unknown;

/** The same message: the same object, or a replaced copy under the same key (read only then). */
export function isSameMessage<T>(before: T, after: T, keyOf: KeyOf<T>): boolean {
  return before === after || keyOf(before) === keyOf(after);
}
