import { describe, expect, it } from 'vitest';
import { selectSelfReadTime } from '../engine/selectors';
import { createKeyValueStorage } from '../testing/mapStorage';
import {
  receiptWorldPerTest,
  sentMessages,
  teamReaders,
  type WorldDevice,
} from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { decodeOutbox, encodeOutbox, type ReceiptOutboxStorage } from './ReceiptOutboxStorage';
import { type KeyValueStorage, localStorageOutbox, webStorageOutbox } from './webStorageOutbox';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** A and B chat, B's engine keeping its outbox in `storage`. */
const setUp = (storage: ReceiptOutboxStorage) => world.aliceWritesToBob({ storage });

/**
 * An asynchronous storage (IndexedDB-like) whose loads wait for `release` and answer with what is
 * saved then; `saves` records how many messages each save held.
 */
function heldStorage() {
  const held = { messages: [] as readonly ReceiptMessage[] };
  const saves: number[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const storage: ReceiptOutboxStorage = {
    load: async () => {
      await gate;
      return held.messages;
    },
    save: (_account, messages) => {
      saves.push(messages.length);
      held.messages = messages;
    },
  };
  return { storage, held, saves, release };
}

/** Alice's server says Bob read both messages: the P2P one by watermark, the team one by list. */
async function expectReadByBob(alice: WorldDevice, p2p: ReceiptMessage, team: ReceiptMessage) {
  expect(alice.client.V2NIMMessageService.isPeerRead(p2p as never)).toBe(true);
  expect(await teamReaders(alice, team)).toEqual(['B']);
}

describe('outbox storage', () => {
  it('receipts marked while offline are delivered by the next engine after a reload', async () => {
    const storage = createKeyValueStorage();
    const { alice, bob, p2p, team, p2pCopy, teamCopy } = await setUp(webStorageOutbox(storage));
    await world.readsOffline(bob, [p2pCopy, teamCopy], 5000);
    expect(sentMessages(bob.calls.sendP2PMessageReceipt)).toHaveLength(0);
    expect(
      decodeOutbox(storage.items.get('readmark:outbox:B')).map((m) => m.messageClientId),
    ).toEqual([p2p.messageClientId, team.messageClientId]);

    bob.engine.dispose(); // the page goes away
    world.server.restoreConnection('B');
    await world.settle();
    const reloaded = world.device('B', { storage: webStorageOutbox(storage) });
    await world.tick(0);
    expect(reloaded.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(reloaded.calls.sendTeamMessageReceipts).toHaveLength(1);
    await world.tick(0);
    expect(selectSelfReadTime(reloaded.engine.store.getState(), 'B|1|A')).toBe(100);
    await expectReadByBob(alice, p2p, team);
    // Delivered: nothing is left for a third engine.
    expect(storage.items.has('readmark:outbox:B')).toBe(false);
  });

  it('receipts marked in the same task as dispose (logout, unmount) are saved for the next engine', async () => {
    const storage = createKeyValueStorage();
    const { alice, bob, p2p, team, p2pCopy, teamCopy } = await setUp(webStorageOutbox(storage));
    world.server.dropConnection('B');
    await world.settle();
    bob.engine.markRead([p2pCopy, teamCopy]);
    bob.engine.dispose();
    expect(
      decodeOutbox(storage.items.get('readmark:outbox:B')).map((m) => m.messageClientId),
    ).toEqual([p2p.messageClientId, team.messageClientId]);

    const next = world.device('B', { storage: webStorageOutbox(storage) });
    world.server.restoreConnection('B');
    await world.tick(1000);
    expect(next.calls.sendP2PMessageReceipt).toHaveLength(1);
    await expectReadByBob(alice, p2p, team);
  });

  it('keeps only the fields a receipt needs, never the message text', async () => {
    const storage = createKeyValueStorage();
    const { bob, p2pCopy } = await setUp(webStorageOutbox(storage, 'app'));
    await world.readsOffline(bob, [p2pCopy]);
    const text = storage.items.get('app:B') ?? '';
    expect(text).not.toContain('message at');
    expect(JSON.parse(text).messages[0]).toEqual({
      messageClientId: p2pCopy.messageClientId,
      messageServerId: p2pCopy.messageServerId,
      createTime: 100,
      senderId: 'A',
      receiverId: 'B',
      conversationType: 1,
      conversationId: 'B|1|A',
      sendingState: 1,
      messageType: p2pCopy.messageType,
      messageConfig: { readReceiptEnabled: false },
    });
  });

  it("one account's pending receipts are never sent by another account's engine", async () => {
    const storage = createKeyValueStorage();
    const { bob, p2pCopy } = await setUp(webStorageOutbox(storage));
    await world.readsOffline(bob, [p2pCopy]);
    // Someone copies B's slot into C's: C's engine must not act on messages addressed to B.
    storage.setItem('readmark:outbox:C', storage.getItem('readmark:outbox:B') ?? '');
    const carol = world.device('C', { storage: webStorageOutbox(storage) });
    await world.tick(1000);
    expect(carol.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(carol.errors).toEqual([]);
  });

  it.each([
    ['not JSON', '{oops'],
    ['another version', JSON.stringify({ version: 99, messages: [] })],
    ['not a list', JSON.stringify({ version: 1, messages: 'x' })],
    [
      'malformed messages',
      JSON.stringify({ version: 1, messages: [null, 1, { createTime: 'x' }] }),
    ],
  ])('a corrupt slot (%s) is ignored and overwritten', async (_name, text) => {
    const storage = createKeyValueStorage();
    storage.setItem('readmark:outbox:B', text);
    const { bob, p2pCopy } = await setUp(webStorageOutbox(storage));
    expect(bob.errors).toEqual([]);
    bob.engine.markRead([p2pCopy]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    await world.tick(0);
    expect(storage.items.has('readmark:outbox:B')).toBe(false);
  });

  it('a storage that throws (quota, private mode) costs the reload safety net, not delivery', async () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const { bob, p2pCopy } = await setUp(webStorageOutbox(broken));
    bob.engine.markRead([p2pCopy]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.errors).toEqual([]);
  });

  it('an asynchronous storage (IndexedDB-like) restores too, merging what was marked meanwhile', async () => {
    const { storage: asyncStorage, held, saves, release } = heldStorage();
    const alice = world.device('A');
    const bob = world.device('B', { storage: asyncStorage });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    const g1 = await world.send(alice, 'A|2|T', { at: 200, isFlagged: true });
    await world.settle();
    // What the page before the reload left: a receipt for m1.
    held.messages = [world.copyOf(bob, m1)];
    const g1Copy = world.copyOf(bob, g1);
    bob.engine.markRead([g1Copy]);
    await world.tick(0);
    // Nothing is written before the load ends: a write now would erase the earlier receipts.
    expect(saves).toEqual([]);
    release();
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.calls.sendTeamMessageReceipts).toHaveLength(1);
    await world.tick(0);
    expect(held.messages).toEqual([]);
    expect(await teamReaders(alice, g1)).toEqual(['B']);
  });

  it('disposed while an asynchronous load is pending: what it marked joins what was left', async () => {
    const { storage: slowStorage, held, release } = heldStorage();
    const alice = world.device('A');
    const bob = world.device('B', { storage: slowStorage });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    const g1 = await world.send(alice, 'A|2|T', { at: 200, isFlagged: true });
    await world.settle();
    // The page before left a receipt for g1; this one marks m1 offline, then goes away mid-load.
    held.messages = [world.copyOf(bob, g1)];
    world.server.dropConnection('B');
    await world.settle();
    bob.engine.markRead([world.copyOf(bob, m1)]);
    bob.engine.dispose();
    release();
    await world.tick(0);
    expect(held.messages.map((m) => m.messageClientId)).toEqual([
      g1.messageClientId,
      m1.messageClientId,
    ]);

    const next = world.device('B', { storage: slowStorage });
    world.server.restoreConnection('B');
    await world.tick(1000);
    expect(next.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
    expect(await teamReaders(alice, g1)).toEqual(['B']);
  });

  it('an engine disposed while a second one of the account runs on the same storage hands it its receipts', async () => {
    const storage = webStorageOutbox(createKeyValueStorage());
    const { alice, bob, p2p, team, p2pCopy, teamCopy } = await setUp(storage);
    // A provider that swapped transports: the next engine is already running when the first goes.
    const next = world.device('B', { storage });
    world.server.dropConnection('B');
    await world.settle();
    bob.engine.markRead([p2pCopy, teamCopy]);
    bob.engine.dispose();
    await world.tick(0);
    world.server.restoreConnection('B');
    await world.tick(1000);
    expect(next.calls.sendP2PMessageReceipt).toHaveLength(1);
    await expectReadByBob(alice, p2p, team);
  });

  it("an engine disposed with nothing pending never writes over the live one's receipts", async () => {
    const keyValues = createKeyValueStorage();
    const storage = webStorageOutbox(keyValues);
    const { bob, p2p, p2pCopy, teamCopy } = await setUp(storage);
    const next = world.device('B', { storage });
    world.server.dropConnection('B');
    await world.settle();
    bob.engine.markRead([teamCopy]);
    await world.tick(0);
    next.engine.markRead([p2pCopy]);
    await world.tick(0);
    // The old engine's outbox empties (muted), so a write of nothing is due, then it goes.
    bob.engine.setSendingReceipts(false);
    bob.engine.dispose();
    await world.tick(0);
    expect(
      decodeOutbox(keyValues.items.get('readmark:outbox:B')).map((m) => m.messageClientId),
    ).toEqual([p2p.messageClientId]);
  });

  describe('an asynchronous storage that reads when asked and answers later (IndexedDB)', () => {
    function gatedStorage() {
      const held = { messages: [] as readonly ReceiptMessage[] };
      const answers: Array<() => void> = [];
      const storage: ReceiptOutboxStorage = {
        load: () => {
          const value = held.messages;
          return new Promise((resolve) => answers.push(() => resolve(value)));
        },
        save: (_account, messages) => {
          held.messages = messages;
        },
      };
      return { storage, held, answers };
    }

    it('disposed mid-load while the next engine loads: the next one gets what it marked', async () => {
      const { storage, held, answers } = gatedStorage();
      const alice = world.device('A');
      const first = world.device('B', { storage });
      const m1 = await world.send(alice, 'A|1|B', { at: 100 });
      await world.settle();
      world.server.dropConnection('B');
      await world.settle();
      first.engine.markRead([world.copyOf(first, m1)]);
      first.engine.dispose(); // a StrictMode remount or a quick re-login while loading
      const next = world.device('B', { storage });
      answers.shift()!(); // the first engine's load answers: it hands m1 over
      await world.tick(0);
      answers.shift()!(); // the next one's answers with what was there when it asked: nothing
      world.server.restoreConnection('B');
      await world.tick(1000);
      expect(next.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
      expect(held.messages).toEqual([]);
    });

    it("a disposed engine's late load never overwrites what the next engine saved", async () => {
      const { storage, held, answers } = gatedStorage();
      const alice = world.device('A');
      const first = world.device('B', { storage });
      // Team messages: each needs its own receipt (a P2P one would cover the earlier).
      const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
      const g2 = await world.send(alice, 'A|2|T', { at: 200, isFlagged: true });
      await world.settle();
      world.server.dropConnection('B');
      await world.settle();
      first.engine.markRead([world.copyOf(first, g1)]);
      first.engine.dispose();
      // The next page, still offline.
      const next = world.device('B', { storage });
      world.server.dropConnection('B');
      await world.settle();
      answers[1]!(); // the next engine's load answers first
      await world.tick(0);
      next.engine.markRead([world.copyOf(first, g2)]);
      await world.tick(0);
      answers[0]!(); // the disposed engine's, late
      await world.tick(0);
      expect(held.messages.map((m) => m.messageClientId).sort()).toEqual(
        [g1.messageClientId, g2.messageClientId].sort(),
      );
    });
  });

  it('a permanent failure is reported once and removed from storage', async () => {
    const storage = createKeyValueStorage();
    const { bob, p2pCopy } = await setUp(webStorageOutbox(storage));
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 107325 });
    bob.engine.markRead([p2pCopy]);
    await world.tick(300);
    await world.tick(60_000);
    expect(bob.errors.map((error) => error.code)).toEqual([107325]);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(storage.items.has('readmark:outbox:B')).toBe(false);
  });

  it('a deferred engine that is never started neither reads nor writes the storage', () => {
    const touched: string[] = [];
    const spy: KeyValueStorage = {
      getItem: (key) => {
        touched.push(`get ${key}`);
        return null;
      },
      setItem: (key) => {
        touched.push(`set ${key}`);
      },
      removeItem: (key) => {
        touched.push(`remove ${key}`);
      },
    };
    const bob = world.device('B', { storage: webStorageOutbox(spy), isStartDeferred: true });
    bob.engine.dispose();
    expect(touched).toEqual([]);
  });

  it('localStorageOutbox keeps nothing, and breaks nothing, where there is no localStorage', async () => {
    expect('localStorage' in globalThis).toBe(false);
    const storage = localStorageOutbox();
    expect(storage.load('B')).toEqual([]);
    expect(() => storage.save('B', [])).not.toThrow();
    const { bob, p2pCopy } = await setUp(storage);
    bob.engine.markRead([p2pCopy]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
  });

  it('encode/decode round-trips and caps what a tampered slot can restore', () => {
    const message: ReceiptMessage = {
      messageClientId: 'c',
      messageServerId: 's',
      createTime: 5,
      senderId: 'A',
      receiverId: 'B',
      conversationType: 1,
      conversationId: 'B|1|A',
    };
    expect(decodeOutbox(encodeOutbox([message]))).toEqual([message]);
    const many = JSON.stringify({ version: 1, messages: Array(20_000).fill(message) });
    expect(decodeOutbox(many)).toHaveLength(10_000);
    expect(decodeOutbox(undefined)).toEqual([]);
    expect(decodeOutbox('null')).toEqual([]);
  });
});
