import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createReceiptEngine, selectPeerReadTime, selectTeamReceipt } from '@readmark/core';
import { createBenchTransport } from '../page/benchTransport';
import { type BenchMessage, makeMessages } from '../page/messages';
import {
  BURST_EVENTS,
  BURST_MEMBERS,
  createReaderEvents,
  deliverBurst,
  lastDelivered,
  storedReceipts,
  WARM_BURSTS,
} from '../page/receiptBurst';
import { medianOfFields } from '../stats';
import type { Spec } from './metrics';

/** Node's `gc`, exposed at run time (the harness runs without --expose-gc). */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * Metric 2 without React, in Node: the engine alone merging 1,000 team receipt events into a store
 * that already holds `stored` receipts, until the store shows the last one (the engine may apply a
 * burst in one update after the current task yields, so the time runs until then) and its subscriber
 * has been notified; the medians of WARM_BURSTS such bursts. `notifications` counts the store
 * notifications of a measured burst.
 */
async function engineApply(
  stored: number,
  { isMemberListOpen = false } = {},
): Promise<{ applyMs: number; applied: number; notifications: number; coldApplyMs: number }> {
  const transport = createBenchTransport({ memberCount: BURST_MEMBERS });
  // Every receipt kept (the default keeps 5,000 per conversation besides those on screen): the
  // 100,000-stored case measures a store that really holds 100,000.
  const engine = createReceiptEngine({ transport, accountId: 'alice', keptTeamReceipts: Infinity });
  const messages = makeMessages({ from: -1000, to: 0, kind: 'team', ownEvery: 1 });
  const receipts = storedReceipts({ messages, stored, memberCount: BURST_MEMBERS });
  transport.emit({ type: 'teamReceipts', receipts });
  // One message's member lists loaded and followed, as a mounted `ReadBy` or an open sheet keeps
  // them: the bursts' receipts, all for other messages, must still take the collapsed path. A
  // message newer than the history, so nobody has read it and the transport's empty lists agree
  // with its counts (lists behind its counts would be asked for again on the backoff).
  if (isMemberListOpen) {
    engine.watchTeamDetail(makeMessages({ from: 0, to: 1, kind: 'team', ownEvery: 1 })[0]!);
  }
  // The stored receipts (and that list) are in the store before the clock starts (a burst is
  // applied once the current task yields).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const nextEvents = createReaderEvents({ memberCount: BURST_MEMBERS, count: BURST_EVENTS });
  let notifications = 0;
  const unsubscribe = engine.store.subscribe(() => {
    notifications++;
  });

  /**
   * Builds the next events for `targets`, delivers them back to back and times them until the store
   * shows the last one.
   */
  const burst = async (targets: readonly BenchMessage[]) => {
    const events = nextEvents(targets);
    notifications = 0;
    // A clean heap: collecting the garbage of the setup is not part of applying the events.
    collectGarbage();
    const start = performance.now();
    const applied = deliverBurst(transport.emit, events, start);
    const lastReceipt = lastDelivered(events, applied);
    const lastMessage = targets.find((m) => m.messageClientId === lastReceipt?.messageClientId);
    const isShown = () =>
      selectTeamReceipt(engine.store.getState(), lastMessage)?.readCount === lastReceipt?.readCount;
    // Applied means the store holds the last event's count; yield promise jobs until it does.
    for (let job = 0; !isShown(); job++) {
      if (job > 1000) throw new Error('bench: the store never showed the last count');
      await Promise.resolve();
    }
    return {
      applyMs: ((performance.now() - start) * BURST_EVENTS) / applied,
      applied,
      notifications,
    };
  };

  // As in the page: the measured bursts follow a first one on this engine, which also pays for
  // compiling the code paths it runs (reported as coldApplyMs), and each reads 20 other messages;
  // the result is their medians.
  const cold = await burst(messages.slice(-20));
  const warm: Awaited<ReturnType<typeof burst>>[] = [];
  for (let index = 1; index <= WARM_BURSTS; index++) {
    warm.push(await burst(messages.slice(-20 * (index + 1), -20 * index)));
  }
  unsubscribe();
  engine.dispose();
  return { ...medianOfFields(warm), coldApplyMs: cold.applyMs };
}

/** One-to-one receipt events per round of {@link p2pApply}. */
const P2P_EVENTS = 1000;

/**
 * The engine alone applying one-to-one receipts in an account with `chats` one-to-one chats (the
 * login sync stored a receipt time for each): P2P_EVENTS events of one receipt each, every one
 * moving a chat's peer read time, applied as they arrive (one store update each, SPEC P11), back to
 * back until the last is in the store. The median of five rounds, after one that warms the code.
 */
async function p2pApply(chats: number): Promise<{ applyMs: number }> {
  const transport = createBenchTransport();
  const engine = createReceiptEngine({ transport, accountId: 'alice' });
  const ids = Array.from({ length: chats }, (_, index) => `alice|1|peer${index}`);
  transport.emit({
    type: 'p2pReceipts',
    receipts: ids.map((conversationId) => ({ conversationId, timestamp: 1 })),
  });
  const rounds: { applyMs: number }[] = [];
  for (let round = 0; round <= 5; round++) {
    // Spread over the chats (7,919 is prime), each time later than the chat's last one.
    const events = Array.from({ length: P2P_EVENTS }, (_, index) => ({
      type: 'p2pReceipts' as const,
      receipts: [
        {
          conversationId: ids[(index * 7919) % chats]!,
          timestamp: 2 + round * P2P_EVENTS + index,
        },
      ],
    }));
    collectGarbage();
    const start = performance.now();
    for (const event of events) transport.emit(event);
    const applyMs = performance.now() - start;
    const last = events.at(-1)!.receipts[0]!;
    if (selectPeerReadTime(engine.store.getState(), last.conversationId) !== last.timestamp) {
      throw new Error('bench: the store never showed the last one-to-one receipt');
    }
    if (round > 0) rounds.push({ applyMs });
  }
  engine.dispose();
  return medianOfFields(rounds);
}

/** Node runs (engine only, no DOM), interleaved with the browser runs. */
export const nodeSpecs: Spec[] = [
  { key: 'n2.stored1k', run: () => engineApply(1000) },
  { key: 'n2.stored100k', run: () => engineApply(100_000) },
  { key: 'n2.stored1kMemberListOpen', run: () => engineApply(1000, { isMemberListOpen: true }) },
  { key: 'n3.chats100', run: () => p2pApply(100) },
  { key: 'n3.chats10k', run: () => p2pApply(10_000) },
];
