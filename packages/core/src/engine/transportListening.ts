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
  /** The engine's `report`, told the method as the operation, about no conversation (`''`). */
  report: (error: ReceiptError, operation: typeof methodName, conversationId: '') => void,
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
      methodName,
      '',
    );
  } catch (error) {
    report(ReceiptError.from(error, 191004), methodName, '');
  }
  return noop;
}
