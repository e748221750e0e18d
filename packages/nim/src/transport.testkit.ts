import type { ReceiptTransport, TransportEvent } from '@readmark/core';
import { createMemoryServer, type MemoryClient, type MemoryServerOptions } from '@readmark/memory';
import { expect } from 'vitest';
import { createNimTransport } from './createNimTransport';
import type { V2NIMMessage } from './sdkTypes';

/** A device seen through the transport, with every TransportEvent it emitted. */
export interface TransportDevice {
  client: MemoryClient;
  transport: ReceiptTransport;
  events: TransportEvent[];
  received: V2NIMMessage[];
}

/** A memory server whose devices are wrapped by `createNimTransport`, with a controllable clock. */
export function createTransportScenario(options: MemoryServerOptions = {}) {
  let time = 0;
  const server = createMemoryServer({ now: () => time, ...options });
  return {
    server,
    device(accountId: string): TransportDevice {
      const client = server.login(accountId);
      const transport = createNimTransport(client);
      const events: TransportEvent[] = [];
      const received: V2NIMMessage[] = [];
      transport.subscribe((event) => events.push(event));
      client.V2NIMMessageService.on('onReceiveMessages', (messages) => received.push(...messages));
      return { client, transport, events, received };
    },
    async send(
      from: TransportDevice,
      options: { to: string; at: number; isFlagged?: boolean },
    ): Promise<V2NIMMessage> {
      time = options.at;
      const { message } = await from.client.V2NIMMessageService.sendMessage(
        from.client.V2NIMMessageCreator.createTextMessage(`t=${options.at}`),
        options.to,
        { messageConfig: { readReceiptEnabled: options.isFlagged ?? false } },
      );
      return message;
    },
  };
}

/** The copy of `sent` that `device` received. */
export function copyOf(device: TransportDevice, sent: V2NIMMessage): V2NIMMessage {
  const message = device.received.find((m) => m.messageClientId === sent.messageClientId);
  if (!message) throw new Error(`${sent.messageClientId} not received`);
  return message;
}

/** Asserts the transport rejected with a ReceiptError carrying NIM's `code`. */
export async function expectReceiptError(promise: Promise<unknown>, code: number): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'ReceiptError', code });
}
