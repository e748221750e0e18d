/**
 * True for an object or an array: a value whose fields can be read without a TypeError (getters and
 * Proxies aside). The first check on whatever the kit takes from outside (messages, events, answers,
 * options, storage).
 */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** True for an object with a function at each of `names` (a clock, a storage, a transport's part). */
export function hasMethods(value: unknown, names: readonly string[]): boolean {
  return (
    isObject(value) &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}
