/** A change to the messages array given to `MessageList`: the array before, the array after. */
export interface ListChange<T> {
  previous: readonly T[];
  next: readonly T[];
  /** The message's key; compared with `===`, so return the message itself when it has none. */
  keyOf: (message: T) => unknown;
}

/** The same message: the same object, or a replaced copy under the same key (read only then). */
export function isSameMessage<T>(before: T, after: T, keyOf: (message: T) => unknown): boolean {
  return before === after || keyOf(before) === keyOf(after);
}
