import type { ConnectionState } from '../ReceiptTransport';

/**
 * A connection state as the engine reads it. Only `'connecting'` and `'disconnected'` hold receipts
 * back; anything else a transport answers (`undefined`, `'open'`, `true`, a throw) counts as
 * connected, so an odd value never strands the outbox: a call made while really offline fails and
 * is retried.
 */
export function readConnectionState(read: () => unknown): ConnectionState {
  try {
    const state = read();
    return state === 'connecting' || state === 'disconnected' ? state : 'connected';
  } catch {
    return 'connected';
  }
}
