import { createNimTransport } from '@readmark/nim';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import {
  countCalls,
  type ReceiptWorld,
  receiptWorldPerTest,
  sentMessages,
  teamReaders,
  type WorldDevice,
} from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { entryIn } from './bucketedRecord';
import { createReceiptEngine } from './createReceiptEngine';
import {
  createInitialState,
  mergeTeamReceipts,
  setLoads,
  teamMessageKey,
  teamReceiptOf,
} from './receiptState';
import {
  selectIsAllRead,
  selectIsTeamUnavailable,
  selectMessageStatus,
  selectReceiptMode,
  selectTeamCountLoad,
  selectTeamReceipt,
  selectUnreadCount,
} from './selectors';

const world = receiptWorldPerTest();
/** Engines a test built over its own transport, disposed after it. */
const ownEngines: ReturnType<typeof createReceiptEngine>[] = [];
afterEach(() => {
  for (const engine of ownEngines.splice(0)) engine.dispose();
});

/** Team T1 = {A, B, C, D, E}; A sends flagged g1 at 100. */
async function team() {
  world.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D', 'E'] });
  const [a, b, c, d, e] = ['A', 'B', 'C', 'D', 'E'].map((id) => world.device(id)) as [
    WorldDevice,
    WorldDevice,
    WorldDevice,
    WorldDevice,
    WorldDevice,
  ];
  const g1 = await world.send(a, 'A|2|T1', { at: 100, isFlagged: true });
  await world.settle();
  return { a, b, c, d, e, g1 };
}

const receiptOf = (device: WorldDevice, message: ReceiptMessage) =>
  selectTeamReceipt(device.engine.store.getState(), message);

async function readBy(world: ReceiptWorld, device: WorldDevice, message: ReceiptMessage) {
  device.engine.markRead([world.copyOf(device, message)]);
  await world.tick(300);
}

describe('team receipts through the engine (SPEC section 7, scenarios 16-32)', () => {
  it('16: counts load lazily, then follow incoming receipts', async () => {
    const { a, b, g1 } = await team();
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    const stop = a.engine.watchTeamCounts(g1);
    // Marked 'loading' when its batch goes out, not per watch (one update per batch).
    expect(selectTeamCountLoad(a.engine.store.getState(), g1)).toBeUndefined();
    await world.tick(49);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    await world.tick(1);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 0, unreadCount: 4 });
    await readBy(world, b, g1);
    expect(receiptOf(a, g1)).toMatchObject({
      readCount: 1,
      unreadCount: 3,
      latestReadAccount: 'B',
    });
    expect(selectMessageStatus(a.engine.store.getState(), g1)).toBe('sent');
    stop();
  });

  it('17: a message is acknowledged once, however often it is marked', async () => {
    const { a, b, g1 } = await team();
    const copy = world.copyOf(b, g1);
    b.engine.markRead([copy, copy]);
    b.engine.markRead([copy]);
    await world.tick(300);
    b.engine.markRead([copy]);
    await world.tick(1000);
    expect(sentMessages(b.calls.sendTeamMessageReceipts)).toHaveLength(1);
    const before = a.engine.store.getState();
    await b.client.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
    await world.settle();
    expect(a.engine.store.getState()).toBe(before);
  });

  it('18: own team messages are never acknowledged', async () => {
    const { a, g1 } = await team();
    a.engine.markRead([g1]);
    await world.tick(1000);
    expect(a.calls.sendTeamMessageReceipts).toHaveLength(0);
  });

  it.each([5, 10, 11, 12])('U3: a team message of type %i is never acknowledged', async (type) => {
    const { b, g1 } = await team();
    b.engine.markRead([{ ...world.copyOf(b, g1), messageType: type }]);
    await world.tick(1000);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(0);
  });

  it('19: messages of two teams go out in one call per team', async () => {
    const { a, b, g1 } = await team();
    world.server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const h1 = await world.send(a, 'A|2|T2', { at: 200, isFlagged: true });
    await world.settle();
    b.engine.markRead([world.copyOf(b, g1), world.copyOf(b, h1)]);
    await world.tick(300);
    const conversations = b.calls.sendTeamMessageReceipts.map(([batch]) =>
      (batch as ReceiptMessage[]).map((m) => m.conversationId),
    );
    expect(conversations).toEqual([['B|2|T1'], ['B|2|T2']]);
    expect(b.errors).toEqual([]);
  });

  it("19: a copy that is not this account's (another's conversation id, or none) is ignored and never sinks the batch of its own copies", async () => {
    const { a, b, g1 } = await team();
    const g2 = await world.send(a, 'A|2|T1', { at: 200, isFlagged: true });
    const g3 = await world.send(a, 'A|2|T1', { at: 300, isFlagged: true });
    await world.settle();
    const { conversationId: _none, ...g3WithoutId } = world.copyOf(b, g3);
    // g2 as its sender's device has it ('A|2|T1'): the SDK compares conversation ids across a
    // batch (G3 step 1, 191001), and the transport refuses another account's copy (190002).
    b.engine.markRead([world.copyOf(b, g1), g2, g3WithoutId as ReceiptMessage]);
    await world.tick(60_000);
    expect(sentMessages(b.calls.sendTeamMessageReceipts).map((m) => m.conversationId)).toEqual([
      'B|2|T1',
    ]);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 1, latestReadAccount: 'B' });
    expect(b.errors).toEqual([]);
  });

  it('20: a long batch goes out in calls of at most 50', async () => {
    const { a, b } = await team();
    const sent: ReceiptMessage[] = [];
    for (let index = 0; index < 120; index += 1) {
      sent.push(await world.send(a, 'A|2|T1', { at: 1000 + index, isFlagged: true }));
    }
    await world.settle();
    b.engine.markRead(sent.map((m) => world.copyOf(b, m)));
    await world.tick(300);
    expect(b.calls.sendTeamMessageReceipts.map(([batch]) => (batch as unknown[]).length)).toEqual([
      50, 50, 20,
    ]);
    expect(b.errors).toEqual([]);
  });

  it('counts that arrive by event while a load waits are not queried', async () => {
    const { a, b, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    await world.tick(10);
    await b.client.V2NIMMessageService.sendTeamMessageReceipts([world.copyOf(b, g1)] as never);
    await world.settle();
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 1, unreadCount: 3 });
    await world.tick(1000);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 1, unreadCount: 3 });
  });

  it('21 and 22: counts are queried only for my flagged, sent messages; missing results stop loading', async () => {
    const { a, b, g1 } = await team();
    const g2 = await world.send(a, 'A|2|T1', { at: 200, isFlagged: false });
    const g3 = { ...g1, messageClientId: 'unknown', messageServerId: '999999' };
    const unsent = { ...g1, messageClientId: 'unsent', messageServerId: '', sendingState: 3 };
    await world.settle();
    a.engine.watchTeamCounts(g1);
    a.engine.watchTeamCounts(g2);
    a.engine.watchTeamCounts(g3);
    a.engine.watchTeamCounts(unsent);
    b.engine.watchTeamCounts(world.copyOf(b, g1));
    await world.tick(50);
    expect(sentMessages(a.calls.getTeamMessageReceipts).map((m) => m.messageClientId)).toEqual([
      g1.messageClientId,
      'unknown',
    ]);
    expect(b.calls.getTeamMessageReceipts).toHaveLength(0);
    const state = a.engine.store.getState();
    expect(selectTeamCountLoad(state, g3)).toBe('loaded');
    expect(selectTeamReceipt(state, g3)).toBeUndefined();
    expect(selectReceiptMode(state, g2)).toBe('none');
    expect(selectMessageStatus(state, unsent)).toBe('sending');
  });

  it('23: the full detail lists readers and non-readers, never the sender', async () => {
    const { a, b, g1 } = await team();
    await readBy(world, b, g1);
    a.engine.watchTeamDetail(g1);
    await world.settle();
    const detail =
      a.engine.store.getState().teamDetails[teamMessageKey('A|2|T1', g1.messageClientId)];
    expect(detail).toMatchObject({
      status: 'ready',
      readAccountList: ['B'],
      unreadAccountList: ['C', 'D', 'E'],
    });
  });

  it("25 and 26: someone else's or an unflagged message's detail is an error state", async () => {
    const { a, b, g1 } = await team();
    const g2 = await world.send(a, 'A|2|T1', { at: 200, isFlagged: false });
    await world.settle();
    b.engine.watchTeamDetail(world.copyOf(b, g1));
    a.engine.watchTeamDetail(g2);
    await world.settle();
    const bDetail =
      b.engine.store.getState().teamDetails[teamMessageKey('B|2|T1', g1.messageClientId)];
    const aDetail =
      a.engine.store.getState().teamDetails[teamMessageKey('A|2|T1', g2.messageClientId)];
    expect(bDetail?.status).toBe('error');
    expect(bDetail?.error?.code).toBe(191004);
    expect(aDetail?.error?.code).toBe(108301);
  });

  it('26: acknowledging an unflagged message is not even attempted', async () => {
    const { a, b } = await team();
    const g2 = await world.send(a, 'A|2|T1', { at: 200, isFlagged: false });
    await world.settle();
    b.engine.markRead([world.copyOf(b, g2)]);
    await world.tick(1000);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(0);
  });

  it('27: a team whose receipts are disabled is unavailable, not zero', async () => {
    const { a, b, g1 } = await team();
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 108312 });
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    const state = a.engine.store.getState();
    expect(selectIsTeamUnavailable(state, g1)).toBe(true);
    expect(selectUnreadCount(state, g1)).toBeUndefined();
    expect(a.errors.map((error) => error.code)).toEqual([108312]);

    world.server.injectFault({ method: 'sendTeamMessageReceipts', code: 107324 });
    const g4 = await world.send(a, 'A|2|T1', { at: 300, isFlagged: true });
    await world.settle();
    await readBy(world, b, g1);
    b.engine.markRead([world.copyOf(b, g4)]);
    await world.tick(1000);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(1);
    expect(b.errors.map((error) => error.code)).toEqual([107324]);
    expect(selectIsTeamUnavailable(b.engine.store.getState(), world.copyOf(b, g1))).toBe(true);
  });

  it('27: a flagged send rejected with 107302 makes the team unavailable; unflagged sends work', async () => {
    const memberIds = Array.from({ length: 201 }, (_, index) => (index === 0 ? 'A' : `M${index}`));
    world.server.createTeam({ teamId: 'BIG', memberIds });
    const a = world.device('A');
    const failure = await world.send(a, 'A|2|BIG', { at: 100, isFlagged: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 107302 });
    a.engine.reportSendFailure('A|2|BIG', failure);
    a.engine.reportSendFailure('A|2|BIG', new Error('unrelated'));
    const plain = await world.send(a, 'A|2|BIG', { at: 200, isFlagged: false });
    const state = a.engine.store.getState();
    expect(selectIsTeamUnavailable(state, plain)).toBe(true);
    expect(state.unavailableTeams).toEqual({ 'A|2|BIG': 107302 });
  });

  it('28: super-team messages show nothing and send nothing', async () => {
    const { a, b, g1 } = await team();
    const superMessage = {
      ...world.copyOf(b, g1),
      conversationType: 3,
      conversationId: 'B|3|S1',
      receiverId: 'S1',
      messageClientId: 'super',
    };
    b.engine.markRead([superMessage]);
    await world.tick(1000);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(selectReceiptMode(a.engine.store.getState(), { ...superMessage, senderId: 'A' })).toBe(
      'none',
    );
  });

  it('29: out-of-order counts keep the highest readCount and notify nobody', () => {
    const state = createInitialState('A', true);
    const receipt = {
      conversationId: 'A|2|T1',
      messageServerId: '1',
      messageClientId: 'g1',
      unreadCount: 1,
    };
    const keepAll = { limit: Number.POSITIVE_INFINITY, isShown: () => false };
    const three = mergeTeamReceipts(
      state,
      [{ ...receipt, readCount: 3, latestReadAccount: 'D' }],
      keepAll,
    );
    expect(
      mergeTeamReceipts(three, [{ ...receipt, readCount: 2, latestReadAccount: 'C' }], keepAll),
    ).toBe(three);
    expect(mergeTeamReceipts(three, [{ ...receipt, readCount: 3 }], keepAll)).toBe(three);
    expect(teamReceiptOf(three, 'A|2|T1', 'g1')?.readCount).toBe(3);
  });

  it('29 over the memory server: a lower count arriving after a higher one leaves A showing the highest, never lower', async () => {
    // Reordered deliveries, no duplicates: with this seed A's transport hears a lower count after
    // a higher one, as Web 10.8.1 passes pushes on in the order they arrive.
    world.server.setFaults({ reorder: true, seed: 1 });
    const { a, b, c, d, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    const pushed: number[] = [];
    a.transport.subscribe((event) => {
      if (event.type === 'teamReceipts') pushed.push(...event.receipts.map((r) => r.readCount));
    });
    const shown: number[] = [];
    a.engine.store.subscribe((state) => shown.push(selectTeamReceipt(state, g1)?.readCount ?? -1));
    for (const reader of [b, c, d]) {
      await reader.client.V2NIMMessageService.sendTeamMessageReceipts([
        world.copyOf(reader, g1) as never,
      ]);
    }
    await world.tick(0);
    expect([...pushed].sort()).toEqual([1, 2, 3]);
    // The premise: a lower count came after a higher one.
    expect(pushed.some((count, i) => pushed.slice(0, i).some((earlier) => earlier > count))).toBe(
      true,
    );
    // What A shows never goes back, and ends at 3 read, 1 unread.
    expect(shown.every((count, i) => i === 0 || count >= shown[i - 1]!)).toBe(true);
    expect(shown.at(-1)).toBe(3);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 3, unreadCount: 1 });
    expect(selectUnreadCount(a.engine.store.getState(), g1)).toBe(1);
  });

  it('30: both devices of the sender follow the counts', async () => {
    const { a, b, g1 } = await team();
    const a2 = world.device('A');
    await readBy(world, b, g1);
    expect(receiptOf(a, g1)?.readCount).toBe(1);
    expect(receiptOf(a2, g1)?.readCount).toBe(1);
  });

  it('31: a former member gets 109404 once, nothing is retried and counts stay', async () => {
    const { a, b, g1 } = await team();
    world.server.removeTeamMembers('T1', ['B']);
    await readBy(world, b, g1);
    await world.tick(60_000);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(1);
    expect(b.errors.map((error) => error.code)).toEqual([109404]);
    expect(receiptOf(a, g1)).toBeUndefined();
  });

  it('32: a late joiner is not counted and their receipt changes nothing', async () => {
    const { a, b, g1 } = await team();
    world.server.addTeamMembers('T1', ['F']);
    const f = world.device('F');
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    const before = a.engine.store.getState();
    f.engine.markRead([{ ...world.copyOf(b, g1), conversationId: 'F|2|T1' }]);
    await world.tick(300);
    expect(f.calls.sendTeamMessageReceipts).toHaveLength(1);
    expect(a.engine.store.getState()).toBe(before);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 0, unreadCount: 4 });
  });
});

describe('team outbox and loaders', () => {
  it('1,000 messages marked while scrolling: at most ceil(1000/50) calls plus one per window, none twice', async () => {
    world.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
    const a = world.device('A');
    const b = world.device('B');
    const sent: ReceiptMessage[] = [];
    for (let index = 0; index < 1000; index += 1) {
      sent.push(await world.send(a, 'A|2|T1', { at: 1000 + index, isFlagged: true }));
    }
    await world.settle();
    const copies = sent.map((m) => world.copyOf(b, m));
    // A screen of 20 rows, scrolled by 10 rows every 16 ms: each message is seen twice.
    for (let top = 0; top < 1000; top += 10) {
      b.engine.markRead(copies.slice(top, top + 20));
      await vi.advanceTimersByTimeAsync(16);
    }
    await world.tick(300);
    const windows = Math.ceil((100 * 16) / 300) + 1;
    expect(b.calls.sendTeamMessageReceipts.length).toBeLessThanOrEqual(20 + windows);
    const ids = sentMessages(b.calls.sendTeamMessageReceipts).map((m) => m.messageClientId);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(
      b.calls.sendTeamMessageReceipts.every(([batch]) => (batch as unknown[]).length <= 50),
    ).toBe(true);
    a.engine.watchTeamCounts(sent[999]!);
    await world.tick(50);
    expect(receiptOf(a, sent[999]!)).toMatchObject({ readCount: 1, unreadCount: 1 });
  });

  it('retries a retryable team failure and loses nothing', async () => {
    const { a, b, g1 } = await team();
    world.server.injectFault({ method: 'sendTeamMessageReceipts', code: 416, times: 1 });
    await readBy(world, b, g1);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(1);
    await world.tick(749);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(1);
    await world.tick(1);
    expect(b.calls.sendTeamMessageReceipts).toHaveLength(2);
    expect(receiptOf(a, g1)?.readCount).toBe(1);
    expect(b.errors).toEqual([]);
  });

  it('a rate-limited batch keeps its backoff when a sibling batch of the team succeeds', async () => {
    world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B'] });
    const alice = world.device('A');
    const bob = world.device('B', { retry: { baseDelayMs: 10_000, maxDelayMs: 60_000 } });
    const messages: ReceiptMessage[] = [];
    for (let index = 0; index < 61; index++) {
      messages.push(await world.send(alice, 'A|2|T', { at: 100 + index, isFlagged: true }));
    }
    await world.settle();
    const sizes = () =>
      bob.calls.sendTeamMessageReceipts.map(([batch]) => (batch as unknown[]).length);
    // The first call (50 receipts) is rate-limited; the second (10) goes through.
    world.server.injectFault({ method: 'sendTeamMessageReceipts', code: 416, times: 1 });
    bob.engine.markRead(messages.slice(0, 60).map((message) => world.copyOf(bob, message)));
    await world.tick(300);
    expect(sizes()).toEqual([50, 10]);
    // A second later Bob reads one more: the 50 still wait for their backoff (0.75 x 10 s here).
    await world.tick(1_000);
    bob.engine.markRead([world.copyOf(bob, messages[60]!)]);
    await world.tick(5_000);
    expect(sizes()).toEqual([50, 10]);
    await world.tick(3_000);
    expect(sizes()).toEqual([50, 10, 50, 1]);
    expect(await teamReaders(alice, messages[0]!)).toEqual(['B']);
  });

  it('a retry round whose first batch succeeds before its second fails backs off further, not from the start', async () => {
    world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B'] });
    const alice = world.device('A');
    const bob = world.device('B');
    bob.engine.dispose();
    const messages: ReceiptMessage[] = [];
    for (let index = 0; index < 110; index++) {
      messages.push(await world.send(alice, 'A|2|T', { at: 100 + index, isFlagged: true }));
    }
    await world.settle();
    // Every batch of 10 is rate-limited, twice, answered 100 ms late: after the batch of 50 beside it.
    let refusals = 2;
    const sends: number[] = [];
    const engine = createReceiptEngine({
      transport: {
        ...bob.transport,
        sendTeamMessageReceipts(batch) {
          sends.push(Date.now());
          if (batch.length === 10 && refusals-- > 0) {
            return new Promise((_, reject) => {
              setTimeout(() => reject({ code: 416 }), 100);
            });
          }
          return bob.transport.sendTeamMessageReceipts(batch);
        },
      },
      accountId: 'B',
      random: () => 0.5,
      retry: { baseDelayMs: 10_000, maxDelayMs: 60_000 },
    });
    engine.markRead(messages.slice(0, 60).map((message) => world.copyOf(bob, message)));
    await world.tick(300); // round 1: 50 sent, 10 refused
    await world.tick(1_000);
    engine.markRead(messages.slice(60).map((message) => world.copyOf(bob, message)));
    await world.tick(8_000); // round 2, after 7.5 s: the 10 and 40 more go as 50, the last 10 refused
    expect(sends).toHaveLength(4);
    const refusedAgain = sends[3]! + 100;
    // The second refusal waits 15 s (the second step), not 7.5 s as if the round had succeeded.
    await world.tick(refusedAgain + 14_900 - Date.now());
    expect(sends).toHaveLength(4);
    await world.tick(200);
    expect(sends).toHaveLength(5);
    expect(await teamReaders(alice, messages[109]!)).toEqual(['B']);
    engine.dispose();
  });

  it('loads counts in batches of 50 per conversation, once, and skips messages gone from screen', async () => {
    const { a } = await team();
    const sent: ReceiptMessage[] = [];
    for (let index = 0; index < 121; index += 1) {
      sent.push(await world.send(a, 'A|2|T1', { at: 1000 + index, isFlagged: true }));
    }
    const stops = sent.map((m) => a.engine.watchTeamCounts(m));
    a.engine.watchTeamCounts(sent[0]!);
    stops[120]!();
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts.map(([batch]) => (batch as unknown[]).length)).toEqual([
      50, 50, 20,
    ]);
    const ids = sentMessages(a.calls.getTeamMessageReceipts).map((m) => m.messageClientId);
    expect(new Set(ids).size).toBe(120);
    expect(selectTeamCountLoad(a.engine.store.getState(), sent[120])).toBeUndefined();
    for (const stop of stops) stop();
    sent.slice(0, 120).map((m) => a.engine.watchTeamCounts(m));
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(3);
  });

  it('a batch of count loads in a long group copies the records of its own statuses, not every status kept', () => {
    // A group scrolled through: 5,000 messages' counts loaded.
    const keys = Array.from({ length: 5_000 }, (_, index) => teamMessageKey('A|2|T1', `m${index}`));
    const before = setLoads(
      createInitialState('A', true),
      keys.map((key) => [key, 'loaded'] as const),
    );
    // The next batch of 50 goes out.
    const batch = Array.from({ length: 50 }, (_, index) => teamMessageKey('A|2|T1', `n${index}`));
    const after = setLoads(
      before,
      batch.map((key) => [key, 'loading'] as const),
    );
    expect(keys.every((key) => entryIn(after.teamCountLoads, key) === 'loaded')).toBe(true);
    expect(batch.every((key) => entryIn(after.teamCountLoads, key) === 'loading')).toBe(true);
    const copied = after.teamCountLoads.filter(
      (record, index) => record !== before.teamCountLoads[index],
    );
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.length).toBeLessThanOrEqual(batch.length);
    // About five statuses in each record written to, not the 5,000 kept.
    expect(copied.reduce((sum, record) => sum + Object.keys(record ?? {}).length, 0)).toBeLessThan(
      keys.length / 10,
    );
    // Nothing new: the same state, so nobody is notified.
    expect(setLoads(after, [[batch[0]!, 'loading']])).toBe(after);
  });

  it('stores receipts of messages never requested, so a later viewer has them at once', async () => {
    const { a, b, g1 } = await team();
    await readBy(world, b, g1);
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    expect(receiptOf(a, g1)?.readCount).toBe(1);
  });

  it('keeps a detail live: the next reader moves without a query, a jump refetches', async () => {
    const { a, b, c, g1 } = await team();
    a.engine.watchTeamDetail(g1);
    await world.settle();
    await readBy(world, b, g1);
    await readBy(world, c, g1);
    const key = teamMessageKey('A|2|T1', g1.messageClientId);
    expect(a.engine.store.getState().teamDetails[key]).toMatchObject({
      readAccountList: ['B', 'C'],
      unreadAccountList: ['D', 'E'],
    });
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);

    expect(selectMessageStatus(a.engine.store.getState(), g1)).toBe('sent');
  });

  it('refetches a detail when the counts jump by more than one', async () => {
    const { a, b, c, d, g1 } = await team();
    // A custom backend without connection state: the engine cannot tell it missed receipts.
    const { subscribeConnectionState: _s, getConnectionState: _g, ...plain } = a.transport;
    const engine = createReceiptEngine({ transport: plain, accountId: 'A' });
    engine.watchTeamDetail(g1);
    await world.settle();
    a.client.logout();
    await world.settle();
    await readBy(world, b, g1);
    await readBy(world, c, g1);
    a.client.login();
    await world.settle();
    await readBy(world, d, g1);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    expect(
      engine.store.getState().teamDetails[teamMessageKey('A|2|T1', g1.messageClientId)],
    ).toMatchObject({
      status: 'ready',
      readAccountList: ['B', 'C', 'D'],
      unreadAccountList: ['E'],
    });
    engine.dispose();
  });

  it('after reconnecting, loads shown counts and details again (receipts are not synced at login)', async () => {
    const { a, b, c, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    a.engine.watchTeamDetail(g1);
    await world.tick(50);
    a.client.logout();
    await world.settle();
    await readBy(world, b, g1);
    await readBy(world, c, g1);
    expect(receiptOf(a, g1)?.readCount).toBe(0);
    // Before going offline the detail's own counts made the count query needless (0 calls);
    // after reconnecting both are asked again, because events were missed meanwhile.
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    a.client.login();
    await world.tick(0);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 2, unreadCount: 2 });
    expect(
      a.engine.store.getState().teamDetails[teamMessageKey('A|2|T1', g1.messageClientId)],
    ).toMatchObject({
      readAccountList: ['B', 'C'],
    });
  });

  it('a count query refused for good is not asked again each time the badge is shown, only after a reconnect', async () => {
    const { a, g1 } = await team();
    // A has left the team: the server refuses A's count queries for it (109404).
    world.server.removeTeamMembers('T1', ['A']);
    const hide = a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    expect(a.errors.map((error) => error.code)).toEqual([109404]);
    // Scrolled away and back, three times: no new query, no new report (reported once, SPEC E).
    hide();
    for (let shown = 0; shown < 3; shown++) {
      const stop = a.engine.watchTeamCounts(g1);
      await world.tick(50);
      stop();
    }
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    expect(a.errors).toHaveLength(1);
    // Re-added while A was offline: after the reconnect, showing it asks again and counts show.
    a.client.logout();
    await world.settle();
    world.server.addTeamMembers('T1', ['A']);
    a.client.login();
    await world.tick(0);
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(2);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 0 });
  });

  it('after reconnecting, counts and details that were off screen are loaded again when next shown', async () => {
    const { a, b, c, g1 } = await team();
    const key = teamMessageKey('A|2|T1', g1.messageClientId);
    // A's badge and sheet show g1 (nobody has read it), then A switches to another chat.
    const hideBadge = a.engine.watchTeamCounts(g1);
    const closeSheet = a.engine.watchTeamDetail(g1);
    await world.tick(50);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 0, unreadCount: 4 });
    hideBadge();
    closeSheet();
    // Offline, A misses B's and C's receipts (team receipts are not synced at login, G11).
    a.client.logout();
    await world.settle();
    await readBy(world, b, g1);
    await readBy(world, c, g1);
    a.client.login();
    await world.tick(0);
    // Nothing was on screen, so nothing was asked yet, and the stale lists are forgotten.
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    expect(a.engine.store.getState().teamDetails[key]).toBeUndefined();
    // Back in the chat: the badge's counts and the sheet's lists are the server's, not the old ones.
    const showBadge = a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 2, unreadCount: 2 });
    const openSheet = a.engine.watchTeamDetail(g1);
    await world.tick(0);
    expect(a.engine.store.getState().teamDetails[key]).toMatchObject({
      status: 'ready',
      readAccountList: ['B', 'C'],
    });
    // Queried once since the reconnect is enough: showing it again asks nothing more.
    showBadge();
    openSheet();
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
  });

  /**
   * A's engine over a transport whose count queries reach the server at once but whose answers
   * wait for `release` (an HTTP backend answering slowly while its socket drops and comes back).
   */
  function slowCountAnswers(device: WorldDevice) {
    const held: ((fail?: ReceiptError) => void)[] = [];
    const transport: ReceiptTransport = {
      ...device.transport,
      getTeamMessageReceipts: async (messages) => {
        const answer = await device.transport.getTeamMessageReceipts(messages);
        const failure = await new Promise<ReceiptError | undefined>((resolve) =>
          held.push(resolve),
        );
        if (failure) throw failure;
        return answer;
      },
    };
    const engine = createReceiptEngine({ transport, accountId: 'A', random: () => 0.5 });
    ownEngines.push(engine);
    /** Answers the held queries, or fails them with `failure`. */
    const release = async (failure?: ReceiptError) => {
      for (const answer of held.splice(0)) answer(failure);
      await world.tick(0);
    };
    return { engine, release, held };
  }

  /**
   * A's count query went out for the `calls`-th time; answered, the counts are B's and C's reads,
   * which A missed offline, not the stale 0 of 4.
   */
  async function expectAskedAgain(
    calls: number,
    {
      a,
      engine,
      release,
      g1,
    }: {
      a: WorldDevice;
      engine: ReturnType<typeof createReceiptEngine>;
      release: () => Promise<void>;
      g1: ReceiptMessage;
    },
  ) {
    expect(a.calls.getTeamMessageReceipts).toHaveLength(calls);
    await release();
    expect(selectTeamReceipt(engine.store.getState(), g1)).toMatchObject({
      readCount: 2,
      unreadCount: 2,
    });
  }

  /** A's connection drops, `readers` read `message` meanwhile (A misses their events), it is back. */
  async function readWhileAIsOffline(readers: WorldDevice[], message: ReceiptMessage) {
    world.server.dropConnection('A');
    await world.settle();
    for (const reader of readers) await readBy(world, reader, message);
    world.server.restoreConnection('A');
    await world.tick(0);
  }

  it('after reconnecting, a count query that was out during the drop is asked again once answered', async () => {
    const { a, b, c, g1 } = await team();
    const { engine, release, held } = slowCountAnswers(a);
    engine.watchTeamCounts(g1);
    await world.tick(50);
    // The query was answered before anyone read (0 of 4), but the answer is slow to arrive.
    expect(held).toHaveLength(1);
    await readWhileAIsOffline([b, c], g1);
    await release();
    // Its answer (0 read) came from before the readers A missed; asked again, the counts are B's
    // and C's, not 0 for good.
    await expectAskedAgain(2, { a, engine, release, g1 });
  });

  it('after reconnecting, a badge shown again while its query from before the drop is out still gets it asked again', async () => {
    const { a, b, c, g1 } = await team();
    const { engine, release, held } = slowCountAnswers(a);
    let hide = engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(held).toHaveLength(1);
    await readWhileAIsOffline([b, c], g1);
    // The row scrolls out and back in (a virtualized list) before the old answer arrives.
    hide();
    hide = engine.watchTeamCounts(g1);
    await world.tick(50);
    await release();
    await expectAskedAgain(2, { a, engine, release, g1 });
    hide();
  });

  it('after reconnecting, a count query that was out during the drop and fails is retried, though counts are known', async () => {
    const { a, b, c, g1 } = await team();
    const { engine, release } = slowCountAnswers(a);
    engine.watchTeamCounts(g1);
    await world.tick(50);
    await release();
    expect(selectTeamReceipt(engine.store.getState(), g1)).toMatchObject({ readCount: 0 });
    // A first reconnect asks the shown counts again; that query is out when the connection drops
    // a second time, B and C read meanwhile, and it fails after the connection is back.
    await readWhileAIsOffline([], g1);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(2);
    await readWhileAIsOffline([b, c], g1);
    await release(new ReceiptError(191005, 'timed out'));
    // Retried after the backoff (75% of 1 s), although counts from before the drop are known.
    await world.tick(750);
    await expectAskedAgain(3, { a, engine, release, g1 });
  });

  it('after reconnecting, a count query asked again that fails is retried, though counts from before the drop are known', async () => {
    const { a, b, c, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 0, unreadCount: 4 });
    // The query the reconnect makes (B and C read while A was offline) fails for a passing reason.
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 192004, accountId: 'A' });
    await readWhileAIsOffline([b, c], g1);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(2);
    await world.tick(60_000);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(3);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 2, unreadCount: 2 });
    expect(a.errors).toEqual([]);
  });

  it('a first count query that fails is not asked again once an event brought the counts', async () => {
    const { a, b, g1 } = await team();
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 192004, accountId: 'A' });
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    // B reads before the retry (1 s of backoff): the event carries the current counts (G11).
    await readBy(world, b, g1);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 1, unreadCount: 3 });
    await world.tick(60_000);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 1, unreadCount: 3 });
    expect(a.errors).toEqual([]);
  });

  it('dispose stops team listening and pending loads', async () => {
    const { a, b, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    a.engine.dispose();
    await world.tick(1000);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    expect(a.client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts')).toBe(0);
    const before = a.engine.store.getState();
    await readBy(world, b, g1);
    expect(a.engine.store.getState()).toBe(before);
  });
});

describe('team loads: backoff, freshness and one store update per change (review findings)', () => {
  const detailOf = (device: WorldDevice, message: ReceiptMessage) =>
    device.engine.store.getState().teamDetails[teamMessageKey('A|2|T1', message.messageClientId)];

  it('a detail that keeps failing with 416 is retried after the backoff, never in a loop', async () => {
    const { a, g1 } = await team();
    world.server.injectFault({
      method: 'getTeamMessageReceiptDetail',
      code: 416,
      times: 3,
      accountId: 'A',
    });
    const stop = a.engine.watchTeamDetail(g1);
    await world.settle();
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(detailOf(a, g1)).toMatchObject({ status: 'error', error: { code: 416 } });
    // random is 0.5, so the delays are 75% of 1 s, 2 s, 4 s.
    await world.tick(749);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);
    await world.tick(1);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    await world.tick(1499);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    await world.tick(1);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(3);
    await world.tick(3000);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(4);
    expect(detailOf(a, g1)).toMatchObject({
      status: 'ready',
      readAccountList: [],
      unreadAccountList: ['B', 'C', 'D', 'E'],
    });
    await world.tick(60_000);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(4);
    stop();
  });

  it('a refresh replaces the waiting retry, and a retry keeps saying the failure while its query is out', async () => {
    const { a, g1 } = await team();
    world.server.injectFault({
      method: 'getTeamMessageReceiptDetail',
      code: 416,
      times: 2,
      accountId: 'A',
    });
    const seen: unknown[] = [];
    const unsubscribe = a.engine.store.subscribe(() => {
      const entry = detailOf(a, g1);
      const shown = entry && [entry.status, entry.isRetrying ?? false];
      if (JSON.stringify(shown) !== JSON.stringify(seen.at(-1))) seen.push(shown);
    });
    const stop = a.engine.watchTeamDetail(g1);
    await world.settle();
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);
    // The user's Retry, 100 ms into the first wait (750 ms, random being 0.5): asked at once, and
    // it fails again; the next retry waits the second delay (1.5 s) from then, not the first.
    await world.tick(100);
    a.engine.refreshTeamDetail(g1);
    await world.settle();
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    await world.tick(1499);
    // The first wait's end (at 750 ms) asked nothing: the refresh took its place.
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    await world.tick(1);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(3);
    expect(detailOf(a, g1)).toMatchObject({
      status: 'ready',
      unreadAccountList: ['B', 'C', 'D', 'E'],
    });
    unsubscribe();
    // The refresh starts afresh; the backoff's retry is loading AND still retrying the failure.
    expect(seen).toEqual([
      ['loading', false],
      ['error', true],
      ['loading', false],
      ['error', true],
      ['loading', true],
      ['ready', false],
    ]);
    stop();
  });

  it('a detail that never matches its counts is asked again after the backoff, not in a loop', async () => {
    const { b, g1 } = await team();
    await readBy(world, b, g1);
    // A second device of A whose server counts B but no longer lists B (as NIM does for a reader
    // who left the team): every detail answer is outdated by the counts.
    const client = world.server.login('A');
    const real = createNimTransport(client);
    const { transport, calls } = countCalls({
      ...real,
      subscribe: (listener) => real.subscribe(listener),
      async getTeamMessageReceiptDetail(message, memberAccountIds) {
        const detail = await real.getTeamMessageReceiptDetail(message, memberAccountIds);
        const readAccountList = detail.readAccountList.filter((id) => id !== 'B');
        return {
          ...detail,
          readReceipt: { ...detail.readReceipt, readCount: readAccountList.length },
          readAccountList,
        };
      },
    });
    const engine = createReceiptEngine({ transport, accountId: 'A', random: () => 0.5 });
    try {
      const stopCounts = engine.watchTeamCounts(g1);
      await world.tick(50);
      expect(selectTeamReceipt(engine.store.getState(), g1)).toMatchObject({ readCount: 1 });
      const stop = engine.watchTeamDetail(g1);
      await world.settle();
      // The first outdated answer is re-asked at once; the second one waits for the backoff.
      expect(calls.getTeamMessageReceiptDetail).toHaveLength(2);
      await world.tick(749);
      expect(calls.getTeamMessageReceiptDetail).toHaveLength(2);
      await world.tick(1);
      expect(calls.getTeamMessageReceiptDetail).toHaveLength(3);
      await world.tick(1499);
      expect(calls.getTeamMessageReceiptDetail).toHaveLength(3);
      await world.tick(1);
      expect(calls.getTeamMessageReceiptDetail).toHaveLength(4);
      stop();
      stopCounts();
      await world.tick(60_000);
      expect(calls.getTeamMessageReceiptDetail).toHaveLength(4);
    } finally {
      engine.dispose();
    }
  });

  it('reopening a sheet after being offline shows who read meanwhile', async () => {
    const { a, b, c, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    const close = a.engine.watchTeamDetail(g1);
    await world.tick(50);
    expect(detailOf(a, g1)).toMatchObject({ status: 'ready', readAccountList: [] });
    close();
    a.client.disconnect();
    await world.settle();
    await readBy(world, b, g1);
    await readBy(world, c, g1);
    a.client.reconnect();
    await world.tick(0);
    // The badge's counts were queried again after reconnecting (team receipts are not synced).
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 2, unreadCount: 2 });
    const reopen = a.engine.watchTeamDetail(g1);
    await world.tick(0);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(2);
    expect(detailOf(a, g1)).toMatchObject({
      status: 'ready',
      readAccountList: ['B', 'C'],
      unreadAccountList: ['D', 'E'],
    });
    reopen();
  });

  it('an incoming receipt updates counts and the open detail in one store notification', async () => {
    const { a, b, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    a.engine.watchTeamDetail(g1);
    await world.tick(50);
    const listener = vi.fn();
    a.engine.store.subscribe(listener);
    await readBy(world, b, g1);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 1, unreadCount: 3 });
    expect(detailOf(a, g1)).toMatchObject({
      status: 'ready',
      readAccountList: ['B'],
      unreadAccountList: ['C', 'D', 'E'],
    });
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);
  });

  it('mounting 60 badges notifies the store once per batch, not once per badge', async () => {
    const { a } = await team();
    const messages: ReceiptMessage[] = [];
    for (let i = 0; i < 60; i += 1) {
      messages.push(await world.send(a, 'A|2|T1', { at: 1000 + i, isFlagged: true }));
    }
    await world.settle();
    const listener = vi.fn();
    a.engine.store.subscribe(listener);
    const stops = messages.map((message) => a.engine.watchTeamCounts(message));
    expect(listener).toHaveBeenCalledTimes(0);
    await world.tick(50);
    // One update marks both batches (50 + 10) 'loading'; one per batch merges its answer.
    expect(a.calls.getTeamMessageReceipts.map(([batch]) => (batch as unknown[]).length)).toEqual([
      50, 10,
    ]);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(messages.every((m) => receiptOf(a, m)?.unreadCount === 4)).toBe(true);
    for (const stop of stops) stop();
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('badges unmounted before their batch goes out cost no query and no store update', async () => {
    const { a, g1 } = await team();
    const listener = vi.fn();
    a.engine.store.subscribe(listener);
    a.engine.watchTeamCounts(g1)();
    await world.tick(1000);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(0);
    expect(listener).toHaveBeenCalledTimes(0);
  });

  it('receipts arriving back to back are applied together: fewer store updates, same detail', async () => {
    const { a, b, c, d, e, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    const stopDetail = a.engine.watchTeamDetail(g1);
    await world.tick(50);
    const events: number[] = [];
    a.transport.subscribe((event) => {
      if (event.type === 'teamReceipts') events.push(event.receipts.length);
    });
    const listener = vi.fn();
    a.engine.store.subscribe(listener);
    const counts: number[] = [];
    a.engine.store.subscribe((state) => counts.push(selectTeamReceipt(state, g1)?.readCount ?? -1));
    // Four members' receipts reach the server at once, so A gets four events back to back.
    await Promise.all(
      [b, c, d, e].map((reader) =>
        reader.client.V2NIMMessageService.sendTeamMessageReceipts([
          world.copyOf(reader, g1) as never,
        ]),
      ),
    );
    await world.tick(0);
    expect(events).toEqual([1, 1, 1, 1]);
    // The four events of one task are applied together, in one store update.
    expect(listener).toHaveBeenCalledTimes(1);
    expect(counts).toEqual([4]);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 4, unreadCount: 0 });
    expect(selectIsAllRead(a.engine.store.getState(), g1)).toBe(true);
    // Each event names its reader, so the open detail moved them one by one without a query.
    expect(detailOf(a, g1)).toMatchObject({
      status: 'ready',
      readAccountList: ['B', 'C', 'D', 'E'],
      unreadAccountList: [],
    });
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);
    stopDetail();
  });

  it('a burst for a message whose member lists are open and for one without: the lists move reader by reader, the other counts name the last reader', async () => {
    const { a, b, c, d, e, g1 } = await team();
    const g2 = await world.send(a, 'A|2|T1', { at: 200, isFlagged: true });
    await world.settle();
    a.engine.watchTeamCounts(g1);
    a.engine.watchTeamCounts(g2);
    const stopDetail = a.engine.watchTeamDetail(g1);
    await world.tick(50);
    const listener = vi.fn();
    a.engine.store.subscribe(listener);
    // Four members read both messages at once: A gets their receipts back to back, g1's and g2's
    // interleaved.
    await Promise.all(
      [b, c, d, e].map((reader) =>
        reader.client.V2NIMMessageService.sendTeamMessageReceipts([
          world.copyOf(reader, g1) as never,
          world.copyOf(reader, g2) as never,
        ]),
      ),
    );
    await world.tick(0);
    expect(listener).toHaveBeenCalledTimes(1);
    // g1's lists followed each reader named in turn, without a query.
    expect(detailOf(a, g1)).toMatchObject({
      status: 'ready',
      readAccountList: ['B', 'C', 'D', 'E'],
      unreadAccountList: [],
    });
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(receiptOf(a, g1)).toMatchObject({
      readCount: 4,
      unreadCount: 0,
      latestReadAccount: 'E',
    });
    expect(receiptOf(a, g2)).toMatchObject({
      readCount: 4,
      unreadCount: 0,
      latestReadAccount: 'E',
    });
    stopDetail();
  });

  it('a burst with repeated and reordered team events notifies only for news, never backwards', async () => {
    // With duplicate and reorder faults the simulated SDK passes every delivery through as it
    // arrives (as Web 10.8.1 does), so the engine sees each receipt twice, some out of order.
    world.server.setFaults({ duplicateRate: 1, reorder: true, seed: 7 });
    const { a, b, c, d, g1 } = await team();
    a.engine.watchTeamCounts(g1);
    await world.tick(50);
    const pushed: number[] = [];
    a.transport.subscribe((event) => {
      if (event.type === 'teamReceipts') pushed.push(...event.receipts.map((r) => r.readCount));
    });
    const counts: number[] = [];
    a.engine.store.subscribe((state) => counts.push(selectTeamReceipt(state, g1)?.readCount ?? -1));
    await Promise.all(
      [b, c, d].map((reader) =>
        reader.client.V2NIMMessageService.sendTeamMessageReceipts([
          world.copyOf(reader, g1) as never,
        ]),
      ),
    );
    await world.tick(0);
    expect([...pushed].sort()).toEqual([1, 1, 2, 2, 3, 3]);
    // Every notification brought a higher count than the one before; repeats brought none.
    expect(counts.length).toBeLessThanOrEqual(2);
    expect(counts.every((count, i) => i === 0 || count > counts[i - 1]!)).toBe(true);
    expect(counts.at(-1)).toBe(3);
    expect(receiptOf(a, g1)).toMatchObject({ readCount: 3, unreadCount: 1 });
  });

  it('a team of only the sender (0 read, 0 unread) is not "all read"', async () => {
    world.server.createTeam({ teamId: 'solo', memberIds: ['A'] });
    const a = world.device('A');
    const only = await world.send(a, 'A|2|solo', { at: 100, isFlagged: true });
    await world.settle();
    const stop = a.engine.watchTeamCounts(only);
    await world.tick(50);
    const state = a.engine.store.getState();
    expect(selectTeamReceipt(state, only)).toMatchObject({ readCount: 0, unreadCount: 0 });
    expect(selectIsAllRead(state, only)).toBe(false);
    expect(selectMessageStatus(state, only)).toBe('sent');
    stop();
  });
});
