/**
 * One session (a token, a push channel, an SDK instance) switched from A to B under a custom
 * transport that writes every conversation id from A's side, as docs/examples/restReceiptTransport.ts
 * does: B's pushes and answers would read as A's. The real engine, over a small hand-written
 * transport on the real nim transport and memory server (the switchingInstance harness).
 */

import { createNimTransport } from '@readmark/nim';
import { describe, expect, it } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport, TransportEvent } from '../ReceiptTransport';
import { createCountingClock } from '../testing/leakCounters';
import { countCalls, receiptWorldPerTest, type WorldDevice } from '../testing/receiptWorld';
import { createSwitchingInstance, type SwitchingInstance } from '../testing/switchingInstance';
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

/** `id` (`<self>|<type>|<target>`) written from `self`'s side. */
const fromSideOf = (self: string, id: string) => `${self}${id.slice(id.indexOf('|'))}`;

/** `event` with every conversation id written from A's side. */
function asAlices(event: TransportEvent): TransportEvent {
  if (event.type === 'selfReadTime') {
    return { ...event, conversationId: fromSideOf('A', event.conversationId) };
  }
  const receipts = event.receipts.map((receipt) => ({
    ...receipt,
    conversationId: fromSideOf('A', receipt.conversationId),
  }));
  return { ...event, receipts } as TransportEvent;
}

/** How A's session transport is made: see {@link alicesSessionTransport}. */
interface SessionOptions {
  /** False: no `getConnectionState` or `subscribeConnectionState` (no event tells of a switch). */
  hasConnectionState?: boolean;
  /**
   * Set: `getP2PMessageReceipt` leaves only once its token comes, this long after the call (an
   * asynchronous token getter), and goes as whoever the session is logged in as then.
   */
  tokenDelayMs?: number;
}

/**
 * A's custom transport over the session of the shared instance `one`: its backend's pushes and
 * answers name the peer or the team, never whose session they belong to, so every id is written
 * from A's side; its calls and its push channel are the session's, whoever is logged in there.
 * `reads` counts the engine's reads of `getLoginUser`.
 */
function alicesSessionTransport(
  one: SwitchingInstance,
  { hasConnectionState = true, tokenDelayMs }: SessionOptions,
): ReceiptTransport & { reads: number } {
  const {
    getConnectionState,
    subscribeConnectionState,
    getLoginUser = () => '',
    ...nim
  } = createNimTransport(one.nim);
  const transport = {
    ...nim,
    ...(hasConnectionState ? { getConnectionState, subscribeConnectionState } : {}),
    ...(tokenDelayMs === undefined
      ? {}
      : {
          async getP2PMessageReceipt(conversationId: string) {
            await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
            const asked = fromSideOf(getLoginUser(), conversationId);
            const { timestamp } = await nim.getP2PMessageReceipt(asked);
            return { conversationId, timestamp };
          },
        }),
    reads: 0,
    getLoginUser() {
      transport.reads += 1;
      return getLoginUser();
    },
    subscribe: (listener: (event: TransportEvent) => void) =>
      nim.subscribe((event) => listener(asAlices(event))),
  };
  return transport;
}

/** A on the shared instance, her engine over {@link alicesSessionTransport}; Carol and Bob's phone. */
async function aliceOnTheSession(options: SessionOptions = {}) {
  const one = createSwitchingInstance(world.server, ['A', 'B']);
  const received: ReceiptMessage[] = [];
  one.nim.V2NIMMessageService.on('onReceiveMessages', (messages) => {
    received.push(...(messages as unknown as ReceiptMessage[]));
  });
  const session = alicesSessionTransport(one, options);
  const { transport, calls } = countCalls(session);
  const errors: ReceiptError[] = [];
  const timers = createCountingClock();
  const engine = createReceiptEngine({
    transport,
    accountId: 'A',
    clock: timers.clock,
    random: () => 0.5,
    onError: (error) => errors.push(error),
  });
  return {
    one,
    session,
    timers,
    calls,
    errors,
    engine,
    received,
    alice: { client: one.nim } as WorldDevice,
    carol: world.device('C'),
    bobsPhone: world.device('B'),
  };
}

describe("pushes heard on A's transport while the session is B's", () => {
  it("are not stored as A's: her tick stays 'sent' and her own read still reaches Carol once she is back", async () => {
    const { one, calls, errors, engine, received, alice, carol, bobsPhone } =
      await aliceOnTheSession();
    // A writes Carol at 100 and Carol writes A at 150; A's chat with Carol is open.
    const toCarol = await world.send(alice, 'A|1|C', { at: 100 });
    const fromCarol = await world.send(carol, 'C|1|A', { at: 150 });
    await world.settle();
    void engine.loadConversation('A|1|C');
    await world.tick(0);

    // The app logs the session into B. Bob and Carol write each other; Carol reads Bob's message
    // (a receipt pushed to B's session), Bob reads Carol's on his phone (a read-time sync to B's
    // session), and Carol reads Bob's flagged team message (counts pushed to B's session).
    one.switchTo('B');
    const bobToCarol = await world.send(bobsPhone, 'B|1|C', { at: 200 });
    const carolToBob = await world.send(carol, 'C|1|B', { at: 300 });
    const bobToTeam = await world.send(bobsPhone, 'B|2|T', { at: 400, isFlagged: true });
    await world.settle();
    carol.engine.markRead([world.copyOf(carol, bobToCarol), world.copyOf(carol, bobToTeam)]);
    bobsPhone.engine.markRead([world.copyOf(bobsPhone, carolToBob)]);
    await world.tick(1000);
    // Carol never read A's message, and A holds no counts of Bob's message.
    let state = engine.store.getState();
    expect(selectMessageStatus(state, toCarol)).toBe('sent');
    expect(state.teamReceipts).toEqual({});

    // A logs in again and reads Carol's message: her receipt goes (Bob's read time, taken as
    // hers, would have covered it), and Carol sees it read.
    one.switchTo('A');
    await world.tick(0);
    engine.markRead(
      received.filter((message) => message.messageClientId === fromCarol.messageClientId),
    );
    await world.tick(1000);
    expect(calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(carol.client.V2NIMMessageService.isPeerRead(fromCarol as never)).toBe(true);
    state = engine.store.getState();
    expect(selectMessageStatus(state, toCarol)).toBe('sent');
    expect(errors).toEqual([]);
  });
});

describe("a session switched to B with no connection-state event (a custom transport's token changes under an open socket)", () => {
  it("shows A's screen as waiting for the connection once it next asks, looks at the account again only on the retry backoff, and once A is back reloads as after a reconnect", async () => {
    const { one, session, timers, calls, errors, engine, alice, carol } = await aliceOnTheSession({
      hasConnectionState: false,
    });
    // A writes team T twice (flagged) and Carol once; her first message's badge is shown and its
    // member sheet is open.
    const toTeam = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    const newest = await world.send(alice, 'A|2|T', { at: 200, isFlagged: true });
    const toCarol = await world.send(alice, 'A|1|C', { at: 300 });
    await world.settle();
    engine.watchTeamCounts(toTeam);
    engine.watchTeamDetail(toTeam);
    await world.tick(1000);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(1);

    // The session logs into B; nothing tells A's engine. Her newest message scrolls into view and
    // her chat with Carol opens.
    one.switchTo('B');
    expect(selectIsOffline(engine.store.getState())).toBe(false);
    engine.watchTeamCounts(newest);
    void engine.loadConversation('A|1|C');
    await world.tick(1000);
    // Nothing asked in B's session; A's screen waits for the connection: the newest badge says so
    // (no count load under way), the sheet keeps its lists.
    let state = engine.store.getState();
    expect(selectIsOffline(state)).toBe(true);
    expect(selectTeamCountLoad(state, newest)).toBeUndefined();
    expect(state.teamDetails[teamMessageKey('A|2|T', toTeam.messageClientId)]?.status).toBe(
      'ready',
    );
    // While B stays, the engine holds one timer, its next look at the account, after the retry
    // backoff (0.75 s, doubling, at most 22.5 s with this random): it looked 0.75 s after the
    // switch, then 2.25, 5.25, 11.25, 23.25 and 45.75 s after it, not in a loop.
    expect(timers.pending()).toBe(1);
    const readsBefore = session.reads;
    await world.tick(60_000);
    expect(session.reads - readsBefore).toBe(5);
    expect(calls.getTeamMessageReceipts).toHaveLength(0);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(calls.getP2PMessageReceipt).toHaveLength(0);
    expect(calls.getSelfReadTime).toHaveLength(0);

    // Carol reads both of A's messages to her while A is away; then the session logs into A again.
    carol.engine.markRead([world.copyOf(carol, toTeam), world.copyOf(carol, toCarol)]);
    await world.tick(1000);
    one.switchTo('A');
    // Nothing tells the engine either: its next look, 68.25 s after the switch to B (6.25 s from
    // now), finds A, and it reloads.
    await world.tick(6000);
    expect(selectIsOffline(engine.store.getState())).toBe(true);
    expect(calls.getTeamMessageReceipts).toHaveLength(0);
    await world.tick(250);
    expect(calls.getTeamMessageReceipts).toHaveLength(1);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(2);
    expect(calls.getP2PMessageReceipt).toHaveLength(1);
    expect(calls.getSelfReadTime).toHaveLength(1);
    state = engine.store.getState();
    expect(selectIsOffline(state)).toBe(false);
    expect(selectTeamReceipt(state, toTeam)).toMatchObject({ readCount: 1, unreadCount: 1 });
    expect(selectTeamReceipt(state, newest)).toMatchObject({ readCount: 0, unreadCount: 2 });
    expect(state.teamDetails[teamMessageKey('A|2|T', toTeam.messageClientId)]).toEqual({
      status: 'ready',
      readAccountList: ['C'],
      unreadAccountList: ['B'],
    });
    expect(selectMessageStatus(state, toCarol)).toBe('read');
    expect(errors).toEqual([]);
    expect(timers.pending()).toBe(0);
  });

  it('an engine disposed while B is logged in leaves no timer and looks at the account no more', async () => {
    const { one, session, timers, calls, engine, alice } = await aliceOnTheSession({
      hasConnectionState: false,
    });
    const toTeam = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    await world.settle();
    one.switchTo('B');
    engine.watchTeamCounts(toTeam);
    await world.tick(1000);
    expect(selectIsOffline(engine.store.getState())).toBe(true);
    expect(timers.pending()).toBe(1);
    engine.dispose();
    expect(timers.pending()).toBe(0);
    const readsBefore = session.reads;
    one.switchTo('A');
    await world.tick(60_000);
    expect(session.reads).toBe(readsBefore);
    expect(calls.getTeamMessageReceipts).toHaveLength(0);
  });
});

describe("an answer that lands once the session is B's", () => {
  it("is not taken as A's: a question asked as A but sent with B's token (an asynchronous token getter) leaves her tick 'sent', and is asked again once she is back", async () => {
    const { one, calls, errors, engine, alice, carol, bobsPhone } = await aliceOnTheSession({
      tokenDelayMs: 100,
    });
    // A writes Carol at 100; Bob, on his phone, writes Carol at 200, and Carol reads it.
    const toCarol = await world.send(alice, 'A|1|C', { at: 100 });
    const bobToCarol = await world.send(bobsPhone, 'B|1|C', { at: 200 });
    await world.settle();
    carol.engine.markRead([world.copyOf(carol, bobToCarol)]);
    await world.tick(1000);
    // A's chat with Carol opens ("how far has Carol read?" waits for its token); at once the app
    // logs the session into B, whose token the question then carries: Carol read B's message.
    void engine.loadConversation('A|1|C');
    one.switchTo('B');
    await world.tick(1000);
    expect(calls.getP2PMessageReceipt).toHaveLength(1);
    let state = engine.store.getState();
    expect(selectIsOffline(state)).toBe(true);
    expect(selectMessageStatus(state, toCarol)).toBe('sent');

    // A logs in again: her chat asks again, as her, and still says 'sent'; Carol then reads it.
    one.switchTo('A');
    await world.tick(1000);
    expect(calls.getP2PMessageReceipt).toHaveLength(2);
    state = engine.store.getState();
    expect(selectIsOffline(state)).toBe(false);
    expect(selectMessageStatus(state, toCarol)).toBe('sent');
    carol.engine.markRead([world.copyOf(carol, toCarol)]);
    await world.tick(1000);
    expect(selectMessageStatus(engine.store.getState(), toCarol)).toBe('read');
    expect(errors).toEqual([]);
  });
});
