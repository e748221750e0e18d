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
   * The engine is being disposed. Another live engine of the same account on the same storage
   * object (a provider that swapped engines, a quick re-login) is handed what this one still
   * holds, rather than raced for the storage; otherwise a write still due happens now, so receipts
   * marked in the last task reach the storage before a next engine (the page after a reload) loads.
   */
  dispose(): void;
}

interface OutboxPersistenceOptions {
  storage: ReceiptOutboxStorage | undefined;
  accountId: string;
  /** Everything not yet confirmed by the server: queued, in flight and waiting to retry. */
  snapshot: () => ReceiptMessage[];
  isDisposed: () => boolean;
}

const nothing: OutboxPersistence = { restore() {}, changed() {}, dispose() {} };

/** A started engine that has not been disposed: who can take over another's receipts. */
interface LiveEngine {
  storage: ReceiptOutboxStorage;
  accountId: string;
  adopt: (messages: ReceiptMessage[]) => void;
}
const liveEngines = new Set<LiveEngine>();

/**
 * Creates the persistence of one engine. Nothing is written before the earlier state is loaded (a
 * write would erase it); the last write happens when the engine is disposed.
 */
export function createOutboxPersistence(options: OutboxPersistenceOptions): OutboxPersistence {
  const { storage, accountId } = options;
  if (!storage) return nothing;
  let isLoaded = false;
  let isWriteScheduled = false;
  // Registered once started (see `restore`), until disposed.
  const self: LiveEngine = { storage, accountId, adopt: () => {} };

  function save(messages: ReceiptMessage[]): void {
    try {
      void Promise.resolve(storage?.save(accountId, messages)).catch(() => {});
    } catch {
      // A broken storage costs the reload safety net only, never delivery.
    }
  }

  /**
   * Gives `messages` to another live engine of the account on this storage, which owns the storage
   * from now on (a write here could erase what it saved); with none, saves them if `isDue`.
   */
  function handOver(messages: ReceiptMessage[], isDue: boolean): void {
    for (const other of liveEngines) {
      if (other.storage === storage && other.accountId === accountId) {
        if (messages.length > 0) other.adopt(messages);
        return;
      }
    }
    if (isDue) save(messages);
  }

  function dispose(): void {
    liveEngines.delete(self);
    const isWriteDue = isWriteScheduled;
    isWriteScheduled = false;
    // Before its load ends an engine has nothing to hand over yet (see `finish`).
    if (isLoaded) handOver(options.snapshot(), isWriteDue);
  }

  function write(): void {
    if (!isWriteScheduled) return;
    isWriteScheduled = false;
    save(options.snapshot());
  }

  function changed(): void {
    // Changes made while loading are written once the load is done (see `finish`); after dispose
    // the outbox no longer changes, and the next engine owns the storage.
    if (isWriteScheduled || !isLoaded || options.isDisposed()) return;
    isWriteScheduled = true;
    void Promise.resolve().then(write);
  }

  function restore(onRestored: (messages: ReceiptMessage[]) => void): void {
    self.adopt = onRestored;
    liveEngines.add(self);
    const finish = (loaded: unknown) => {
      isLoaded = true;
      const messages = Array.isArray(loaded) ? loaded.filter(isReceiptMessage) : [];
      if (options.isDisposed()) {
        // Disposed while loading: what it marked meanwhile joins what the earlier engine left, for
        // a live engine of the account, or else the next one.
        const pending = options.snapshot();
        if (pending.length > 0) handOver([...messages, ...pending], true);
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

  return { restore, changed, dispose };
}
