/**
 * An engine disposed while its receipt calls are on the wire, with another engine of the account
 * running (a provider given a new transport, a quick re-login): that engine takes over the calls'
 * answers instead of sending the receipts a second time, and still sends what fails. Real engine,
 * nim transport and memory server.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ReceiptOutboxStorage } from '../storage/ReceiptOutboxStorage';
import { aliceWritesToBobHeard, receiptWorldPerTest, teamReaders } from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import { selectSelfReadTime } from './selectors';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/**
 * Bob's engine reads m1 and g1 of Alice's and sends both; each call is then on the wire for 100 ms,
 * while Bob's next engine (over the same transport) runs and the first one is disposed.
 */
async function bobSwapsEnginesMidCall() {
  const chat = await aliceWritesToBobHeard(world);
  const { bob, m1Copy, g1Copy } = chat;
  world.server.setFaults({ latencyMs: [100, 100] });
  bob.engine.markRead([m1Copy, g1Copy]);
  await vi.advanceTimersByTimeAsync(300);
  expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
  expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
  const next = createReceiptEngine({ transport: bob.transport, accountId: 'B', random: () => 0.5 });
  bob.engine.dispose();
  return { ...chat, next };
}

describe('an engine disposed with receipt calls in flight, another engine of the account running', () => {
  it('the running engine takes their answers: each receipt is sent once, and its read time follows the answer', async () => {
    const { alice, bob, events, m1, g1, next } = await bobSwapsEnginesMidCall();
    try {
      await world.tick(10_000);
      world.server.setFaults({}); // the queries below answer at once
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
      expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
      expect(await teamReaders(alice, g1)).toEqual(['B']);
      expect(events.filter((event) => event.type === 'teamReceipts')).toHaveLength(1);
      // The running engine knows the chat is read up to m1, as if it had sent the receipt itself.
      expect(selectSelfReadTime(next.store.getState(), 'B|1|A')).toBe(100);
    } finally {
      next.dispose();
    }
  });

  it('a call that then fails is sent again by the running engine, after its backoff', async () => {
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 192005, accountId: 'B' });
    world.server.injectFault({ method: 'sendTeamMessageReceipts', code: 192005, accountId: 'B' });
    const { alice, bob, m1, g1, next } = await bobSwapsEnginesMidCall();
    try {
      // Nothing goes again while the first calls are on the wire.
      await vi.advanceTimersByTimeAsync(50);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
      await world.tick(10_000);
      world.server.setFaults({}); // the queries below answer at once
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
      expect(bob.calls.sendTeamMessageReceipts).toHaveLength(2);
      expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
      expect(await teamReaders(alice, g1)).toEqual(['B']);
      expect(selectSelfReadTime(next.store.getState(), 'B|1|A')).toBe(100);
    } finally {
      next.dispose();
    }
  });

  it('with a storage both engines share, the running engine restored those receipts from it: it still sends none of them again', async () => {
    const kept = new Map<string, ReceiptMessage[]>();
    const storage: ReceiptOutboxStorage = {
      load: (accountId) => kept.get(accountId) ?? [],
      save: (accountId, messages) => void kept.set(accountId, [...messages]),
    };
    const { alice, bob, p2p, team, p2pCopy, teamCopy } = await world.aliceWritesToBob({ storage });
    await world.tick(0);
    world.server.setFaults({ latencyMs: [100, 100] });
    bob.engine.markRead([p2pCopy, teamCopy]);
    await vi.advanceTimersByTimeAsync(300);
    expect(kept.get('B')).toHaveLength(2);
    // The next engine loads the storage, which holds the two receipts on the wire, and the first
    // engine is disposed before the next one's flush (a provider disposes its old engine in the
    // commit's passive effects).
    const next = createReceiptEngine({ transport: bob.transport, accountId: 'B', storage });
    for (let step = 0; step < 5; step++) await Promise.resolve();
    bob.engine.dispose();
    try {
      await world.tick(10_000);
      world.server.setFaults({});
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
      expect(alice.client.V2NIMMessageService.isPeerRead(p2p as never)).toBe(true);
      expect(await teamReaders(alice, team)).toEqual(['B']);
      expect(kept.get('B')).toEqual([]);
    } finally {
      next.dispose();
    }
  });
});
