import { createStore } from 'zustand/vanilla';
import { systemClock } from '../clock';
import {
  isP2PConversationId,
  isValidConversationId,
  messageConversationId,
  parseConversationType,
} from '../conversationId';
import { isRetryableCode, isServerTrouble } from '../errorCodes';
import { isUnexplainedFailure, ReceiptError } from '../ReceiptError';
import type { ConnectionState, TransportEvent } from '../ReceiptTransport';
import { ConversationType, type ReceiptMessage, type TeamMessageReadReceipt } from '../types';
import { applyWatermarkEvent, isTeamReceipt } from './applyTransportEvent';
import { defaultRetryPolicy } from './backoff';
import { callAsAccount, isLoggedInElsewhere } from './callAsAccount';
import { readConnectionState } from './connectionState';
import { createTimerSet, type EngineContext, noop, type ReceiptOperation } from './engineContext';
import { isolateSubscribers } from './isolateSubscribers';
import {
  copyReceiptMessage,
  copyReceiptMessages,
  hasQueryableTeamCounts,
  isAcknowledgeableP2P,
  isAcknowledgeableTeam,
} from './messageFacts';
import { isTime } from './numbers';
import { createOutboxPersistence } from './outboxPersistence';
import { createP2POutbox } from './p2pOutbox';
import type { LoadConversationOptions, ReceiptEngine, ReceiptEngineOptions } from './ReceiptEngine';
import { readEngineOptions } from './readEngineOptions';
import {
  advanceWatermarks,
  createInitialState,
  markTeamUnavailable,
  type P2PWatermarks,
  type PeerReadTimeLoadStatus,
  type ReceiptState,
  setEntry,
  setPeerReadTimeLoads,
  type WatermarkAdvance,
} from './receiptState';
import { reportUncaught } from './reportUncaught';
import { createRetrySchedule } from './retrySchedule';
import { selectIsSendingReceipts } from './selectors';
import { createTeamCountLoader } from './teamCountLoader';
import { createTeamDetailLoader } from './teamDetailLoader';
import { createTeamOutbox } from './teamOutbox';
import { listenTo } from './transportListening';

/** Default of `keptTeamReceipts`: about 320 KB of counts per team conversation at most. */
export const DEFAULT_KEPT_TEAM_RECEIPTS = 5_000;

/**
 * Creates a {@link ReceiptEngine}. Throws 191004 for a missing or incomplete transport, a missing
 * account or a mistyped option, before anything starts.
 */
export function createReceiptEngine(given: ReceiptEngineOptions): ReceiptEngine {
  // Read once: what was checked is what runs.
  const options = readEngineOptions(given);
  const { transport, accountId } = options;
  const clock = options.clock ?? systemClock;
  const flushDelayMs = options.flushDelayMs ?? 300;
  const loadDelayMs = options.loadDelayMs ?? 50;
  const store = createStore<ReceiptState>()(() =>
    createInitialState(accountId, options.isSendingReceipts ?? true),
  );
  isolateSubscribers(store);
  const timers = createTimerSet(clock);
  let isDisposed = false;
  /**
   * Set when disposed with nobody to take its receipts (no storage, no engine of the account
   * running): a P2P receipt still waiting for its conversation's own read time goes when that answer
   * comes, unless the answer covers it (P11), instead of being lost or sent blind; or, if an engine
   * of the account started meanwhile, goes to that engine (which may be marking the same message:
   * sent by both, it would go twice).
   */
  let lastSenderHandOver: ((messages: ReceiptMessage[]) => boolean) | undefined;
  /**
   * Operations and conversations whose retried failure without a NIM code, or with a server's
   * passing trouble (500, 503…), was reported: told once, retried silently after that.
   */
  const toldRetries = new Set<string>();
  /**
   * The engine's reading of the connection, kept in the store only (the UI reads it there), so the
   * engine and its subscribers never disagree.
   */
  const setConnection = (state: ConnectionState) => {
    const isOffline = state !== 'connected';
    if (store.getState().isOffline !== isOffline) store.setState({ isOffline });
  };
  /**
   * True while the transport names another account, or nobody (`getLoginUser`: one session logged
   * out of this account and into another): the engine is offline then, whatever the connection, as
   * its queries would be answered, and its receipts counted, as the other account's. Nothing need
   * announce the switch or the return (a custom transport's token can change under an open
   * socket), so it is read before each flush and load, at each event and each state change, and,
   * once found, again on the retry backoff (`accountLooks`) until the account is back, when the
   * engine reloads as after a reconnect.
   */
  function isElsewhere(): boolean {
    if (!isLoggedInElsewhere(transport, accountId)) return false;
    setConnection('disconnected');
    accountLooks.schedule('');
    return true;
  }
  /**
   * Offline while {@link isElsewhere}. The state itself is read from the transport only if it can
   * also tell when it changes: an engine that waited for a "connected" it can never hear would hold
   * its receipts for good. Without a subscription, calls made offline fail like any other and are
   * retried after the backoff. `heard` is the event's own state, which counts only when the getter
   * has no answer.
   */
  const readConnection = (heard?: ConnectionState): ConnectionState =>
    isElsewhere()
      ? 'disconnected'
      : transport.subscribeConnectionState
        ? readConnectionState(() => transport.getConnectionState?.() ?? heard)
        : 'connected';
  const isConnected = () => !store.getState().isOffline && !isElsewhere();

  const context: EngineContext = {
    transport,
    accountId,
    store,
    random: options.random ?? Math.random,
    retry: { ...defaultRetryPolicy, ...options.retry },
    timers,
    isDisposed: () => isDisposed,
    isConnected,
    report(error, operation, conversationId) {
      try {
        options.onError?.(error, { operation, conversationId });
      } catch (handlerError) {
        // A throwing handler must not break the engine's own bookkeeping.
        reportUncaught(handlerError);
      }
    },
    willRetry(error, operation, conversationId) {
      if (!isRetryableCode(error.code)) return false;
      const key = `${operation}|${conversationId}`;
      if ((isUnexplainedFailure(error) || isServerTrouble(error.code)) && !toldRetries.has(key)) {
        toldRetries.add(key);
        // Told once the caller has queued the retry: `onError` is app code, which may flush or
        // dispose the engine, and then found the failed receipt neither queued nor handed over.
        void Promise.resolve().then(() => context.report(error, operation, conversationId));
      }
      return true;
    },
    onOutboxChange: () => persistence.changed(),
    teamRetention: {
      limit: options.keptTeamReceipts ?? DEFAULT_KEPT_TEAM_RECEIPTS,
      // Counts on screen (badges, ticks) and open details are never forgotten.
      isShown: (key) => counts.isWatched(key) || details.isWatched(key),
    },
  };
  // The looks at the account while another is logged in (one timer at most), reset once back.
  const accountLooks = createRetrySchedule(context, () => isConnected() || onConnection());
  setConnection(readConnection());

  let flushTimer: unknown;
  function scheduleFlush(delayMs = flushDelayMs): void {
    if (isDisposed || flushTimer !== undefined) return;
    flushTimer = timers.set(() => {
      flushTimer = undefined;
      flushNow();
    }, delayMs);
  }
  let loadTimer: unknown;
  function scheduleLoad(delayMs = loadDelayMs): void {
    if (isDisposed || loadTimer !== undefined) return;
    loadTimer = timers.set(() => {
      loadTimer = undefined;
      counts.flush();
    }, delayMs);
  }

  const p2p = createP2POutbox(context, scheduleFlush, (conversationId) =>
    seeding.has(seedKey('selfReadTime', conversationId)),
  );
  const team = createTeamOutbox(context);
  const details = createTeamDetailLoader(context);
  const counts = createTeamCountLoader(context, scheduleLoad, details.mergeCounts);
  const persistence = createOutboxPersistence(
    options.storage,
    accountId,
    () => [...p2p.snapshot(), ...team.snapshot()],
    () => [...p2p.calls(), ...team.calls()],
  );

  function flushNow(): void {
    if (isDisposed) return;
    if (flushTimer !== undefined) {
      timers.clear(flushTimer);
      flushTimer = undefined;
    }
    p2p.flush();
    team.flush();
  }

  /**
   * Seeds by watermark and conversation: each watermark is asked for once per conversation (a
   * queued receipt's selfReadTime again after a reconnect, see reseedConversations).
   */
  const seeded = new Map<string, Promise<void>>();
  /** Seeds whose answer has not come yet: a conversation's P2P receipt waits for its own read time. */
  const seeding = new Set<string>();
  const seedKey = (field: keyof P2PWatermarks, conversationId: string) =>
    `${field}\n${conversationId}`;
  /**
   * Conversations whose seeding failed for a passing reason, retried when the connection is back:
   * true while only their peerReadTime was wanted (a conversation-list row's).
   */
  const unseeded = new Map<string, boolean>();
  function reseedConversations(): void {
    // What another device of this account read while this one was offline comes with the login
    // sync, after the "connected" that runs this: a receipt still queued asks its read time again
    // (the transport waits for that sync) rather than repeat a read (P11, scenario 13).
    for (const conversationId of p2p.queued()) {
      const key = seedKey('selfReadTime', conversationId);
      if (!seeding.has(key) && seeded.delete(key)) unseeded.set(conversationId, false);
    }
    const pending = [...unseeded];
    unseeded.clear();
    for (const [conversationId, isPeerOnly] of pending) {
      void loadConversation(conversationId, { isPeerOnly });
    }
  }

  /** Seeds one watermark of one conversation from the transport, monotonically and at most once. */
  function seedWatermark(
    conversationId: string,
    field: keyof P2PWatermarks,
    operation: ReceiptOperation,
    read: () => Promise<number | undefined>,
  ): Promise<void> {
    const key = seedKey(field, conversationId);
    const known = seeded.get(key);
    if (known) return known;
    // What was sent then shows as sent, which is true, rather than loading until a reconnect. Marked
    // with the seed answers of the same task, in their one store update.
    const peerReadTimeFailed = (): Promise<void> | undefined =>
      !isDisposed && field === 'peerReadTime' ? applySeedSoon(conversationId) : undefined;
    seeding.add(key);
    const settle = () => {
      // Asked again meanwhile (onError, app code, loading the conversation again after this seed
      // failed): the receipt waits for that answer, whose own settle ends the wait.
      if ((seeded.get(key) ?? seed) !== seed) return;
      seeding.delete(key);
      // A receipt held back for its own read time goes now (unless the answer covered it, P11, U5):
      // a flush that already ran skipped it; a flush still waiting for its window will send it.
      if (
        field === 'selfReadTime' &&
        (isDisposed ? lastSenderHandOver : flushTimer === undefined)
      ) {
        p2p.flush(lastSenderHandOver);
      }
    };
    // Asked only as this account: another's session answers with its own read times, or 191004.
    const seed = callAsAccount(context, read).then(
      (time) => {
        // Disposed, only the read time its kept receipt waits for changes its store.
        if (
          isTime(time) &&
          (!isDisposed ||
            (lastSenderHandOver &&
              field === 'selfReadTime' &&
              p2p.queued().includes(conversationId)))
        ) {
          return applySeedSoon([conversationId, field, time]).then(settle);
        }
        // A custom transport's answer that is no time tells nothing: failed, not loading for good.
        const failing = isTime(time) ? undefined : peerReadTimeFailed();
        if (failing) return failing.then(settle);
        settle();
      },
      (error: ReceiptError) => {
        // Not seeded: a later use may try again (e.g. after logging in).
        seeded.delete(key);
        if (!isDisposed) {
          // Offline or rate-limited is not a failure to report: seed again once connected.
          if (context.willRetry(error, operation, conversationId)) {
            unseeded.set(
              conversationId,
              field === 'peerReadTime' && unseeded.get(conversationId) !== false,
            );
            // Refused for another account (callAsAccount): offline until it is back, then seeded.
            isElsewhere();
          } else context.report(error, operation, conversationId);
        }
        const failing = peerReadTimeFailed();
        if (failing) return failing.then(settle);
        settle();
      },
    );
    seeded.set(key, seed);
    return seed;
  }

  /**
   * Seed answers not applied yet (as the conversation's id alone, a peer read time that could not be
   * had), and the promise job that applies them all in one store update.
   */
  let seedAnswers: (WatermarkAdvance | string)[] = [];
  let seedsApplied: Promise<void> | undefined;

  function applySeedSoon(answer: WatermarkAdvance | string): Promise<void> {
    seedAnswers.push(answer);
    seedsApplied ??= Promise.resolve().then(() => {
      const answers = seedAnswers;
      seedAnswers = [];
      seedsApplied = undefined;
      // With each peerReadTime answer, that it is known, and with each failure, in the order they
      // came: ticks waiting for them render once, as when a whole chat list fails offline. Disposed
      // meanwhile, only answers its kept receipts wait for still count (see seedWatermark).
      store.setState((state) =>
        setPeerReadTimeLoads(
          advanceWatermarks(
            state,
            answers.filter((answer) => typeof answer !== 'string'),
          ),
          answers.flatMap((answer): (readonly [string, PeerReadTimeLoadStatus])[] =>
            typeof answer === 'string'
              ? isDisposed
                ? []
                : [[answer, 'failed']]
              : answer[1] === 'peerReadTime'
                ? [[answer[0], 'loaded']]
                : [],
          ),
        ),
      );
    });
    return seedsApplied;
  }

  function loadConversation(
    conversationId: string,
    options?: LoadConversationOptions,
  ): Promise<void> {
    if (isDisposed || !isP2PConversationId(accountId, conversationId)) return Promise.resolve();
    let isPeerOnly: unknown;
    try {
      isPeerOnly = options?.isPeerOnly;
    } catch {
      // Unreadable options (a revoked Proxy) are ignored, as any other that is not
      // `{ isPeerOnly: true }`: both watermarks are seeded.
    }
    const getSelfReadTime =
      isPeerOnly === true ? undefined : transport.getSelfReadTime?.bind(transport);
    return Promise.all([
      seedWatermark(conversationId, 'peerReadTime', 'getP2PMessageReceipt', () =>
        transport.getP2PMessageReceipt(conversationId).then((receipt) => receipt?.timestamp),
      ),
      // After a page reload selfReadTime would start at 0 and re-send a receipt the user already
      // sent (P11, U5): ask the transport how far this account has read, where it can tell.
      getSelfReadTime &&
        seedWatermark(conversationId, 'selfReadTime', 'getSelfReadTime', () =>
          getSelfReadTime(conversationId),
        ),
    ]).then(noop);
  }

  /** True from a team event until the current task yields: a burst is under way. */
  let isBurstOpen = false;
  /**
   * Team receipts not merged yet: those delivered since the current task's first team event, merged
   * together when it yields. Empty whenever no burst is under way.
   */
  let queuedReceipts: TeamMessageReadReceipt[] = [];
  function onEvent(event: TransportEvent): void {
    // Heard while the transport names another account, or nobody: a push channel of the session
    // (not of this account) carries the other account's receipts and read times, and a transport
    // that writes ids from this account's side would have them stored as this account's. What this
    // account missed meanwhile comes as after a reconnect, once it is back.
    if (isDisposed || isElsewhere()) return;
    if (event?.type !== 'teamReceipts') {
      // Watermarks are two numbers per conversation: applied at once, as they arrive.
      store.setState((state) => applyWatermarkEvent(state, event));
      return;
    }
    // No array per event: each well-formed receipt goes straight to the queue.
    if (Array.isArray(event.receipts)) {
      for (const receipt of event.receipts)
        if (isTeamReceipt(receipt)) queuedReceipts.push(receipt);
    }
    if (isBurstOpen || queuedReceipts.length === 0) return;
    // The team events of one task (NIM delivers a busy group's receipts back to back) are applied
    // together in ONE store update once the task yields, so 1,000 events do not run every mounted
    // selector 1,000 times. A lone event too: no screen can tell (React renders in a later job as
    // well), and applying a burst's first event at once cost it a second update, ~7% of its time
    // to the screen (bench metric 2). A promise job, not a timer: it runs before anything awaiting
    // the delivery, and fake timers cannot hold it.
    isBurstOpen = true;
    void Promise.resolve().then(closeBurst);
  }

  function closeBurst(): void {
    isBurstOpen = false;
    applyQueuedReceipts();
  }

  /**
   * Merges the queued team receipts in one store update, in arrival order, together with the details
   * they move (SPEC G12). A burst with no news leaves the state as it was and notifies nobody.
   */
  function applyQueuedReceipts(): void {
    // Never after dispose: it empties the queue and events stop filling it.
    if (queuedReceipts.length === 0) return;
    const receipts = queuedReceipts;
    queuedReceipts = [];
    details.mergeCounts(receipts);
  }

  /**
   * A connection-state change (`state`), or the engine's account found logged in again (none).
   */
  function onConnection(state?: ConnectionState): void {
    const wasConnected = isConnected();
    // Status events can arrive late or out of order; the transport's current state is the
    // truth, so a stale "disconnected" never strands the outbox. The event's own state
    // counts only when the getter has no answer.
    setConnection(readConnection(state));
    if (!isConnected() || isDisposed) return;
    // A "disconnected" that arrives while connected again means we missed a blip.
    const isBack = !wasConnected || state === 'disconnected';
    if (!isBack) {
      // A repeated "connected": send whatever a flush skipped while we thought we were offline.
      if (flushTimer === undefined) flushNow();
      return;
    }
    // Back online: what waited for the connection goes now, not after a long backoff, and
    // team counts missed meanwhile are queried again (they are not synced, SPEC G11).
    p2p.resetBackoff();
    team.resetBackoff();
    accountLooks.reset();
    // Seeding first, so a receipt waits for the read time it might already be covered by.
    reseedConversations();
    flushNow();
    counts.reloadWatched();
    details.reloadWatched();
  }

  let unsubscribe = noop;
  let unsubscribeConnection = noop;
  let isStarted = false;
  function start(): void {
    if (isStarted || isDisposed) return;
    isStarted = true;
    // Receipts an earlier engine (before a reload) could not deliver go out first; those of an
    // engine of the account disposed later come the same way, with its calls still on the wire,
    // whose answers this one follows instead of sending their receipts again.
    persistence.restore((restored, calls) => {
      for (const call of calls) {
        (isP2PConversationId(accountId, call.conversationId) ? p2p : team).adopt(call);
      }
      if (enqueue(restored)) scheduleFlush(0);
    });
    unsubscribe = listenTo('subscribe', () => transport.subscribe(onEvent), context.report);
    // App code run inside `subscribe` (a store subscriber of an event the transport replays at
    // once, onError of a broken transport) may have disposed the engine: dispose could not remove
    // a listener not added yet, so it is removed now, and no other is added.
    if (isDisposed) {
      unsubscribe();
      return;
    }
    setConnection(readConnection());
    // Team counts given to it before it listened (a provider's new engine of the same account
    // inherits the last one's, to show them meanwhile) may have missed readers: stale, as after a
    // reconnect (SPEC G11), so each is queried again when shown.
    if (Object.keys(store.getState().teamReceipts).length > 0) counts.reloadWatched();
    if (!transport.subscribeConnectionState) return;
    unsubscribeConnection = listenTo(
      'subscribeConnectionState',
      () => transport.subscribeConnectionState?.(onConnection),
      context.report,
    );
    if (isDisposed) unsubscribeConnection();
  }
  if (!options.isStartDeferred) start();

  /** Queues what the user has seen; `messages` are well-formed. Returns true when a flush is due. */
  function enqueue(messages: readonly ReceiptMessage[]): boolean {
    const state = store.getState();
    let needsFlush = false;
    for (const message of messages) {
      const conversationId = messageConversationId(accountId, message);
      if (!selectIsSendingReceipts(state, conversationId)) continue;
      if (isAcknowledgeableP2P(accountId, message)) {
        void loadConversation(conversationId);
        needsFlush = p2p.add(conversationId, message) || needsFlush;
      } else if (isAcknowledgeableTeam(accountId, message)) {
        if (conversationId in state.unavailableTeams) continue;
        needsFlush = team.add(conversationId, message) || needsFlush;
      }
    }
    return needsFlush;
  }

  return {
    accountId,
    transport,
    clock,
    store,
    get isDisposed() {
      return isDisposed;
    },
    start,
    markRead(messages) {
      const copies = copyReceiptMessages(messages, 'markRead');
      if (isDisposed) return;
      if (enqueue(copies)) scheduleFlush();
    },
    flush: flushNow,
    setSendingReceipts(isEnabled, conversationId) {
      if (typeof isEnabled !== 'boolean') {
        throw new ReceiptError(191004, '`setSendingReceipts` expects a boolean');
      }
      // Disposed (logged out, or the provider's signed-out engine, of no account) it ignores the
      // call, as every other: no conversation id is the account's then.
      if (isDisposed) return;
      if (conversationId !== undefined && !isValidConversationId(accountId, conversationId)) {
        // Named only when a string: String() throws a TypeError for a null-prototype object.
        const named = typeof conversationId === 'string' ? ` "${conversationId}"` : '';
        throw new ReceiptError(191004, `\`setSendingReceipts\`: invalid conversation id${named}`);
      }
      if (!isEnabled) {
        p2p.drop(conversationId);
        team.drop(conversationId);
      }
      store.setState((state) => {
        if (conversationId !== undefined) {
          return setEntry(
            state,
            'mutedConversations',
            conversationId,
            isEnabled ? undefined : true,
          );
        }
        return state.isSendingReceipts === isEnabled
          ? state
          : { ...state, isSendingReceipts: isEnabled };
      });
    },
    loadConversation,
    watchTeamCounts(shown) {
      const message = copyReceiptMessage(shown);
      if (isDisposed || !message || !hasQueryableTeamCounts(accountId, message)) return noop;
      // Counts that already arrived make a query needless: apply them before deciding.
      applyQueuedReceipts();
      return counts.watch(messageConversationId(accountId, message), message);
    },
    watchTeamDetail(shown) {
      const message = copyReceiptMessage(shown);
      if (isDisposed || !message) return noop;
      applyQueuedReceipts();
      return details.watch(messageConversationId(accountId, message), message);
    },
    refreshTeamDetail(shown) {
      const message = copyReceiptMessage(shown);
      if (isDisposed || !message) return;
      details.refresh(messageConversationId(accountId, message), message);
    },
    reportSendFailure(conversationId, error) {
      if (
        isDisposed ||
        parseConversationType(accountId, conversationId) !== ConversationType.TEAM
      ) {
        return;
      }
      const { code } = ReceiptError.from(error);
      store.setState((state) => markTeamUnavailable(state, conversationId, code));
    },
    dispose() {
      if (isDisposed) return;
      // With no storage and no engine of the account running to take them, what waits for the flush
      // window or a retry goes now (answers are not awaited), rather than being lost with the
      // engine: a chat unmounted within 300 ms of its last read, a provider hidden in an <Activity>.
      if (!persistence.dispose()) {
        lastSenderHandOver = persistence.handOver;
        p2p.flush(lastSenderHandOver);
        team.flush(true);
      } else {
        // Kept by another engine or a storage: emptied, so that a flush this dispose interrupted (a
        // store subscriber run inside a send, app code) sends none of them beside their new owner.
        p2p.drop();
        team.drop();
      }
      isDisposed = true;
      queuedReceipts = [];
      unsubscribe();
      unsubscribeConnection();
      timers.clearAll();
    },
  };
}
