import { describe, expect, it } from 'vitest';
import { type ReceiptWorld, receiptWorldPerTest, type WorldDevice } from '../testing/receiptWorld';
import type { ReceiptMessage, TeamMessageReadReceipt } from '../types';
import { entryIn } from './bucketedRecord';
import {
  createInitialState,
  draftTeamReceipts,
  mergeTeamReceipts,
  type ReceiptState,
  setLoads,
  teamMessageKey,
  teamReceiptOf,
} from './receiptState';
import { selectMessageStatus, selectTeamReceipt } from './selectors';
import { storedReceipts } from './teamReceiptShard';

const receipt = (id: string, readCount: number): TeamMessageReadReceipt => ({
  conversationId: 'A|2|T1',
  messageServerId: `s-${id}`,
  messageClientId: id,
  readCount,
  unreadCount: 10 - readCount,
});
const kept = (state: ReceiptState) => {
  const shard = state.teamReceipts['A|2|T1'];
  return shard ? [...storedReceipts(shard)].map((receipt) => receipt.messageClientId) : [];
};
const key = (id: string) => teamMessageKey('A|2|T1', id);
/** The client ids of the messages one transport call was about. */
const idsOf = (call: unknown[] | undefined) =>
  ((call?.[0] ?? []) as ReceiptMessage[]).map((message) => message.messageClientId);

describe('keeping at most `limit` team receipts per conversation besides those shown', () => {
  it('forgets the first stored receipts not on screen, with their load status', () => {
    const shown = new Set([key('m1')]);
    const retention = { limit: 3, isShown: (k: string) => shown.has(k) };
    let state = createInitialState('A', true);
    state = mergeTeamReceipts(
      state,
      ['m1', 'm2', 'm3'].map((id) => receipt(id, 1)),
      retention,
    );
    state = setLoads(state, [[key('m2'), 'loaded']]);
    expect(kept(state)).toEqual(['m1', 'm2', 'm3']);
    expect(state.trimmedTeams).toEqual({});

    // m3 changes (keeping its place), then m4 arrives: one too many.
    state = mergeTeamReceipts(state, [receipt('m3', 2), receipt('m4', 1)], retention);
    // m1 is the first stored but shown; m2 goes, with its load status (queried again when shown).
    expect(kept(state)).toEqual(['m1', 'm3', 'm4']);
    expect(entryIn(state.teamCountLoads, key('m2'))).toBeUndefined();
    expect(state.trimmedTeams).toEqual({ 'A|2|T1': true });
  });

  it('once trimmed, stores no receipt for a message it neither holds nor shows (a late event cannot move counts back)', () => {
    const shown = new Set<string>();
    const retention = { limit: 2, isShown: (k: string) => shown.has(k) };
    let state = createInitialState('A', true);
    state = mergeTeamReceipts(
      state,
      [receipt('m1', 5), receipt('m2', 1), receipt('m3', 1)],
      retention,
    );
    expect(kept(state)).toEqual(['m2', 'm3']);

    // A late event for the forgotten m1 (3 readers, it had 5): not stored.
    const afterLate = mergeTeamReceipts(state, [receipt('m1', 3)], retention);
    expect(afterLate).toBe(state);
    // Messages it holds still move; a message on screen is always stored.
    shown.add(key('m9'));
    state = mergeTeamReceipts(state, [receipt('m3', 2), receipt('m9', 4)], retention);
    expect(teamReceiptOf(state, 'A|2|T1', 'm3')?.readCount).toBe(2);
    expect(teamReceiptOf(state, 'A|2|T1', 'm9')?.readCount).toBe(4);
    // Over the limit again: the first stored (m2) goes.
    expect(kept(state)).toEqual(['m3', 'm9']);
  });

  it('forgets receipts whose counts can still change before all-read ones', () => {
    const shown = new Set<string>();
    const retention = { limit: 2, isShown: (k: string) => shown.has(k) };
    const allRead = (id: string): TeamMessageReadReceipt => ({
      ...receipt(id, 10),
      unreadCount: 0,
    });
    let state = createInitialState('A', true);
    state = mergeTeamReceipts(
      state,
      [allRead('m1'), receipt('m2', 1), receipt('m3', 1)],
      retention,
    );
    // m1 is the first stored but final: m2 goes instead.
    expect(kept(state)).toEqual(['m1', 'm3']);
    // Two more on screen: m3 goes, then, with only final ones left, m1.
    shown.add(key('m4'));
    shown.add(key('m5'));
    state = mergeTeamReceipts(state, [allRead('m4'), allRead('m5')], retention);
    expect(kept(state)).toEqual(['m4', 'm5']);
  });

  it('with no limit every receipt is kept (`keptTeamReceipts: Infinity`)', () => {
    const draft = draftTeamReceipts(createInitialState('A', true), {
      limit: Number.POSITIVE_INFINITY,
      isShown: () => false,
    });
    for (let index = 0; index < 20; index++) draft.merge(receipt(`m${index}`, 1));
    expect(kept(draft.commit(createInitialState('A', true)))).toHaveLength(20);
  });
});

describe('keptTeamReceipts in the engine (real transport on the memory server)', () => {
  const world = receiptWorldPerTest();

  /** Team T1 = {A, B, C}; A (keeping 2 receipts) sends 4 flagged messages. */
  async function fourMessages() {
    world.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
    const a = world.device('A', { keptTeamReceipts: 2 });
    const b = world.device('B');
    const c = world.device('C');
    const sent: ReceiptMessage[] = [];
    for (let index = 0; index < 4; index++) {
      sent.push(await world.send(a, 'A|2|T1', { at: 100 + index, isFlagged: true }));
    }
    await world.settle();
    return { a, b, c, sent };
  }
  const show = async (device: WorldDevice, message: ReceiptMessage) => {
    const stop = device.engine.watchTeamCounts(message);
    await world.tick(50);
    return stop;
  };

  it('a forgotten message shown again is queried once and shows the server counts; messages on screen are never forgotten', async () => {
    const { a, b, c, sent } = await fourMessages();
    const stopFirst = a.engine.watchTeamCounts(sent[0]!);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(1);

    // B reads all four, one event each, while only the first is on screen.
    for (const message of sent) await readBy(world, b, message);
    const state = a.engine.store.getState();
    const countsOf = (message: ReceiptMessage) => selectTeamReceipt(state, message)?.readCount;
    // The third event made three: the second (the first stored not on screen) was forgotten.
    // The conversation is trimmed from then on, so the fourth's event, for a message neither held
    // nor shown, is not stored either: it could have been a late event for a forgotten message.
    expect(sent.map(countsOf)).toEqual([1, undefined, 1, undefined]);

    // Shown again: queried once (no count is stored for it), and shows what the server says.
    stopFirst();
    a.engine.watchTeamCounts(sent[1]!);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts).toHaveLength(2);
    expect(idsOf(a.calls.getTeamMessageReceipts[1])).toEqual([sent[1]!.messageClientId]);
    expect(selectTeamReceipt(a.engine.store.getState(), sent[1])).toMatchObject({
      readCount: 1,
      unreadCount: 1,
    });
    // Still on screen: its later events are stored whatever the limit.
    await readBy(world, c, sent[1]!);
    expect(selectTeamReceipt(a.engine.store.getState(), sent[1])).toMatchObject({
      readCount: 2,
      unreadCount: 0,
    });
    expect(a.errors).toEqual([]);
  });

  it('an all-read message stays "read" while others are forgotten, even offline', async () => {
    const { a, b, c, sent } = await fourMessages();
    const stop = await show(a, sent[0]!);
    await readBy(world, b, sent[0]!);
    await readBy(world, c, sent[0]!);
    expect(selectMessageStatus(a.engine.store.getState(), sent[0])).toBe('read');
    stop();
    for (const message of sent.slice(1)) (await show(a, message))();
    a.client.disconnect();
    await world.tick(10);
    a.engine.watchTeamCounts(sent[0]!);
    await world.tick(1000);
    expect(selectMessageStatus(a.engine.store.getState(), sent[0])).toBe('read');
  });

  it("a forgotten message's detail is forgotten too, and loaded again when opened", async () => {
    const { a, b, sent } = await fourMessages();
    // Details of m0 and m1 opened and closed: both loaded, their counts stored (2, the limit).
    for (const message of sent.slice(0, 2)) {
      const stop = a.engine.watchTeamDetail(message);
      await world.tick(50);
      stop();
    }
    // One burst reconciles m1's detail and stores m2's counts: m0 is forgotten, detail and all.
    b.engine.markRead([world.copyOf(b, sent[1]!), world.copyOf(b, sent[2]!)]);
    await world.tick(300);
    const key0 = teamMessageKey('A|2|T1', sent[0]!.messageClientId);
    expect(a.engine.store.getState().teamDetails[key0]).toBeUndefined();
    // B reads m0 while nobody shows it (not stored: the conversation is trimmed).
    await readBy(world, b, sent[0]!);
    const calls = a.calls.getTeamMessageReceiptDetail.length;
    a.engine.watchTeamDetail(sent[0]!);
    await world.tick(500);
    expect(a.calls.getTeamMessageReceiptDetail).toHaveLength(calls + 1);
    expect(a.engine.store.getState().teamDetails[key0]).toMatchObject({
      status: 'ready',
      readAccountList: ['B'],
      unreadAccountList: ['C'],
    });
  });

  it('a detail closed before its answer is not kept without its counts: opened again after a reader, it shows them', async () => {
    const { b, sent } = await fourMessages();
    // A second device of A that keeps no counts beyond those shown.
    const a = world.device('A', { keptTeamReceipts: 0 });
    world.server.setFaults({ latencyMs: [100, 100] });
    a.engine.watchTeamDetail(sent[0]!)(); // the sheet closes before the answer
    await world.tick(200);
    world.server.setFaults({});
    await readBy(world, b, sent[0]!);
    a.engine.watchTeamDetail(sent[0]!);
    await world.tick(500);
    expect(
      a.engine.store.getState().teamDetails[teamMessageKey('A|2|T1', sent[0]!.messageClientId)],
    ).toMatchObject({
      status: 'ready',
      readAccountList: ['B'],
      unreadAccountList: ['C'],
    });
  });

  it('the same for a forgotten message of a trimmed conversation: its detail is loaded again when opened', async () => {
    const { a, b, sent } = await fourMessages();
    for (const message of sent.slice(0, 3)) (await show(a, message))();
    const forgotten = sent.find(
      (message) => !selectTeamReceipt(a.engine.store.getState(), message),
    )!;
    world.server.setFaults({ latencyMs: [100, 100] });
    a.engine.watchTeamDetail(forgotten)();
    await world.tick(200);
    world.server.setFaults({});
    await readBy(world, b, forgotten);
    a.engine.watchTeamDetail(forgotten);
    await world.tick(500);
    expect(
      a.engine.store.getState().teamDetails[teamMessageKey('A|2|T1', forgotten.messageClientId)],
    ).toMatchObject({
      status: 'ready',
      readAccountList: ['B'],
      unreadAccountList: ['C'],
    });
  });

  it('a forgotten message shown again is queried even when an event about it comes first', async () => {
    const { a, b, c, sent } = await fourMessages();
    for (const message of sent) (await show(a, message))();
    const forgotten = sent.find(
      (message) => !selectTeamReceipt(a.engine.store.getState(), message),
    )!;
    await readBy(world, c, forgotten);
    const queries = a.calls.getTeamMessageReceipts.length;
    a.engine.watchTeamCounts(forgotten);
    // Within the load delay an event arrives (it could have been a late one): stored, since the
    // message is shown, and the query still goes out.
    await b.client.V2NIMMessageService.sendTeamMessageReceipts([
      world.copyOf(b, forgotten),
    ] as never);
    await world.settle();
    expect(a.calls.getTeamMessageReceipts.length).toBe(queries);
    await world.tick(50);
    expect(a.calls.getTeamMessageReceipts.length).toBe(queries + 1);
    expect(idsOf(a.calls.getTeamMessageReceipts.at(-1))).toEqual([forgotten.messageClientId]);
    expect(selectTeamReceipt(a.engine.store.getState(), forgotten)).toMatchObject({
      readCount: 2,
      unreadCount: 0,
    });
  });
});

async function readBy(world: ReceiptWorld, device: WorldDevice, message: ReceiptMessage) {
  device.engine.markRead([world.copyOf(device, message)]);
  await world.tick(300);
}
