/** One listener: where (skipped when absent), the event type, the listener and its options. */
export type Listening = [
  target: EventTarget | null | undefined,
  type: string,
  listener: (event: never) => void,
  options?: AddEventListenerOptions,
];

/**
 * Adds every listener and returns the function that removes them all, in the same order: one loop
 * instead of an `addEventListener` and a `removeEventListener` line per event, which the minifier
 * cannot shorten (their names stay in every app's bundle).
 */
export function listenAll(listenings: readonly Listening[]): () => void {
  for (const [target, type, listener, options] of listenings) {
    target?.addEventListener(type, listener as EventListener, options);
  }
  return () => {
    for (const [target, type, listener, options] of listenings) {
      // With the options it was added with: a capture listener is removed only with `capture`.
      target?.removeEventListener(type, listener as EventListener, options);
    }
  };
}
