/**
 * What happens to the receipts an engine holds when it is disposed: handed to another running
 * engine of the account, kept by its storage, or, with neither ("last sender"), sent as it goes;
 * and what such an engine must not do (a second send next to another engine, a store change
 * nobody asked for).
 */
import { describe, expect, it, vi } from 'vitest';
import { aliceWritesToBobHeard, receiptWorldPerTest } from '../testing/receiptWorld';
import { createReceiptEngine } from './createReceiptEngine';
import { selectPeerReadTime, selectSelfReadTime } from './selectors';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** A and B with m1 (P2P) and g1 (team T), and the events A's transport delivers from then on. */
const chat = () => aliceWritesToBobHeard(world);

/** What Alice's SDK says once Bob's receipts for m1 and g1 landed: m1 read, g1 read by B alone. */
async function expectBobReadBoth({
  alice,
  m1,
  g1,
}: Pick<Awaited<ReturnType<typeof chat>>, 'alice' | 'm1' | 'g1'>) {
  expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
  const readers = await alice.client.V2NIMMessageService.getTeamMessageReceiptDetail(g1 as never);
  expect(readers.readAccountList).toEqual(['B']);
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

describe('an engine disposed, and who sends what it held', () => {
  it('disposed within its flush window with no storage and no engine of the account to take them, it sends what it was marked', async () => {
    const { alice, bob, m1, g1, m1Copy, g1Copy } = await chat();
    // Bob read both; the app unmounts the chat (a provider hidden in an Activity, a closed panel)
    // before the 300 ms window ends.
    bob.engine.markRead([m1Copy, g1Copy]);
    await world.tick(100);
    bob.engine.dispose();
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
    await expectBobReadBoth({ alice, m1, g1 });
  });

  it("disposed while the conversation's own read time is still being asked for, it sends the receipt that waited for that answer", async () => {
    const { alice, bob, m1, m1Copy } = await chat();
    // The chat's first read asks the account's read time first (P11, U5); the app unmounts the
    // chat before the answer comes.
    bob.engine.markRead([m1Copy]);
    expect(bob.calls.getSelfReadTime).toHaveLength(1);
    bob.engine.dispose();
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
  });

  it('disposed while that read time is asked for, it sends nothing if the answer says the account already read the message elsewhere (P11)', async () => {
    const { bob, events, m1Copy } = await chat();
    // Bob's other app read m1 through the SDK; this engine heard nothing of it (the reading
    // client gets no event).
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(m1Copy as never);
    await world.settle();
    bob.engine.markRead([m1Copy]);
    bob.engine.dispose();
    await world.tick(1000);
    expect(bob.calls.getSelfReadTime).toHaveLength(1);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(events.filter((event) => event.type === 'p2pReceipts')).toHaveLength(1);
  });

  it('disposed in the task that made it, with another engine of the account running: that engine sends the receipt, and only it', async () => {
    const { alice, bob, events, m1, m1Copy } = await chat();
    // A provider that made an engine and dropped it at once (StrictMode's double mount).
    const brief = createReceiptEngine({ transport: bob.transport, accountId: 'B' });
    brief.markRead([m1Copy]);
    brief.dispose();
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(events.filter((event) => event.type === 'p2pReceipts')).toHaveLength(1);
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
  });

  it("that engine disposed too, before the brief one's load ended: the receipt is still sent, once", async () => {
    const { alice, bob, events, m1, m1Copy } = await chat();
    const brief = createReceiptEngine({ transport: bob.transport, accountId: 'B' });
    brief.markRead([m1Copy]);
    brief.dispose();
    // A logout in the same task: no engine of Bob's is left.
    bob.engine.dispose();
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(events.filter((event) => event.type === 'p2pReceipts')).toHaveLength(1);
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
  });

  it('disposed while failed receipts wait for their retry, with nobody to take them: it tries them once more as it goes', async () => {
    const { alice, bob, m1, g1, m1Copy, g1Copy } = await chat();
    world.server.setFaults({ failureRate: 1, failureCodes: [192005] });
    bob.engine.markRead([m1Copy, g1Copy]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
    // The network is fine again, but the retries wait for their backoff; the chat is closed.
    world.server.setFaults({});
    bob.engine.dispose();
    await world.tick(10_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
    expect(bob.calls.sendTeamMessageReceipts).toHaveLength(2);
    await expectBobReadBoth({ alice, m1, g1 });
  });

  it('disposed with another engine of the account running, or with a storage, it sends nothing itself: they take its receipts', async () => {
    const { bob, m1Copy, g1Copy } = await chat();
    const saved: unknown[][] = [];
    const storage = {
      load: () => [],
      save: (_accountId: string, messages: readonly unknown[]) => void saved.push([...messages]),
    };
    const withStorage = world.device('B', { storage });
    await world.tick(0);
    bob.engine.markRead([m1Copy, g1Copy]);
    // Another engine of Bob's runs: it takes them.
    bob.engine.dispose();
    // Nobody runs after this one, but its storage keeps them for the next engine.
    withStorage.engine.dispose();
    await world.tick(1000);
    for (const device of [bob, withStorage]) {
      expect(device.calls.sendP2PMessageReceipt).toHaveLength(0);
      expect(device.calls.sendTeamMessageReceipts).toHaveLength(0);
    }
    expect(saved.at(-1)).toHaveLength(2);
  });
});
