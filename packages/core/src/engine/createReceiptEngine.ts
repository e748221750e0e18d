import { createStore, type StoreApi } from 'zustand/vanilla';
import { type Clock, systemClock } from '../clock';
import {
  isValidConversationId,
  messageConversationId,
  parseConversationType,
} from '../conversationId';
import { ReceiptError } from '../ReceiptError';
import type { ConnectionState, ReceiptTransport, TransportEvent } from '../ReceiptTransport';
import { ConversationType, type ReceiptMessage } from '../types';
import { defaultRetryPolicy, type RetryPolicy } from './backoff';
import {
  createTimerSet,
  type EngineContext,
  invoke,
  type ReceiptErrorContext,
  TEAM_UNAVAILABLE_CODES,
} from './engineContext';
import {
  assertReceiptMessages,
  hasQueryableTeamCounts,
  isAcknowledgeableP2P,
  isAcknowledgeableTeam,
  isReceiptMessage,
} from './messageFacts';
import { createP2POutbox } from './p2pOutbox';
import {
  advanceWatermark,
  createInitialState,
  mergeTeamReceipts,
  type ReceiptState,
  setEntry,
} from './receiptState';
import { selectIsSendingReceipts } from './selectors';
import { createTeamCountLoader } from './teamCountLoader';
import { createTeamDetailLoader } from './teamDetailLoader';
import { createTeamOutbox } from './teamOutbox';

/** Options of {@link createReceiptEngine}. */
export interface ReceiptEngineOptions {
  /** The backend: `createNimTransport(nim)` or your own. */
  transport: ReceiptTransport;
  /** The logged-in account; conversation ids and "own message" are relative to it. */
  accountId: string;
  /** Time and timers. Default: the platform's. Tests pass fake timers' or their own. */
  clock?: Clock;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** How long markRead gathers messages before sending (ms). Default 300. */
  flushDelayMs?: number;
  /** How long count requests from the screen are gathered before querying (ms). Default 50. */
  loadDelayMs?: number;
  /** Backoff for retryable failures. */
  retry?: Partial<RetryPolicy>;
  /** Whether receipts are sent at all. Default true. */
  isSendingReceipts?: boolean;
  /** Called once per permanent failure; the receipt is then dropped. */
  onError?: (error: ReceiptError, context: ReceiptErrorContext) => void;
  /**
   * Do not listen to the transport until {@link ReceiptEngine.start}. For React, which may create
   * and throw away objects during render: a deferred engine has no side effects until started.
   */
  isStartDeferred?: boolean;
}

/** The read-receipt engine: state in a zustand vanilla store, all timing and transport calls inside. */
export interface ReceiptEngine {
  readonly accountId: string;
  readonly transport: ReceiptTransport;
  /** Facts only; read them through the exported selectors. */
  readonly store: StoreApi<ReceiptState>;
  /** True after {@link ReceiptEngine.dispose}. */
  readonly isDisposed: boolean;
  /** Starts listening to the transport; engines start on creation unless `isStartDeferred`. Idempotent. */
  start(): void;
  /**
   * Marks messages as seen by the user. Sends one P2P receipt per conversation for the newest
   * message, and team receipts for flagged messages, gathered over `flushDelayMs`. Own, notification,
   * unsent and already covered messages are ignored. Throws 191004 for anything but an array of
   * messages, before changing anything.
   */
  markRead(messages: readonly ReceiptMessage[]): void;
  /** Sends what `markRead` gathered now instead of at the end of the window (e.g. on page hide). */
  flush(): void;
  /** Turns sending receipts on or off, everywhere or for one conversation. Turning off drops what waits. */
  setSendingReceipts(isEnabled: boolean, conversationId?: string): void;
  /** Seeds peerReadTime of a P2P conversation from the transport, once per conversation. */
  loadConversation(conversationId: string): Promise<void>;
  /** Loads (lazily, batched) the counts of one of my flagged team messages while it is shown. */
  watchTeamCounts(message: ReceiptMessage): () => void;
  /** Loads the member detail of one of my team messages and keeps it live while it is shown. */
  watchTeamDetail(message: ReceiptMessage): () => void;
  /** Loads a team message's member detail again. */
  refreshTeamDetail(message: ReceiptMessage): void;
  /**
   * Tells the engine a message send failed. A team code saying receipts cannot work there (107302:
   * over 200 members; 107324/108312: disabled; 108302: not an advanced team) marks the team
   * unavailable, so its messages show that instead of wrong numbers. Other errors are ignored.
   */
  reportSendFailure(conversationId: string, error: unknown): void;
  /** Unsubscribes from the transport and cancels every timer. Idempotent. */
  dispose(): void;
}

const noop = () => {};

/** Creates a {@link ReceiptEngine}. Throws 191004 for a missing transport or account. */
export function createReceiptEngine(options: ReceiptEngineOptions): ReceiptEngine {
  const { transport, accountId } = options ?? ({} as ReceiptEngineOptions);
  if (
    typeof transport !== 'object' ||
    transport === null ||
    typeof accountId !== 'string' ||
    accountId === ''
  ) {
    throw new ReceiptError(
      191004,
      '`createReceiptEngine` needs a `transport` and a non-empty `accountId`',
    );
  }
  const clock = options.clock ?? systemClock;
  const flushDelayMs = options.flushDelayMs ?? 300;
  const loadDelayMs = options.loadDelayMs ?? 50;
  const store = createStore<ReceiptState>()(() =>
    createInitialState(accountId, options.isSendingReceipts ?? true),
  );
  const timers = createTimerSet(clock);
  let isDisposed = false;
  let connection: ConnectionState = transport.getConnectionState?.() ?? 'connected';

  const context: EngineContext = {
    accountId,
    transport,
    store,
    random: options.random ?? Math.random,
    retry: { ...defaultRetryPolicy, ...options.retry },
    timers,
    isDisposed: () => isDisposed,
    isConnected: () => connection === 'connected',
    report(error, errorContext) {
      try {
        options.onError?.(error, errorContext);
      } catch {
        // A throwing handler must not break the engine's own bookkeeping.
      }
    },
  };

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

  const p2p = createP2POutbox(context, scheduleFlush);
  const team = createTeamOutbox(context);
  const counts = createTeamCountLoader(context, scheduleLoad);
  const details = createTeamDetailLoader(context);

  function flushNow(): void {
    if (flushTimer !== undefined) {
      timers.clear(flushTimer);
      flushTimer = undefined;
    }
    p2p.flush();
    team.flush();
  }

  const seeded = new Map<string, Promise<void>>();
  function loadConversation(conversationId: string): Promise<void> {
    if (isDisposed || parseConversationType(accountId, conversationId) !== ConversationType.P2P) {
      return Promise.resolve();
    }
    if (!isValidConversationId(accountId, conversationId)) return Promise.resolve();
    const known = seeded.get(conversationId);
    if (known) return known;
    const seeding = invoke(() => transport.getP2PMessageReceipt(conversationId)).then(
      (receipt) => {
        if (isDisposed || typeof receipt?.timestamp !== 'number') return;
        store.setState((state) =>
          advanceWatermark(state, conversationId, 'peerReadTime', receipt.timestamp),
        );
      },
      (error: ReceiptError) => {
        // Not seeded: a later use may try again (e.g. after logging in).
        seeded.delete(conversationId);
        if (!isDisposed)
          context.report(error, { operation: 'getP2PMessageReceipt', conversationId });
      },
    );
    seeded.set(conversationId, seeding);
    return seeding;
  }

  function onEvent(event: TransportEvent): void {
    if (isDisposed || typeof event !== 'object' || event === null) return;
    switch (event.type) {
      case 'p2pReceipts': {
        const receipts = Array.isArray(event.receipts) ? event.receipts : [];
        store.setState((state) =>
          receipts.reduce(
            (next, receipt) =>
              isValidConversationId(accountId, receipt?.conversationId) &&
              typeof receipt.timestamp === 'number'
                ? advanceWatermark(next, receipt.conversationId, 'peerReadTime', receipt.timestamp)
                : next,
            state,
          ),
        );
        return;
      }
      case 'selfReadTime': {
        if (!isValidConversationId(accountId, event.conversationId)) return;
        if (typeof event.readTime !== 'number') return;
        store.setState((state) =>
          advanceWatermark(state, event.conversationId, 'selfReadTime', event.readTime),
        );
        return;
      }
      case 'teamReceipts': {
        const receipts = (Array.isArray(event.receipts) ? event.receipts : []).filter(
          (receipt) =>
            typeof receipt === 'object' &&
            receipt !== null &&
            typeof receipt.conversationId === 'string' &&
            typeof receipt.messageClientId === 'string' &&
            typeof receipt.readCount === 'number',
        );
        store.setState((state) => mergeTeamReceipts(state, receipts));
        details.onReceipts(receipts);
        return;
      }
      default:
        return;
    }
  }

  let unsubscribe = noop;
  let unsubscribeConnection = noop;
  let isStarted = false;
  function start(): void {
    if (isStarted || isDisposed) return;
    isStarted = true;
    unsubscribe = transport.subscribe(onEvent);
    connection = transport.getConnectionState?.() ?? 'connected';
    unsubscribeConnection =
      transport.subscribeConnectionState?.((state) => {
        const wasConnected = connection === 'connected';
        connection = state;
        if (state === 'connected' && !wasConnected && !isDisposed) {
          // Back online: what waited for the connection goes now, not after a long backoff.
          p2p.resetBackoff();
          team.resetBackoff();
          counts.resetBackoff();
          flushNow();
          counts.reloadWatched();
          details.reloadWatched();
        }
      }) ?? noop;
  }
  if (!options.isStartDeferred) start();

  return {
    accountId,
    transport,
    store,
    get isDisposed() {
      return isDisposed;
    },
    start,
    markRead(messages) {
      assertReceiptMessages(messages, 'markRead');
      if (isDisposed) return;
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
      if (needsFlush) scheduleFlush();
    },
    flush: flushNow,
    setSendingReceipts(isEnabled, conversationId) {
      if (typeof isEnabled !== 'boolean') {
        throw new ReceiptError(191004, '`setSendingReceipts` expects a boolean');
      }
      if (conversationId !== undefined && !isValidConversationId(accountId, conversationId)) {
        throw new ReceiptError(
          191004,
          `\`setSendingReceipts\`: invalid conversation id "${String(conversationId)}"`,
        );
      }
      if (!isEnabled) {
        p2p.drop(conversationId);
        team.drop(conversationId);
      }
      store.setState((state) => {
        if (conversationId === undefined) {
          return state.isSendingReceipts === isEnabled
            ? state
            : { ...state, isSendingReceipts: isEnabled };
        }
        const isMuted = conversationId in state.mutedConversations;
        if (isMuted === !isEnabled) return state;
        const muted = { ...state.mutedConversations };
        if (isEnabled) delete muted[conversationId];
        else muted[conversationId] = true;
        return { ...state, mutedConversations: muted };
      });
    },
    loadConversation,
    watchTeamCounts(message) {
      if (isDisposed || !isReceiptMessage(message) || !hasQueryableTeamCounts(accountId, message)) {
        return noop;
      }
      return counts.watch(messageConversationId(accountId, message), message);
    },
    watchTeamDetail(message) {
      if (isDisposed || !isReceiptMessage(message)) return noop;
      return details.watch(messageConversationId(accountId, message), message);
    },
    refreshTeamDetail(message) {
      if (isDisposed || !isReceiptMessage(message)) return;
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
      if (!TEAM_UNAVAILABLE_CODES.has(code)) return;
      store.setState((state) => setEntry(state, 'unavailableTeams', conversationId, code));
    },
    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      unsubscribe();
      unsubscribeConnection();
      timers.clearAll();
      flushTimer = undefined;
      loadTimer = undefined;
    },
  };
}
