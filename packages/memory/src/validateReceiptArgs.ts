import { isValidConversationIdFor } from './conversationIds';
import { invalidParameter, NimError, NimErrorCode } from './NimError';

/**
 * The client-side checks of the SDK's receipt calls, in SPEC order (P1, G3, G6, G8), plus the kit's
 * decisions for bad types (E3: 191004, never a TypeError). Each returns the error to reject with, or
 * undefined. They run before anything changes, so a rejected call changes nothing (E2).
 */

/** The fields the checks read, from anything the caller passed. */
export interface MessageLike {
  messageClientId?: unknown;
  messageServerId?: unknown;
  conversationId?: unknown;
  conversationType?: unknown;
  senderId?: unknown;
  receiverId?: unknown;
  createTime?: unknown;
}

export function isRecord(value: unknown): value is MessageLike {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** C6: 191004 unless `conversationId` is one of the caller's own (`${self}|<1-3>|...`). */
export function checkConversationIdFor(
  selfId: string,
  conversationId: unknown,
): NimError | undefined {
  return isValidConversationIdFor(selfId, conversationId)
    ? undefined
    : invalidParameter(`conversationId must start with "${selfId}|<1-3>|"`);
}

/**
 * P1 steps 2-3, then P4 (the message must be addressed to the caller). `selfId` is the SDK's
 * account, "" once logged out: then no message is the caller's own (the SDK's sendCmd answers
 * 190002 next), and P4, a server rule, is never reached.
 */
export function checkP2PReceiptMessage(selfId: string, message: unknown): NimError | undefined {
  if (!isRecord(message)) return invalidParameter('message must be a V2NIMMessage');
  if (!isNonEmptyString(message.messageClientId)) return invalidParameter('messageClientId');
  if (message.conversationType !== 1) return invalidParameter('conversationType must be 1 (P2P)');
  if (!isNonEmptyString(message.receiverId)) return invalidParameter('receiverId');
  if (typeof message.createTime !== 'number' || !Number.isFinite(message.createTime)) {
    return invalidParameter('createTime must be a number');
  }
  if (message.senderId === selfId) {
    return invalidParameter(`sender ${selfId} is not allowed to send msg receipt`);
  }
  if (selfId !== '' && message.receiverId !== selfId) {
    return invalidParameter('the message is not addressed to the logged-in account');
  }
  return undefined;
}

/**
 * G3 in the SDK's order (ReceiptUtil @368159): mixed conversations, empty, per-item fields, own
 * messages; then more than 50, SEED's cap, which 10.8.1 leaves to the server, so its checks come
 * first.
 */
export function checkTeamReceiptBatch(selfId: string, messages: unknown): NimError | undefined {
  if (!Array.isArray(messages)) return invalidParameter('messages must be an array');
  if (!messages.every(isRecord)) return invalidParameter('every message must be a V2NIMMessage');
  const first = messages[0] as MessageLike | undefined;
  if (first && messages.some((m: MessageLike) => m.conversationId !== first.conversationId)) {
    return new NimError(NimErrorCode.MISUSE, 'messages must belong to one conversation');
  }
  if (messages.length === 0) return invalidParameter('messages must not be empty');
  for (const message of messages as MessageLike[]) {
    const error = checkTeamItem(message, { isCreateTimeChecked: true });
    if (error) return error;
  }
  if ((messages as MessageLike[]).some((m) => m.senderId === selfId)) {
    return invalidParameter(`sender ${selfId} is not allowed to send msg receipt`);
  }
  if (messages.length > 50) {
    return new NimError(NimErrorCode.MISUSE, 'at most 50 messages per call');
  }
  return undefined;
}

/**
 * G6 in the SDK's order (ReceiptUtil @366175): empty, per-item fields, someone else's message, two
 * teams; then more than 50, SEED's cap, which 10.8.1 leaves to the server.
 */
export function checkTeamReceiptQuery(selfId: string, messages: unknown): NimError | undefined {
  if (!Array.isArray(messages)) return invalidParameter('messages must be an array');
  if (!messages.every(isRecord)) return invalidParameter('every message must be a V2NIMMessage');
  if (messages.length === 0) return invalidParameter('messages must not be empty');
  for (const message of messages as MessageLike[]) {
    const error = checkTeamItem(message, { isCreateTimeChecked: false });
    if (error) return error;
  }
  const list = messages as MessageLike[];
  if (list.some((m) => m.senderId !== selfId)) {
    return invalidParameter('only the sender can query receipts of a message');
  }
  if (list.some((m) => m.receiverId !== list[0]?.receiverId)) {
    return new NimError(NimErrorCode.MISUSE, 'messages must belong to one team');
  }
  if (list.length > 50) return new NimError(NimErrorCode.MISUSE, 'at most 50 messages per call');
  return undefined;
}

/** G8 validation, plus the type of the optional member filter. */
export function checkTeamReceiptDetail(
  selfId: string,
  message: unknown,
  memberAccountIds: unknown,
): NimError | undefined {
  if (!isRecord(message)) return invalidParameter('message must be a V2NIMMessage');
  const error = checkTeamItem(message, { isCreateTimeChecked: false });
  if (error) return error;
  if (message.senderId !== selfId) {
    return invalidParameter('only the sender can query receipts of a message');
  }
  if (
    memberAccountIds !== undefined &&
    (!Array.isArray(memberAccountIds) || !memberAccountIds.every((id) => typeof id === 'string'))
  ) {
    return invalidParameter('memberAccountIds must be an array of account ids');
  }
  return undefined;
}

function checkTeamItem(
  message: MessageLike,
  options: { isCreateTimeChecked: boolean },
): NimError | undefined {
  if (options.isCreateTimeChecked && !isNonEmptyString(message.messageClientId)) {
    return invalidParameter('messageClientId');
  }
  // Super-team messages (type 3) fail here: team receipts exist only in advanced teams (G1).
  if (message.conversationType !== 2) return invalidParameter('conversationType must be 2 (team)');
  if (!isNonEmptyString(message.receiverId)) return invalidParameter('receiverId');
  if (
    options.isCreateTimeChecked &&
    (typeof message.createTime !== 'number' || !Number.isFinite(message.createTime))
  ) {
    return invalidParameter('createTime must be a number');
  }
  if (!isNonEmptyString(message.messageServerId)) return invalidParameter('messageServerId');
  return undefined;
}

/** An argument read once into plain data, or the 191004 to reject with when reading it threw. */
export type Snapshot<T> = { value: T; error?: undefined } | { value?: undefined; error: NimError };

/**
 * Reads a caller's argument exactly once, into plain data. Getters that throw (or a Proxy) give
 * 191004 instead of escaping as a TypeError (E3), and a caller who mutates the object while the
 * call is in flight cannot change what the server acts on (the checked data is the data used).
 */
export function snapshotOf<T>(read: () => T): Snapshot<T> {
  try {
    return { value: read() };
  } catch {
    return { error: invalidParameter('the argument could not be read') };
  }
}

/** The fields the receipt calls use, copied; anything that is not a record is passed on as is. */
export function copyMessage(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return {
    messageClientId: value.messageClientId,
    messageServerId: value.messageServerId,
    conversationId: value.conversationId,
    conversationType: value.conversationType,
    senderId: value.senderId,
    receiverId: value.receiverId,
    createTime: value.createTime,
  } satisfies MessageLike;
}

/** A copied list (holes become `undefined`, which the checks refuse); a non-array is passed on. */
export function copyMessageList(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, copyMessage) : value;
}

/** A copied member filter (holes become `undefined`, which the checks refuse). */
export function copyIdList(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value) : value;
}
