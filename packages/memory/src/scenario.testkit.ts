import { expect } from 'vitest';
import { createMemoryServer, type MemoryServerOptions } from './createMemoryServer';
import type { MemoryClient } from './MemoryClient';
import type {
  V2NIMConversation,
  V2NIMMessage,
  V2NIMMessageRevokeNotification,
  V2NIMP2PMessageReadReceipt,
  V2NIMTeamMessageReadReceipt,
} from './sdkTypes';

/** Everything one device heard, in order. */
export interface DeviceLog {
  p2p: V2NIMP2PMessageReadReceipt[][];
  team: V2NIMTeamMessageReadReceipt[][];
  readTimes: Array<[string, number]>;
  messages: V2NIMMessage[];
  revokes: V2NIMMessageRevokeNotification[][];
  /** `onConversationCreated` (as a one-item list) and `onConversationChanged`, in arrival order. */
  conversations: Array<{ kind: 'created' | 'changed'; list: V2NIMConversation[] }>;
}

/** Records every event a device receives (attached right after login, like an app would). */
export function listen(client: MemoryClient): DeviceLog {
  const log: DeviceLog = {
    p2p: [],
    team: [],
    readTimes: [],
    messages: [],
    revokes: [],
    conversations: [],
  };
  client.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', (r) => log.p2p.push(r));
  client.V2NIMMessageService.on('onReceiveTeamMessageReadReceipts', (r) => log.team.push(r));
  client.V2NIMMessageService.on('onReceiveMessages', (m) => log.messages.push(...m));
  client.V2NIMMessageService.on('onMessageRevokeNotifications', (n) => log.revokes.push(n));
  client.V2NIMConversationService.on('onConversationCreated', (c) =>
    log.conversations.push({ kind: 'created', list: [c] }),
  );
  client.V2NIMConversationService.on('onConversationChanged', (list) =>
    log.conversations.push({ kind: 'changed', list }),
  );
  client.V2NIMConversationService.on('onConversationReadTimeUpdated', (id, time) =>
    log.readTimes.push([id, time]),
  );
  return log;
}

/** A server with a controllable clock and helpers to send at a given time. */
export function createScenario(options: MemoryServerOptions = {}) {
  let time = 0;
  const server = createMemoryServer({ now: () => time, ...options });
  return {
    server,
    setTime(value: number) {
      time = value;
    },
    /** Sends `text` from `client` to `conversationId` at server time `at`. */
    async send(
      client: MemoryClient,
      options: { to: string; at: number; text?: string; isFlagged?: boolean },
    ): Promise<V2NIMMessage> {
      time = options.at;
      const message = client.V2NIMMessageCreator.createTextMessage(
        options.text ?? `t=${options.at}`,
      );
      const result = await client.V2NIMMessageService.sendMessage(message, options.to, {
        messageConfig: { readReceiptEnabled: options.isFlagged ?? false },
      });
      return result.message;
    },
  };
}

/** The message as `viewer` received it (per-viewer copy, C3). */
export function receivedBy(log: Pick<DeviceLog, 'messages'>, sent: V2NIMMessage): V2NIMMessage {
  const message = log.messages.find((m) => m.messageClientId === sent.messageClientId);
  if (!message) throw new Error(`message ${sent.messageClientId} was not received`);
  return message;
}

/** Asserts a promise rejects with NIM's `code` (a V2NIMError-shaped object). */
export async function expectCode(promise: Promise<unknown>, code: number): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'V2NIMError', code });
}

/** Asserts a synchronous call throws NIM's `code`. */
export function expectThrowCode(run: () => unknown, code: number): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toMatchObject({ name: 'V2NIMError', code });
}
