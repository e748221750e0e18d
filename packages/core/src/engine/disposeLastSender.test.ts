/**
 * An engine disposed with nobody to take its receipts ("last sender"): what it may still do, and
 * what it must not (a second send next to another engine, a store change nobody asked for).
 */
import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../ReceiptTransport';
import { receiptWorldPerTest } from '../testing/receiptWorld';
import { createReceiptEngine } from './createReceiptEngine';
import { selectPeerReadTime, selectSelfReadTime } from './selectors';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

async function chat() {
  const { alice, bob, p2p, team, p2pCopy, teamCopy } = await world.aliceWritesToBob();
  const events: TransportEvent[] = [];
  alice.transport.subscribe((event) => events.push(event));
  return { alice, bob, events, m1: p2p, g1: team, m1Copy: p2pCopy, g1Copy: teamCopy };
}

describe('an engine disposed as the last sender', () => {
  it('leaves a receipt still waiting for its read time to an engine of the account started before that answer came: one send, not two', async () => {
    const { alice, bob, events, m1, m1Copy } = await chat();
    bob.engine.markRead([m1Copy]);
    expect(bob.calls.getSelfReadTime).toHaveLength(1);
    // An app that swaps its engine by disposing the old one first (a new transport after a
    // reconnect, changed options); the new one shows the same chat and marks what it shows.
    bob.engine.dispose();
    const next = createReceiptEngine({ transport: bob.transport, accountId: 'B' });
    try {
      next.markRead([m1Copy]);
      await world.tick(1000);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(events.filter((event) => event.type === 'p2pReceipts')).toHaveLength(1);
      expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
      expect(selectSelfReadTime(next.store.getState(), 'B|1|A')).toBe(100);
    } finally {
      next.dispose();
    }
  });

  it("applies no answer but that read time to its store: the peer's read time asked with it changes nothing", async () => {
    const { alice, bob, m1Copy } = await chat();
    const engine = await bobReadByAliceAfterward(alice, bob);
    engine.markRead([m1Copy]);
    engine.dispose();
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(selectPeerReadTime(engine.store.getState(), 'B|1|A')).toBe(0);
  });

  it('with no receipt waiting, the read times a chat asked for as it opened change nothing after dispose', async () => {
    const { alice, bob, m1Copy } = await chat();
    // Bob's other app already acknowledged m1: his read time for the chat is 100.
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(m1Copy as never);
    const engine = await bobReadByAliceAfterward(alice, bob);
    void engine.loadConversation('B|1|A');
    let notified = 0;
    engine.store.subscribe(() => {
      notified += 1;
    });
    engine.dispose();
    await world.tick(1000);
    expect(notified).toBe(0);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
  });
});

/**
 * Alice reads a message of Bob's (his peer read time becomes 300), then Bob's chat opens: a new
 * engine of Bob's, alone, that has heard nothing yet.
 */
async function bobReadByAliceAfterward(
  alice: Awaited<ReturnType<typeof chat>>['alice'],
  bob: Awaited<ReturnType<typeof chat>>['bob'],
) {
  const fromBob = await world.send(bob, 'B|1|A', { at: 300 });
  await world.settle();
  await alice.client.V2NIMMessageService.sendP2PMessageReceipt(
    world.copyOf(alice, fromBob) as never,
  );
  await world.settle();
  bob.engine.dispose();
  return createReceiptEngine({ transport: bob.transport, accountId: 'B' });
}
