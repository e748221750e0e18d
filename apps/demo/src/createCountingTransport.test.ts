import { createReceiptEngine, type ReceiptMessage } from '@readmark/core';
import { createMemoryServer, type MemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCallCounter } from './callCounter';
import { createCountingTransport } from './createCountingTransport';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Bob logged in as `deviceId`: a real engine over the counting transport, and what he receives. */
function bobDevice(server: MemoryServer, deviceId: string) {
  const bob = server.login('bob');
  const counter = createCallCounter();
  const engine = createReceiptEngine({
    transport: createCountingTransport({ transport: createNimTransport(bob), counter, deviceId }),
    accountId: 'bob',
  });
  const received: ReceiptMessage[] = [];
  bob.V2NIMMessageService.on('onReceiveMessages', (messages) => {
    received.push(...(messages as ReceiptMessage[]));
  });
  return { counter, engine, received };
}

describe('createCountingTransport', () => {
  it('counts the one coalesced P2P receipt for 20 messages Bob saw', async () => {
    const server = createMemoryServer();
    const alice = server.login('alice');
    const { counter, engine, received } = bobDevice(server, 'bob-laptop');
    for (let i = 1; i <= 20; i += 1) {
      await alice.V2NIMMessageService.sendMessage(
        alice.V2NIMMessageCreator.createTextMessage(`m${i}`),
        'alice|1|bob',
      );
    }
    await server.settle();
    expect(received).toHaveLength(20);

    for (const message of received) engine.markRead([message]);
    await vi.advanceTimersByTimeAsync(2_000);
    await server.settle();

    // One receipt for the newest message, plus the engine's one-time look-up of both watermarks.
    expect(counter.getSnapshot()).toEqual({
      'bob-laptop': {
        sendP2PMessageReceipt: { calls: 1, items: 0 },
        getP2PMessageReceipt: { calls: 1, items: 0 },
        getSelfReadTime: { calls: 1, items: 0 },
      },
    });
    // The counted call really reached the server: Alice's SDK now reports the newest message read.
    const last = received[received.length - 1]!;
    expect((await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp).toBe(
      last.createTime,
    );
    engine.dispose();
  });

  it('counts team receipts in batches of at most 50 with the messages they carried', async () => {
    const server = createMemoryServer();
    server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = server.login('alice');
    const { counter, engine, received } = bobDevice(server, 'bob');
    for (let i = 1; i <= 60; i += 1) {
      await alice.V2NIMMessageService.sendMessage(
        alice.V2NIMMessageCreator.createTextMessage(`g${i}`),
        'alice|2|t1',
        { messageConfig: { readReceiptEnabled: true } },
      );
    }
    await server.settle();

    engine.markRead(received);
    await vi.advanceTimersByTimeAsync(2_000);
    await server.settle();

    expect(counter.getSnapshot()).toEqual({
      bob: { sendTeamMessageReceipts: { calls: 2, items: 60 } },
    });
    engine.dispose();
  });

  it('passes connection state through and resets to zero', async () => {
    const server = createMemoryServer();
    const bob = server.login('bob');
    const counter = createCallCounter();
    await server.settle();
    const inner = createNimTransport(bob);
    const transport = createCountingTransport({ transport: inner, counter, deviceId: 'bob' });
    expect(transport.getConnectionState?.()).toBe(inner.getConnectionState?.());
    const states: string[] = [];
    const stop = transport.subscribeConnectionState?.((state) => states.push(state));
    bob.logout();
    await server.settle();
    // One from each of the SDK's two status events (login 0, then connect 0).
    expect(states).toEqual(['disconnected', 'disconnected']);
    stop?.();

    await transport.getP2PMessageReceipt('bob|1|alice').catch(() => undefined);
    expect(counter.getSnapshot()).toEqual({
      bob: { getP2PMessageReceipt: { calls: 1, items: 0 } },
    });
    counter.reset();
    expect(counter.getSnapshot()).toEqual({});
  });
});
