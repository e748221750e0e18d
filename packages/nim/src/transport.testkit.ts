import type { ReceiptTransport, TransportEvent } from '@readmark/core';
import type { MemoryClient, MemoryServerOptions } from '@readmark/memory';
import { expect } from 'vitest';
import { createScenario, receivedBy } from '../../memory/src/scenario.testkit';
import { createNimTransport } from './createNimTransport';
import type { V2NIMMessage } from './sdkTypes';

/** A device seen through the transport, with every TransportEvent it emitted. */
export interface TransportDevice {
  client: MemoryClient;
  transport: ReceiptTransport;
  events: TransportEvent[];
  received: V2NIMMessage[];
}

/** The memory server's scenario (a controllable clock), its devices wrapped by `createNimTransport`. */
export function createTransportScenario(options: MemoryServerOptions = {}) {
  const scenario = createScenario(options);
  return {
    server: scenario.server,
    device(accountId: string): TransportDevice {
      const client = scenario.server.login(accountId);
      const transport = createNimTransport(client);
      const events: TransportEvent[] = [];
      const received: V2NIMMessage[] = [];
      transport.subscribe((event) => events.push(event));
      client.V2NIMMessageService.on('onReceiveMessages', (messages) => received.push(...messages));
      return { client, transport, events, received };
    },
    /** Sends from `from` at server time `at` (the memory scenario's `send`). */
    send: (
      from: TransportDevice,
      options: { to: string; at: number; isFlagged?: boolean },
    ): Promise<V2NIMMessage> => scenario.send(from.client, options),
  };
}

/** The copy of `sent` that `device` received. */
export function copyOf(device: TransportDevice, sent: V2NIMMessage): V2NIMMessage {
  return receivedBy({ messages: device.received }, sent);
}

/** Asserts the transport rejected with a ReceiptError carrying NIM's `code`. */
export async function expectReceiptError(promise: Promise<unknown>, code: number): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'ReceiptError', code });
}

/**
 * The connection states a transport reports through a memory server's `dropConnection` and
 * `restoreConnection`, one per SDK status event: the drop (login 3 while still connected, connect 0,
 * connect 3: waiting), then the retry (login 2, connect 2, connect 1, and a round trip later login 1).
 */
export const DROP_AND_RESTORE_STATES = [
  'connecting',
  'disconnected',
  'connecting',
  'connecting',
  'connecting',
  'connecting',
  'connected',
];
