import type { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage } from '../types';
import { callAsAccount } from './callAsAccount';
import type { EngineContext } from './engineContext';
import type { ReceiptCall } from './outboxPersistence';
import { markTeamUnavailable, teamMessageKey } from './receiptState';
import { createRetrySchedule, type RetryRound } from './retrySchedule';
import { selectIsSendingReceipts } from './selectors';

/** NIM accepts at most 50 messages per team receipt call (SPEC G3). */
export const TEAM_BATCH_LIMIT = 50;

/** The outgoing side of team receipts. */
export interface TeamOutbox {
  /** Queues an acknowledgeable team message; true when it is new (not sent, pending or dropped). */
  add(conversationId: string, message: ReceiptMessage): boolean;
  /**
   * Sends what is due, per conversation, in calls of at most 50; with `isLast` (the engine going
   * with nobody to take its receipts) conversations backing off go too.
   */
  flush(isLast?: boolean): void;
  resetBackoff(): void;
  /** Drops what waits for `conversationId`, or everywhere; dropped messages may be marked again. */
  drop(conversationId?: string): void;
  /** Every receipt not yet confirmed by the server: queued, in flight or waiting to retry. */
  snapshot(): ReceiptMessage[];
  /** The calls whose answers have not come, its own and those it adopted. */
  calls(): ReceiptCall[];
  /**
   * Follows the answer of a call a disposed engine of the account made, as if this outbox had made
   * it: its messages are not sent again (queued ones leave the queue), and a failure is retried or
   * reported here.
   */
  adopt(call: ReceiptCall): void;
}

/** Splits `items` into arrays of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size));
  }
  return chunks;
}

/**
 * Creates the team outbox. Each message is sent at most once while the engine lives: it is
 * remembered from the moment it is queued, so marking it again while pending, in flight or after
 * success does nothing.
 */
export function createTeamOutbox(context: EngineContext): TeamOutbox {
  /** Keys of every message queued, in flight or sent: a message is never queued twice. */
  const handled = new Set<string>();
  /** Queued messages per conversation (`handled` keeps duplicates out). */
  const pending = new Map<string, ReceiptMessage[]>();
  const retries = createRetrySchedule(context, () => flush());
  /** Batches sent and not yet answered: still pending for the outbox's snapshot. */
  const inFlight = new Set<ReceiptMessage[]>();
  /** The calls of those batches (and of adopted ones), for an engine that takes over. */
  const calls = new Set<ReceiptCall>();
  /**
   * Batches of a flush not sent yet (in `inFlight` already, so a dispose made inside an earlier
   * batch's send finds them), by conversation: a drop made meanwhile (mute, or a dispose whose
   * receipts another engine or a storage keeps) takes them back unsent.
   */
  const unsent = new Map<ReceiptMessage[], string>();

  function add(conversationId: string, message: ReceiptMessage): boolean {
    const key = teamMessageKey(conversationId, message.messageClientId);
    if (handled.has(key)) return false;
    handled.add(key);
    const queue = pending.get(conversationId);
    if (queue) queue.push(message);
    else pending.set(conversationId, [message]);
    context.onOutboxChange();
    return true;
  }

  function dropQueue(conversationId: string): void {
    const queue = pending.get(conversationId);
    if (!queue) return;
    for (const message of queue) {
      handled.delete(teamMessageKey(conversationId, message.messageClientId));
    }
    pending.delete(conversationId);
    context.onOutboxChange();
  }

  function flush(isLast?: boolean): void {
    if (!context.isConnected()) return;
    for (const [conversationId, queue] of [...pending]) {
      // A send can re-enter the engine (a transport delivering an event before it returns, whose
      // store update runs an app's subscriber that flushes, mutes or disposes): a queue sent or
      // dropped meanwhile must not go a second time, and the state is read afresh.
      if (pending.get(conversationId) !== queue) continue;
      if (!isLast && retries.isWaiting(conversationId)) continue;
      const state = context.store.getState();
      if (conversationId in state.unavailableTeams) {
        pending.delete(conversationId);
        context.onOutboxChange();
        continue;
      }
      if (!selectIsSendingReceipts(state, conversationId)) {
        dropQueue(conversationId);
        continue;
      }
      pending.delete(conversationId);
      const batches = chunk(queue, TEAM_BATCH_LIMIT);
      const round = retries.round(conversationId, batches.length);
      for (const batch of batches) {
        inFlight.add(batch);
        unsent.set(batch, conversationId);
      }
      for (const batch of batches) if (unsent.delete(batch)) send(conversationId, batch, round);
    }
  }

  function send(conversationId: string, batch: ReceiptMessage[], round: RetryRound): void {
    follow(
      {
        conversationId,
        messages: batch,
        answer: callAsAccount(context, () => context.transport.sendTeamMessageReceipts(batch)),
      },
      round,
    );
  }

  function follow(call: ReceiptCall, round: RetryRound): void {
    const { conversationId, messages: batch } = call;
    inFlight.add(batch);
    calls.add(call);
    const land = () => {
      inFlight.delete(batch);
      calls.delete(call);
    };
    call.answer.then(
      () => {
        land();
        if (context.isDisposed()) return;
        round.succeeded();
        context.onOutboxChange();
      },
      (error: ReceiptError) => {
        land();
        if (context.isDisposed()) return;
        round.failed();
        if (context.willRetry(error, 'sendTeamMessageReceipts', conversationId)) {
          // The failed batch goes first, before what was queued meanwhile.
          pending.set(conversationId, [...batch, ...(pending.get(conversationId) ?? [])]);
          retries.schedule(conversationId);
          return;
        }
        context.store.setState((state) => markTeamUnavailable(state, conversationId, error.code));
        context.onOutboxChange();
        context.report(error, 'sendTeamMessageReceipts', conversationId);
      },
    );
  }

  return {
    add,
    flush,
    resetBackoff: retries.reset,
    drop(conversationId) {
      for (const id of conversationId === undefined ? [...pending.keys()] : [conversationId]) {
        dropQueue(id);
      }
      for (const [batch, id] of unsent) {
        if (conversationId !== undefined && id !== conversationId) continue;
        unsent.delete(batch);
        inFlight.delete(batch);
        for (const message of batch) handled.delete(teamMessageKey(id, message.messageClientId));
      }
    },
    snapshot: () => [...[...pending.values()].flat(), ...[...inFlight].flat()],
    calls: () => [...calls],
    adopt(call) {
      const { conversationId, messages } = call;
      const keyOf = (message: ReceiptMessage) =>
        teamMessageKey(conversationId, message.messageClientId);
      const keys = messages.map(keyOf);
      for (const key of keys) handled.add(key);
      // Queued here too (restored from a storage the disposed engine shared): it waits for the answer.
      const queue = pending.get(conversationId) ?? [];
      const rest = queue.filter((message) => !keys.includes(keyOf(message)));
      if (rest.length < queue.length) {
        if (rest.length > 0) pending.set(conversationId, rest);
        else pending.delete(conversationId);
      }
      follow(call, retries.round(conversationId, 1));
      context.onOutboxChange();
    },
  };
}
