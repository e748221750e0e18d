import type { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage, TeamMessageReadReceipt } from '../types';
import { callAsAccount } from './callAsAccount';
import type { EngineContext } from './engineContext';
import { makeTeamReceipt } from './makeTeamReceipt';
import {
  draftTeamReceipts,
  markTeamUnavailable,
  mergeTeamReceipts,
  type ReceiptState,
  setEntries,
  setEntry,
  type TeamDetailEntry,
  teamMessageKey,
  teamReceiptOf,
} from './receiptState';
import { createRetrySchedule } from './retrySchedule';
import { teamDetailAnswer } from './transportAnswers';
import { addWatcher, type Watchers } from './watchers';

/** Member-by-member details of my team messages, loaded on demand and then kept live. */
export interface TeamDetailLoader {
  /** Shows the detail of `message` (loading it if needed); returns the function that stops. */
  watch(conversationId: string, message: ReceiptMessage): () => void;
  /** True while the detail of the message with this `teamMessageKey` is shown. */
  isWatched(key: string): boolean;
  /** Loads the detail again now, in place of a retry waiting for its backoff. */
  refresh(conversationId: string, message: ReceiptMessage): void;
  /**
   * Merges counts (incoming events or query results) into the store and brings loaded details in
   * line with them in the SAME store update, so subscribers are notified once and an open sheet
   * never lags behind its badge. `alsoApply` folds the caller's own changes into that update.
   * Details the counts outdate are reloaded when shown, forgotten otherwise.
   */
  mergeCounts(
    receipts: readonly TeamMessageReadReceipt[],
    alsoApply?: (state: ReceiptState) => ReceiptState,
  ): void;
  /**
   * The connection is back: cancels waiting retries, loads every shown detail again at once and
   * forgets the others (receipts missed offline, SPEC G11).
   */
  reloadWatched(): void;
}

/**
 * Brings a detail up to date with the best-known counts: the same entry when they agree, undefined
 * when only a refetch can. When exactly one more member has read and the receipt names them, they
 * move from unread to read without a query; any other disagreement needs a refetch.
 */
export function reconcileDetail(
  entry: TeamDetailEntry,
  receipt: TeamMessageReadReceipt | undefined,
): TeamDetailEntry | undefined {
  if (!receipt || receipt.readCount <= entry.readAccountList.length) return entry;
  const reader = receipt.latestReadAccount;
  if (
    receipt.readCount === entry.readAccountList.length + 1 &&
    reader !== undefined &&
    entry.unreadAccountList.includes(reader)
  ) {
    return {
      ...entry,
      readAccountList: [...entry.readAccountList, reader],
      unreadAccountList: entry.unreadAccountList.filter((account) => account !== reader),
    };
  }
  return undefined;
}

/** `state` with the detail of `key` in `status`, keeping the lists known so far (none at first). */
function withStatus(
  state: ReceiptState,
  key: string,
  status: 'loading' | 'error',
  error?: ReceiptError,
  isRetrying?: boolean,
): ReceiptState {
  const entry = state.teamDetails[key];
  const next: TeamDetailEntry = {
    status,
    readAccountList: entry?.readAccountList ?? [],
    unreadAccountList: entry?.unreadAccountList ?? [],
  };
  if (error) next.error = error;
  if (isRetrying) next.isRetrying = true;
  return setEntry(state, 'teamDetails', key, next);
}

/**
 * Creates the detail loader. One query per message at a time; a refetch asked for meanwhile follows
 * it. Retryable failures wait for the shared backoff (never an immediate retry: a transport that keeps
 * answering 416 must not be hammered); only a result that is already outdated is refetched at once.
 */
export function createTeamDetailLoader(context: EngineContext): TeamDetailLoader {
  const watched: Watchers = new Map();
  const inFlight = new Set<string>();
  const refetchAfter = new Set<string>();
  /** Details whose current load is itself the immediate refetch of an outdated answer. */
  const refetchedAtOnce = new Set<string>();
  // A detail whose load failed for a passing reason is loaded again when its backoff ends.
  const retries = createRetrySchedule(context, (key) => loadWatched(key, true));

  /** Loads the detail of the message with this key again, if it is still shown. */
  function loadWatched(key: string, isRetry?: boolean): void {
    const target = watched.get(key);
    if (target) load(target.conversationId, target.message, isRetry);
  }

  /**
   * `isRetry`: the backoff's own retry, whose entry keeps saying the failure it retries
   * (`isRetrying`) while its query is out, so a view does not go back to "loading" at every
   * attempt. Any other load (the user's refresh, the connection back) starts afresh.
   */
  function load(conversationId: string, message: ReceiptMessage, isRetry?: boolean): void {
    const key = teamMessageKey(conversationId, message.messageClientId);
    if (inFlight.has(key)) {
      refetchAfter.add(key);
      return;
    }
    // Disposed by app code the engine ran just before (a store subscriber at a merge): no query.
    if (!context.isConnected() || context.isDisposed()) return;
    inFlight.add(key);
    context.store.setState((state) =>
      withStatus(state, key, 'loading', undefined, isRetry && state.teamDetails[key]?.isRetrying),
    );
    // A store subscriber (app code) may have disposed the engine at that update: no query then.
    if (context.isDisposed()) return;
    callAsAccount(context, async () =>
      teamDetailAnswer(await context.transport.getTeamMessageReceiptDetail(message)),
    ).then(
      (detail) => {
        inFlight.delete(key);
        if (context.isDisposed()) return;
        let needsRefetch = false;
        context.store.setState((state) => {
          const next = mergeTeamReceipts(
            state,
            [
              // Not a spread copy: its shape of its own deoptimized the burst merge (makeTeamReceipt).
              makeTeamReceipt(
                conversationId,
                message.messageClientId,
                detail.readReceipt,
                detail.readReceipt.latestReadAccount,
              ),
            ],
            context.teamRetention,
          );
          const receipt = teamReceiptOf(next, conversationId, message.messageClientId);
          // Closed before the answer came, and its counts not kept (`keptTeamReceipts`): a detail
          // without them would miss every later reader (their events are not stored either) and
          // be shown as it is when opened again. Forgotten instead, it is loaded then.
          if (!receipt && !watched.has(key)) return setEntry(next, 'teamDetails', key, undefined);
          const loaded: TeamDetailEntry = {
            status: 'ready',
            readAccountList: detail.readAccountList,
            unreadAccountList: detail.unreadAccountList,
          };
          const reconciled = reconcileDetail(loaded, receipt);
          // An outdated answer is still shown (it is the freshest list there is) while it is refetched.
          needsRefetch = !reconciled;
          return setEntry(next, 'teamDetails', key, reconciled ?? loaded);
        });
        if (!needsRefetch) {
          refetchedAtOnce.delete(key);
          retries.succeed(key);
        } else if (refetchedAtOnce.has(key)) {
          // Outdated twice in a row: the server's lists may never match its counts (e.g. a reader
          // who left the team is counted but not listed). Ask again after the backoff, not in a loop.
          refetchAfter.delete(key);
          retries.schedule(key);
          return;
        } else {
          // Counts that moved while the query was out make its answer outdated: ask again at once.
          refetchedAtOnce.add(key);
          refetchAfter.add(key);
        }
        if (refetchAfter.delete(key)) loadWatched(key);
      },
      (error: ReceiptError) => {
        inFlight.delete(key);
        // An error is never followed by an immediate query, even if one was asked for meanwhile.
        refetchAfter.delete(key);
        refetchedAtOnce.delete(key);
        if (context.isDisposed()) return;
        // Offline or rate-limited is not the detail's fault: try again after the backoff (or at
        // once when the connection comes back, through reloadWatched), and say so in the entry,
        // which a sheet then shows as loading rather than as a failure.
        const isRetrying = context.willRetry(error, 'getTeamMessageReceiptDetail', conversationId);
        context.store.setState((state) =>
          markTeamUnavailable(
            withStatus(state, key, 'error', error, isRetrying),
            conversationId,
            error.code,
          ),
        );
        if (isRetrying) retries.schedule(key);
      },
    );
  }

  return {
    isWatched: (key) => watched.has(key),
    watch(conversationId, message) {
      const key = teamMessageKey(conversationId, message.messageClientId);
      const stop = addWatcher(watched, key, conversationId, message);
      const state = context.store.getState();
      const detail = state.teamDetails[key];
      const isOutdated =
        detail?.status === 'ready' &&
        !reconcileDetail(detail, teamReceiptOf(state, conversationId, message.messageClientId));
      if (!detail || isOutdated || (detail.status === 'error' && !retries.isWaiting(key))) {
        load(conversationId, message);
      }
      return stop;
    },
    refresh(conversationId, message) {
      retries.cancel(teamMessageKey(conversationId, message.messageClientId));
      load(conversationId, message);
    },
    reloadWatched() {
      retries.reset();
      refetchedAtOnce.clear();
      // Details not shown may have missed readers too (SPEC G11): forget them, so the next viewer
      // loads them fresh instead of trusting lists from before the connection dropped.
      context.store.setState((state) =>
        setEntries(
          state,
          'teamDetails',
          Object.keys(state.teamDetails)
            .filter((key) => !watched.has(key))
            .map((key) => [key, undefined] as const),
        ),
      );
      for (const target of watched.values()) load(target.conversationId, target.message);
    },
    mergeCounts(receipts, alsoApply) {
      const stale = new Set<string>();
      context.store.setState((state) => {
        const draft = draftTeamReceipts(state, context.teamRetention);
        let details = state.teamDetails;
        let isDetailsCopied = false;
        // Details change only for messages someone opened: the receipts of the others need no
        // reconciliation, nor merging one by one: only the last that raised each message's count is
        // merged (a burst of 1,000 for 20 messages: 20 merges). A message's receipts all go one way,
        // and one with a detail has a stored receipt (trimming forgets both), so merging the others
        // first leaves the order receipts were first stored in as it was.
        const withDetails: TeamMessageReadReceipt[] = [];
        draft.mergeAll(
          receipts,
          // Asked even while no detail is loaded (once per message, 20 for a burst of 1,000): left out
          // then, the merge's loop was optimized without this call, and the first burst after a
          // list opened threw that code away; the loop is run once per burst, so the bursts after ran
          // unoptimized (bench n2 with a list open).
          (conversationId, clientId) =>
            Object.hasOwn(details, teamMessageKey(conversationId, clientId)),
          withDetails,
        );
        for (const receipt of withDetails) {
          const merged = draft.merge(receipt);
          // Not news: the detail already agrees with these counts (it was reconciled when they
          // first arrived), so a duplicate or stale event changes nothing at all.
          if (!merged) continue;
          const key = teamMessageKey(merged.conversationId, merged.messageClientId);
          if (!Object.hasOwn(details, key) || stale.has(key)) continue;
          const entry = details[key]!;
          if (entry.status === 'loading') continue;
          // Receipts are reconciled one by one, in order, so a burst naming each new reader in
          // turn moves them one at a time without a query, as separate events would.
          const reconciled = reconcileDetail(entry, merged);
          if (reconciled === entry) continue;
          if (!reconciled && watched.has(key)) {
            stale.add(key);
            continue;
          }
          if (!isDetailsCopied) {
            details = { ...details };
            isDetailsCopied = true;
          }
          if (reconciled) {
            details[key] = reconciled;
          } else {
            // Nobody shows a stale detail: forget it so the next viewer loads it fresh.
            delete details[key];
          }
        }
        // The reconciled details go in first: trimming (keptTeamReceipts) then removes those of the
        // messages it forgets, instead of the reconciled copy bringing them back.
        const next = draft.commit(isDetailsCopied ? { ...state, teamDetails: details } : state);
        return alsoApply ? alsoApply(next) : next;
      });
      // A detail whose retry waits for the backoff is loaded by that retry.
      for (const key of stale) if (!retries.isWaiting(key)) loadWatched(key);
    },
  };
}
