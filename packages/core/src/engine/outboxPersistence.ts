import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import type { ReceiptMessage } from '../types';
import { isReceiptMessage } from './messageFacts';

/** Keeps an engine's outbox in a {@link ReceiptOutboxStorage}. Internal. */
export interface OutboxPersistence {
  /** Loads what an earlier engine left and hands it to `onRestored` (once, unless disposed). */
  restore(onRestored: (messages: ReceiptMessage[]) => void): void;
  /** The outbox changed: save it (coalesced into one write per microtask). */
  changed(): void;
  /**
   * The engine is being disposed: a write still due happens now, so receipts marked in its last
   * task reach the storage before a next engine (the page after a reload, the next login) loads it.
   */
  flush(): void;
}

interface OutboxPersistenceOptions {
  storage: ReceiptOutboxStorage | undefined;
  accountId: string;
  /** Everything not yet confirmed by the server: queued, in flight and waiting to retry. */
  snapshot: () => ReceiptMessage[];
  isDisposed: () => boolean;
}

const nothing: OutboxPersistence = { restore() {}, changed() {}, flush() {} };

/**
 * Creates the persistence of one engine. Nothing is written before the earlier state is loaded (a
 * write would erase it); the last write happens when the engine is disposed.
 */
export function createOutboxPersistence(options: OutboxPersistenceOptions): OutboxPersistence {
  const { storage, accountId } = options;
  if (!storage) return nothing;
  let isLoaded = false;
  let isWriteScheduled = false;

  function save(messages: ReceiptMessage[]): void {
    try {
      void Promise.resolve(storage?.save(accountId, messages)).catch(() => {});
    } catch {
      // A broken storage costs the reload safety net only, never delivery.
    }
  }

  function flush(): void {
    if (!isWriteScheduled) return;
    isWriteScheduled = false;
    save(options.snapshot());
  }

  function changed(): void {
    // Changes made while loading are written once the load is done (see `finish`); after dispose
    // the outbox no longer changes, and the next engine owns the storage.
    if (isWriteScheduled || !isLoaded || options.isDisposed()) return;
    isWriteScheduled = true;
    void Promise.resolve().then(flush);
  }

  function restore(onRestored: (messages: ReceiptMessage[]) => void): void {
    const finish = (loaded: unknown) => {
      isLoaded = true;
      const messages = Array.isArray(loaded) ? loaded.filter(isReceiptMessage) : [];
      if (options.isDisposed()) {
        // Disposed while loading: what it marked meanwhile joins what the earlier engine left, for
        // the next one.
        const pending = options.snapshot();
        if (pending.length > 0) save([...messages, ...pending]);
        return;
      }
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

  return { restore, changed, flush };
}
