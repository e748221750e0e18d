/**
 * An engine disposed with nobody to take its receipts ("last sender"): what it may still do, and
 * what it must not (a second send next to another engine, a store change nobody asked for).
 */
import { describe, expect, it, vi } from 'vitest';
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

  it('disposed while its read time waits for the login sync, it waits for that sync: a receipt another device of the account sent meanwhile does not go again (P11, scenario 13)', async () => {
    const { bob, b1 } = await world.aliceSendsBobTwo();
    world.server.dropConnection('B');
    await world.settle();
    // While this device is offline, Bob's other device reads m1.
    const other = world.server.login('B');
    await world.settle();
    await other.V2NIMMessageService.sendP2PMessageReceipt(b1 as never);
    await world.settle();
    // The connection is back; before its login sync arrives, the user reads m1 here and closes
    // the chat (the app's last engine of Bob's goes).
    bob.client.V2NIMLoginService.on('onLoginStatus', (status) => {
      if (status !== 1) return;
      bob.engine.markRead([b1]);
      bob.engine.dispose();
    });
    world.server.restoreConnection('B');
    await world.tick(10_000);
    expect(bob.calls.getSelfReadTime).toHaveLength(1);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
  });

  it('disposed while its read time waits for the login sync, then logged out: the wait ends at the logout, leaving no listener or timer', async () => {
    const { alice, bob, m1, b1 } = await world.aliceSendsBobTwo();
    world.server.setFaults({ latencyMs: [400, 400] });
    bob.client.logout();
    bob.client.login(); // its login sync arrives 400 ms later
    bob.engine.markRead([b1]);
    await vi.advanceTimersByTimeAsync(0);
    const login = bob.client.V2NIMLoginService;
    expect(login.listenerCount('onDataSync')).toBe(1);
    bob.engine.dispose();
    expect(login.listenerCount('onDataSync')).toBe(1); // the sync is coming: its answer is awaited
    bob.client.logout();
    expect(login.listenerCount('onDataSync')).toBe(0);
    expect(login.listenerCount('onLoginStatus')).toBe(0);
    await world.tick(1000);
    expect(vi.getTimerCount()).toBe(0);
    // Logged out, nothing of Bob's reaches Alice (the last attempt is refused with 190002).
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(false);
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
