import type { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage, TeamMessageReadReceipt } from '../types';
import { isTeamReceipt } from './applyTransportEvent';
import { entryIn } from './bucketedRecord';
import { callAsAccount } from './callAsAccount';
import type { EngineContext } from './engineContext';
import {
  markTeamUnavailable,
  type ReceiptState,
  setLoads,
  teamMessageKey,
  teamReceiptOf,
} from './receiptState';
import { createRetrySchedule, type RetryRound } from './retrySchedule';
import { chunk, TEAM_BATCH_LIMIT } from './teamOutbox';
import { teamReceiptsAnswer } from './transportAnswers';
import { addWatcher, type Watchers } from './watchers';

/** Loads the counts of my own team messages while something on screen shows them. */
export interface TeamCountLoader {
  /** Starts showing `message`; returns the function that stops. */
  watch(conversationId: string, message: ReceiptMessage): () => void;
  /** True while the message with this `teamMessageKey` is shown. */
  isWatched(key: string): boolean;
  /** Queries what is due, per conversation, in calls of at most 50. */
  flush(): void;
  /**
   * The connection is back: cancels waiting retries and queries every shown message again at once
   * (one whose query is out, once that is answered), and any other when next shown. Team receipts are not synced at login (SPEC G11), so counts may
   * have moved while offline; merges stay monotonic, so this can only bring news.
   */
  reloadWatched(): void;
}

/**
 * Creates the count loader. A message is queried once: never again while its counts are known
 * (incoming events keep them current, SPEC G11; the engine may forget them for a message off screen,
 * `keptTeamReceipts`, and then queries it again when shown), never twice while in flight, not at
 * all if it leaves the screen before the batch goes out, and not again after the server refused it
 * for good (until a reconnect). Watching and unwatching do not touch the store: a batch is marked
 * 'loading' in one update when it goes out, so mounting 50 badges notifies once, not 50 times
 * (until then the status is absent, which the views already treat as loading).
 *
 * Besides the shared context it needs two things from the engine, passed as plain parameters (the
 * property names of a hooks object would survive minification in every app's bundle):
 * @param onNeedsLoad A load is due: flush after the load delay (batching every message watched
 *   meanwhile).
 * @param mergeCounts Merges query results together with the loader's own changes in one store update
 *   (details reconciled).
 */
export function createTeamCountLoader(
  context: EngineContext,
  onNeedsLoad: () => void,
  mergeCounts: (
    receipts: readonly TeamMessageReadReceipt[],
    alsoApply: (state: ReceiptState) => ReceiptState,
  ) => void,
): TeamCountLoader {
  const watched: Watchers = new Map();
  const queued = new Map<string, Map<string, ReceiptMessage>>();
  /** Keys a reconnect queued again: their known counts may be stale, so they are queried anyway. */
  const requery = new Set<string>();
  /** Keys whose query is out, with the number of reconnects when it went out. */
  const inFlight = new Map<string, number>();
  const retries = createRetrySchedule(context, () => flush());
  /**
   * Times the connection came back. Counts known from before the last time may have missed
   * readers (receipts are not synced, SPEC G11), so a message is queried again when next shown,
   * unless queried since (`queriedSinceReconnect`).
   */
  let reconnects = 0;
  /** By key, the conversation and client id of each message queried since the last reconnect. */
  const queriedSinceReconnect = new Map<string, [conversationId: string, clientId: string]>();
  /** Past this size, keys whose counts the engine no longer keeps are dropped from it. */
  let pruneAbove = 1_024;

  /** Notes a batch answered since the last reconnect, never holding more keys than counts kept. */
  function noteQueried(conversationId: string, batch: [string, ReceiptMessage][]): void {
    for (const [key, message] of batch) {
      queriedSinceReconnect.set(key, [conversationId, message.messageClientId]);
    }
    if (queriedSinceReconnect.size <= pruneAbove) return;
    // Counts forgotten (`keptTeamReceipts`) are queried when next shown anyway.
    const state = context.store.getState();
    for (const [key, [conversation, clientId]] of queriedSinceReconnect) {
      if (!teamReceiptOf(state, conversation, clientId)) queriedSinceReconnect.delete(key);
    }
    pruneAbove = Math.max(1_024, 2 * queriedSinceReconnect.size);
  }

  function needsLoad(
    state: ReceiptState,
    conversationId: string,
    message: ReceiptMessage,
    key: string,
  ): boolean {
    if (conversationId in state.unavailableTeams) return false;
    if (teamReceiptOf(state, conversationId, message.messageClientId)) return false;
    // A query refused for good ('failed', reported once) is not asked again each time the badge is
    // shown; after a reconnect it is stale like any other (`watch`), so a change of membership shows.
    return entryIn(state.teamCountLoads, key) === undefined;
  }

  /** Queues a count query for the next flush (once per key). */
  function enqueue(conversationId: string, key: string, message: ReceiptMessage): void {
    const queue = queued.get(conversationId);
    if (queue) queue.set(key, message);
    else queued.set(conversationId, new Map([[key, message]]));
  }

  function watch(conversationId: string, message: ReceiptMessage): () => void {
    const key = teamMessageKey(conversationId, message.messageClientId);
    const state = context.store.getState();
    const isStale =
      reconnects > 0 &&
      !queriedSinceReconnect.has(key) &&
      !(conversationId in state.unavailableTeams);
    const queriedAt = inFlight.get(key);
    if (queriedAt !== undefined) {
      // Out since before the last reconnect: shown again (a row scrolled back in) before its answer,
      // it is still asked again once answered (see load), as reloadWatched marked it.
      if (queriedAt !== reconnects && isStale) requery.add(key);
    } else if (isStale || needsLoad(state, conversationId, message, key)) {
      // In a trimmed conversation this may be a forgotten message: an event arriving before the
      // query goes out may be a late one with a lower count, so the query goes out anyway.
      if (isStale || Object.hasOwn(state.trimmedTeams, conversationId)) requery.add(key);
      enqueue(conversationId, key, message);
      onNeedsLoad();
    }
    return addWatcher(watched, key, conversationId, message, () => {
      requery.delete(key);
      // Off screen before its batch went out: do not spend a query on it.
      const queue = queued.get(conversationId);
      if (queue?.delete(key)) {
        if (queue.size === 0) queued.delete(conversationId);
        // Only a batch that went out and waits for its retry was marked 'loading'.
        if (
          !context.isDisposed() &&
          entryIn(context.store.getState().teamCountLoads, key) === 'loading'
        ) {
          context.store.setState((state) => setLoads(state, [[key, undefined]]));
        }
      }
    });
  }

  function flush(): void {
    if (!context.isConnected()) return;
    const state = context.store.getState();
    const due: [string, [string, ReceiptMessage][], RetryRound, Set<string>][] = [];
    for (const [conversationId, queue] of queued) {
      if (retries.isWaiting(conversationId)) continue;
      queued.delete(conversationId);
      // Counts that arrived by event while the batch waited need no query (events keep them
      // current, G11), unless a reconnect asked for them again because events were missed.
      const askedAnyway = new Set<string>();
      const entries = [...queue.entries()].filter(([key, message]) => {
        if (!requery.delete(key)) {
          return (
            !(conversationId in state.unavailableTeams) &&
            !teamReceiptOf(state, conversationId, message.messageClientId)
          );
        }
        askedAnyway.add(key);
        return true;
      });
      const batches = chunk(entries, TEAM_BATCH_LIMIT);
      const round = retries.round(conversationId, batches.length);
      for (const batch of batches) due.push([conversationId, batch, round, askedAnyway]);
    }
    if (due.length === 0) return;
    // Every batch of this flush is marked in ONE store update.
    context.store.setState((state) =>
      setLoads(
        state,
        due.flatMap(([, batch]) => batch.map(([key]) => [key, 'loading'] as const)),
      ),
    );
    // A store subscriber (app code) may have disposed the engine at that update: no query then.
    if (context.isDisposed()) return;
    for (const [conversationId, batch, round, askedAnyway] of due) {
      load(conversationId, batch, round, askedAnyway);
    }
  }

  /** @param askedAnyway Keys asked although counts were known (stale, see `requery`). */
  function load(
    conversationId: string,
    batch: [string, ReceiptMessage][],
    round: RetryRound,
    askedAnyway: Set<string>,
  ): void {
    for (const [key] of batch) inFlight.set(key, reconnects);
    const reconnectsAtQuery = reconnects;
    const messages = batch.map(([, message]) => message);
    callAsAccount(context, async () =>
      teamReceiptsAnswer(await context.transport.getTeamMessageReceipts(messages)),
    ).then(
      (receipts) => {
        for (const [key] of batch) inFlight.delete(key);
        if (context.isDisposed()) return;
        round.succeeded();
        // Before any reconnect nothing is stale, so nothing needs noting.
        if (reconnects > 0 && reconnectsAtQuery === reconnects) noteQueried(conversationId, batch);
        // Results are matched by conversation and client id (SPEC G7); anything else is not ours.
        const own = receipts.filter(
          (receipt): receipt is TeamMessageReadReceipt =>
            isTeamReceipt(receipt) && receipt.conversationId === conversationId,
        );
        // Unknown and unflagged messages are left out of results (SPEC G7): loaded, no counts.
        // A message no longer shown whose counts the engine did not keep (`keptTeamReceipts`) is
        // not 'loaded': it is queried again when shown.
        mergeCounts(own, (state) =>
          setLoads(
            state,
            batch.map(([key, message]) => [
              key,
              watched.has(key) || teamReceiptOf(state, conversationId, message.messageClientId)
                ? 'loaded'
                : undefined,
            ]),
          ),
        );
        // Out when the connection came back, the answer may predate readers whose events were
        // missed offline (G11): reloadWatched marked it to be asked again. (A failure is retried.)
        const stale = batch.filter(([key]) => requery.has(key));
        for (const [key, message] of stale) enqueue(conversationId, key, message);
        if (stale.length > 0) flush();
      },
      (error: ReceiptError) => {
        for (const [key] of batch) inFlight.delete(key);
        if (context.isDisposed()) return;
        round.failed();
        if (context.willRetry(error, 'getTeamMessageReceipts', conversationId)) {
          const forgotten: [string, undefined][] = [];
          for (const [key, message] of batch) {
            if (!watched.has(key)) {
              forgotten.push([key, undefined]);
              continue;
            }
            // Asked although counts were known (a reconnect or a trimmed conversation marked it, and
            // the flush used the mark up): the retry asks whatever is known by then, as it may be
            // stale. Counts an event brings meanwhile for any other are current: no retry needed.
            if (askedAnyway.has(key)) requery.add(key);
            enqueue(conversationId, key, message);
          }
          context.store.setState((state) => setLoads(state, forgotten));
          retries.schedule(conversationId);
          return;
        }
        context.store.setState((state) =>
          setLoads(
            markTeamUnavailable(state, conversationId, error.code),
            batch.map(([key]) => [key, 'failed'] as const),
          ),
        );
        context.report(error, 'getTeamMessageReceipts', conversationId);
      },
    );
  }

  function reloadWatched(): void {
    retries.reset();
    reconnects++;
    queriedSinceReconnect.clear();
    const state = context.store.getState();
    for (const [key, { conversationId, message }] of watched) {
      if (conversationId in state.unavailableTeams) continue;
      requery.add(key);
      // One in flight is asked again once answered (see load).
      if (!inFlight.has(key)) enqueue(conversationId, key, message);
    }
    flush();
  }

  return {
    isWatched: (key) => watched.has(key),
    watch,
    flush,
    reloadWatched,
  };
}
