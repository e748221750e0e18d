import { messageConversationIdFor } from './conversationIds';
import { NimError, NimErrorCode } from './NimError';
import type { ConversationRecord, Device, ServerCore, StoredMessage } from './ServerCore';
import type {
  V2NIMConversation,
  V2NIMConversationResult,
  V2NIMLastMessage,
  V2NIMMessageRefer,
} from './sdkTypes';

/**
 * NIM's cloud conversations, kept by the server per account: one record per conversation an
 * account has messages in, pointing at its newest message. Views are built per viewer, as the SDK's
 * `V2NIMConversation` / `V2NIMLastMessage` (DTS-C), on demand, so they are never stale.
 */

/** A conversation change to tell an account's devices about, captured when it happened. */
export interface ConversationChange {
  readonly record: ConversationRecord;
  /** The view at the time of the change (a later change must not rewrite an earlier event). */
  readonly conversation: V2NIMConversation;
  /** The account's first message in it: `onConversationCreated` rather than `onConversationChanged`. */
  readonly isCreated: boolean;
  /** The record's version at the change. */
  readonly version: number;
}

/** `V2NIMMessageRefer` of a stored message, with `conversationId` for `viewerId` (C3). */
export function messageReferFor(stored: StoredMessage, viewerId: string): V2NIMMessageRefer {
  const { message } = stored;
  return {
    senderId: message.senderId,
    receiverId: message.receiverId,
    messageClientId: message.messageClientId,
    messageServerId: message.messageServerId,
    createTime: message.createTime,
    conversationType: message.conversationType,
    conversationId: messageConversationIdFor(viewerId, message),
  };
}

/**
 * `V2NIMLastMessage` for `viewerId`, as the SDK formats it (JS formatLastMessageFromMessage and
 * updateModelByRevoke): `sendingState` only on the sender's side; once revoked, state 1 with the
 * revoker and type merged in, and `text` replaced by the postscript when there is one.
 */
export function lastMessageFor(stored: StoredMessage, viewerId: string): V2NIMLastMessage {
  const { message, revoke } = stored;
  const lastMessage: V2NIMLastMessage = {
    lastMessageState: (revoke ? 1 : 0) as V2NIMLastMessage['lastMessageState'],
    messageRefer: messageReferFor(stored, viewerId),
    messageType: message.messageType,
    ...(message.text === undefined ? {} : { text: message.text }),
    ...(message.senderId === viewerId ? { sendingState: message.sendingState } : {}),
  };
  if (!revoke) return lastMessage;
  return {
    ...lastMessage,
    ...(revoke.postscript === undefined ? {} : { text: revoke.postscript }),
    revokeAccountId: revoke.revokeAccountId,
    revokeType: revoke.revokeType as NonNullable<V2NIMLastMessage['revokeType']>,
    ...(revoke.serverExtension === undefined ? {} : { serverExtension: revoke.serverExtension }),
  };
}

/**
 * `V2NIMConversation` of a record. Pinning, muting, groups, names and avatars are not simulated, and
 * unread counts are not tracked: `unreadCount` is always 0 (read state comes from receipts here).
 * `sortOrder` is the last message's createTime, as the SDK sets it for unpinned conversations.
 */
export function conversationView(record: ConversationRecord): V2NIMConversation {
  return {
    conversationId: record.conversationId,
    // The conversation's type is its messages' (the memory server has no super teams).
    type: (record.lastMessage.message.conversationType === 2 ? 2 : 1) as V2NIMConversation['type'],
    stickTop: false,
    localExtension: '',
    serverExtension: '',
    lastMessage: lastMessageFor(record.lastMessage, record.ownerId),
    unreadCount: 0,
    sortOrder: record.lastMessage.message.createTime,
    createTime: record.createTime,
    updateTime: record.updateTime,
  };
}

/**
 * Points each audience account's conversation at a newly stored message, creating the conversation
 * on its first message. Returns the changes by account. A message older than the current last one
 * (only possible with a test clock moved backwards) changes nothing.
 */
export function recordMessage(
  core: ServerCore,
  stored: StoredMessage,
): Map<string, ConversationChange> {
  const changes = new Map<string, ConversationChange>();
  const now = core.now();
  for (const ownerId of stored.audienceIds) {
    const conversationId = messageConversationIdFor(ownerId, stored.message);
    let owned = core.conversations.get(ownerId);
    if (!owned) {
      owned = new Map();
      core.conversations.set(ownerId, owned);
    }
    const existing = owned.get(conversationId);
    if (existing) {
      // Ties go to the later send, as history orders them.
      if (stored.message.createTime < existing.lastMessage.message.createTime) continue;
      existing.lastMessage = stored;
      existing.updateTime = now;
      existing.version += 1;
      changes.set(ownerId, changeOf(existing, false));
      continue;
    }
    const record: ConversationRecord = {
      conversationId,
      ownerId,
      createTime: now,
      updateTime: now,
      lastMessage: stored,
      version: 0,
    };
    owned.set(conversationId, record);
    changes.set(ownerId, changeOf(record, true));
  }
  return changes;
}

/**
 * After `stored` was revoked: the conversations whose last message it is change (their lastMessage
 * becomes revoked); conversations where it is an older message do not (SDK updateModelByRevoke).
 */
export function recordRevoke(
  core: ServerCore,
  stored: StoredMessage,
): Map<string, ConversationChange> {
  const changes = new Map<string, ConversationChange>();
  for (const ownerId of stored.audienceIds) {
    const conversationId = messageConversationIdFor(ownerId, stored.message);
    const record = core.conversations.get(ownerId)?.get(conversationId);
    if (record?.lastMessage !== stored) continue;
    record.updateTime = core.now();
    record.version += 1;
    changes.set(ownerId, changeOf(record, false));
  }
  return changes;
}

function changeOf(record: ConversationRecord, isCreated: boolean): ConversationChange {
  return { record, conversation: conversationView(record), isCreated, version: record.version };
}

/**
 * Emits one change on a device: created for a first message, changed otherwise. With random latency
 * a later change can reach the device first; an overtaken change is then not emitted (the device
 * already has, or is about to get, the newer state), and an overtaken "created" carries the current
 * view, so the last event a device hears is never older than the server's state.
 */
export function emitConversationChange(device: Device, change: ConversationChange): void {
  const isSuperseded = change.version !== change.record.version;
  if (change.isCreated) {
    device.conversationEvents.emit(
      'onConversationCreated',
      isSuperseded ? conversationView(change.record) : change.conversation,
    );
  } else if (!isSuperseded) {
    device.conversationEvents.emit('onConversationChanged', [change.conversation]);
  }
}

/**
 * At reconnect: the conversations that changed while the device was disconnected, as ONE
 * `onConversationChanged` with their current state (what NIM's conversation sync amounts to).
 */
export function emitMissedConversations(core: ServerCore, device: Device): void {
  const owned = core.conversations.get(device.accountId);
  const conversations = [...device.missedConversationIds]
    .map((id) => owned?.get(id))
    .filter((record) => record !== undefined)
    .map(conversationView);
  device.missedConversationIds.clear();
  if (conversations.length > 0) {
    device.conversationEvents.emit('onConversationChanged', conversations);
  }
}

/**
 * Server side of `getConversation`. An account without that conversation gets 191006
 * RESOURCE_NOT_EXIST, which is what 10.8.1's `getConversation` throws for an id missing from its
 * model (JS getConversation), not 110404 CONVERSATION_NOT_EXIST.
 */
export function findConversation(
  core: ServerCore,
  device: Device,
  conversationId: string,
): V2NIMConversation {
  const record = core.conversations.get(device.accountId)?.get(conversationId);
  if (!record) {
    throw new NimError(NimErrorCode.RESOURCE_NOT_EXIST, `conversation ${conversationId} not exist`);
  }
  return conversationView(record);
}

/**
 * Server side of `getConversationList`, paged as the SDK's model does it (JS getByOption): newest
 * first by `sortOrder`; `offset` 0 is the first page, otherwise the `offset` a previous page
 * returned, which is the `sortOrder` of that page's last conversation (the page starts at the first
 * conversation whose sortOrder is <= offset, skipping one that equals it). `finished` is true and
 * `offset` 0 when nothing is left after the page.
 */
export function listConversations(
  core: ServerCore,
  device: Device,
  offset: number,
  limit: number,
): V2NIMConversationResult {
  const all = [...(core.conversations.get(device.accountId)?.values() ?? [])]
    .map(conversationView)
    .sort(
      (a, b) =>
        b.sortOrder - a.sortOrder ||
        Number(b.lastMessage?.messageRefer.messageServerId) -
          Number(a.lastMessage?.messageRefer.messageServerId),
    );
  let start = 0;
  if (offset > 0) {
    start = all.findIndex((c) => c.sortOrder <= offset);
    if (start === -1) start = all.length;
    else if (all[start]?.sortOrder === offset) start += 1;
  }
  const rest = all.slice(start);
  const page = rest.slice(0, limit);
  const isFinished = rest.length <= limit;
  const last = page[page.length - 1];
  return {
    offset: isFinished || !last ? 0 : last.sortOrder,
    finished: isFinished,
    conversationList: page,
  };
}
