import { type Clock, systemClock } from '../clock';
import type { ReceiptEngine } from '../engine/ReceiptEngine';

// Leak counters shared by the provider/hooks (jsdom) and component (Chromium) leak tests.

/** The platform clock, counting the timers set through it that have neither fired nor been cleared. */
export function createCountingClock() {
  const live = new Set<unknown>();
  const clock: Clock = {
    now: () => systemClock.now(),
    setTimeout(callback, delayMs) {
      const handle = systemClock.setTimeout(() => {
        live.delete(handle);
        callback();
      }, delayMs);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      live.delete(handle);
      systemClock.clearTimeout(handle);
    },
  };
  return { clock, pending: () => live.size };
}

/** Counts the live subscribers of every engine store it has seen. */
export function createSubscriberCounter() {
  const instrumented = new WeakSet<object>();
  let live = 0;
  return {
    live: () => live,
    instrument(engine: ReceiptEngine) {
      const { store } = engine;
      if (instrumented.has(store)) return;
      instrumented.add(store);
      const subscribe = store.subscribe;
      store.subscribe = (listener) => {
        live += 1;
        const unsubscribe = subscribe(listener);
        let isSubscribed = true;
        return () => {
          if (isSubscribed) live -= 1;
          isSubscribed = false;
          unsubscribe();
        };
      };
    },
  };
}
