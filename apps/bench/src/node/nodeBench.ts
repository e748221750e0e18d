import {
  createReceiptEngine,
  selectTeamReceipt,
  type TeamMessageReadReceipt,
  type TransportEvent,
} from '@readmark/core';
import { createBenchTransport } from '../page/benchTransport';
import { makeMessages, TEAM_CONVERSATION } from '../page/messages';
import type { Spec } from './metrics';

const EVENTS = 1000;
const MEMBERS = 200;
const TIME_BUDGET_MS = 2000;

/**
 * Metric 2 without React, in Node: the engine alone merging 1,000 team receipt events into a store
 * that already holds `stored` receipts, until the store shows the last one (the engine may apply a
 * burst in one update after the current task yields, so the time runs until then) and its subscriber
 * has been notified.
 */
async function engineApply(
  stored: number,
): Promise<{ applyMs: number; applied: number; notifications: number }> {
  const transport = createBenchTransport({ memberCount: MEMBERS });
  const engine = createReceiptEngine({ transport, accountId: 'alice' });
  const messages = makeMessages({ from: -1000, to: 0, kind: 'team', ownEvery: 1 });
  const receipts: TeamMessageReadReceipt[] = [];
  for (let index = 0; index < stored; index++) {
    const message = messages[index];
    receipts.push({
      conversationId: message ? TEAM_CONVERSATION : 'alice|2|archive',
      messageServerId: message ? message.messageServerId : `as${index}`,
      messageClientId: message ? message.messageClientId : `ac${index}`,
      readCount: 0,
      unreadCount: MEMBERS - 1,
    });
  }
  transport.emit({ type: 'teamReceipts', receipts });
  // The stored receipts are in the store before the clock starts (a burst is applied once the
  // current task yields).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const targets = messages.slice(-20);
  const events: TransportEvent[] = [];
  for (let event = 0; event < EVENTS; event++) {
    const message = targets[event % targets.length]!;
    const readCount = Math.floor(event / targets.length) + 1;
    events.push({
      type: 'teamReceipts',
      receipts: [
        {
          conversationId: TEAM_CONVERSATION,
          messageServerId: message.messageServerId,
          messageClientId: message.messageClientId,
          readCount,
          unreadCount: MEMBERS - 1 - readCount,
        },
      ],
    });
  }
  let notifications = 0;
  const unsubscribe = engine.store.subscribe(() => {
    notifications++;
  });
  const start = performance.now();
  let applied = 0;
  // Stopped after a time budget and scaled to 1,000 events, so a pathological store still ends.
  while (applied < events.length && performance.now() - start < TIME_BUDGET_MS) {
    transport.emit(events[applied]!);
    applied++;
  }
  const last = events[applied - 1]!;
  const lastReceipt = last.type === 'teamReceipts' ? last.receipts[0]! : undefined;
  const lastMessage = targets.find((m) => m.messageClientId === lastReceipt?.messageClientId);
  const isShown = () =>
    selectTeamReceipt(engine.store.getState(), lastMessage)?.readCount === lastReceipt?.readCount;
  // Applied means the store holds the last event's count; yield promise jobs until it does.
  for (let job = 0; !isShown(); job++) {
    if (job > 1000) throw new Error('bench: the store never showed the last count');
    await Promise.resolve();
  }
  const applyMs = ((performance.now() - start) * EVENTS) / applied;
  unsubscribe();
  engine.dispose();
  return { applyMs, applied, notifications };
}

/** Node runs (engine only, no DOM), interleaved with the browser runs. */
export const nodeSpecs: Spec[] = [
  { key: 'n2.stored1k', run: () => engineApply(1000) },
  { key: 'n2.stored100k', run: () => engineApply(100_000) },
];
