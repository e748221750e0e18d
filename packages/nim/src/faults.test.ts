import type { ConnectionState, TransportEvent } from '@readmark/core';
import { describe, expect, it } from 'vitest';
import {
  copyOf,
  createTransportScenario,
  DROP_AND_RESTORE_STATES,
  expectReceiptError,
} from './transport.testkit';

/** What the engine relies on from the transport when the memory server injects faults. */
async function chat(count: number) {
  const scenario = createTransportScenario();
  const a = scenario.device('A');
  const b = scenario.device('B');
  const sent = [];
  for (let i = 1; i <= count; i += 1)
    sent.push(await scenario.send(a, { to: 'A|1|B', at: i * 100 }));
  await scenario.server.settle();
  return { ...scenario, a, b, sent, copies: sent.map((m) => copyOf(b, m)) };
}

function timestamps(events: TransportEvent[]): number[] {
  return events.flatMap((e) =>
    e.type === 'p2pReceipts' ? e.receipts.map((r) => r.timestamp) : [],
  );
}

describe('the transport under memory-server faults', () => {
  it('random failures reject with a ReceiptError keeping the retryable code', async () => {
    const { server, b, copies } = await chat(1);
    server.setFaults({ failureRate: 1, failureCodes: [416] });
    await expectReceiptError(b.transport.sendP2PMessageReceipt(copies[0] as never), 416);
    server.setFaults({ failureRate: 1 });
    await expectReceiptError(b.transport.sendP2PMessageReceipt(copies[0] as never), 192005);
  });

  it('a packet timeout rejects with 192004 although the receipt took effect', async () => {
    const { server, a, b, copies } = await chat(1);
    server.setFaults({ timeoutRate: 1 });
    await expectReceiptError(b.transport.sendP2PMessageReceipt(copies[0] as never), 192004);
    await server.settle();
    expect(timestamps(a.events)).toEqual([100]);
  });

  it('reordered and duplicated pushes pass through; getP2PMessageReceipt reports the maximum', async () => {
    const { server, a, b, copies } = await chat(6);
    server.setFaults({ reorder: 0.5, duplicateRate: 0.5, seed: 21 });
    await Promise.all(copies.map((m) => b.transport.sendP2PMessageReceipt(m as never)));
    await server.settle();
    const seen = timestamps(a.events);
    expect(seen.length).toBeGreaterThan(6);
    expect(seen.some((t, i) => i > 0 && t < (seen[i - 1] as number))).toBe(true);
    expect(await a.transport.getP2PMessageReceipt('A|1|B')).toEqual({
      conversationId: 'A|1|B',
      timestamp: 600,
    });
  });

  it('a dropped connection: "connecting" while waiting to reconnect, 190002, until logged in again, "connected" and ONE sync event', async () => {
    const { server, a, b, copies } = await chat(2);
    const states: ConnectionState[] = [];
    a.transport.subscribeConnectionState?.((state) => states.push(state));
    server.dropConnection('A');
    server.dropConnection('B');
    await server.settle();
    // The SDK waits to reconnect (connect status 3, login status 3): the kit's "connecting".
    expect(a.transport.getConnectionState?.()).toBe('connecting');
    await expectReceiptError(b.transport.sendP2PMessageReceipt(copies[1] as never), 190002);
    server.restoreConnection('B');
    // As nim-web-sdk-ng: connected a round trip before logged in, and calls fail meanwhile.
    expect(b.transport.getConnectionState?.()).toBe('connecting');
    await expectReceiptError(b.transport.sendP2PMessageReceipt(copies[1] as never), 190002);
    await server.settle();
    expect(b.transport.getConnectionState?.()).toBe('connected');
    await b.transport.sendP2PMessageReceipt(copies[0] as never);
    await b.transport.sendP2PMessageReceipt(copies[1] as never);
    await server.settle();
    expect(a.events).toEqual([]);
    server.restoreConnection('A');
    await server.settle();
    expect(states).toEqual(DROP_AND_RESTORE_STATES);
    expect(a.events).toEqual([
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: 200 }] },
    ]);
  });
});
