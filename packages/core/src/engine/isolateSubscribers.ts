import type { StoreApi } from 'zustand/vanilla';

/**
 * Runs each of `store`'s subscribers on its own. In a plain zustand store a subscriber that throws
 * (an app's) stops the subscribers after it (the components', which then show stale receipts) and
 * throws out of `setState`, in the middle of the engine's own work: a receipt's success skipped
 * its bookkeeping and the next flush. Its error is reported the way the platform reports an event
 * listener's (`reportError`: the console, `window.onerror`), or as an unhandled rejection where
 * there is no `reportError` (Node), so it is not swallowed.
 */
export function isolateSubscribers<T>(store: StoreApi<T>): void {
  const subscribe = store.subscribe;
  store.subscribe = (listener) =>
    subscribe((state, previous) => {
      try {
        listener(state, previous);
      } catch (error) {
        // Read when needed: core declares no DOM types, and a test may install one.
        const { reportError } = globalThis as { reportError?: (error: unknown) => void };
        if (typeof reportError === 'function') reportError(error);
        else void Promise.reject(error);
      }
    });
}
