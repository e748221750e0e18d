import type { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage } from '../types';
import { callAsAccount } from './callAsAccount';
import type { EngineContext } from './engineContext';
import type { ReceiptCall } from './outboxPersistence';
import { advanceWatermark } from './receiptState';
import { createRetrySchedule } from './retrySchedule';
import { selectIsSendingReceipts, selectSelfReadTime } from './selectors';

/** The outgoing side of P2P receipts: one receipt per conversation for the newest message seen. */
export interface P2POutbox {
  /** Queues `message` (an acknowledgeable incoming message); true when a flush is now needed. */
  add(conversationId: string, message: ReceiptMessage): boolean;
  /**
   * Sends what is due. Conversations in flight or backing off wait for their turn; with `handOver`
   * (the engine is disposed and had nobody to take its receipts) backing off does not wait, and what
   * is due goes to the engine `handOver` finds now, if any, rather than out a second time beside it.
   */
  flush(handOver?: (messages: ReceiptMessage[]) => boolean): void;
  /** Forgets waiting retries' delays, e.g. after reconnecting. */
  resetBackoff(): void;
  /** Drops what waits for `conversationId`, or for every conversation. */
  drop(conversationId?: string): void;
  /** Every receipt not yet confirmed by the server: queued, in flight or waiting to retry. */
  snapshot(): ReceiptMessage[];
  /** The conversations whose receipt waits to be sent (queued or waiting to retry, not in flight). */
  queued(): string[];
  /** The calls whose answers have not come, its own and those it adopted. */
  calls(): ReceiptCall[];
  /**
   * Follows the answer of a call a disposed engine of the account made, as if this outbox had made
   * it: no second call for its receipt, the read time moves when it succeeds, and a failure is
   * retried or reported here.
   */
  adopt(call: ReceiptCall): void;
}

/**
 * Creates the P2P outbox. Only the newest message per conversation is kept, and only while it moves
 * selfReadTime forward (SPEC P2: a receipt covers everything before it; U5: never resend). A
 * successful send advances selfReadTime; retryable failures retry with backoff; permanent ones are
 * reported once and dropped.
 *
 * Besides the shared context it needs two things from the engine, passed as plain parameters (the
 * property names of a hooks object would survive minification in every app's bundle):
 * @param onNeedsFlush Something is due: flush after the flush delay.
 * @param isWaitingForReadTime True while the conversation's own read time is being asked for: its
 *   receipt may be covered.
 */
export function createP2POutbox(
  context: EngineContext,
  onNeedsFlush: () => void,
  isWaitingForReadTime: (conversationId: string) => boolean,
): P2POutbox {
  const pending = new Map<string, ReceiptMessage>();
  /** The newest receipt on the wire per conversation, own or adopted: its next one waits. */
  const inFlight = new Map<string, ReceiptMessage>();
  /** Calls whose answer is awaited, for an engine that takes over from this one. */
  const calls = new Set<ReceiptCall>();
  const retries = createRetrySchedule(context, () => flush());
  // Messages the server refused for good: marking them again must not repeat the call or the report.
  const refused = new Set<string>();

  const selfReadTime = (conversationId: string) =>
    selectSelfReadTime(context.store.getState(), conversationId);

  function add(conversationId: string, message: ReceiptMessage): boolean {
    if (message.createTime <= selfReadTime(conversationId)) return false;
    if (refused.has(message.messageClientId)) return false;
    const sending = inFlight.get(conversationId);
    if (sending && message.createTime <= sending.createTime) return false;
    const queued = pending.get(conversationId);
    if (queued && message.createTime <= queued.createTime) return false;
    pending.set(conversationId, message);
    context.onOutboxChange();
    return true;
  }

  function flush(handOver?: (messages: ReceiptMessage[]) => boolean): void {
    if (!context.isConnected()) return;
    for (const [conversationId, message] of pending) {
      if (
        inFlight.has(conversationId) ||
        (!handOver && retries.isWaiting(conversationId)) ||
        isWaitingForReadTime(conversationId)
      ) {
        continue;
      }
      pending.delete(conversationId);
      const state = context.store.getState();
      // Muted meanwhile, or a read-time sync from another device covered it (scenario 13).
      if (
        !selectIsSendingReceipts(state, conversationId) ||
        message.createTime <= selectSelfReadTime(state, conversationId)
      ) {
        context.onOutboxChange();
        continue;
      }
      if (!handOver?.([message])) send(conversationId, message);
    }
  }

  function send(conversationId: string, message: ReceiptMessage): void {
    // In flight before the call: a dispose made inside it (app code run by the transport) finds
    // the receipt, which then has no answer to follow, and hands it over as queued.
    inFlight.set(conversationId, message);
    follow({
      conversationId,
      messages: [message],
      answer: callAsAccount(context, () => context.transport.sendP2PMessageReceipt(message)),
    });
  }

  function follow(call: ReceiptCall): void {
    const { conversationId } = call;
    const message = call.messages[0] as ReceiptMessage;
    calls.add(call);
    const sending = inFlight.get(conversationId);
    if (!sending || sending.createTime < message.createTime) inFlight.set(conversationId, message);
    const land = () => {
      calls.delete(call);
      if (inFlight.get(conversationId) === message) inFlight.delete(conversationId);
    };
    call.answer.then(
      () => {
        land();
        if (context.isDisposed()) return;
        retries.succeed(conversationId);
        context.store.setState((state) =>
          advanceWatermark(state, conversationId, 'selfReadTime', message.createTime),
        );
        dropCovered(conversationId);
        context.onOutboxChange();
        if (pending.has(conversationId)) onNeedsFlush();
      },
      (error: ReceiptError) => {
        land();
        if (context.isDisposed()) return;
        if (!context.willRetry(error, 'sendP2PMessageReceipt', conversationId)) {
          refused.add(message.messageClientId);
          context.onOutboxChange();
          context.report(error, 'sendP2PMessageReceipt', conversationId);
          if (pending.has(conversationId)) onNeedsFlush();
          return;
        }
        const queued = pending.get(conversationId);
        if (!queued || queued.createTime < message.createTime) pending.set(conversationId, message);
        retries.schedule(conversationId);
      },
    );
  }

  /** A success covers every older receipt still waiting in this conversation (SPEC P2). */
  function dropCovered(conversationId: string): void {
    const queued = pending.get(conversationId);
    if (queued && queued.createTime <= selfReadTime(conversationId)) pending.delete(conversationId);
  }

  return {
    add,
    flush,
    resetBackoff: retries.reset,
    drop(conversationId) {
      if (conversationId === undefined) pending.clear();
      else pending.delete(conversationId);
      context.onOutboxChange();
    },
    snapshot: () => [...pending.values(), ...inFlight.values()],
    queued: () => [...pending.keys()],
    calls: () => [...calls],
    adopt(call) {
      // A receipt queued here for the conversation waits for the answer, as for an own call.
      follow(call);
      context.onOutboxChange();
    },
  };
}
