import { createNimTransport } from '@readmark/nim';
import { describe, expect, it, vi } from 'vitest';
import {
  countCalls,
  receiptWorldPerTest,
  sentMessages,
  type WorldDevice,
} from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import {
  selectIsOffline,
  selectIsPeerRead,
  selectMessageStatus,
  selectPeerReadTime,
  selectPeerReadTimeLoad,
  selectSelfReadTime,
} from './selectors';

const world = receiptWorldPerTest();

/** A (sender) and B (reader), with m1 at 100 and m2 at 200 from A to B, delivered. */
const aliceAndBob = () => world.aliceSendsBobTwo();

const status = (device: WorldDevice, message: ReceiptMessage) =>
  selectMessageStatus(device.engine.store.getState(), message);

describe('P2P receipts through the engine (SPEC section 7, scenarios 1-15)', () => {
  it('1: one receipt for the newest message covers the earlier ones', async () => {
    const { alice, bob, m1, m2, b1, b2 } = await aliceAndBob();
    expect(status(alice, m2)).toBe('sent');
    bob.engine.markRead([b1, b2]);
    await world.tick(300);
    expect(sentMessages(bob.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([200]);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(200);
    expect(status(alice, m1)).toBe('read');
    expect(status(alice, m2)).toBe('read');
    expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(200);
  });

  it('2: the boundary is inclusive', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const at200 = await world.send(alice, 'A|1|B', { at: 200 });
    const at201 = await world.send(alice, 'A|1|B', { at: 201 });
    await world.settle();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, at200) as never);
    await world.settle();
    expect(status(alice, at200)).toBe('read');
    expect(status(alice, at201)).toBe('sent');
  });

  it('3: a receipt for an older message leaves newer ones unread', async () => {
    const { alice, bob, m1, m2, b1 } = await aliceAndBob();
    bob.engine.markRead([b1]);
    await world.tick(300);
    expect(status(alice, m1)).toBe('read');
    expect(status(alice, m2)).toBe('sent');
  });

  it('4 and 5: stale and duplicate receipts that reach the engine change nothing and notify nobody', async () => {
    // The server itself drops stale receipts; with duplicate and reorder faults the simulated SDK
    // passes every delivery through as it arrives (as Web 10.8.1 does), so the engine sees them.
    world.server.setFaults({ duplicateRate: 1, reorder: true, seed: 7 });
    const { alice, bob, b1, b2 } = await aliceAndBob();
    const listener = vi.fn();
    alice.engine.store.subscribe(listener);
    // Subscribed after the engine, so this listener runs right after the engine merged each event.
    const seen: Array<{ timestamp: number; hasChanged: boolean }> = [];
    let last = alice.engine.store.getState();
    alice.transport.subscribe((event) => {
      if (event.type !== 'p2pReceipts') return;
      const now = alice.engine.store.getState();
      for (const receipt of event.receipts) {
        seen.push({ timestamp: receipt.timestamp, hasChanged: now !== last });
      }
      last = now;
    });
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b1 as never);
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b2 as never);
    await world.tick(0);
    // Every receipt arrived twice, and this seed delivers an older one after a newer one.
    expect(seen.map((s) => s.timestamp).sort()).toEqual([100, 100, 200, 200]);
    const isStale = seen.map((s, i) => seen.slice(0, i).some((p) => p.timestamp >= s.timestamp));
    expect(isStale.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(seen.some((s, i) => seen.slice(0, i).some((p) => p.timestamp > s.timestamp))).toBe(true);
    // Only news moved the store; each stale or repeated event left it the very same object.
    expect(seen.map((s) => s.hasChanged)).toEqual(isStale.map((stale) => !stale));
    expect(listener).toHaveBeenCalledTimes(isStale.filter((stale) => !stale).length);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(200);
  });

  it('6: own messages are never acknowledged', async () => {
    const { alice, m1, m2 } = await aliceAndBob();
    alice.engine.markRead([m1, m2]);
    await world.tick(1000);
    expect(alice.calls.sendP2PMessageReceipt).toHaveLength(0);
  });

  it('7: malformed input throws 191004 and changes nothing', async () => {
    const { bob, b1 } = await aliceAndBob();
    const before = bob.engine.store.getState();
    const bad: unknown[] = [
      null,
      'm1',
      [null],
      [{ ...b1, messageClientId: undefined }],
      [{ ...b1, createTime: '100' }],
      [b1, { ...b1, senderId: 7 }],
    ];
    for (const input of bad) {
      expect(() => bob.engine.markRead(input as never)).toThrow(
        expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
      );
    }
    await world.tick(1000);
    expect(bob.engine.store.getState()).toBe(before);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
  });

  it('8: self-chat shows read and sends nothing', async () => {
    const alice = world.device('A');
    const note = await world.send(alice, 'A|1|A', { at: 300 });
    expect(selectIsPeerRead(alice.engine.store.getState(), note)).toBe(true);
    expect(status(alice, note)).toBe('read');
    alice.engine.markRead([note]);
    await world.tick(1000);
    expect(alice.calls.sendP2PMessageReceipt).toHaveLength(0);
  });

  it('9: received and team messages are never "peer read"', async () => {
    const { bob, b2 } = await aliceAndBob();
    world.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const teamMessage = await world.send(bob, 'B|2|T1', { at: 300 });
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b2 as never);
    const state = bob.engine.store.getState();
    expect(selectIsPeerRead(state, b2)).toBe(false);
    expect(selectIsPeerRead(state, teamMessage)).toBe(false);
    expect(selectMessageStatus(state, b2)).toBeUndefined();
  });

  it('10: only valid P2P conversation ids are looked up; an unknown peer gives 0', async () => {
    const alice = world.device('A');
    for (const id of ['A|2|T1', 'X|1|B', '']) await alice.engine.loadConversation(id);
    expect(alice.calls.getP2PMessageReceipt).toHaveLength(0);
    await alice.engine.loadConversation('A|1|Z');
    await alice.engine.loadConversation('A|1|Z');
    expect(alice.calls.getP2PMessageReceipt).toEqual([['A|1|Z']]);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|Z')).toBe(0);
  });

  it('11: a lookup while logged out (190002) is not an error to report; it is tried again at login', async () => {
    const alice = world.device('A');
    alice.client.logout();
    await alice.engine.loadConversation('A|1|B');
    expect(alice.errors).toEqual([]);
    // Nobody is logged in (getLoginUser() is ''): the engine does not even ask.
    expect(alice.calls.getP2PMessageReceipt).toHaveLength(0);
    alice.client.login();
    await world.settle();
    await world.tick(0);
    expect(alice.calls.getP2PMessageReceipt).toHaveLength(1);
    expect(alice.errors).toEqual([]);
  });

  it('12: both devices of the sender show read', async () => {
    const { alice, bob, m2, b2 } = await aliceAndBob();
    const alice2 = world.device('A');
    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(status(alice, m2)).toBe('read');
    expect(status(alice2, m2)).toBe('read');
  });

  it("13: the reader's second device learns selfReadTime and sends nothing again", async () => {
    const { alice, bob, b1, b2 } = await aliceAndBob();
    const bob2 = world.device('B');
    bob.engine.markRead([b1, b2]);
    await world.tick(300);
    const state = bob2.engine.store.getState();
    expect(selectSelfReadTime(state, 'B|1|A')).toBe(200);
    expect(selectPeerReadTime(state, 'B|1|A')).toBe(0);
    bob2.engine.markRead([b1, b2]);
    await world.tick(1000);
    expect(bob2.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(200);
  });

  it('13 across a reconnect: what the second device showed offline, the first read meanwhile, is not sent again', async () => {
    const { alice, bob, b2 } = await aliceAndBob();
    const bob2 = world.device('B');
    await bob2.engine.loadConversation('B|1|A');
    bob2.client.disconnect();
    await world.tick(0);
    // B sees m2 on both devices: B2 has no connection, B1 sends the receipt.
    bob2.engine.markRead([b2]);
    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(200);
    // Back online, B2 learns the read time from the login sync, which comes a round trip after
    // "connected" (the SDK still reports the previous login's sync as complete at that moment).
    world.server.setFaults({ latencyMs: [200, 200] });
    bob2.client.reconnect();
    await world.tick(60_000);
    expect(selectSelfReadTime(bob2.engine.store.getState(), 'B|1|A')).toBe(200);
    expect(bob2.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(bob2.errors).toEqual([]);
  });

  it("13 for a team chat: a team conversation's read time from another device is no P2P watermark and notifies nobody", async () => {
    world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B'] });
    const alice = world.device('A');
    const bob = world.device('B');
    const bob2 = world.device('B');
    await world.send(alice, 'A|2|T', { at: 300 });
    await world.settle();
    const before = bob2.engine.store.getState();
    // B reads the team chat on B1; NIM syncs that read time to B2 (onConversationReadTimeUpdated).
    await bob.client.V2NIMConversationService.markConversationRead('B|2|T');
    await world.settle();
    expect(bob2.engine.store.getState()).toBe(before);
    // No watermarks stored at all: team read times are not one-to-one conversations.
    expect(bob2.engine.store.getState().conversations).toEqual([]);
  });

  it('13 without the read-time sync (isReadTimeSynced false): the second device acknowledges what it shows', async () => {
    const { alice, bob, b1, b2 } = await aliceAndBob();
    // An app whose markConversationRead moves NIM's read time where no receipt went out.
    const bob2 = world.device('B', {}, { isReadTimeSynced: false });
    bob.engine.markRead([b1, b2]);
    await world.tick(300);
    expect(selectSelfReadTime(bob2.engine.store.getState(), 'B|1|A')).toBe(0);
    bob2.engine.markRead([b1, b2]);
    await world.tick(1000);
    // One receipt of its own, for the newest message it showed; a no-op for the server.
    expect(sentMessages(bob2.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([200]);
    expect(bob2.errors).toEqual([]);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(200);
  });

  describe('an app that calls markConversationRead when a chat opens (packages/nim README, isReadTimeSynced)', () => {
    /** B opens the chat: the app marks it read (NIM read time 200), then m1 and m2 come on screen. */
    async function openChat(transportOptions: { isReadTimeSynced?: boolean }) {
      const { alice, m1, m2, b1, b2 } = await aliceAndBob();
      const bob = world.device('B', {}, transportOptions);
      await world.settle();
      const readTime = await bob.client.V2NIMConversationService.markConversationRead('B|1|A');
      expect(readTime).toBe(200);
      bob.engine.markRead([b1, b2]);
      await world.tick(60_000);
      return { alice, bob, m1, m2 };
    }

    it('by default the engine takes the messages up to that read time as acknowledged: no receipt, the sender never sees them read', async () => {
      const { alice, bob, m1, m2 } = await openChat({});
      expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(200);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
      expect(bob.errors).toEqual([]);
      expect(status(alice, m1)).toBe('sent');
      expect(status(alice, m2)).toBe('sent');
      expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(0);
    });

    it('with isReadTimeSynced false it sends the receipt and the sender sees them read', async () => {
      const { alice, bob, m1, m2 } = await openChat({ isReadTimeSynced: false });
      expect(sentMessages(bob.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([200]);
      expect(bob.errors).toEqual([]);
      expect(status(alice, m1)).toBe('read');
      expect(status(alice, m2)).toBe('read');
    });
  });

  it('14: an offline sender catches up at login, in one update of the receipts', async () => {
    const { alice, bob, m2, b2 } = await aliceAndBob();
    alice.client.logout();
    await world.settle();
    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(status(alice, m2)).toBe('sent');
    expect(selectIsOffline(alice.engine.store.getState())).toBe(true);
    const receiptUpdates = vi.fn();
    alice.engine.store.subscribe((state, previous) => {
      if (state.conversations !== previous.conversations) receiptUpdates();
    });
    alice.client.login();
    await world.tick(0);
    expect(status(alice, m2)).toBe('read');
    expect(receiptUpdates).toHaveBeenCalledTimes(1);
    expect(selectIsOffline(alice.engine.store.getState())).toBe(false);
  });

  it('15: P2P ignores the readReceiptEnabled flag', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const plain = await world.send(alice, 'A|1|B', { at: 100, isFlagged: false });
    await world.settle();
    bob.engine.markRead([world.copyOf(bob, plain)]);
    await world.tick(300);
    expect(status(alice, plain)).toBe('read');
  });
});

describe('P2P outbox', () => {
  it('coalesces 500 messages seen within a second into a handful of ever-newer receipts', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const sent: ReceiptMessage[] = [];
    for (let index = 1; index <= 500; index += 1) {
      sent.push(await world.send(alice, 'A|1|B', { at: 1000 + index }));
    }
    await world.settle();
    const copies = sent.map((message) => world.copyOf(bob, message));
    for (const copy of copies) {
      bob.engine.markRead([copy]);
      await vi.advanceTimersByTimeAsync(2);
    }
    await world.tick(300);
    const times = sentMessages(bob.calls.sendP2PMessageReceipt).map((m) => m.createTime);
    expect(times.length).toBeGreaterThan(0);
    expect(times.length).toBeLessThanOrEqual(5);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(times.at(-1)).toBe(1500);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(1500);

    bob.engine.markRead(copies);
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(times.length);
  });

  it('ignores notification, tips, robot, call, unsent and not-addressed messages (U3)', async () => {
    const { bob, b2 } = await aliceAndBob();
    bob.engine.markRead([
      { ...b2, messageClientId: 'n', messageType: 5, createTime: 900 },
      { ...b2, messageClientId: 't', messageType: 10, createTime: 904 },
      { ...b2, messageClientId: 'r', messageType: 11, createTime: 905 },
      { ...b2, messageClientId: 'c', messageType: 12, createTime: 906 },
      { ...b2, messageClientId: 'u', messageServerId: '', createTime: 901 },
      { ...b2, messageClientId: 's', sendingState: 3, createTime: 902 },
      { ...b2, messageClientId: 'x', receiverId: 'C', createTime: 903 },
    ]);
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
  });

  it.each([
    [192001, 'a dropped connection'],
    [416, 'a rate limit'],
  ])('retries %i (%s) with exponential backoff and jitter, then succeeds', async (code) => {
    const { alice, bob, m2, b2 } = await aliceAndBob();
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code, times: 2 });
    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    // random() = 0.5 gives 75% of 1000 ms, then 75% of 2000 ms.
    await world.tick(749);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    await world.tick(1);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
    await world.tick(1499);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
    await world.tick(1);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(3);
    expect(status(alice, m2)).toBe('read');
    expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(m2.createTime);
    expect(bob.errors).toEqual([]);
  });

  it.each([
    [503, 'the server busy'],
    [500, "a server's internal error"],
    [514, 'the service unavailable'],
    [398, 'requests forbidden for a while'],
  ])(
    'retries %i (%s) with backoff, tells onError once, and sends when the server is back',
    async (code) => {
      const { alice, bob, m2, b2 } = await aliceAndBob();
      world.server.injectFault({ method: 'sendP2PMessageReceipt', code, times: 25 });
      bob.engine.markRead([b2]);
      await world.tick(5 * 60_000);
      // Backoff capped (30 s, jittered): still trying, and the app told once, not at every call.
      const calls = bob.calls.sendP2PMessageReceipt.length;
      expect(calls).toBeGreaterThan(10);
      expect(calls).toBeLessThan(25);
      expect(bob.errors.map((error) => error.code)).toEqual([code]);
      expect(status(alice, m2)).toBe('sent');
      // The server answers again (its 25 failures spent): the receipt that waited goes.
      await world.tick(10 * 60_000);
      expect(status(alice, m2)).toBe('read');
      expect(bob.errors).toHaveLength(1);
    },
  );

  it('reports a permanent failure once and drops it', async () => {
    const { alice, bob, m2, b2 } = await aliceAndBob();
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 107325 });
    bob.engine.markRead([b2]);
    await world.tick(60_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.errors.map((error) => error.code)).toEqual([107325]);
    expect(status(alice, m2)).toBe('sent');
  });

  it('waits while offline and sends when the connection is back', async () => {
    const { alice, bob, m2, b2 } = await aliceAndBob();
    bob.client.logout();
    await world.settle();
    bob.engine.markRead([b2]);
    await world.tick(10_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    bob.client.login();
    await world.tick(0);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(status(alice, m2)).toBe('read');
  });

  it('sends nothing while switched off, globally or for one conversation', async () => {
    const { bob, b1, b2 } = await aliceAndBob();
    bob.engine.setSendingReceipts(false);
    bob.engine.markRead([b1]);
    await world.tick(1000);
    bob.engine.setSendingReceipts(true);
    bob.engine.setSendingReceipts(false, 'B|1|A');
    bob.engine.markRead([b2]);
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    bob.engine.setSendingReceipts(true, 'B|1|A');
    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(() => bob.engine.setSendingReceipts(false, 'X|1|A')).toThrow(
      expect.objectContaining({ code: 191004 }),
    );
  });

  it('dispose stops listening; what waited for the flush window goes once, as its last act', async () => {
    const { alice, bob, b2 } = await aliceAndBob();
    bob.engine.markRead([b2]);
    bob.engine.dispose();
    alice.engine.dispose();
    await world.tick(10_000);
    // No storage and no other engine of Bob's to take it: sent when the read time said it was due,
    // and never again (no flush window or retry outlives the engine).
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(alice.client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(
      0,
    );
    expect(
      alice.client.V2NIMConversationService.listenerCount('onConversationReadTimeUpdated'),
    ).toBe(0);
    expect(alice.client.V2NIMLoginService.listenerCount('onConnectStatus')).toBe(0);
    const before = alice.engine.store.getState();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b2 as never);
    await world.settle();
    expect(alice.engine.store.getState()).toBe(before);
  });
});

describe('seeding a conversation while offline', () => {
  it('reports nothing and seeds the watermark once the device is connected again', async () => {
    const { alice, bob, b2 } = await aliceAndBob();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b2 as never);
    await world.settle();
    const alice2 = world.device('A');
    alice2.client.disconnect();
    await world.settle();
    await alice2.engine.loadConversation('A|1|B');
    expect(alice2.errors).toEqual([]);
    expect(selectPeerReadTime(alice2.engine.store.getState(), 'A|1|B')).toBe(0);

    alice2.client.reconnect();
    await world.settle();
    await world.tick(0);
    expect(alice2.errors).toEqual([]);
    expect(selectPeerReadTime(alice2.engine.store.getState(), 'A|1|B')).toBe(200);
    expect(alice.errors).toEqual([]);
  });

  describe('after a page reload (P11, U5)', () => {
    /**
     * A reloaded page: the SDK logs in (its login sync is over before the app mounts) and only then
     * a new engine starts for the same account, with selfReadTime unknown.
     */
    async function reload(accountId: string, isOffline = false) {
      const client = world.server.login(accountId);
      await world.settle();
      if (isOffline) client.disconnect();
      const { transport, calls } = countCalls(createNimTransport(client));
      const engine = createReceiptEngine({ transport, accountId, random: () => 0.5 });
      return { client, calls, engine };
    }

    it('a new engine does not send again a receipt the account already sent', async () => {
      const { bob, b1, b2 } = await aliceAndBob();
      bob.engine.markRead([b1, b2]);
      await world.tick(300);
      expect(sentMessages(bob.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([200]);
      bob.engine.dispose();
      const page = await reload('B');
      try {
        page.engine.markRead([b1, b2]);
        await world.tick(300);
        expect(page.calls.getSelfReadTime).toEqual([['B|1|A']]);
        expect(selectSelfReadTime(page.engine.store.getState(), 'B|1|A')).toBe(200);
        expect(page.calls.sendP2PMessageReceipt).toHaveLength(0);
        await world.tick(60_000);
        expect(page.calls.sendP2PMessageReceipt).toHaveLength(0);
      } finally {
        page.engine.dispose();
      }
    });

    it('a new engine started before the login sync ends waits for it, and does not send again', async () => {
      const { bob, b2 } = await aliceAndBob();
      bob.engine.markRead([b2]);
      await world.tick(300);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      bob.engine.dispose();
      // The login sync (read times included) arrives 400 ms after login, while the app mounts at
      // once; the memory server reports the main data sync as nim-web-sdk-ng does: getDataSync()
      // in state 2, then onDataSync(1, 3) once the sync has been delivered.
      world.server.setFaults({ latencyMs: [400, 400] });
      const client = world.server.login('B');
      const syncEvents: string[] = [];
      client.V2NIMLoginService.on('onDataSync', (type, state) =>
        syncEvents.push(`${type}/${state}`),
      );
      expect(client.V2NIMLoginService.getDataSync()).toEqual([{ type: 1, state: 2 }]);
      // Read now, the SDK cache is still empty: a transport that did not wait would get 0 and send.
      expect(await client.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(0);
      const { transport, calls } = countCalls(createNimTransport(client));
      const engine = createReceiptEngine({ transport, accountId: 'B', random: () => 0.5 });
      try {
        engine.markRead([b2]);
        await world.tick(60_000);
        expect(syncEvents).toEqual(['1/3']);
        expect(calls.getSelfReadTime).toEqual([['B|1|A']]);
        expect(selectSelfReadTime(engine.store.getState(), 'B|1|A')).toBe(200);
        expect(calls.sendP2PMessageReceipt).toHaveLength(0);
      } finally {
        engine.dispose();
      }
    });

    it('a newer message is still acknowledged after the reload', async () => {
      const { alice, bob, b1 } = await aliceAndBob();
      bob.engine.markRead([b1]);
      await world.tick(300);
      bob.engine.dispose();
      const page = await reload('B');
      try {
        const m3 = await world.send(alice, 'A|1|B', { at: 300 });
        await world.settle();
        page.engine.markRead([b1, { ...m3, conversationId: 'B|1|A' }]);
        await world.tick(300);
        expect(sentMessages(page.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([
          300,
        ]);
      } finally {
        page.engine.dispose();
      }
    });

    it('reloaded while offline: the read time comes from the SDK cache the login sync filled', async () => {
      const { bob, b2 } = await aliceAndBob();
      bob.engine.markRead([b2]);
      await world.tick(300);
      bob.engine.dispose();
      const page = await reload('B', true);
      try {
        page.engine.markRead([b2]);
        await world.tick(300);
        // getConversationReadTime is a local read in the SDK: it answers without a connection.
        expect(page.calls.getSelfReadTime).toEqual([['B|1|A']]);
        expect(selectSelfReadTime(page.engine.store.getState(), 'B|1|A')).toBe(200);
        page.client.reconnect();
        await world.tick(60_000);
        expect(page.calls.sendP2PMessageReceipt).toHaveLength(0);
      } finally {
        page.engine.dispose();
      }
    });

    it('a read time that failed offline is asked again once connected, before sending', async () => {
      const { bob, b2 } = await aliceAndBob();
      bob.engine.markRead([b2]);
      await world.tick(300);
      bob.engine.dispose();
      world.server.injectFault({ method: 'getConversationReadTime', code: 192001, accountId: 'B' });
      const page = await reload('B', true);
      try {
        page.engine.markRead([b2]);
        await world.tick(300);
        expect(page.calls.getSelfReadTime).toHaveLength(1);
        expect(page.calls.sendP2PMessageReceipt).toHaveLength(0);
        page.client.reconnect();
        await world.tick(0);
        expect(page.calls.getSelfReadTime).toHaveLength(2);
        expect(selectSelfReadTime(page.engine.store.getState(), 'B|1|A')).toBe(200);
        await world.tick(60_000);
        expect(page.calls.sendP2PMessageReceipt).toHaveLength(0);
      } finally {
        page.engine.dispose();
      }
    });
  });
});

describe('whether the peer read time is known (selectPeerReadTimeLoad)', () => {
  const loadOf = (device: WorldDevice, conversationId: string) =>
    selectPeerReadTimeLoad(device.engine.store.getState(), conversationId);

  it('unknown until the transport answers, then loaded in one store update, an answer of 0 too', async () => {
    const { bob, b1 } = await aliceAndBob();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b1 as never);
    await world.settle();
    // A new device of Alice's (not started, so no login sync event tells it first).
    const laptop = world.device('A', { isStartDeferred: true });
    const listener = vi.fn();
    laptop.engine.store.subscribe(listener);
    expect(loadOf(laptop, 'A|1|B')).toBeUndefined();
    expect(loadOf(laptop, 'A|1|C')).toBeUndefined();
    await Promise.all(
      ['A|1|B', 'A|1|C'].map((id) => laptop.engine.loadConversation(id, { isPeerOnly: true })),
    );
    const state = laptop.engine.store.getState();
    expect([loadOf(laptop, 'A|1|B'), selectPeerReadTime(state, 'A|1|B')]).toEqual(['loaded', 100]);
    // Nobody has read anything in A|1|C: 0, and known to be 0.
    expect([loadOf(laptop, 'A|1|C'), selectPeerReadTime(state, 'A|1|C')]).toEqual(['loaded', 0]);
    expect(listener).toHaveBeenCalledTimes(1);
    // Asked once: known, it is not asked again, and nothing changes.
    await laptop.engine.loadConversation('A|1|C');
    expect(laptop.calls.getP2PMessageReceipt).toHaveLength(2);
    expect(loadOf(laptop, 'A|1|C')).toBe('loaded');
  });

  it("a receipt of the peer's makes it known without asking", async () => {
    const { bob, b2 } = await aliceAndBob();
    const phone = world.device('A');
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b2 as never);
    await world.settle();
    expect(phone.calls.getP2PMessageReceipt).toHaveLength(0);
    expect(loadOf(phone, 'A|1|B')).toBe('loaded');
  });

  it('failed while logged out (190002), reported to nobody, known once logged in again', async () => {
    const { bob, b2 } = await aliceAndBob();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(b2 as never);
    await world.settle();
    const alice2 = world.device('A');
    alice2.client.logout();
    await alice2.engine.loadConversation('A|1|B');
    // What was sent shows as sent, which is true, rather than loading until a login.
    expect(loadOf(alice2, 'A|1|B')).toBe('failed');
    expect(alice2.errors).toEqual([]);

    alice2.client.login();
    await world.settle();
    await world.tick(0);
    expect(loadOf(alice2, 'A|1|B')).toBe('loaded');
    expect(selectPeerReadTime(alice2.engine.store.getState(), 'A|1|B')).toBe(200);
  });

  it('a chat list whose read times all fail while logged out marks them failed in one store update', async () => {
    const alice2 = world.device('A');
    alice2.client.logout();
    await world.settle();
    const listener = vi.fn();
    alice2.engine.store.subscribe(listener);
    const ids = ['A|1|B', 'A|1|C', 'A|1|D'];
    await Promise.all(ids.map((id) => alice2.engine.loadConversation(id, { isPeerOnly: true })));
    expect(ids.map((id) => loadOf(alice2, id))).toEqual(['failed', 'failed', 'failed']);
    // Each row's tick says "Sent" together: one notification, not one per conversation.
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a transport that answers with no time: failed, not loading for good', async () => {
    const client = world.server.login('A');
    const { transport } = countCalls(createNimTransport(client));
    transport.getP2PMessageReceipt = async (conversationId) =>
      ({ conversationId, timestamp: 'soon' }) as never;
    const engine = createReceiptEngine({ transport, accountId: 'A' });
    try {
      await engine.loadConversation('A|1|B');
      expect(selectPeerReadTimeLoad(engine.store.getState(), 'A|1|B')).toBe('failed');
    } finally {
      engine.dispose();
    }
  });

  it('takes any id without throwing: undefined for one never asked, or not a string', () => {
    const state = world.device('A').engine.store.getState();
    for (const id of ['A|1|Z', 'constructor', '', null, 7, {}]) {
      expect(selectPeerReadTimeLoad(state, id as string)).toBeUndefined();
    }
  });
});

describe('seeding many conversations at once (a conversation list mounting)', () => {
  it('receipt times answered together reach the store in one notification', async () => {
    const alice = world.device('A');
    const peers = Array.from({ length: 20 }, (_, index) => world.device(`P${index}`));
    const sent = [];
    for (const peer of peers) {
      const message = await world.send(alice, `A|1|${peer.accountId}`, { at: 100 });
      sent.push(message);
      await world.settle();
      peer.engine.markRead([world.copyOf(peer, message)]);
    }
    await world.tick(300);
    // Alice's other device opens her conversation list: every row asks its receipt time (its
    // engine not started, so no login sync event brings them first).
    const laptop = world.device('A', { isStartDeferred: true });
    const listener = vi.fn();
    laptop.engine.store.subscribe(listener);
    await Promise.all(
      peers.map((peer) =>
        laptop.engine.loadConversation(`A|1|${peer.accountId}`, { isPeerOnly: true }),
      ),
    );
    expect(sent.map((message) => status(laptop, message))).toEqual(sent.map(() => 'read'));
    expect(laptop.calls.getP2PMessageReceipt).toHaveLength(20);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('an account with many one-to-one chats', () => {
  it("a receipt in one of 10,000 conversations keeps every other conversation's stored watermarks as they were", async () => {
    const alice = world.device('A');
    const ids = Array.from({ length: 10_000 }, (_, index) => `A|1|U${index}`);
    // The login sync: every conversation's peer read time in one event.
    alice.deliver({
      type: 'p2pReceipts',
      receipts: ids.map((conversationId) => ({ conversationId, timestamp: 100 })),
    });
    const before = alice.engine.store.getState();
    expect(ids.every((id) => selectPeerReadTime(before, id) === 100)).toBe(true);

    alice.deliver({
      type: 'p2pReceipts',
      receipts: [{ conversationId: ids[1234], timestamp: 200 }],
    });
    const after = alice.engine.store.getState();
    expect(selectPeerReadTime(after, ids[1234]!)).toBe(200);
    expect(ids.filter((id) => selectPeerReadTime(after, id) !== 100)).toEqual([ids[1234]]);
    // One of the records that hold the watermarks was copied for it, not all 10,000 (6 ms per
    // receipt): the others are the previous state's own.
    const copied = after.conversations.filter(
      (record, index) => record !== before.conversations[index],
    );
    expect(copied).toHaveLength(1);
    expect(Object.keys(copied[0]!).length).toBeLessThan(ids.length / 100);
  });
});
