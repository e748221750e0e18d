/**
 * One SDK instance logged out of A and into B while A's engine still holds receipts (an app with a
 * single `nim`, switching accounts): none of A's receipts is sent in B's session, where the server
 * would take it as B's read (SPEC P4), nor fails there as B's; they are kept for A (its next engine
 * or its storage) or dropped. Nor does A's engine ask anything there, where the SDK answers as B:
 * it is offline until A logs in again. Real engine, nim transport and memory server.
 */

import { createNimTransport } from '@readmark/nim';
import { describe, expect, it } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import {
  countCalls,
  receiptWorldPerTest,
  teamReaders,
  type WorldDevice,
} from '../testing/receiptWorld';
import { createSwitchingInstance } from '../testing/switchingInstance';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import { teamMessageKey } from './receiptState';
import {
  selectIsOffline,
  selectMessageStatus,
  selectTeamCountLoad,
  selectTeamReceipt,
} from './selectors';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** A storage kept in a Map, by account. */
function mapStorage(): ReceiptOutboxStorage & { kept: Map<string, ReceiptMessage[]> } {
  const kept = new Map<string, ReceiptMessage[]>();
  return {
    kept,
    load: (accountId) => kept.get(accountId) ?? [],
    save: (accountId, messages) => void kept.set(accountId, [...messages]),
  };
}

/**
 * The app's one instance, logged in as A, with A's engine over it; Carol writes A one message and a
 * flagged one to team T, and Bob, on his phone, writes A one message: A's copies, unread.
 */
async function aliceOnTheSharedInstance(storage?: ReceiptOutboxStorage) {
  const one = createSwitchingInstance(world.server, ['A', 'B']);
  const received: ReceiptMessage[] = [];
  one.nim.V2NIMMessageService.on('onReceiveMessages', (messages) => {
    received.push(...(messages as unknown as ReceiptMessage[]));
  });
  const { transport, calls } = countCalls(createNimTransport(one.nim));
  const errors: ReceiptError[] = [];
  const engineOf = () =>
    createReceiptEngine({
      transport,
      accountId: 'A',
      random: () => 0.5,
      onError: (error) => errors.push(error),
      ...(storage ? { storage } : {}),
    });
  const engine = engineOf();
  const carol = world.device('C');
  const bobsPhone = world.device('B');
  const fromCarol = await world.send(carol, 'C|1|A', { at: 100 });
  const toTeam = await world.send(carol, 'C|2|T', { at: 200, isFlagged: true });
  const fromBob = await world.send(bobsPhone, 'B|1|A', { at: 300 });
  await world.settle();
  return {
    one,
    transport,
    calls,
    errors,
    engine,
    engineOf,
    carol,
    bobsPhone,
    fromCarol,
    toTeam,
    fromBob,
    aliceCopies: [...received],
  };
}

describe('one SDK instance switched from A to B while A has receipts to send', () => {
  it("A's running engine sends none of them in B's session and reports nothing; kept in its storage, they reach Carol and Bob once A is back", async () => {
    const storage = mapStorage();
    const alice = await aliceOnTheSharedInstance(storage);
    await world.tick(0);
    // A reads all three; within the flush window the app logs the instance out of A and into B.
    // A's engine hears B's login as its connection coming back, before the app replaces it.
    alice.engine.markRead(alice.aliceCopies);
    alice.one.switchTo('B');
    await world.tick(10_000);
    expect(alice.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(alice.calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(alice.errors).toEqual([]);
    // Nobody's read reached Carol or Bob: not B's (which Carol would see on her team message), not A's.
    expect(alice.carol.client.V2NIMMessageService.isPeerRead(alice.fromCarol as never)).toBe(false);
    expect(await teamReaders(alice.carol, alice.toTeam)).toEqual([]);
    expect(alice.bobsPhone.client.V2NIMMessageService.isPeerRead(alice.fromBob as never)).toBe(
      false,
    );

    // The app replaces A's engine; later the instance logs into A again and A's next engine
    // sends what the storage kept.
    alice.engine.dispose();
    expect(storage.kept.get('A')).toHaveLength(3);
    alice.one.switchTo('A');
    const next = alice.engineOf();
    try {
      await world.tick(1000);
      expect(alice.calls.sendP2PMessageReceipt).toHaveLength(2);
      expect(alice.calls.sendTeamMessageReceipts).toHaveLength(1);
      expect(alice.carol.client.V2NIMMessageService.isPeerRead(alice.fromCarol as never)).toBe(
        true,
      );
      expect(await teamReaders(alice.carol, alice.toTeam)).toEqual(['A']);
      expect(alice.bobsPhone.client.V2NIMMessageService.isPeerRead(alice.fromBob as never)).toBe(
        true,
      );
      expect(alice.errors).toEqual([]);
    } finally {
      next.dispose();
    }
  });

  it("A's engine disposed after the switch with nobody to take its receipts (no storage, no engine of A) drops them: not one call in B's session", async () => {
    const alice = await aliceOnTheSharedInstance();
    await world.tick(0);
    alice.engine.markRead(alice.aliceCopies);
    // The app logs the instance into B, then replaces A's engine in the same task (a provider
    // given the new account): an engine with no heir sends what waits at once, as it goes.
    alice.one.switchTo('B');
    alice.engine.dispose();
    await world.tick(10_000);
    expect(alice.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(alice.calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(alice.errors).toEqual([]);
    expect(alice.carol.client.V2NIMMessageService.isPeerRead(alice.fromCarol as never)).toBe(false);
    expect(await teamReaders(alice.carol, alice.toTeam)).toEqual([]);
    expect(alice.bobsPhone.client.V2NIMMessageService.isPeerRead(alice.fromBob as never)).toBe(
      false,
    );
  });
});

describe("A's engine still running while the instance is logged in as B", () => {
  it("asks nothing in B's session, where the SDK answers as B, and shows A's screen as waiting for the connection; once A is back it reloads what changed meanwhile", async () => {
    const one = createSwitchingInstance(world.server, ['A', 'B']);
    const { transport, calls } = countCalls(createNimTransport(one.nim));
    const errors: ReceiptError[] = [];
    const engine = createReceiptEngine({
      transport,
      accountId: 'A',
      random: () => 0.5,
      onError: (error) => errors.push(error),
    });
    const carol = world.device('C');
    // A, on the shared instance, writes team T twice (flagged) and Carol once.
    const alice = { client: one.nim } as WorldDevice;
    const toTeam = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    const newest = await world.send(alice, 'A|2|T', { at: 200, isFlagged: true });
    const toCarol = await world.send(alice, 'A|1|C', { at: 300 });
    await world.settle();
    // A's chat shows the first one's badge, and its member sheet is open (its counts come with the
    // detail: no count query).
    engine.watchTeamCounts(toTeam);
    engine.watchTeamDetail(toTeam);
    await world.tick(1000);
    const key = teamMessageKey('A|2|T', toTeam.messageClientId);
    expect(calls.getTeamMessageReceipts).toHaveLength(0);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(engine.store.getState().teamDetails[key]).toEqual({
      status: 'ready',
      readAccountList: [],
      unreadAccountList: ['B', 'C'],
    });

    // The app logs the instance out of A and into B. A's screen is still up (the app replaces its
    // engine later): her newest message scrolls into view and her chat with Carol opens.
    one.switchTo('B');
    engine.watchTeamCounts(newest);
    void engine.loadConversation('A|1|C');
    await world.tick(10_000);
    // Not one question in B's session, where the SDK answers as B: 191004 for A's messages and
    // conversations, which the engine took as final (the newest badge hidden as failed, the sheet
    // an error, onError told of each).
    expect(calls.getTeamMessageReceipts).toHaveLength(0);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(calls.getP2PMessageReceipt).toHaveLength(0);
    expect(calls.getSelfReadTime).toHaveLength(0);
    expect(errors).toEqual([]);
    // What A sees: waiting for the connection. The badge keeps its counts, the newest waits for
    // its own ("Waiting for a connection…", not hidden as failed), the sheet keeps its lists.
    let state = engine.store.getState();
    expect(selectIsOffline(state)).toBe(true);
    expect(selectTeamReceipt(state, toTeam)).toMatchObject({ readCount: 0, unreadCount: 2 });
    expect(selectTeamCountLoad(state, newest)).toBeUndefined();
    expect(state.teamDetails[key]?.status).toBe('ready');

    // Carol reads both of A's messages to her while A is away.
    carol.engine.markRead([world.copyOf(carol, toTeam), world.copyOf(carol, toCarol)]);
    await world.tick(1000);
    // A logs in again on the instance: her engine reloads, as after a reconnect.
    one.switchTo('A');
    await world.tick(1000);
    expect(calls.getTeamMessageReceipts).toHaveLength(1);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(2);
    expect(calls.getP2PMessageReceipt).toHaveLength(1);
    expect(calls.getSelfReadTime).toHaveLength(1);
    expect(errors).toEqual([]);
    state = engine.store.getState();
    expect(selectIsOffline(state)).toBe(false);
    expect(selectTeamReceipt(state, toTeam)).toMatchObject({ readCount: 1, unreadCount: 1 });
    expect(selectTeamReceipt(state, newest)).toMatchObject({ readCount: 0, unreadCount: 2 });
    expect(state.teamDetails[key]).toEqual({
      status: 'ready',
      readAccountList: ['C'],
      unreadAccountList: ['B'],
    });
    expect(selectMessageStatus(state, toCarol)).toBe('read');
  });
});
