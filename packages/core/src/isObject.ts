/**
 * True for an object or an array: a value whose fields can be read without a TypeError (getters and
 * Proxies aside). The first check on whatever the kit takes from outside (messages, events, answers,
 * options, storage).
 */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * True for an object with a function at each of `names` (a clock, a storage, a transport's part).
 * False, never a throw, when a field cannot be read (a throwing getter, a revoked Proxy): callers
 * refuse the value with 191004 instead of letting a TypeError escape (SPEC E3).
 */
export function hasMethods(value: unknown, names: readonly string[]): boolean {
  try {
    return (
      isObject(value) &&
      names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
    );
  } catch {
    return false;
  }
}
