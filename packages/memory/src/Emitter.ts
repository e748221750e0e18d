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
 * The minimal event emitter behind each simulated SDK service, with eventemitter3's semantics (the
 * emitter behind nim-web-sdk-ng's services): the same function added twice is called twice, and
 * `off` removes every registration of that function at once (eventemitter3's `removeListener` keeps
 * only the entries whose `fn` differs); an emit calls the listeners registered when it started (one
 * removed or added meanwhile is still called, or not); a throwing listener stops the remaining
 * listeners of that emit. Its error is then rethrown asynchronously (eventemitter3 throws it out
 * of `emit`; here it must not break the server's own bookkeeping), so it still surfaces, uncaught.
 * Its `on`/`off` signatures are the SDK's (`NIMEBaseServiceClass`), so the services type-check
 * against the real declarations.
 */
export class Emitter<I extends object> {
  private readonly listeners = new Map<keyof I, Array<(...args: never[]) => void>>();

  on<T extends keyof I>(eventName: T, fn: EmitterListener<I, T>): void {
    // eventemitter3 (behind the SDK) throws a TypeError here; the kit answers 191004 (E3).
    if (typeof fn !== 'function') throw invalidParameter('listener must be a function');
    const list = this.listeners.get(eventName) ?? [];
    // A new array each time, as an emit in progress keeps the one it started with.
    this.listeners.set(eventName, [...list, fn as (...args: never[]) => void]);
  }

  off<T extends keyof I>(eventName: T, fn: EmitterListener<I, T>): void {
    const list = this.listeners.get(eventName);
    if (!list) return;
    const kept = list.filter((listener) => listener !== (fn as unknown));
    if (kept.length > 0) this.listeners.set(eventName, kept);
    else this.listeners.delete(eventName);
  }

  /**
   * How many listeners `eventName` has, a function added twice counting twice (eventemitter3's
   * `listenerCount`); tests use it to prove unsubscribe removes them.
   */
  listenerCount(eventName: keyof I): number {
    return this.listeners.get(eventName)?.length ?? 0;
  }

  emit<T extends keyof I>(eventName: T, ...args: ArgumentMap<I>[Extract<T, keyof I>]): void {
    const list = this.listeners.get(eventName);
    if (!list) return;
    try {
      for (const fn of list) (fn as (...values: unknown[]) => void)(...(args as unknown[]));
    } catch (error) {
      // The remaining listeners are skipped, as in eventemitter3; the error surfaces (uncaught)
      // outside the delivery.
      void Promise.reject(error);
    }
  }
}
