/**
 * Property: with `storage`, no receipt the user earned is lost however often B's engine is replaced
 * (page reloads, logouts, a provider swapping engines, so two engines of B may overlap) while the
 * connection comes and goes and calls fail. Real engine, real NIM transport, real memory server with
 * its seeded faults; sync and IndexedDB-like asynchronous storages. Left out, as documented limits:
 * two live engines on different objects over one shared record (the last writer wins) and receipts
 * marked while muted.
 *
 * Without a storage the promise is narrower, and checked too: engines replaced while the SDK stays
 * logged in and online (a provider unmounted, remounted or swapping transports) lose nothing, each
 * handing its receipts to a running engine of the account or sending them as it goes. A logout,
 * a lost connection or a failed call at that moment loses them (nothing keeps them after dispose).
 */
import { createMemoryServer, type MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import { webStorageOutbox } from '../storage/webStorageOutbox';
import { backwardSteps } from '../testing/backwardSteps';
import { expectServerAtReads } from '../testing/expectServerAtReads';
import { jitter } from '../testing/jitter';
import { createKeyValueStorage, createWebStorage } from '../testing/mapStorage';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptEngine } from './ReceiptEngine';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * `keyValue`: webStorageOutbox over a storage without `length`/`key` (one shared slot);
 * `webStorage`: over one with them (a slot per storage object, like localStorage in tabs);
 * `async`: an IndexedDB-like storage whose `load` reads when asked and answers `loadDelayMs` later.
 */
type StorageKind = 'keyValue' | 'webStorage' | 'async' | 'none';

interface World {
  storage: StorageKind;
  loadDelayMs: number;
  /** Seeded random faults of the memory server (failed, timed-out, slow calls), or none. */
  isFaulty: boolean;
}

type Step =
  | { kind: 'send'; isTeam: boolean }
  | { kind: 'mark'; pick: number }
  | { kind: 'drop' }
  | { kind: 'restore' }
  | { kind: 'wait'; ms: number }
  | { kind: 'flush' }
  | {
      kind: 'reload';
      /** The next engine gets the same storage object, or a new one over the same data (a page). */
      isSameObject: boolean;
      /** The next engine starts before the old one is disposed (a provider swapping transports). */
      isOverlapping: boolean;
      /** Marked on the old engine in the task it goes away (a chat closing as the user logs out). */
      leaveMark?: number;
      /** Time without any engine of B (a logout, then a login), when not overlapping. */
      gapMs: number;
    };

const worldArbitrary: fc.Arbitrary<World> = fc.record({
  storage: fc.constantFrom<StorageKind>('keyValue', 'webStorage', 'async'),
  loadDelayMs: fc.constantFrom(0, 1, 50, 400),
  isFaulty: fc.boolean(),
});

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('send' as const), isTeam: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('mark' as const), pick: fc.nat() }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'drop' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'restore' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.constantFrom(0, 1, 10, 100, 300, 500, 1500),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'flush' as const }), weight: 1 },
  {
    arbitrary: fc.record(
      {
        kind: fc.constant('reload' as const),
        isSameObject: fc.boolean(),
        isOverlapping: fc.boolean(),
        leaveMark: fc.nat(),
        gapMs: fc.constantFrom(0, 0, 10, 500),
      },
      { requiredKeys: ['kind', 'isSameObject', 'isOverlapping', 'gapMs'] },
    ),
    weight: 3,
  },
);

/** Makes storage objects over one device's data: the same data for every engine of B. */
function storageFactory(world: World): () => ReceiptOutboxStorage | undefined {
  if (world.storage === 'none') return () => undefined;
  if (world.storage === 'keyValue') {
    const data = createKeyValueStorage();
    return () => webStorageOutbox(data);
  }
  if (world.storage === 'webStorage') {
    const data = createWebStorage();
    return () => webStorageOutbox(data);
  }
  // IndexedDB: transactions apply in the order they are made, so a load sees every save made
  // before it and none made after; its answer comes later.
  const data = { messages: [] as readonly ReceiptMessage[] };
  return () => ({
    load: () => {
      const value = data.messages;
      return new Promise((resolve) => setTimeout(() => resolve(value), world.loadDelayMs));
    },
    save: async (_accountId, messages) => {
      data.messages = messages;
    },
  });
}

async function runSchedule(seed: number, world: World, steps: Step[]): Promise<void> {
  const server = createMemoryServer(
    world.isFaulty
      ? {
          faults: {
            failureRate: 0.3,
            timeoutRate: 0.1,
            latencyMs: [0, 300],
            duplicateRate: 0.2,
            reorder: 0.3,
            seed,
          },
        }
      : {},
  );
  server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
  const newStorage = storageFactory(world);
  const errors: ReceiptError[] = [];
  const backwards: string[] = [];
  const stops: Array<() => void> = [];
  let engineCount = 0;
  const engineOf = (client: MemoryClient, accountId: string, storage?: ReceiptOutboxStorage) => {
    engineCount += 1;
    const engine = createReceiptEngine({
      transport: createNimTransport(client),
      accountId,
      random: jitter(seed + engineCount),
      retry: { baseDelayMs: 100, maxDelayMs: 2000 },
      onError: (error) => errors.push(error),
      ...(storage ? { storage } : {}),
    });
    stops.push(
      engine.store.subscribe((next, previous) => backwards.push(...backwardSteps(previous, next))),
    );
    return engine;
  };

  const alice = server.login('A');
  const aliceEngine = engineOf(alice, 'A');
  /** What B's devices received: a page after a reload would show it again from history. */
  const received = new Map<string, ReceiptMessage>();
  let isBobConnected = true;
  interface Device {
    client: MemoryClient;
    engine: ReceiptEngine;
    storage: ReceiptOutboxStorage | undefined;
  }
  const startDevice = (storage: ReceiptOutboxStorage | undefined): Device => {
    const client = server.login('B');
    if (!isBobConnected) client.disconnect();
    client.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      for (const message of messages as unknown as ReceiptMessage[]) {
        received.set(message.messageClientId, message);
      }
    });
    return { client, engine: engineOf(client, 'B', storage), storage };
  };
  // A logout or a page going away: the SDK instance goes with the engine (calls in flight fail).
  // Without a storage: an unmount, the SDK staying logged in (see the file's comment).
  const stopDevice = (device: Device) => {
    device.engine.dispose();
    if (device.storage) device.client.logout();
  };
  let bob = startDevice(newStorage());
  const everyDevice = [bob];

  const sent: ReceiptMessage[] = [];
  const marked = new Map<string, ReceiptMessage>();
  const mark = (engine: ReceiptEngine, pick: number) => {
    const list = [...received.values()];
    const message = list[pick % Math.max(1, list.length)];
    if (!message) return;
    marked.set(message.messageClientId, message);
    engine.markRead([message]);
  };
  try {
    for (const step of steps) {
      switch (step.kind) {
        case 'send': {
          const sending = alice.V2NIMMessageService.sendMessage(
            alice.V2NIMMessageCreator.createTextMessage('hello'),
            step.isTeam ? 'A|2|T' : 'A|1|B',
            { messageConfig: { readReceiptEnabled: step.isTeam } },
          );
          await vi.advanceTimersByTimeAsync(301);
          sent.push((await sending).message as unknown as ReceiptMessage);
          break;
        }
        case 'mark':
          mark(bob.engine, step.pick);
          break;
        case 'drop':
          isBobConnected = false;
          server.dropConnection('B');
          break;
        case 'restore':
          isBobConnected = true;
          server.restoreConnection('B');
          break;
        case 'wait':
          await vi.advanceTimersByTimeAsync(step.ms);
          break;
        case 'flush':
          bob.engine.flush();
          break;
        case 'reload': {
          const old = bob;
          // Live engines on different objects over one shared record overwrite each other's saves
          // (the last writer wins, a documented limit): overlapping ones share the object there.
          const isSameObject =
            step.isSameObject || (step.isOverlapping && world.storage !== 'webStorage');
          const storage = isSameObject ? old.storage : newStorage();
          if (step.isOverlapping) bob = startDevice(storage);
          if (step.leaveMark !== undefined) mark(old.engine, step.leaveMark);
          stopDevice(old);
          if (!step.isOverlapping) {
            if (step.gapMs > 0) await vi.advanceTimersByTimeAsync(step.gapMs);
            bob = startDevice(storage);
          }
          everyDevice.push(bob);
          break;
        }
      }
    }

    // The network heals; everything earned must now arrive without anyone doing anything.
    server.setFaults({});
    isBobConnected = true;
    server.restoreConnection();
    await vi.advanceTimersByTimeAsync(20_000);

    expect(errors).toEqual([]);
    expect(backwards).toEqual([]);
    await expectServerAtReads(server, aliceEngine, sent, marked);
  } finally {
    for (const stop of stops) stop();
    aliceEngine.dispose();
    for (const device of everyDevice) device.engine.dispose();
  }
}

const sync: World = { storage: 'keyValue', loadDelayMs: 0, isFaulty: false };
const slots: World = { ...sync, storage: 'webStorage' };
const idb: World = { ...sync, storage: 'async' };
const p2pSend: Step = { kind: 'send', isTeam: false };
const teamSend: Step = { kind: 'send', isTeam: true };
const reload = (options: Partial<Extract<Step, { kind: 'reload' }>> = {}): Step => ({
  kind: 'reload',
  isSameObject: true,
  isOverlapping: false,
  gapMs: 0,
  ...options,
});

/**
 * Counterexamples found by this test (2026-11-27), each a receipt lost with no fault injected, all
 * fixed in outboxPersistence.ts: a disposed engine keeps what it held at dispose (in flight
 * included), hands it to any running engine of the account, and otherwise saves it on top of a
 * fresh load, one late save after another, which a starting engine waits for.
 */
const foundExamples: Array<[number, World, Step[]]> = [
  // An engine disposed while its asynchronous load is pending, with a receipt in flight that then
  // fails (here: the logout that disposed it): its send's failure handler forgets the receipt
  // because the engine is disposed, so the snapshot taken when the load answers no longer holds it,
  // and nothing was saved before the load ended. g1's receipt is never sent.
  [1, idb, [teamSend, reload(), { kind: 'mark', pick: 0 }, { kind: 'flush' }, reload()]],
  // Two engines disposed mid-load in a row, each having marked a message, then a logout gap: each
  // load answers after the other's ask, so each late save writes what it loaded (nothing) plus its
  // own receipt, and the second erases the first. m2's receipt is lost; Alice sees m1 only.
  [
    1,
    idb,
    [
      p2pSend,
      p2pSend,
      reload(),
      { kind: 'mark', pick: 1 },
      reload(),
      { kind: 'mark', pick: 0 },
      reload({ gapMs: 500 }),
    ],
  ],
  // The same race with a new storage object per engine (a new page, a re-login) and no gap: the
  // disposed engine's late save finds no live engine on ITS storage object, so it writes instead of
  // handing over, and the next engine, whose load read the storage before that write, then saves
  // over it. m1's receipt is lost.
  [
    1,
    idb,
    [
      p2pSend,
      reload({ isSameObject: false }),
      { kind: 'mark', pick: 0 },
      reload({ isSameObject: false }),
      p2pSend,
      { kind: 'wait', ms: 0 },
    ],
  ],
  // A provider swapping transports with a storage object made per render (inline
  // `engineOptions={{ storage: localStorageOutbox() }}`): the old engine's storage object is not the
  // new engine's, so what a leaving child marks is written to the old engine's own slot, which the
  // new engine (already loaded) never reads. m1's receipt waits for the next page load.
  [
    1,
    slots,
    [
      p2pSend,
      { kind: 'wait', ms: 0 },
      reload({ isSameObject: false, isOverlapping: true, leaveMark: 0 }),
    ],
  ],
];

const withoutStorage: World = { storage: 'none', loadDelayMs: 0, isFaulty: false };

/** Found on 2026-11-27 by the checks in outboxReliability.test.ts, before this property existed. */
const foundWithoutStorage: Array<[number, Step[]]> = [
  // The chat's first read, its engine unmounted before the account's read time answered: the
  // receipt waited for that answer, and the engine dropped it.
  [1, [p2pSend, { kind: 'wait', ms: 0 }, reload({ leaveMark: 0, gapMs: 500 })]],
  // An engine made and dropped while another ran, that one then replaced in the same task: the
  // first waited for a load it did not need to hand its receipt over, and by then found no heir.
  [
    1,
    [
      p2pSend,
      { kind: 'wait', ms: 0 },
      reload({ isOverlapping: true }),
      reload({ isOverlapping: true, leaveMark: 0 }),
      reload({ gapMs: 500 }),
    ],
  ],
];

/** Fixed for CI; `READMARK_PROPERTY_SEED=<n>` replays or explores another sequence. */
const propertySeed = Number(process.env.READMARK_PROPERTY_SEED ?? 20_261_128);
const numRuns = Number(process.env.READMARK_PROPERTY_RUNS ?? 300);

describe('outbox across reloads, logouts and overlapping engines (property)', () => {
  it('every receipt the user earned reaches the server, whichever engine sends it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        worldArbitrary,
        fc.array(stepArbitrary, { minLength: 4, maxLength: 40, size: 'medium' }),
        async (seed, world, steps) => {
          await runSchedule(seed, world, steps);
        },
      ),
      { numRuns, seed: propertySeed, examples: foundExamples },
    );
  }, 300_000);

  it('without a storage, engines replaced while the SDK stays online lose no receipt', async () => {
    const online = stepArbitrary.filter((step) => step.kind !== 'drop' && step.kind !== 'restore');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(online, { minLength: 4, maxLength: 40, size: 'medium' }),
        async (seed, steps) => {
          await runSchedule(seed, withoutStorage, steps);
        },
      ),
      { numRuns, seed: propertySeed, examples: foundWithoutStorage },
    );
  }, 300_000);
});
