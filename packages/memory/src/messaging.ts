import { createConversationIdUtil, messageConversationIdFor } from './conversationIds';
import { emitConversationChange, recordMessage } from './conversations';
import { invalidParameter, NimError, NimErrorCode } from './NimError';
import type { Device, ServerCore, StoredMessage } from './ServerCore';
import type { V2NIMMessage, V2NIMMessageListOption, V2NIMSendMessageParams } from './sdkTypes';

/** Teams larger than this cannot take flagged messages (G2). */
export const TEAM_RECEIPT_MEMBER_LIMIT = 200;

/** `V2NIMMessageCreator.createTextMessage`: an unsent message with a fresh client id. */
export function createTextMessage(core: ServerCore, device: Device, text: string): V2NIMMessage {
  return {
    messageClientId: core.nextClientId(),
    messageServerId: '',
    createTime: core.now(),
    senderId: device.accountId,
    receiverId: '',
    conversationType: 0,
    conversationId: '',
    isSelf: true,
    sendingState: 0,
    messageType: 0,
    text: String(text),
    messageStatus: { errorCode: 200 },
  };
}

/**
 * Server side of `sendMessage`: stores the message with a server id and createTime, records who can
 * acknowledge a flagged team message (G5), and pushes per-viewer copies to the receivers' online
 * devices and the sender's other online devices. Every audience device, the sending one included,
 * then hears its conversation change (`onConversationCreated` for the first message, as the SDK's
 * updateModelWithLastMessage does). Offline devices fetch history and conversations later.
 */
export function storeAndDeliver(
  core: ServerCore,
  device: Device,
  input: {
    message: V2NIMMessage;
    conversationId: string;
    params: V2NIMSendMessageParams | undefined;
  },
): V2NIMMessage {
  const self = device.accountId;
  const ids = createConversationIdUtil(self);
  const type = ids.parseConversationType(input.conversationId) as number;
  const targetId = ids.parseConversationTargetId(input.conversationId);
  if (!targetId) throw invalidParameter('conversationId has no target');
  if (type === 3) throw invalidParameter('super teams are not simulated by the memory server');
  const existing = core.messages.get(input.message.messageClientId);
  if (existing) {
    // A retry after a timeout (the first send reached the server) is answered, not repeated.
    const isRetry =
      existing.message.senderId === self &&
      messageConversationIdFor(self, existing.message) === input.conversationId;
    if (isRetry) return core.view(existing, self);
    throw invalidParameter('this message was already sent');
  }
  const isFlagged =
    input.params?.messageConfig?.readReceiptEnabled ??
    input.message.messageConfig?.readReceiptEnabled ??
    false;
  let eligibleIds: string[] = [];
  let recipientIds: string[] = [targetId];
  if (type === 2) {
    const members = core.teamMembersFor(targetId, self);
    if (isFlagged && members.size > TEAM_RECEIPT_MEMBER_LIMIT) {
      throw new NimError(
        NimErrorCode.TEAM_MARK_READ_FAILED,
        'sending message failed for marking message read failed for too many team members',
      );
    }
    recipientIds = [...members].filter((id) => id !== self);
    if (isFlagged) eligibleIds = recipientIds;
  }
  const stored: StoredMessage = {
    message: {
      ...input.message,
      messageServerId: core.nextServerId(),
      createTime: core.now(),
      senderId: self,
      receiverId: targetId,
      conversationType: type as V2NIMMessage['conversationType'],
      sendingState: 1,
      messageConfig: { ...input.message.messageConfig, readReceiptEnabled: isFlagged },
      messageStatus: { errorCode: 200 },
    },
    eligibleIds,
    readerIds: [],
    audienceIds: [...new Set([self, ...recipientIds])],
    revoke: undefined,
  };
  core.messages.set(stored.message.messageClientId, stored);
  core.messagesByServerId.set(stored.message.messageServerId, stored);
  core.history.push(stored);
  const changes = recordMessage(core, stored);
  const targets = [
    ...recipientIds.filter((id) => id !== self).flatMap((id) => core.onlineDevicesOf(id)),
    ...core.onlineDevicesOf(self, device),
  ];
  for (const target of targets) {
    const change = changes.get(target.accountId);
    core.deliver(
      target,
      () => {
        // Revoked on the way (random latency let its revoke overtake it): left out, as at reconnect.
        if (!stored.revoke) {
          target.messageEvents.emit('onReceiveMessages', [core.view(stored, target.accountId)]);
        }
        if (change) emitConversationChange(target, change);
      },
      () => {
        target.missedMessages.push(stored);
        if (change) target.missedConversationIds.add(change.record.conversationId);
      },
    );
  }
  // The SDK updates the sender's own conversation locally when the send succeeds.
  const ownChange = changes.get(self);
  if (ownChange) {
    core.deliver(
      device,
      () => emitConversationChange(device, ownChange),
      () => device.missedConversationIds.add(ownChange.record.conversationId),
    );
  }
  return core.view(stored, self);
}

/**
 * Server side of `getMessageList`: a conversation's history for the caller, newest first by default
 * (`direction` 1 gives oldest first), `beginTime`/`endTime` inclusive, `anchorMessage` excluded.
 * Revoked messages are left out (NIM's UIs show a tip in their place).
 */
export function listMessages(
  core: ServerCore,
  device: Device,
  option: V2NIMMessageListOption,
): V2NIMMessage[] {
  const self = device.accountId;
  const ids = createConversationIdUtil(self);
  const type = ids.parseConversationType(option.conversationId) as number;
  const targetId = ids.parseConversationTargetId(option.conversationId);
  // Only members read a team's history (108404 without the team, 109404 for a non-member).
  if (type === 2) core.teamMembersFor(targetId, self);
  const isAscending = option.direction === 1;
  const anchor = option.anchorMessage;
  const limit = typeof option.limit === 'number' && option.limit > 0 ? option.limit : 50;
  const matches = core.history.filter(({ message, revoke }) => {
    if (revoke || message.conversationType !== type) return false;
    if (type === 1) {
      const isMine = message.senderId === self && message.receiverId === targetId;
      const isTheirs = message.senderId === targetId && message.receiverId === self;
      if (!isMine && !isTheirs) return false;
    } else if (message.receiverId !== targetId) {
      return false;
    }
    if (
      typeof option.beginTime === 'number' &&
      option.beginTime > 0 &&
      message.createTime < option.beginTime
    ) {
      return false;
    }
    if (
      typeof option.endTime === 'number' &&
      option.endTime > 0 &&
      message.createTime > option.endTime
    ) {
      return false;
    }
    if (anchor) {
      if (message.messageClientId === anchor.messageClientId) return false;
      return isAscending
        ? message.createTime >= anchor.createTime
        : message.createTime <= anchor.createTime;
    }
    return true;
  });
  // history is in send order, so the index breaks createTime ties in send order.
  const ordered = matches
    .map((stored, index) => ({ stored, index }))
    .sort((a, b) => a.stored.message.createTime - b.stored.message.createTime || a.index - b.index)
    .map(({ stored }) => stored);
  if (!isAscending) ordered.reverse();
  return ordered.slice(0, limit).map((stored) => core.view(stored, self));
}
