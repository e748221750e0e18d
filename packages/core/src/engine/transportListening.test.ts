/**
 * A custom transport's listening mistakes (a `subscribe` that throws or returns no unsubscribe
 * function, a connection state outside the union) never break the engine or strand its receipts.
 */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ConnectionState, ReceiptTransport } from '../ReceiptTransport';
import { receiptWorldPerTest } from '../testing/receiptWorld';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptErrorContext } from './engineContext';
import { selectPeerReadTime } from './selectors';

const world = receiptWorldPerTest();

/** A sends B m1; B's own engine is gone, so a test can run B's transport under one of its own. */
async function aliceSendsBob() {
  const alice = world.device('A');
  const bob = world.device('B');
  bob.engine.dispose();
  const m1 = await world.send(alice, 'A|1|B', { at: 100 });
  await world.settle();
  return { alice, bob, m1 };
}

/**
 * A sends B m1; B's engine runs over B's NIM transport as changed by `change`. Returns what B's
 * engine reported and whether Alice's engine saw B's receipt once B marked m1 read.
 */
async function bobReadsOver(change: (transport: ReceiptTransport) => Partial<ReceiptTransport>) {
  const { alice, bob, m1 } = await aliceSendsBob();
  const reports: Array<[number, ReceiptErrorContext]> = [];
  const messages: string[] = [];
  const engine = createReceiptEngine({
    transport: { ...bob.transport, ...change(bob.transport) },
    accountId: 'B',
    onError: (error: ReceiptError, context) => {
      reports.push([error.code, context]);
      messages.push(error.message);
    },
  });
  // A running engine of B's would take the receipts of B's engines disposed in later tests.
  onTestFinished(() => engine.dispose());
  engine.markRead([world.copyOf(bob, m1)]);
  await world.tick(1000);
  return {
    reports,
    messages,
    isReadByBob: selectPeerReadTime(alice.engine.store.getState(), 'A|1|B') === 100,
    engine,
    bob,
  };
}

describe('transport listening', () => {
  it.each([
    ['returns the emitter, as `on()` does', () => ({})],
    ['returns nothing', () => undefined],
  ])(
    'a subscribe that %s is reported once; receipts still go and dispose works',
    async (_name, returned) => {
      const { reports, isReadByBob, engine } = await bobReadsOver((transport) => ({
        subscribe(listener) {
          transport.subscribe(listener);
          return returned() as never;
        },
      }));
      expect(reports).toEqual([[191004, { operation: 'subscribe', conversationId: '' }]]);
      expect(isReadByBob).toBe(true);
      expect(() => engine.dispose()).not.toThrow();
    },
  );

  it('a subscribe that throws is reported with its message; receipts still go', async () => {
    const { reports, messages, isReadByBob } = await bobReadsOver(() => ({
      subscribe() {
        throw new Error('socket closed');
      },
    }));
    expect(reports).toEqual([[191004, { operation: 'subscribe', conversationId: '' }]]);
    expect(messages).toEqual(['socket closed']);
    expect(isReadByBob).toBe(true);
  });

  it('a subscribeConnectionState that returns no function is reported under its own name', async () => {
    const { reports, isReadByBob } = await bobReadsOver(() => ({
      subscribeConnectionState: () => 42 as never,
    }));
    expect(reports).toEqual([
      [191004, { operation: 'subscribeConnectionState', conversationId: '' }],
    ]);
    expect(isReadByBob).toBe(true);
  });

  it.each([['open'], ['CONNECTED'], [true], [1], ['throws']])(
    'a connection state of %j counts as connected: receipts go, nothing is reported',
    async (state) => {
      const { reports, isReadByBob } = await bobReadsOver(() => ({
        getConnectionState() {
          if (state === 'throws') throw new Error('no socket yet');
          return state as never;
        },
      }));
      expect(reports).toEqual([]);
      expect(isReadByBob).toBe(true);
    },
  );

  it("an unsubscribe that throws does not stop dispose: the engine's timers are cancelled", async () => {
    const { bob, m1 } = await aliceSendsBob();
    const engine = createReceiptEngine({
      transport: {
        ...bob.transport,
        subscribe(listener) {
          bob.transport.subscribe(listener);
          return () => {
            throw new Error('already closed');
          };
        },
      },
      accountId: 'B',
    });
    const timersBefore = vi.getTimerCount();
    engine.markRead([world.copyOf(bob, m1)]);
    expect(vi.getTimerCount()).toBe(timersBefore + 1); // the flush window
    expect(() => engine.dispose()).not.toThrow();
    expect(vi.getTimerCount()).toBe(timersBefore);
    await world.tick(1000);
    // Its last act (no storage, no other engine of Bob's): the receipt goes once, not again when
    // the cancelled flush window would have ended.
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
  });

  it("with a getConnectionState that has no answer, the events' own state holds receipts while offline", async () => {
    const { bob, m1 } = await aliceSendsBob();
    let tell: (state: ConnectionState) => void = () => {};
    const engine = createReceiptEngine({
      transport: {
        ...bob.transport,
        getConnectionState: () => undefined as never,
        subscribeConnectionState(listener) {
          tell = listener;
          return () => {};
        },
      },
      accountId: 'B',
    });
    tell('disconnected');
    engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(10_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    tell('connected');
    await world.tick(0);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    engine.dispose();
  });

  it('with getConnectionState but no subscribeConnectionState, receipts never wait for a state the engine cannot hear change', async () => {
    const { alice, bob, m1 } = await aliceSendsBob();
    const { subscribeConnectionState: _cannotTell, ...transport } = bob.transport;
    let state: ConnectionState = 'connecting'; // the socket still opens when the engine starts
    const engine = createReceiptEngine({
      transport: { ...transport, getConnectionState: () => state },
      accountId: 'B',
    });
    state = 'connected';
    engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
    engine.dispose();
  });

  it('without subscribeConnectionState, a receipt marked offline is retried until the connection is back', async () => {
    const { alice, bob, m1 } = await aliceSendsBob();
    const { subscribeConnectionState: _cannotTell, ...transport } = bob.transport;
    const engine = createReceiptEngine({ transport, accountId: 'B' });
    world.server.dropConnection('B');
    await world.settle();
    engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(2_000);
    expect(bob.calls.sendP2PMessageReceipt.length).toBeGreaterThan(0); // tried and failed offline
    world.server.restoreConnection('B');
    await world.tick(60_000);
    expect(selectPeerReadTime(alice.engine.store.getState(), 'A|1|B')).toBe(100);
    engine.dispose();
  });
});
