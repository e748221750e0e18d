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
import { countCalls, receiptWorldPerTest, type WorldDevice } from '../testing/receiptWorld';
import { createSwitchingInstance, type SwitchingInstance } from '../testing/switchingInstance';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import { selectMessageStatus } from './selectors';

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

/**
 * A's custom transport over the session of the shared instance `one`: its backend's pushes and
 * answers name the peer or the team, never whose session they belong to, so every id is written
 * from A's side; its calls and its push channel are the session's, whoever is logged in there.
 */
function alicesSessionTransport(one: SwitchingInstance): ReceiptTransport {
  const nim = createNimTransport(one.nim);
  return {
    ...nim,
    subscribe: (listener) => nim.subscribe((event) => listener(asAlices(event))),
  };
}

/** A on the shared instance, her engine over {@link alicesSessionTransport}; Carol and Bob's phone. */
async function aliceOnTheSession() {
  const one = createSwitchingInstance(world.server, ['A', 'B']);
  const received: ReceiptMessage[] = [];
  one.nim.V2NIMMessageService.on('onReceiveMessages', (messages) => {
    received.push(...(messages as unknown as ReceiptMessage[]));
  });
  const { transport, calls } = countCalls(alicesSessionTransport(one));
  const errors: ReceiptError[] = [];
  const engine = createReceiptEngine({
    transport,
    accountId: 'A',
    random: () => 0.5,
    onError: (error) => errors.push(error),
  });
  return {
    one,
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
