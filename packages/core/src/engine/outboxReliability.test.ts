/**
 * The outbox's delivery promise, case by case: timeouts the server applied, connections that drop
 * mid-call, late connection events and permanent refusals.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import { aliceWritesToBobHeard, receiptWorldPerTest } from '../testing/receiptWorld';
import { createReceiptEngine } from './createReceiptEngine';
import { selectPeerReadTime, selectSelfReadTime, selectTeamReceipt } from './selectors';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** A and B with m1 (P2P) and g1 (team T), and the events A's transport delivers from then on. */
const chat = () => aliceWritesToBobHeard(world);

describe('outbox reliability', () => {
  it('a timeout the server applied is retried, and the peer sees one effect', async () => {
    const { alice, bob, events, m1Copy, g1Copy } = await chat();
    // Every call is applied, and the first answer of each is lost.
    world.server.setFaults({ timeoutRate: 1, seed: 7 });
    bob.engine.markRead([m1Copy, g1Copy]);
    await world.tick(300);
    world.server.setFaults({});
    await world.tick(2000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
    expect(bob.calls.sendTeamMessageReceipts).toHaveLength(2);
    expect(bob.errors).toEqual([]);
    // The repeat was a no-op on the server: one event each, counts of one reader.
    expect(events.filter((event) => event.type === 'p2pReceipts')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'teamReceipts')).toHaveLength(1);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
    const g1 = { ...g1Copy, conversationId: 'A|2|T' };
    expect(selectTeamReceipt(alice.engine.store.getState(), g1)?.readCount).toBe(1);
    expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(100);
  });

  it('a connection dropped mid-call (192003, yet applied): once reconnected, the read time shows it landed and nothing goes again', async () => {
    const { alice, bob, m1, m1Copy } = await chat();
    world.server.setFaults({ latencyMs: [100, 100] });
    bob.engine.markRead([m1Copy]);
    await vi.advanceTimersByTimeAsync(300); // the call is now on the wire for 100 ms
    world.server.dropConnection('B');
    await vi.advanceTimersByTimeAsync(200);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    // As on the SDK, the call was rejected (192003) but its request had reached the server.
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000); // no retry while disconnected
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    world.server.restoreConnection('B');
    // The re-login's round trip (onLoginStatus(1)), then the login sync's: the receipt waits for
    // the account's read time, which says it landed (P11), instead of going again.
    await vi.advanceTimersByTimeAsync(300);
    expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(100);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.errors).toEqual([]);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
  });

  it('a dropped call that landed, then receipts switched off: the device still learns how far it has read', async () => {
    const { bob, m1Copy } = await chat();
    world.server.setFaults({ latencyMs: [100, 100] });
    bob.engine.markRead([m1Copy]);
    await vi.advanceTimersByTimeAsync(350); // the call is on the wire
    world.server.dropConnection('B');
    await vi.advanceTimersByTimeAsync(200);
    // Switched off while offline: the retry waiting for the connection is dropped.
    bob.engine.setSendingReceipts(false, 'B|1|A');
    world.server.setFaults({});
    world.server.restoreConnection('B');
    await world.tick(1000);
    // The account has read m1 (the request reached the server): this device shows it read too.
    expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(100);
    expect(await bob.client.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(100);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'connection events arriving late and out of order never strand the outbox (seed %i)',
    async (seed) => {
      const { alice, bob, m1Copy } = await chat();
      // Status events are emitted at once, as the SDK does; each restore's re-login (onLoginStatus(1))
      // takes a 0-500 ms round trip, and the next drop cancels it, so only the last one arrives.
      world.server.setFaults({ latencyMs: [0, 500], seed });
      for (let round = 0; round < 20; round += 1) {
        world.server.dropConnection('B');
        world.server.restoreConnection('B');
      }
      await world.tick(2000); // the last re-login has arrived
      bob.engine.markRead([m1Copy]);
      await world.tick(5000);
      world.server.setFaults({});
      await world.tick(0);
      expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
      expect(bob.errors).toEqual([]);
    },
  );

  it('a permanent refusal is reported once, however often the message is marked again', async () => {
    const { bob, m1Copy } = await chat();
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 107404 });
    bob.engine.markRead([m1Copy]);
    await world.tick(300);
    bob.engine.markRead([m1Copy]);
    await world.tick(300);
    bob.engine.markRead([m1Copy]);
    await world.tick(60_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.errors.map((error) => error.code)).toEqual([107404]);
  });

  // NIM's own codes (10.8.1): 191005 is its generic timeout (a call's is 192004); 191006 "resource
  // not exist" and 191007 "resource already exist" are final; 192001-192006 are connection errors.
  it.each([191006, 191007, 191002, 192007])(
    'SDK code %i is final: reported once, never retried',
    async (code) => {
      const { bob, m1Copy } = await chat();
      world.server.injectFault({ method: 'sendP2PMessageReceipt', code });
      bob.engine.markRead([m1Copy]);
      await world.tick(60_000);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(bob.errors.map((error) => error.code)).toEqual([code]);
    },
  );

  it.each([191005, 192001, 192003, 192006])(
    'SDK code %i (timeout or connection) is retried until the receipt goes',
    async (code) => {
      const { alice, bob, m1Copy } = await chat();
      world.server.injectFault({ method: 'sendP2PMessageReceipt', code });
      bob.engine.markRead([m1Copy]);
      await world.tick(60_000);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
      expect(bob.errors).toEqual([]);
      expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
    },
  );

  it('a transport swapped after a reconnect (no storage): the next engine sends what the old one held', async () => {
    const { alice, bob, m1, g1, m1Copy, g1Copy } = await chat();
    // The old socket is dead; the user reads meanwhile; the app then makes a new transport.
    bob.client.disconnect();
    await world.settle();
    bob.engine.markRead([m1Copy, g1Copy]);
    await world.tick(0);
    const next = world.device('B');
    bob.engine.dispose();
    await world.tick(1000);
    expect(next.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(next.calls.sendTeamMessageReceipts).toHaveLength(1);
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
    const readers = await alice.client.V2NIMMessageService.getTeamMessageReceiptDetail(g1 as never);
    expect(readers.readAccountList).toEqual(['B']);
  });

  // What a custom transport's HTTP client rejects with: no NIM code, so nothing says it is final.
  it.each([
    ['a fetch TypeError', new TypeError('Failed to fetch')],
    ['an HTTP status object', { status: 503 }],
    [
      'a DOMException whose legacy code (20) is not a NIM code',
      new DOMException('aborted', 'AbortError'),
    ],
    ['undefined', undefined],
  ])(
    'a rejection without a NIM code (%s) is retried as 192006 until the receipt goes, and told to onError once',
    async (_name, rejection) => {
      const { alice, bob, m1Copy } = await chat();
      bob.engine.dispose();
      let failuresLeft = 3;
      const transport: ReceiptTransport = {
        ...bob.transport,
        sendP2PMessageReceipt(message) {
          if (failuresLeft-- > 0) return Promise.reject(rejection);
          return bob.transport.sendP2PMessageReceipt(message);
        },
      };
      const errors: ReceiptError[] = [];
      const engine = createReceiptEngine({
        transport,
        accountId: 'B',
        random: () => 0.5,
        onError: (error) => errors.push(error),
      });
      engine.markRead([m1Copy]);
      await world.tick(60_000);
      // Maybe the transport's own bug: said once, while the receipt keeps being retried.
      expect(errors.map((error) => [error.code, error.cause])).toEqual([[192006, rejection]]);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
      engine.dispose();
    },
  );
});
