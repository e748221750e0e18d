import { useRef, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';

/** Equality of two plain objects by their own enumerable values (one level deep). */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

interface Cached<S, T> {
  state: S;
  selector: (state: S) => T;
  value: T;
}

const noSubscription = () => () => {};

/**
 * Subscribes to a slice of a zustand vanilla store. The component re-renders only when the selected
 * value changes by `isEqual`, and equal values keep the previous object's identity, so a selector
 * may build a fresh object each time. One subscription per call, whatever the selector returns;
 * none while `isSubscribed` is false (the value is then read at render only).
 *
 * The server, and the client while it hydrates, read the store's initial state, as zustand's own
 * `useStore` does: a client engine that already knew receipts when `hydrateRoot` ran rendered them
 * over the server's HTML, and React threw that HTML away ("Hydration failed"). They show once
 * hydration is done.
 */
export function useStoreSelector<S, T>(
  store: StoreApi<S>,
  selector: (state: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  isSubscribed = true,
): T {
  const cache = useRef<Cached<S, T> | null>(null);
  // One cache for both snapshots: hydrated, a store that did not change gives the client the same
  // value as the server, so React renders no row a second time.
  const read = (state: S): T => {
    const cached = cache.current;
    if (cached && cached.state === state && cached.selector === selector) return cached.value;
    const selected = selector(state);
    // An equal value keeps the previous object, so React sees no change.
    const value = cached && isEqual(cached.value, selected) ? cached.value : selected;
    cache.current = { state, selector, value };
    return value;
  };
  return useSyncExternalStore(
    isSubscribed ? store.subscribe : noSubscription,
    () => read(store.getState()),
    () => read(store.getInitialState()),
  );
}
