import { messageConversationIdFor } from './conversationIds';
import { emitConversationChange, messageReferFor, recordRevoke } from './conversations';
import { invalidParameter, NimError, NimErrorCode } from './NimError';
import type { Device, ServerCore, StoredMessage } from './ServerCore';
import type { V2NIMMessageRevokeNotification, V2NIMMessageRevokeParams } from './sdkTypes';
import {
  checkConversationIdFor,
  isNonEmptyString,
  isRecord,
  type MessageLike,
} from './validateReceiptArgs';

/** The string fields of `V2NIMMessageRevokeParams`; the SDK validates each as an optional string. */
const PARAM_KEYS = ['postscript', 'serverExtension', 'pushContent', 'pushPayload', 'env'] as const;

/** `params` read once into plain data; anything that is not a record is passed on as is. */
export function copyRevokeParams(params: unknown): unknown {
  if (!isRecord(params)) return params;
  const source = params as Record<string, unknown>;
  return Object.fromEntries(PARAM_KEYS.map((key) => [key, source[key]]));
}

/**
 * The SDK's client checks of `revokeMessage`, in its order (JS DeleteUtil.revokeMessage): the
 * message's `messageClientId`, `messageServerId`, `conversationType` and `createTime`, the params'
 * types, the conversation id (C6), then "a P2P message must be the caller's own" and a
 * `messageServerId` other than "0". All give 191004 (E3: never a TypeError).
 */
export function checkRevokeArgs(
  selfId: string,
  message: unknown,
  params: unknown,
): NimError | undefined {
  if (!isRecord(message)) return invalidParameter('message must be a V2NIMMessage');
  if (!isNonEmptyString(message.messageClientId)) return invalidParameter('messageClientId');
  if (!isNonEmptyString(message.messageServerId)) return invalidParameter('messageServerId');
  if (![0, 1, 2, 3].includes(message.conversationType as number)) {
    return invalidParameter('conversationType');
  }
  if (typeof message.createTime !== 'number' || !Number.isFinite(message.createTime)) {
    return invalidParameter('createTime must be a number');
  }
  if (params !== undefined) {
    if (!isRecord(params)) return invalidParameter('params must be a V2NIMMessageRevokeParams');
    const fields = params as Record<string, unknown>;
    const bad = PARAM_KEYS.find(
      (key) => fields[key] !== undefined && typeof fields[key] !== 'string',
    );
    if (bad) return invalidParameter(`params.${bad} must be a string`);
  }
  const idError = checkConversationIdFor(selfId, message.conversationId);
  if (idError) return idError;
  if (message.conversationType === 1 && message.senderId !== selfId) {
    return invalidParameter('revokeMessage: p2p message senderId is not current user');
  }
  if (message.messageServerId === '0') {
    return invalidParameter('revokeMessage: cannot revoke message with invalid messageServerId: 0');
  }
  return undefined;
}

/**
 * Server side of `revokeMessage`. The server looks the message up by `messageClientId` and trusts
 * only its own record, so edited fields act for no one:
 * - 107404 when the caller never had the message (not in its audience), or the server id or the
 *   conversation named do not match the record;
 * - 107303 when the caller had it but did not send it (the memory server has no team managers);
 * - a message already revoked resolves and changes nothing (so a retry after a 192004 timeout or a 192003 drop is
 *   safe) [DEC: the SDK's answer to a second revoke is not documented].
 * Revoking marks the record, drops it from history lists, turns it into a revoked `lastMessage`
 * where it was the last one, and pushes `onMessageRevokeNotifications` (then the conversation
 * change) to every online device of the audience. The revoking device is included: 10.8.1 emits
 * both events locally after a successful revoke (JS revokeMessagesFn). Disconnected devices get them
 * at reconnect; logged-out ones read history and conversations later.
 */
export function revokeStoredMessage(
  core: ServerCore,
  device: Device,
  message: MessageLike,
  params: V2NIMMessageRevokeParams | undefined,
): void {
  const self = device.accountId;
  const stored = core.messages.get(message.messageClientId as string);
  if (
    !stored?.audienceIds.includes(self) ||
    stored.message.messageServerId !== message.messageServerId ||
    messageConversationIdFor(self, stored.message) !== message.conversationId
  ) {
    throw new NimError(NimErrorCode.MESSAGE_NOT_EXIST, 'message not exist');
  }
  if (stored.message.senderId !== self) {
    throw new NimError(
      NimErrorCode.SENDER_OR_MANAGER_PERMISSION_ONLY_REVOKE,
      'only sender or manager can revoke message',
    );
  }
  if (stored.revoke) return;
  stored.revoke = {
    revokeAccountId: self,
    revokeType: stored.message.conversationType === 2 ? 2 : 1,
    postscript: params?.postscript,
    serverExtension: params?.serverExtension,
  };
  const changes = recordRevoke(core, stored);
  for (const accountId of stored.audienceIds) {
    const change = changes.get(accountId);
    for (const target of core.onlineDevicesOf(accountId)) {
      core.deliver(
        target,
        () => {
          target.messageEvents.emit('onMessageRevokeNotifications', [
            revokeNotificationFor(stored, accountId),
          ]);
          if (change) emitConversationChange(target, change);
        },
        () => {
          target.missedRevokes.push(stored);
          if (change) target.missedConversationIds.add(change.record.conversationId);
        },
      );
    }
  }
}

/** `V2NIMMessageRevokeNotification` of a revoked message for `viewerId`. */
export function revokeNotificationFor(
  stored: StoredMessage,
  viewerId: string,
): V2NIMMessageRevokeNotification {
  const revoke = stored.revoke;
  if (!revoke) throw new Error('revokeNotificationFor: the message is not revoked');
  return {
    messageRefer: messageReferFor(stored, viewerId),
    revokeAccountId: revoke.revokeAccountId,
    revokeType: revoke.revokeType as V2NIMMessageRevokeNotification['revokeType'],
    ...(revoke.postscript === undefined ? {} : { postscript: revoke.postscript }),
    ...(revoke.serverExtension === undefined ? {} : { serverExtension: revoke.serverExtension }),
  };
}
