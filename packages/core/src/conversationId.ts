import { ReceiptErrorCode } from './errorCodes';
import { isObject } from './isObject';
import { ReceiptError } from './ReceiptError';
import { ConversationType } from './types';

/** The fields `messageConversationId` reads, checked without ever throwing (getters aside). */
function isConversationMessage(
  message: unknown,
): message is { senderId: string; receiverId: string; conversationType: number } {
  if (!isObject(message)) return false;
  try {
    const { senderId, receiverId, conversationType } = message as Record<string, unknown>;
    return (
      typeof senderId === 'string' &&
      typeof receiverId === 'string' &&
      typeof conversationType === 'number'
    );
  } catch {
    return false;
  }
}

/**
 * Conversation-id helpers (SPEC section 2). An id is `${self}|${type}|${targetId}` and always starts
 * with the logged-in account, so the same chat has a different id on each side (C1, C3).
 */

/** `${self}|${type}|${targetId}`; 191004 for a non-string id (never "A|1|null" or a TypeError). */
function conversationIdOf(selfAccountId: string, type: number, targetId: string): string {
  if (typeof selfAccountId !== 'string' || typeof targetId !== 'string') {
    throw new ReceiptError(191004, 'ids must be strings');
  }
  return `${selfAccountId}|${type}|${targetId}`;
}

/** `${self}|1|${accountId}`. Throws a `ReceiptError` 191004 unless both ids are strings. */
export function p2pConversationId(selfAccountId: string, accountId: string): string {
  return conversationIdOf(selfAccountId, ConversationType.P2P, accountId);
}

/** `${self}|2|${teamId}`. Throws a `ReceiptError` 191004 unless both ids are strings. */
export function teamConversationId(selfAccountId: string, teamId: string): string {
  return conversationIdOf(selfAccountId, ConversationType.TEAM, teamId);
}

/** `${self}|3|${superTeamId}`. Throws a `ReceiptError` 191004 unless both ids are strings. */
export function superTeamConversationId(selfAccountId: string, superTeamId: string): string {
  return conversationIdOf(selfAccountId, ConversationType.SUPER_TEAM, superTeamId);
}

/**
 * The conversation a message belongs to, seen by `selfAccountId` (SPEC C3). Throws a
 * `ReceiptError` 191004 for anything that is not a message with string sender and receiver ids and
 * a numeric conversation type (never a TypeError).
 */
export function messageConversationId(
  selfAccountId: string,
  message: { senderId: string; receiverId: string; conversationType: number },
): string {
  if (!isConversationMessage(message)) {
    throw new ReceiptError(
      ReceiptErrorCode.INVALID_PARAMETER,
      '`messageConversationId` expects a message with string senderId and receiverId and a numeric conversationType',
    );
  }
  const { senderId, receiverId, conversationType } = message;
  const found = foundIds.get(message);
  if (
    found?.[0] === selfAccountId &&
    found[1] === senderId &&
    found[2] === receiverId &&
    found[3] === conversationType
  ) {
    return found[4];
  }
  const id =
    conversationType === ConversationType.P2P
      ? p2pConversationId(selfAccountId, senderId === selfAccountId ? receiverId : senderId)
      : conversationType === ConversationType.TEAM
        ? teamConversationId(selfAccountId, receiverId)
        : superTeamConversationId(selfAccountId, receiverId);
  foundIds.set(message, [selfAccountId, senderId, receiverId, conversationType, id]);
  return id;
}

/**
 * The id last found for each message object, with the fields it was found from (so a message
 * changed in place is found again). Every mounted tick and badge asks for its message's id several
 * times at each store update, and a fresh string is hashed anew at each lookup by it: building it
 * each time was most of `selectMessageReceipt`'s cost (2 µs a call; bench metric 2 runs ~60).
 */
const foundIds = /* @__PURE__ */ new WeakMap<
  object,
  readonly [self: string, senderId: string, receiverId: string, type: number, id: string]
>();

/** What follows `${self}|` in a conversation id; "" for a foreign id or a non-string either side. */
function afterSelf(selfAccountId: unknown, conversationId: unknown): string {
  // A template literal throws a TypeError for a Symbol: checked first, so these never throw.
  if (typeof selfAccountId !== 'string' || typeof conversationId !== 'string') return '';
  const prefix = `${selfAccountId}|`;
  return conversationId.startsWith(prefix) ? conversationId.slice(prefix.length) : '';
}

/** SPEC C4: the type after `${self}|`, 0 for a foreign id, NaN for a non-digit. Never throws. */
export function parseConversationType(selfAccountId: string, conversationId: string): number {
  return Number(afterSelf(selfAccountId, conversationId).charAt(0));
}

/** SPEC C5: everything after `${self}|<type>|`, keeping any `|` inside the target; "" for a foreign id. */
export function parseConversationTargetId(selfAccountId: string, conversationId: string): string {
  return afterSelf(selfAccountId, conversationId).slice(2);
}

/** SPEC C6: matches `^${self}\|[1-3]\|`. */
export function isValidConversationId(selfAccountId: string, conversationId: unknown): boolean {
  return /^[1-3]\|/.test(afterSelf(selfAccountId, conversationId));
}

/**
 * SPEC C6 for a one-to-one conversation: matches `^${self}\|1\|`. Only these have watermarks (P11);
 * NIM also syncs the read time of team conversations, which must not become one.
 */
export function isP2PConversationId(selfAccountId: string, conversationId: unknown): boolean {
  return /^1\|/.test(afterSelf(selfAccountId, conversationId));
}
