/**
 * Property: whatever the network does (30% failed calls, 10% timed-out calls the server applied,
 * 0-500 ms latency, duplicated and reordered events, dropped connections), every receipt the user
 * earned reaches the server, exactly once in effect, and nothing the user did not see is read.
 * Real engine, real NIM transport, real memory server with its seeded fault injection.
 */
import { createMemoryServer, type MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import { backwardSteps } from '../testing/backwardSteps';
import { expectServerAtReads } from '../testing/expectServerAtReads';
import { jitter } from '../testing/jitter';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptEngine } from './ReceiptEngine';
import { selectSelfReadTime } from './selectors';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

type Step =
  | { kind: 'send'; isTeam: boolean }
  | { kind: 'see'; pick: number; isSecondDevice: boolean }
  | { kind: 'drop' }
  | { kind: 'restore' }
  | { kind: 'wait'; ms: number }
  | { kind: 'flush' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('send' as const), isTeam: fc.boolean() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('see' as const),
      pick: fc.nat(),
      isSecondDevice: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.constant({ kind: 'drop' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'restore' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.integer({ min: 0, max: 1500 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'flush' as const }), weight: 1 },
);

async function runSchedule(seed: number, steps: Step[]): Promise<void> {
  const server = createMemoryServer({
    faults: {
      failureRate: 0.3,
      timeoutRate: 0.1,
      latencyMs: [0, 500],
      duplicateRate: 0.2,
      reorder: 0.3,
      seed,
    },
  });
  server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
  const alice = server.login('A');
  // B reads on two devices; both must end at the same read state, each receipt counted once.
  const bob = server.login('B');
  const bob2 = server.login('B');
  const receivedBy = new Map<MemoryClient, ReceiptMessage[]>();
  for (const device of [bob, bob2]) {
    const list: ReceiptMessage[] = [];
    receivedBy.set(device, list);
    device.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      list.push(...(messages as unknown as ReceiptMessage[]));
    });
  }
  const errors: ReceiptError[] = [];
  const engineOf = (client: MemoryClient, accountId: string) =>
    createReceiptEngine({
      transport: createNimTransport(client),
      accountId,
      random: jitter(seed),
      retry: { baseDelayMs: 100, maxDelayMs: 2000 },
      onError: (error) => errors.push(error),
    });
  const aliceEngine = engineOf(alice, 'A');
  const bobEngine = engineOf(bob, 'B');
  const bob2Engine = engineOf(bob2, 'B');
  const backwards: string[] = [];
  const stopChecks = [aliceEngine, bobEngine, bob2Engine].map((engine: ReceiptEngine) =>
    engine.store.subscribe((next, previous) => backwards.push(...backwardSteps(previous, next))),
  );

  const sent: ReceiptMessage[] = [];
  const seen = new Map<string, ReceiptMessage>();
  try {
    for (const step of steps) {
      switch (step.kind) {
        case 'send': {
          const service = alice.V2NIMMessageService;
          const sending = service.sendMessage(
            alice.V2NIMMessageCreator.createTextMessage('hello'),
            step.isTeam ? 'A|2|T' : 'A|1|B',
            { messageConfig: { readReceiptEnabled: step.isTeam } },
          );
          await vi.advanceTimersByTimeAsync(501);
          sent.push((await sending).message as unknown as ReceiptMessage);
          break;
        }
        case 'see': {
          const device = step.isSecondDevice ? bob2 : bob;
          const received = receivedBy.get(device) ?? [];
          const message = received[step.pick % Math.max(1, received.length)];
          if (!message) break;
          seen.set(message.messageClientId, message);
          (step.isSecondDevice ? bob2Engine : bobEngine).markRead([message]);
          break;
        }
        case 'drop':
          server.dropConnection('B');
          break;
        case 'restore':
          server.restoreConnection('B');
          break;
        case 'wait':
          await vi.advanceTimersByTimeAsync(step.ms);
          break;
        case 'flush':
          bobEngine.flush();
          bob2Engine.flush();
          break;
      }
    }

    // The network heals; everything earned must now arrive without anyone doing anything.
    server.setFaults({});
    server.restoreConnection();
    await vi.advanceTimersByTimeAsync(20_000);

    expect(errors).toEqual([]);
    expect(backwards).toEqual([]);
    const readTime = await expectServerAtReads(server, aliceEngine, sent, seen);
    // Both of B's devices know how far B has read.
    expect(selectSelfReadTime(bobEngine.store.getState(), 'B|1|A')).toBe(readTime);
    expect(selectSelfReadTime(bob2Engine.store.getState(), 'B|1|A')).toBe(readTime);
  } finally {
    for (const stop of stopChecks) stop();
    aliceEngine.dispose();
    bobEngine.dispose();
    bob2Engine.dispose();
  }
}

describe('outbox delivery under faults (property)', () => {
  it('over 1,000 random schedules, the server ends exactly at what the user saw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(stepArbitrary, { minLength: 4, maxLength: 40, size: 'medium' }),
        async (seed, steps) => {
          await runSchedule(seed, steps);
        },
      ),
      {
        numRuns: 1000,
        // Fixed for CI; `READMARK_PROPERTY_SEED=<n>` explores another sequence.
        seed: Number(process.env.READMARK_PROPERTY_SEED ?? 20_261_127),
        // Found by this test (2026-11-27): B drops and comes back at once, so its status events
        // arrive late; the transport passed a stale "connected" once and then held back the
        // real one as a repeat, and the engine never learned it was connected again.
        examples: [
          [
            57055943,
            [
              { kind: 'drop' },
              { kind: 'restore' },
              { kind: 'send', isTeam: false },
              { kind: 'see', pick: 0, isSecondDevice: true },
              { kind: 'flush' },
              { kind: 'send', isTeam: false },
              { kind: 'flush' },
              { kind: 'wait', ms: 0 },
            ],
          ],
        ],
      },
    );
  }, 300_000);
});
