import type { StoreApi } from 'zustand/vanilla';
import { reportUncaught } from './reportUncaught';

/**
 * Runs each of `store`'s subscribers on its own. In a plain zustand store a subscriber that throws
 * (an app's) stops the subscribers after it (the components', which then show stale receipts) and
 * throws out of `setState`, in the middle of the engine's own work: a receipt's success skipped
 * its bookkeeping and the next flush. Its error is reported instead (`reportUncaught`).
 */
export function isolateSubscribers<T>(store: StoreApi<T>): void {
  const subscribe = store.subscribe;
  type Listener = Parameters<typeof subscribe>[0];
  // One wrapper per listener: zustand keeps its listeners in a Set, so a listener subscribed twice
  // runs once per update and either unsubscribe removes it, as in a plain store.
  const isolated = new WeakMap<Listener, Listener>();
  store.subscribe = (listener) => {
    let wrapper = isolated.get(listener);
    if (!wrapper) {
      wrapper = (state, previous) => {
        try {
          listener(state, previous);
        } catch (error) {
          reportUncaught(error);
        }
      };
      isolated.set(listener, wrapper);
    }
    return subscribe(wrapper);
  };
}
