import { createReceiptEngine, type ReceiptEngine, type ReceiptEngineOptions } from '@readmark/core';
import type { MemoryConversationService, MemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import type { CallCounter } from './callCounter';
import { createCountingTransport } from './createCountingTransport';
import { createMessageStore, type MessageStore } from './createMessageStore';

/**
 * One logged-in device: its own SDK-shaped client, transport, engine and message list, exactly as
 * a production app would have per `nim` instance. Lives for the whole page. Client and transport
 * stay inside: the UI reaches them only through the engine, the message store, the conversation
 * service and `setOnline`.
 */
export interface DemoDevice {
  deviceId: string;
  accountId: string;
  engine: ReceiptEngine;
  messages: MessageStore;
  /** The client's `V2NIMConversationService`, read as is for the conversation-list row. */
  conversations: MemoryConversationService;
  /** Conversations this device shows; reloaded from the server when it comes back online. */
  conversationIds: string[];
  isOnline(): boolean;
  /** Logs this device out (offline) or back in; pending P2P receipts arrive on login (SPEC P8). */
  setOnline(isOnline: boolean): Promise<void>;
  subscribeOnline(onChange: () => void): () => void;
}

/** Logs `accountId` in as a new device and wires the production path behind it. */
export function createDemoDevice(options: {
  server: MemoryServer;
  accountId: string;
  deviceId: string;
  counter: CallCounter;
  conversationIds: string[];
  onError?: ReceiptEngineOptions['onError'];
}): DemoDevice {
  const { server, accountId, deviceId, counter, conversationIds, onError } = options;
  const client = server.login(accountId);
  const transport = createCountingTransport({
    transport: createNimTransport(client),
    counter,
    deviceId,
  });
  const engine = createReceiptEngine({ transport, accountId, onError });
  const messages = createMessageStore({
    client,
    accountId,
    onSendFailed: (conversationId, error) => engine.reportSendFailure(conversationId, error),
  });
  let isOnline = true;
  const listeners = new Set<() => void>();

  return {
    deviceId,
    accountId,
    engine,
    messages,
    conversations: client.V2NIMConversationService,
    conversationIds,
    isOnline: () => isOnline,
    async setOnline(nextIsOnline) {
      if (nextIsOnline === isOnline) return;
      isOnline = nextIsOnline;
      for (const listener of listeners) listener();
      if (nextIsOnline) {
        await client.login();
        // Messages sent while this device was away come from history, as in a real SDK sync.
        await Promise.all(conversationIds.map((id) => messages.sync(id)));
      } else {
        await client.logout();
      }
    },
    subscribeOnline(onChange) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
  };
}
