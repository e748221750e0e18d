import { ReceiptError } from '../ReceiptError';

import { noop } from './engineContext';

/**
 * Runs one of the transport's `subscribe` methods and returns what removes the listener, never
 * throwing. A throw, or a value that is not a function (an emitter's `on()` returns the emitter), is
 * reported and becomes a no-op, so that neither `start()` nor `dispose()` breaks on a transport's
 * mistake.
 */
export function listenTo(
  methodName: 'subscribe' | 'subscribeConnectionState',
  subscribe: () => unknown,
  report: (error: ReceiptError) => void,
): () => void {
  try {
    const unsubscribe = subscribe();
    if (typeof unsubscribe === 'function') {
      return () => {
        try {
          unsubscribe();
        } catch {
          // A throwing unsubscribe must not stop `dispose()` halfway (its timers still running).
        }
      };
    }
    report(
      new ReceiptError(
        191004,
        `transport \`${methodName}\` must return a function that unsubscribes`,
      ),
    );
  } catch (error) {
    report(ReceiptError.from(error, 191004));
  }
  return noop;
}
