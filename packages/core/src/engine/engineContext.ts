import type { StoreApi } from 'zustand/vanilla';
import type { Clock } from '../clock';
import { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import type { RetryPolicy } from './backoff';
import type { ReceiptState, TeamReceiptRetention } from './receiptState';

/** The transport call that failed, for `onError`. */
export type ReceiptOperation =
  | 'sendP2PMessageReceipt'
  | 'getP2PMessageReceipt'
  | 'getSelfReadTime'
  | 'sendTeamMessageReceipts'
  | 'getTeamMessageReceipts'
  | 'getTeamMessageReceiptDetail'
  /** The transport's listener could not be added, or cannot be removed (191004). */
  | 'subscribe'
  | 'subscribeConnectionState';

/** What `onError` is told besides the error itself. */
export interface ReceiptErrorContext {
  operation: ReceiptOperation;
  /** The conversation the call was about; `''` for `subscribe` and `subscribeConnectionState`. */
  conversationId: string;
}

/** Does nothing: what a listener that was never added is removed with. */
export const noop = (): void => {};

/** NIM codes meaning a team's receipts cannot work at all (SPEC G1, G2, section 3). */
export const TEAM_UNAVAILABLE_CODES: ReadonlySet<number> = new Set([
  107302, 107324, 108312, 108302,
]);

/**
 * Timers over a {@link Clock}, made with {@link createTimerSet}: the engine's own, so `dispose()`
 * can cancel every one of them.
 */
export interface TimerSet {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
  /** Cancels every timer and sets none from then on (the engine is disposed). */
  clearAll(): void;
}

/** What the engine's parts share. Internal. */
export interface EngineContext {
  transport: ReceiptTransport;
  /** The engine's account: calls go out only while it is the one logged in. */
  accountId: string;
  store: StoreApi<ReceiptState>;
  random: () => number;
  retry: RetryPolicy;
  timers: TimerSet;
  isDisposed(): boolean;
  /**
   * False while the transport says it is offline, or names another account (read now: the engine
   * then counts as offline until it is back): sends and queries wait instead of failing.
   */
  isConnected(): boolean;
  /**
   * A permanent failure: `onError`, once; the caller drops what failed. The operation and the
   * conversation (`''` for none) are plain parameters, as in {@link EngineContext.willRetry}: the
   * `onError` context object is built here, once, not at every call.
   */
  report(error: ReceiptError, operation: ReceiptOperation, conversationId: string): void;
  /**
   * Whether a failed call is retried: its code says it can succeed later (`isRetryableCode`). A
   * retried failure is told to `onError` (once per operation and conversation) only when what
   * failed carried no NIM code (see `isUnexplainedFailure`): then it may be the transport's own bug
   * or a request the backend will always refuse, and a retry in silence would hide it. Told in the
   * next promise job, once the caller has queued the retry: `onError` is app code, and may flush or
   * dispose the engine.
   */
  willRetry(error: ReceiptError, operation: ReceiptOperation, conversationId: string): boolean;
  /** The outbox gained or lost a receipt (queued, confirmed or dropped): persist it if asked to. */
  onOutboxChange(): void;
  /** How many team receipts are kept, and which messages are shown (always kept). */
  teamRetention: TeamReceiptRetention;
}

/**
 * The longest wait platform timers take (2^31 - 1 ms, about 24.8 days): a longer one overflows and
 * fires after about 1 ms, which would turn a long backoff into a hot retry loop.
 */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * A TimerSet over `clock` that forgets timers once they fire: the engine's timers, and any UI timing
 * that follows the engine's clock (`MessageList`'s read dwell). A cleared timer never calls back,
 * even on a clock that cannot take it back. Each timer is known by a token of its
 * own, not by the clock's handle: a clock that calls back at once may return none, or the same one
 * every time (`setTimeout: (callback) => callback()`), and two timers set in one task (a flush and
 * a count load) must not be mistaken for one, which lost the second one's callback.
 */
export function createTimerSet(clock: Clock): TimerSet {
  /** The clock's handle of each timer set and not yet fired or cleared, by token. */
  const live = new Map<unknown, unknown>();
  let isClosed = false;
  return {
    set(callback, delayMs) {
      // Closed by dispose: a retry asked for afterwards (by an answer whose onError or store
      // subscriber disposed the engine) would outlive the engine and call the transport again.
      if (isClosed) return;
      const timer = {};
      const run = () => {
        if (live.delete(timer)) callback();
      };
      let isSetting = true;
      const handle = clock.setTimeout(
        // A clock that calls back inside `setTimeout` is deferred to a microtask: callers keep the
        // token returned (e.g. as "a flush is due"), which they must be able to clear.
        () => (isSetting ? void Promise.resolve().then(run) : run()),
        Math.min(delayMs, MAX_TIMER_DELAY_MS),
      );
      isSetting = false;
      live.set(timer, handle);
      return timer;
    },
    clear(timer) {
      const handle = live.get(timer);
      if (live.delete(timer)) clock.clearTimeout(handle);
    },
    clearAll() {
      isClosed = true;
      for (const handle of live.values()) clock.clearTimeout(handle);
      live.clear();
    },
  };
}

/**
 * Calls a transport method so that a synchronous throw (nim-web-sdk-ng throws 191001 synchronously,
 * SPEC section 3) becomes a rejection with a ReceiptError, like every other failure.
 */
export async function invoke<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw ReceiptError.from(error);
  }
}
