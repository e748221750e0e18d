/**
 * Several engines of one account over one Web Storage (tabs, a reload, a crash): each keeps its own
 * slot and a later engine takes over every slot it finds, so no tab erases another tab's receipts.
 */
import { describe, expect, it } from 'vitest';
import { createKeyValueStorage, createWebStorage } from '../testing/mapStorage';
import { receiptWorldPerTest, teamReaders } from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { decodeOutbox, encodeOutbox } from './ReceiptOutboxStorage';
import { webStorageOutbox } from './webStorageOutbox';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** The client ids of every receipt kept in `storage`, any slot, sorted. */
function storedIds(storage: { items: Map<string, string> }): string[] {
  return [...storage.items.values()]
    .flatMap((text) => decodeOutbox(text))
    .map((message) => message.messageClientId)
    .sort();
}

/** B's pending receipt for A's team message `id` in team T, as the outbox stores it. */
const teamReceipt = (id: string): ReceiptMessage => ({
  messageClientId: id,
  messageServerId: id,
  createTime: 1,
  senderId: 'A',
  receiverId: 'T',
  conversationType: 2,
  conversationId: 'B|2|T',
});

describe('webStorageOutbox with several engines of one account', () => {
  it('a receipt only a closed tab held survives the other tab delivering its own', async () => {
    const storage = createWebStorage();
    const {
      alice,
      bob: tabA,
      p2p,
      team,
      p2pCopy,
      teamCopy,
    } = await world.aliceWritesToBob({
      storage: webStorageOutbox(storage),
    });
    const tabB = world.device('B', { storage: webStorageOutbox(storage), isStartDeferred: true });
    await world.readsOffline(tabA, [p2pCopy]); // x
    tabB.engine.start(); // opened while offline: takes over x
    tabB.engine.markRead([teamCopy]); // y
    await world.tick(0);
    expect(storedIds(storage)).toEqual([p2p.messageClientId, team.messageClientId].sort());
    tabB.engine.dispose(); // closed (or crashed) before y could go

    world.server.restoreConnection('B');
    await world.tick(0); // tab A delivers x and has nothing left to keep
    expect(alice.client.V2NIMMessageService.isPeerRead(p2p as never)).toBe(true);
    tabA.engine.dispose();
    expect(storedIds(storage)).toContain(team.messageClientId);

    const third = world.device('B', { storage: webStorageOutbox(storage) });
    await world.tick(0);
    await world.tick(0);
    expect(await teamReaders(alice, team)).toEqual(['B']);
    // x was delivered already: its read time covers it, so it is not sent again.
    expect(third.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(storage.items.size).toBe(0);
  });

  it('restores the slot all tabs shared before per-tab slots, and clears it', async () => {
    const storage = createWebStorage();
    const { alice, bob, p2p, p2pCopy } = await world.aliceWritesToBob();
    bob.engine.dispose();
    storage.setItem('readmark:outbox:B', encodeOutbox([p2pCopy])); // an earlier version's format
    world.device('B', { storage: webStorageOutbox(storage) });
    await world.tick(0);
    expect(alice.client.V2NIMMessageService.isPeerRead(p2p as never)).toBe(true);
    await world.tick(0);
    expect(storage.items.size).toBe(0);
  });

  it('never reads nor removes the slots of an account whose id extends its own ("B:x")', async () => {
    const storage = createWebStorage();
    const { bob, p2pCopy, teamCopy } = await world.aliceWritesToBob();
    bob.engine.dispose();
    // Receipts B's engine would send if it read them.
    const others = {
      'readmark:outbox:B:x': encodeOutbox([p2pCopy]),
      'readmark:outbox:B:x:tab': encodeOutbox([teamCopy], 'B:x'),
    };
    for (const [slot, text] of Object.entries(others)) storage.setItem(slot, text);
    expect(webStorageOutbox(storage).load('B')).toEqual([]);
    const next = world.device('B', { storage: webStorageOutbox(storage) });
    next.engine.markRead([]);
    await world.tick(1000);
    expect(next.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(next.calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(Object.fromEntries(storage.items)).toEqual(others);
  });

  it('an engine disposed before its first save (StrictMode) leaves what it took over in place', async () => {
    const storage = createWebStorage();
    const { alice, bob, team, teamCopy } = await world.aliceWritesToBob({
      storage: webStorageOutbox(storage),
    });
    await world.readsOffline(bob, [teamCopy]);
    bob.engine.dispose();
    world.server.restoreConnection('B');
    await world.settle();
    const options = { storage: webStorageOutbox(storage) };
    world.device('B', options).engine.dispose(); // mounted and unmounted in one go
    world.device('B', options);
    await world.tick(0);
    await world.tick(0);
    expect(await teamReaders(alice, team)).toEqual(['B']);
    expect(storage.items.size).toBe(0);
  });

  it('a slot its tab wrote again after it was taken over stays: that tab is alive', () => {
    const storage = createWebStorage();
    const [x, z] = [teamReceipt('x'), teamReceipt('z')];
    const tabA = webStorageOutbox(storage);
    const tabB = webStorageOutbox(storage);
    tabA.save('B', [x]);
    expect(tabB.load('B')).toEqual([x]);
    tabA.save('B', [x, z]); // between tab B's load and its save
    tabB.save('B', [x]);
    expect(storedIds(storage)).toEqual(['x', 'x', 'z']);
    // A third engine takes both over; the engine drops the duplicate.
    expect(webStorageOutbox(storage).load('B')).toHaveLength(3);
  });

  it('takes over at most the restore limit in all, leaving the rest in its slot for a later engine', () => {
    const storage = createWebStorage();
    // Three tabs' slots of 4,000 receipts each: 12,000, over the limit of 10,000.
    for (const tab of ['1', '2', '3']) {
      const slot = Array.from({ length: 4_000 }, (_, index) => teamReceipt(`${tab}-${index}`));
      webStorageOutbox(storage).save('B', slot);
    }
    const first = webStorageOutbox(storage);
    expect(first.load('B')).toHaveLength(10_000);
    // Its first save keeps what it took (delivered or not) and leaves the other 2,000 in place.
    first.save('B', []);
    const left = storedIds(storage);
    expect(left).toHaveLength(2_000);
    expect(new Set(left.map((id) => id.split('-')[0])).size).toBe(1);
    // The next engine takes them over.
    expect(webStorageOutbox(storage).load('B')).toHaveLength(2_000);
    expect(storedIds(storage)).toEqual(left);
  });

  it('one tab that kept more than the restore limit loses none of it across reloads', () => {
    const storage = createWebStorage();
    const pending = Array.from({ length: 10_050 }, (_, index) => teamReceipt(`r${index}`));
    webStorageOutbox(storage).save('B', pending); // an offline tab read 10,050 team messages
    const next = webStorageOutbox(storage);
    expect(next.load('B')).toEqual(pending.slice(0, 10_000));
    next.save('B', pending.slice(0, 10_000)); // its engine keeps what it restored
    expect(storedIds(storage)).toEqual(pending.map((m) => m.messageClientId).sort());
    next.save('B', []); // all 10,000 delivered: the 50 left over wait for the next engine
    expect(webStorageOutbox(storage).load('B')).toEqual(pending.slice(10_000));
  });

  it('a shared slot over the restore limit keeps its rest through every save', () => {
    const minimal = createKeyValueStorage();
    const pending = Array.from({ length: 10_050 }, (_, index) => teamReceipt(`r${index}`));
    webStorageOutbox(minimal).save('B', pending);
    const next = webStorageOutbox(minimal);
    expect(next.load('B')).toHaveLength(10_000);
    next.save('B', pending.slice(0, 10_000));
    next.save('B', []);
    // A new receipt, and one of those left over earned again: kept once.
    next.save('B', [teamReceipt('new'), teamReceipt('r10049')]);
    expect(storedIds(minimal)).toEqual(
      [...pending.slice(10_000), teamReceipt('new')].map((m) => m.messageClientId).sort(),
    );
    expect(webStorageOutbox(minimal).load('B')).toHaveLength(51);
  });

  it('a storage without length and key keeps one slot per account, shared by its engines', async () => {
    const minimal = createKeyValueStorage();
    const { items } = minimal;
    const { alice, bob, team, teamCopy } = await world.aliceWritesToBob({
      storage: webStorageOutbox(minimal),
    });
    await world.readsOffline(bob, [teamCopy]);
    expect([...items.keys()]).toEqual(['readmark:outbox:B']);
    bob.engine.dispose();
    world.server.restoreConnection('B');
    await world.settle();
    world.device('B', { storage: webStorageOutbox(minimal) });
    await world.tick(0);
    await world.tick(0);
    expect(await teamReaders(alice, team)).toEqual(['B']);
    expect(items.size).toBe(0);
  });
});
