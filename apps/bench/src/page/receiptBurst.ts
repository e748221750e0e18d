import type { ReceiptMessage, TeamMessageReadReceipt, TransportEvent } from '@readmark/core';
import { TEAM_CONVERSATION } from './messages';

/**
 * The receipts of metric 2 and their delivery, shared by the Node (engine alone) and Chromium (kit)
 * measurements so both apply exactly the same data the same way.
 */

/** Events in one burst; a burst stopped early by the time budget is scaled up to this many. */
export const BURST_EVENTS = 1000;
/** Members of the team the receipts count (the sender included). */
export const BURST_MEMBERS = 200;
/**
 * Measured bursts per run, after a first (cold) one: the run reports their medians, so slow bursts
 * (a collection, code still being optimized, a neighbour's build) do not decide a repetition; with
 * five, two of them did. Each burst reads other messages (in Node 20 no earlier burst read; in the
 * page the rows a screen further up): a team of 200 has too few members for 16,000 new readers of
 * the same 20 messages.
 */
export const WARM_BURSTS = 15;
/** A store that takes longer than this for a burst is stopped, so a run still ends. */
const TIME_BUDGET_MS = 2000;

/**
 * `stored` receipts already known before the burst: the first ones for `messages`, the rest for
 * older messages of the same team conversation (its long history), so the conversation the burst
 * updates really holds `stored` receipts.
 */
export function storedReceipts(options: {
  messages: readonly ReceiptMessage[];
  stored: number;
  memberCount: number;
}): TeamMessageReadReceipt[] {
  const { messages, stored, memberCount } = options;
  const receipts: TeamMessageReadReceipt[] = [];
  for (let index = 0; index < stored; index++) {
    const message = messages[index];
    receipts.push({
      conversationId: TEAM_CONVERSATION,
      messageServerId: message ? message.messageServerId : `as${index}`,
      messageClientId: message ? message.messageClientId : `ac${index}`,
      readCount: 0,
      unreadCount: memberCount - 1,
    });
  }
  return receipts;
}

/**
 * Returns a function giving the next `count` events for `targets`: each one a new reader of one of
 * them, round robin, so every event is news and counts only rise across calls.
 */
export function createReaderEvents(options: {
  memberCount: number;
  count: number;
}): (targets: readonly ReceiptMessage[]) => TransportEvent[] {
  const { memberCount, count } = options;
  const readCounts = new Map<string, number>();
  return (targets) => {
    const events: TransportEvent[] = [];
    for (let event = 0; event < count; event++) {
      const message = targets[event % targets.length]!;
      const readCount = (readCounts.get(message.messageClientId) ?? 0) + 1;
      if (readCount > memberCount - 1) {
        throw new Error(`bench: more readers of ${message.messageClientId} than the team has`);
      }
      readCounts.set(message.messageClientId, readCount);
      events.push({
        type: 'teamReceipts',
        receipts: [
          {
            conversationId: TEAM_CONVERSATION,
            messageServerId: message.messageServerId,
            messageClientId: message.messageClientId,
            readCount,
            unreadCount: memberCount - 1 - readCount,
            latestReadAccount: `u${event % (memberCount - 1)}`,
          },
        ],
      });
    }
    return events;
  };
}

/**
 * Delivers `events` back to back through `emit`, from `start` (a `performance.now()` reading), and
 * returns how many were delivered: a store that makes this very slow is stopped after a time budget
 * (the caller scales its cost up to {@link BURST_EVENTS}). The clock is read every 50 deliveries so
 * that reading it costs little next to delivering.
 */
export function deliverBurst(
  emit: (event: TransportEvent) => void,
  events: readonly TransportEvent[],
  start: number,
): number {
  let applied = 0;
  while (
    applied < events.length &&
    (applied % 50 !== 0 || performance.now() - start < TIME_BUDGET_MS)
  ) {
    emit(events[applied]!);
    applied++;
  }
  return applied;
}

/** The receipt of the last of the first `applied` events (each event carries one). */
export function lastDelivered(
  events: readonly TransportEvent[],
  applied: number,
): TeamMessageReadReceipt | undefined {
  const last = events[applied - 1];
  return last?.type === 'teamReceipts' ? last.receipts[0] : undefined;
}
