/**
 * Property: incoming receipts may arrive in any order and any number of times (NIM redelivers at
 * login sync, networks reorder). The store must end exactly where in-order delivery ends, never move
 * backwards on the way, and notify nobody for a copy it has already merged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../ReceiptTransport';
import { backwardSteps } from '../testing/backwardSteps';
import { receiptWorldPerTest } from '../testing/receiptWorld';
import { applyWatermarkEvent } from './applyTransportEvent';
import { createInitialState } from './receiptState';

const world = receiptWorldPerTest();

const peers = ['A|1|B', 'A|1|C', 'A|1|D'];
const teamMessages = ['g1', 'g2', 'g3', 'g4'];
const readers = ['B', 'C', 'D', 'E', 'F'];
/** Eligible readers of every team message (SPEC G5): readCount + unreadCount stays 12. */
const eligible = 12;

type Change =
  | { kind: 'peer'; index: number; step: number }
  | { kind: 'self'; index: number; step: number }
  | { kind: 'team'; index: number; reader: number };

const changeArbitrary: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('peer' as const),
    index: fc.nat(peers.length - 1),
    step: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('self' as const),
    index: fc.nat(peers.length - 1),
    step: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('team' as const),
    index: fc.nat(teamMessages.length - 1),
    reader: fc.nat(readers.length - 1),
  }),
);

/** The events a server emits for `changes`, in order: watermarks and counts only ever grow. */
function historyOf(changes: Change[]): TransportEvent[] {
  const peerTimes = peers.map(() => 0);
  const selfTimes = peers.map(() => 0);
  const counts = teamMessages.map(() => 0);
  const events: TransportEvent[] = [];
  for (const change of changes) {
    const conversationId = peers[change.index] as string;
    if (change.kind === 'peer') {
      peerTimes[change.index] = (peerTimes[change.index] ?? 0) + change.step;
      const timestamp = peerTimes[change.index] as number;
      events.push({ type: 'p2pReceipts', receipts: [{ conversationId, timestamp }] });
    } else if (change.kind === 'self') {
      selfTimes[change.index] = (selfTimes[change.index] ?? 0) + change.step;
      events.push({ type: 'selfReadTime', conversationId, readTime: selfTimes[change.index] ?? 0 });
    } else {
      const readCount = (counts[change.index] ?? 0) + 1;
      if (readCount > eligible) continue;
      counts[change.index] = readCount;
      const messageClientId = teamMessages[change.index] as string;
      events.push({
        type: 'teamReceipts',
        receipts: [
          {
            conversationId: 'A|2|T',
            messageServerId: `s-${messageClientId}`,
            messageClientId,
            readCount,
            unreadCount: eligible - readCount,
            latestReadAccount: readers[change.reader] as string,
          },
        ],
      });
    }
  }
  return events;
}

/** A delivery plan: each event 1-3 times, all copies shuffled by random keys. */
const planArbitrary = fc
  .array(changeArbitrary, { maxLength: 60, size: 'medium' })
  .map(historyOf)
  .chain((events) =>
    fc
      .array(
        fc.record({
          copies: fc.integer({ min: 1, max: 3 }),
          keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
            minLength: 3,
            maxLength: 3,
          }),
        }),
        { minLength: events.length, maxLength: events.length },
      )
      .map((shape) => {
        const copies = shape.flatMap(({ copies, keys }, index) =>
          keys.slice(0, copies).map((key) => ({ key, index })),
        );
        copies.sort((a, b) => a.key - b.key);
        return { events, order: copies.map(({ index }) => index) };
      }),
  );

/** A fresh engine of A (real transport, memory server) fed events as a transport delivers them. */
function engineOfA() {
  const device = world.device('A');
  return {
    state: () => device.engine.store.getState(),
    /**
     * Delivers one event in a task of its own and returns the state once it is applied (a team
     * event when the task yields, before the next is delivered).
     */
    async deliver(event: TransportEvent) {
      device.deliver(event);
      await Promise.resolve();
      return device.engine.store.getState();
    },
    dispose: () => device.engine.dispose(),
  };
}

describe('incoming events in any order (property)', () => {
  it('end at the in-order state, never move backwards and never notify for old news', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, async ({ events, order }) => {
        const inOrderEngine = engineOfA();
        for (const event of events) await inOrderEngine.deliver(event);
        const inOrder = inOrderEngine.state();
        inOrderEngine.dispose();

        const engine = engineOfA();
        let state = engine.state();
        const applied = new Set<number>();
        for (const index of order) {
          const event = events[index] as TransportEvent;
          const next = await engine.deliver(event);
          expect(backwardSteps(state, next)).toEqual([]);
          // A copy already merged is no news: the same object, so no subscriber runs.
          if (applied.has(index)) expect(next).toBe(state);
          applied.add(index);
          state = next;
        }
        expect(engine.state()).toBe(state);
        engine.dispose();
        expect(state).toEqual(inOrder);
      }),
      { numRuns: 1000 },
    );
  });

  it('batches (login sync) merge like the same receipts one by one', () => {
    fc.assert(
      fc.property(planArbitrary, ({ events, order }) => {
        const p2p = order
          .map((index) => events[index] as TransportEvent)
          .flatMap((event) => (event.type === 'p2pReceipts' ? event.receipts : []));
        const oneBatch = applyWatermarkEvent(createInitialState('A', true), {
          type: 'p2pReceipts',
          receipts: p2p,
        });
        const oneByOne = p2p.reduce(
          (state, receipt) =>
            applyWatermarkEvent(state, { type: 'p2pReceipts', receipts: [receipt] }),
          createInitialState('A', true),
        );
        expect(oneBatch).toEqual(oneByOne);
        const inOrder = events.reduce(
          (state, event) =>
            event.type === 'p2pReceipts' ? applyWatermarkEvent(state, event) : state,
          createInitialState('A', true),
        );
        expect(oneBatch.conversations).toEqual(inOrder.conversations);
      }),
      { numRuns: 1000 },
    );
  });
});
