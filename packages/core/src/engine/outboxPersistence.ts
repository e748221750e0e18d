import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import type { ReceiptMessage } from '../types';
import { isReceiptMessage } from './messageFacts';

/**
 * A receipt call made and not answered yet: an engine that takes over another's receipts takes over
 * its calls' answers too, rather than sending their receipts a second time beside them.
 */
export interface ReceiptCall {
  conversationId: string;
  /** One P2P receipt's message, or a team batch. */
  messages: ReceiptMessage[];
  /** Resolves once the server confirmed them; rejects with the call's ReceiptError. */
  answer: Promise<void>;
}

/** Takes over receipts: queued ones to send, and calls in flight whose answers to follow. */
export type AdoptReceipts = (messages: ReceiptMessage[], calls: ReceiptCall[]) => void;

/**
 * Keeps an engine's outbox in a {@link ReceiptOutboxStorage}, and hands it to the account's next
 * engine in the page at dispose (with or without a storage). Internal.
 */
export interface OutboxPersistence {
  /**
   * Loads what an earlier engine left and hands it to `adopt` (once, unless disposed); from then on
   * a disposed engine of the account may hand `adopt` what it held.
   */
  restore(adopt: AdoptReceipts): void;
  /** The outbox changed: save it (coalesced into one write per microtask). */
  changed(): void;
  /**
   * The engine is being disposed. Another running engine of the same account (a provider that
   * swapped engines, a quick re-login) is handed what this one still holds, rather than raced for
   * the storage; otherwise a write still due happens now, so receipts marked in the last task reach
   * the storage before a next engine (the page after a reload) loads it. Returns whether what the
   * engine holds is kept so (another engine or a storage): if not, it can only be sent now.
   */
  dispose(): boolean;
  /**
   * Hands `messages` to another running engine of the account, if there is one; true when it did.
   * A disposed engine that kept a receipt (see `ReceiptEngine.dispose`) asks again before it sends.
   */
  handOver(messages: ReceiptMessage[]): boolean;
}

/**
 * Without a storage nothing is read or written, but an engine still takes part in the handover: an
 * app that swaps transports (a new socket after a reconnect) must not lose what the old one held.
 */
const noStorage: ReceiptOutboxStorage = { load: () => [], save() {} };

/** A started engine that has not been disposed: who can take over another's receipts. */
interface LiveEngine {
  accountId: string;
  adopt: AdoptReceipts;
}
const liveEngines = new Set<LiveEngine>();
/**
 * Per account, the saves of engines disposed before their load ended: they run one after another,
 * and an engine starting meanwhile loads after them, so none reads a storage about to change.
 */
const lateSaves = new Map<string, Promise<unknown>>();

/**
 * Creates the persistence of one engine. Nothing is written before the earlier state is loaded (a
 * write would erase it). At dispose a write still due is made at once, unless another engine of the
 * account is running (a provider that swapped transports, a quick re-login): the disposed one then
 * hands it what it holds instead of racing it for the storage.
 *
 * Its inputs are plain parameters (the property names of an options object would survive
 * minification in every app's bundle):
 * @param givenStorage The engine's `storage` option; none: only the handover takes part.
 * @param snapshot Everything not yet confirmed by the server: queued, in flight and waiting to retry.
 * @param inFlight The calls among them whose answers have not come: a next engine takes these over
 *   (a receipt sent twice is a second call, and counts as two team calls); a storage keeps them all.
 */
export function createOutboxPersistence(
  givenStorage: ReceiptOutboxStorage | undefined,
  accountId: string,
  snapshot: () => ReceiptMessage[],
  inFlight: () => ReceiptCall[],
): OutboxPersistence {
  const storage = givenStorage ?? noStorage;
  const hasStorage = storage !== noStorage;
  let isLoaded = false;
  let isDisposed = false;
  let isWriteScheduled = false;
  // Registered once started (see `restore`), until disposed.
  const self: LiveEngine = { accountId, adopt: () => {} };
  /** What was not confirmed at dispose, in flight included: what a storage keeps. */
  let pendingAtDispose: ReceiptMessage[] = [];
  /** The calls in flight at dispose, and the rest of `pendingAtDispose`: what a next engine adopts. */
  let callsAtDispose: ReceiptCall[] = [];
  let queuedAtDispose: ReceiptMessage[] = [];

  function save(messages: ReceiptMessage[]): Promise<unknown> {
    try {
      return Promise.resolve(storage.save(accountId, messages)).catch(() => {});
    } catch {
      // A broken storage costs the reload safety net only, never delivery.
      return Promise.resolve();
    }
  }

  /** Loads what the storage holds for the account; nothing when it cannot be read. */
  function load(): Promise<unknown> {
    try {
      return Promise.resolve(storage.load(accountId)).catch(() => []);
    } catch {
      return Promise.resolve([]);
    }
  }

  /**
   * Hands `messages`, and `calls` to follow, to another running engine of the account, which owns
   * the storage from now on.
   */
  function handOver(messages: ReceiptMessage[], calls: ReceiptCall[] = []): boolean {
    for (const other of liveEngines) {
      if (other.accountId === accountId) {
        other.adopt(messages, calls);
        return true;
      }
    }
    return false;
  }

  function dispose(): boolean {
    isDisposed = true;
    liveEngines.delete(self);
    const isWriteDue = isWriteScheduled;
    isWriteScheduled = false;
    pendingAtDispose = snapshot();
    callsAtDispose = inFlight();
    const sent = new Set(callsAtDispose.flatMap((call) => call.messages));
    queuedAtDispose = pendingAtDispose.filter((message) => !sent.has(message));
    // Before its load ends an engine with a storage hands over later (see `finish`). One without a
    // storage has nothing to load: it hands over now, or sends (a running engine disposed before
    // its load ends would otherwise find no heir).
    if (!isLoaded && hasStorage) return true;
    if (handOver(queuedAtDispose, callsAtDispose)) return true;
    if (isWriteDue) void save(pendingAtDispose);
    return hasStorage;
  }

  /**
   * Disposed before its load ended: what it held goes to a running engine of the account, or else
   * is saved on top of what the storage holds by then (the answer to its own load may be stale).
   */
  function saveLate(): void {
    // Calls answered meanwhile are adopted all the same: their answers are followed at once.
    if (pendingAtDispose.length === 0 || handOver(queuedAtDispose, callsAtDispose)) return;
    const done = (lateSaves.get(accountId) ?? Promise.resolve())
      .then(load)
      .then((held) =>
        save([...(Array.isArray(held) ? held.filter(isReceiptMessage) : []), ...pendingAtDispose]),
      );
    lateSaves.set(accountId, done);
    void done.then(() => {
      if (lateSaves.get(accountId) === done) lateSaves.delete(accountId);
    });
  }

  function write(): void {
    if (!isWriteScheduled) return;
    isWriteScheduled = false;
    void save(snapshot());
  }

  function changed(): void {
    // Changes made while loading are written once the load is done (see `finish`); after dispose
    // nothing is written from here: what was pending then (`pendingAtDispose`) is what counts.
    if (isWriteScheduled || !isLoaded || isDisposed || !hasStorage) return;
    isWriteScheduled = true;
    void Promise.resolve().then(write);
  }

  function restore(adopt: AdoptReceipts): void {
    self.adopt = adopt;
    liveEngines.add(self);
    const finish = (loaded: unknown) => {
      isLoaded = true;
      // Without a storage, dispose handed over already.
      if (isDisposed) return hasStorage ? saveLate() : undefined;
      adopt(Array.isArray(loaded) ? loaded.filter(isReceiptMessage) : [], []);
      // Whatever changed while loading (and what was dropped from the load) is written now.
      changed();
    };
    // After any late save of the account (see `lateSaves`), so the load sees it.
    void (lateSaves.get(accountId) ?? Promise.resolve()).then(load).then(finish);
  }

  return { restore, changed, dispose, handOver };
}
