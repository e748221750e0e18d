/**
 * A key per object, for messages the app gives no key: the same object always gets the same key,
 * wherever it moves in the list, and it is forgotten with the object. Keys start with `\u0000`, which
 * no app key is expected to hold, so they never clash with the app's own.
 */
export function objectKeys<T extends object>(): (value: T) => string {
  const keys = new WeakMap<T, string>();
  let count = 0;
  return (value) => {
    let key = keys.get(value);
    if (key === undefined) {
      key = `\u0000${count++}`;
      keys.set(value, key);
    }
    return key;
  };
}
