import { teamConversationId } from '../conversationId';
import { isObject } from '../isObject';
import { ReceiptError } from '../ReceiptError';
import {
  ConversationType,
  MessageSendingState,
  NON_RECEIPT_MESSAGE_TYPES,
  type ReceiptMessage,
} from '../types';
import { isTime } from './numbers';

/**
 * True when `value` has the fields of a message the kit can reason about. Real `V2NIMMessage`
 * objects always pass; anything else is bad data the kit must survive without throwing.
 */
export function isReceiptMessage(value: unknown): value is ReceiptMessage {
  if (!isObject(value)) return false;
  const message = value as Partial<Record<keyof ReceiptMessage, unknown>>;
  try {
    return (
      typeof message.messageClientId === 'string' &&
      message.messageClientId !== '' &&
      typeof message.senderId === 'string' &&
      typeof message.receiverId === 'string' &&
      message.receiverId !== '' &&
      typeof message.conversationType === 'number' &&
      isTime(message.createTime) &&
      (message.messageServerId === undefined || typeof message.messageServerId === 'string')
    );
  } catch {
    // Fields that cannot be read: a throwing getter, or a revoked Proxy (an Immer draft kept after
    // its producer ended).
    return false;
  }
}

/**
 * The fields a receipt call needs, and nothing else: message text, attachments and extensions are
 * left behind (neither the engine nor the storage keeps them). Throws what an unreadable field throws.
 */
export function receiptFieldsOf(message: ReceiptMessage): ReceiptMessage {
  const fields: ReceiptMessage = {
    messageClientId: message.messageClientId,
    messageServerId: message.messageServerId,
    createTime: message.createTime,
    senderId: message.senderId,
    receiverId: message.receiverId,
    conversationType: message.conversationType,
    conversationId: message.conversationId,
  };
  if (message.sendingState !== undefined) fields.sendingState = message.sendingState;
  if (message.messageType !== undefined) fields.messageType = message.messageType;
  if (message.messageConfig?.readReceiptEnabled !== undefined) {
    fields.messageConfig = {
      readReceiptEnabled: message.messageConfig.readReceiptEnabled === true,
    };
  }
  return fields;
}

/**
 * A shallow copy of `value`: its own fields (a custom backend's message id reaches its transport)
 * and the {@link ReceiptMessage} fields receipts need; undefined unless the copy is a well-formed
 * message ({@link isReceiptMessage}), or when its fields cannot be read. The copy is what is checked, so a field that reads
 * differently twice cannot slip past the check. The engine keeps copies, never the app's objects,
 * which may change or become unreadable later (an Immer draft is a Proxy revoked when its producer
 * ends).
 */
export function copyReceiptMessage(value: unknown): ReceiptMessage | undefined {
  if (!isObject(value)) return undefined;
  try {
    const copy = { ...value, ...receiptFieldsOf(value as ReceiptMessage) };
    return isReceiptMessage(copy) ? copy : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies of `messages` ({@link copyReceiptMessage}). Throws 191004 unless `messages` is an array of
 * well-formed messages whose fields can be read (SPEC E3).
 */
export function copyReceiptMessages(messages: unknown, functionName: string): ReceiptMessage[] {
  let list: unknown[] | undefined;
  try {
    // Read once, inside the try: a revoked Proxy (an Immer draft of a list, kept after its producer
    // ended) throws a TypeError even for `Array.isArray`, and a Proxy's traps may throw at any read.
    list = Array.isArray(messages) ? Array.from(messages) : undefined;
  } catch {}
  if (!list) {
    throw new ReceiptError(191004, `\`${functionName}\` expects an array of messages`);
  }
  const copies: ReceiptMessage[] = [];
  for (const message of list) {
    const copy = copyReceiptMessage(message);
    if (!copy) {
      throw new ReceiptError(
        191004,
        `\`${functionName}\`: message ${copies.length} lacks messageClientId, senderId, receiverId, conversationType or a createTime >= 0`,
      );
    }
    copies.push(copy);
  }
  return copies;
}

/**
 * Sent means the server accepted it: it has a server id and is not sending or failed. It reads only
 * `messageServerId` and `sendingState` (check the rest with {@link isReceiptMessage}), and is false
 * for `null` or a value whose fields cannot be read: custom views call it while rendering.
 */
export function isSentMessage(message: ReceiptMessage): boolean {
  try {
    const { messageServerId, sendingState } = message;
    return (
      typeof messageServerId === 'string' &&
      messageServerId !== '' &&
      (sendingState === undefined || sendingState === MessageSendingState.SUCCEEDED)
    );
  } catch {
    return false;
  }
}

/** Notifications, tips, robot and call messages never take receipts (SPEC U3). */
export function takesReceipts(message: ReceiptMessage): boolean {
  return message.messageType === undefined || !NON_RECEIPT_MESSAGE_TYPES.has(message.messageType);
}

/** True when the message asked for team receipts (SPEC G1). */
export function isFlagged(message: ReceiptMessage): boolean {
  return message.messageConfig?.readReceiptEnabled === true;
}

/** An incoming P2P message addressed to me that I may acknowledge (SPEC P1, P4, P5). */
export function isAcknowledgeableP2P(accountId: string, message: ReceiptMessage): boolean {
  return (
    message.conversationType === ConversationType.P2P &&
    message.senderId !== accountId &&
    message.receiverId === accountId &&
    takesReceipts(message) &&
    isSentMessage(message)
  );
}

/**
 * An incoming, flagged, sent team message I may acknowledge (SPEC G1, G3), in my own copy: its
 * conversation id is mine for its team. The SDK compares conversation ids across a batch (G3 step 1:
 * 191001) and the nim transport refuses another account's copy (190002, retried), so one foreign or
 * id-less copy sank every receipt batched with it; it is ignored, as P2P messages not addressed to
 * me are (P4).
 */
export function isAcknowledgeableTeam(accountId: string, message: ReceiptMessage): boolean {
  return (
    message.conversationType === ConversationType.TEAM &&
    message.conversationId === teamConversationId(accountId, message.receiverId) &&
    message.senderId !== accountId &&
    isFlagged(message) &&
    takesReceipts(message) &&
    isSentMessage(message)
  );
}

/** One of my own flagged, sent team messages: the only kind whose counts can be queried (SPEC G6). */
export function hasQueryableTeamCounts(accountId: string, message: ReceiptMessage): boolean {
  return (
    message.conversationType === ConversationType.TEAM &&
    message.senderId === accountId &&
    isFlagged(message) &&
    takesReceipts(message) &&
    isSentMessage(message)
  );
}
