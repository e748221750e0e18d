import {
  createReceiptEngine,
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
 * that already holds `stored` receipts, and notifying one subscriber per event.
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
