import { invalidParameter } from './NimError';

/**
 * The arguments of each event of listener map `T`, as eventemitter3 (the SDK's emitter) derives
 * them, written out here so the package's types need nothing but the SDK's.
 */
// biome-ignore-start lint/suspicious/noExplicitAny: eventemitter3's own definition, kept identical so the SDK's listener types match it
type ArgumentMap<T extends object> = {
  [K in keyof T]: T[K] extends (...args: any[]) => void
    ? Parameters<T[K]>
    : T[K] extends any[]
      ? T[K]
      : any[];
};
// biome-ignore-end lint/suspicious/noExplicitAny: see above

/** A listener for event `K` of listener map `I`, typed exactly like the SDK's `on`/`off`. */
export type EmitterListener<I extends object, K extends keyof I> = (
  ...args: ArgumentMap<I>[Extract<K, keyof I>]
) => void;

/**
 * The minimal event emitter behind each simulated SDK service. Its `on`/`off` signatures are the
 * SDK's (`NIMEBaseServiceClass`), so the services type-check against the real declarations.
 * A throwing listener does not stop the others; its error is rethrown asynchronously so it surfaces.
 */
export class Emitter<I extends object> {
  private readonly listeners = new Map<keyof I, Set<(...args: never[]) => void>>();

  on<T extends keyof I>(eventName: T, fn: EmitterListener<I, T>): void {
    // eventemitter3 (behind the SDK) throws a TypeError here; the kit answers 191004 (E3).
    if (typeof fn !== 'function') throw invalidParameter('listener must be a function');
    let set = this.listeners.get(eventName);
    if (!set) {
      set = new Set();
      this.listeners.set(eventName, set);
    }
    set.add(fn as (...args: never[]) => void);
  }

  off<T extends keyof I>(eventName: T, fn: EmitterListener<I, T>): void {
    this.listeners.get(eventName)?.delete(fn as (...args: never[]) => void);
  }

  /** How many listeners `eventName` has (tests use it to prove unsubscribe removes them). */
  listenerCount(eventName: keyof I): number {
    return this.listeners.get(eventName)?.size ?? 0;
  }

  emit<T extends keyof I>(eventName: T, ...args: ArgumentMap<I>[Extract<T, keyof I>]): void {
    const set = this.listeners.get(eventName);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as (...values: unknown[]) => void)(...(args as unknown[]));
      } catch (error) {
        // Rethrown outside the delivery so it surfaces (uncaught) without breaking other listeners.
        void Promise.reject(error);
      }
    }
  }
}
