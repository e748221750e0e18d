import type { StoreApi } from 'zustand/vanilla';
import type { Clock } from '../clock';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import type { ReceiptMessage } from '../types';
import type { RetryPolicy } from './backoff';
import type { ReceiptErrorContext } from './engineContext';
import type { ReceiptState } from './receiptState';

/** Options of `createReceiptEngine`. */
export interface ReceiptEngineOptions {
  /** The backend: `createNimTransport(nim)` or your own. */
  transport: ReceiptTransport;
  /** The logged-in account; conversation ids and "own message" are relative to it. */
  accountId: string;
  /** Time and timers. Default: the platform's. Tests pass fake timers' or their own. */
  clock?: Clock | undefined;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: (() => number) | undefined;
  /** How long markRead gathers messages before sending (ms). Default 300. */
  flushDelayMs?: number | undefined;
  /** How long count requests from the screen are gathered before querying (ms). Default 50. */
  loadDelayMs?: number | undefined;
  /**
   * How many team receipts (read and unread counts) are kept per team conversation besides those of
   * messages on screen. Over it the first stored are forgotten, all-read ones last; a forgotten
   * message is queried again when shown, and shows meanwhile as on a fresh page (sent, counts
   * loading). Default 5,000 (~320 KB); `Infinity` keeps every one. Once a conversation has been
   * trimmed, a receipt for a message the engine neither holds nor shows is not stored, and a
   * forgotten message shown again is queried even if an event arrives first: either may be a late
   * event with a lower count (SPEC G12).
   */
  keptTeamReceipts?: number | undefined;
  /** Backoff for retryable failures. */
  retry?: Partial<RetryPolicy> | undefined;
  /** Whether receipts are sent at all. Default true. */
  isSendingReceipts?: boolean | undefined;
  /**
   * Called once per permanent failure of a receipt send (the receipt is then dropped), a count query
   * or a seeding (a member-detail query shows its failure as the detail's `error` instead), and once
   * per operation and conversation for a retried failure that carried no NIM code (maybe the
   * transport's own bug). One that throws does not stop the engine; its error goes to `reportError`.
   */
  onError?: ((error: ReceiptError, context: ReceiptErrorContext) => void) | undefined;
  /**
   * Do not listen to the transport until {@link ReceiptEngine.start}. For React, which may create
   * and throw away objects during render: creating a deferred engine has no side effects. What you
   * call on it before `start()` (`markRead`, `watchTeamCounts`, …) still works and may call the
   * transport.
   */
  isStartDeferred?: boolean | undefined;
  /**
   * Opt-in: keeps receipts the user has earned but the server has not confirmed, so they are sent
   * after a page reload (e.g. `localStorageOutbox()`). Loaded on `start()`; receipts from storage
   * are sent like fresh ones (idempotent on the server). Without it they live as long as the engine.
   */
  storage?: ReceiptOutboxStorage | undefined;
}

/** Options of {@link ReceiptEngine.loadConversation}. */
export interface LoadConversationOptions {
  /** Seed `peerReadTime` only, not `selfReadTime` (which only sending receipts needs). */
  isPeerOnly?: boolean | undefined;
}

/** The read-receipt engine: state in a zustand vanilla store, all timing and transport calls inside. */
export interface ReceiptEngine {
  readonly accountId: string;
  readonly transport: ReceiptTransport;
  /** The engine's time and timers (the `clock` option, or the platform's); UI timing such as a read dwell uses it too. */
  readonly clock: Clock;
  /** Facts only; read them through the exported selectors. */
  readonly store: StoreApi<ReceiptState>;
  /** True after {@link ReceiptEngine.dispose}. */
  readonly isDisposed: boolean;
  /** Starts listening to the transport; engines start on creation unless `isStartDeferred`. Idempotent. */
  start(): void;
  /**
   * Marks messages as seen by the user. Sends one P2P receipt per conversation for the newest
   * message, and team receipts for flagged messages, gathered over `flushDelayMs`. Own,
   * notification, unsent and already covered messages are ignored, and so are copies that are not
   * this account's (a P2P message not addressed to it, a team message whose `conversationId` is not
   * its own). Throws 191004 for anything but an array of messages, before changing anything.
   */
  markRead(messages: readonly ReceiptMessage[]): void;
  /** Sends what `markRead` gathered now instead of at the end of the window (e.g. on page hide). */
  flush(): void;
  /** Turns sending receipts on or off, everywhere or for one conversation. Turning off drops what waits. */
  setSendingReceipts(isEnabled: boolean, conversationId?: string): void;
  /**
   * Seeds the watermarks of a P2P conversation from the transport, each once per conversation:
   * `peerReadTime` from `getP2PMessageReceipt` and, when the transport has `getSelfReadTime`,
   * `selfReadTime` from it. `markRead` does the same on a conversation's first use. Seeding is
   * monotonic. A failed seed is asked again on the conversation's next use; a retryable failure also
   * when the connection is back, any other is reported to `onError`. When the connection is back,
   * `selfReadTime` is also asked again for each conversation whose receipt still waits, since
   * another device may have read it meanwhile. The promise resolves once both
   * answers are in and never rejects. A no-op for anything but a valid P2P conversation id of this
   * account, and after `dispose()`. With `isPeerOnly` it seeds `peerReadTime` alone: all a
   * conversation-list row shows, so a list of 2,000 rows costs 2,000 calls rather than 4,000. Any
   * other options, unreadable ones (a revoked Proxy) included, seed both; it never throws.
   */
  loadConversation(conversationId: string, options?: LoadConversationOptions): Promise<void>;
  /** Loads (lazily, batched) the counts of one of my flagged team messages while it is shown. */
  watchTeamCounts(message: ReceiptMessage): () => void;
  /** Loads the member detail of one of my team messages and keeps it live while it is shown. */
  watchTeamDetail(message: ReceiptMessage): () => void;
  /**
   * Loads a team message's member detail again, now (a user's Retry): a retry waiting for its
   * backoff after a passing failure is cancelled rather than also made, and if this load fails so
   * too, the next retry waits the next, longer delay.
   */
  refreshTeamDetail(message: ReceiptMessage): void;
  /**
   * Tells the engine a message send failed. A team code saying receipts cannot work there (107302:
   * over 200 members; 107324/108312: disabled; 108302: not an advanced team) marks the team
   * unavailable, so its messages show that instead of wrong numbers. Other errors are ignored.
   */
  reportSendFailure(conversationId: string, error: unknown): void;
  /**
   * Unsubscribes from the transport and cancels every timer. Idempotent. Afterwards every method is
   * a no-op (after validating its input) and answers of calls still in flight are ignored; receipts
   * not yet confirmed go to another running engine of the account (which follows the answers of
   * those still on the wire, sending again only what fails), or stay in `storage` for the next
   * engine; with neither, those still waiting for the flush window or a retry are sent at once (a P2P
   * receipt waiting for the account's own read time, once that answer says it is still needed: the
   * one answer a disposed engine still applies to its store; it goes to an engine of the account
   * started meanwhile, if any, instead).
   */
  dispose(): void;
}
