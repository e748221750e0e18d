import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import type { ReceiptMessage } from '../types';
import { isReceiptMessage } from './messageFacts';

/** Keeps an engine's outbox in a {@link ReceiptOutboxStorage}. Internal. */
export interface OutboxPersistence {
  /** Loads what an earlier engine left and hands it to `onRestored` (once, unless disposed). */
  restore(onRestored: (messages: ReceiptMessage[]) => void): void;
  /** The outbox changed: save it (coalesced into one write per microtask). */
  changed(): void;
}

interface OutboxPersistenceOptions {
  storage: ReceiptOutboxStorage | undefined;
  accountId: string;
  /** Everything not yet confirmed by the server: queued, in flight and waiting to retry. */
  snapshot: () => ReceiptMessage[];
  isDisposed: () => boolean;
}

const nothing: OutboxPersistence = { restore() {}, changed() {} };

/**
 * Creates the persistence of one engine. Nothing is written before the earlier state is loaded (a
 * write would erase it), nor after dispose (what is still pending must wait for the next engine).
 */
export function createOutboxPersistence(options: OutboxPersistenceOptions): OutboxPersistence {
  const { storage, accountId } = options;
  if (!storage) return nothing;
  let isLoaded = false;
  let isWriteScheduled = false;

  function write(): void {
    isWriteScheduled = false;
    if (options.isDisposed()) return;
    try {
      void Promise.resolve(storage?.save(accountId, options.snapshot())).catch(() => {});
    } catch {
      // A broken storage costs the reload safety net only, never delivery.
    }
  }

  function changed(): void {
    // Changes made while loading are written once the load is done (see `finish`).
    if (isWriteScheduled || !isLoaded) return;
    isWriteScheduled = true;
    void Promise.resolve().then(write);
  }

  function restore(onRestored: (messages: ReceiptMessage[]) => void): void {
    const finish = (loaded: unknown) => {
      isLoaded = true;
      if (options.isDisposed()) return;
      const messages = Array.isArray(loaded) ? loaded.filter(isReceiptMessage) : [];
      onRestored(messages);
      // Whatever changed while loading (and what was dropped from the load) is written now.
      changed();
    };
    let loading: unknown;
    try {
      loading = storage?.load(accountId);
    } catch {
      finish([]);
      return;
    }
    if (loading && typeof (loading as Promise<unknown>).then === 'function') {
      (loading as Promise<unknown>).then(finish, () => finish([]));
    } else {
      finish(loading);
    }
  }

  return { restore, changed };
}
