import { messageConversationId } from '../conversationId';
import { isObject } from '../isObject';
import { ReceiptError } from '../ReceiptError';
import type { TeamMessageReadReceipt } from '../types';
import { ConversationType, MessageSendingState, type ReceiptMessage } from '../types';
import { entryIn } from './bucketedRecord';
import { isFlagged, isReceiptMessage, takesReceipts } from './messageFacts';
import {
  noWatermarks,
  type P2PWatermarks,
  type PeerReadTimeLoadStatus,
  type ReceiptState,
  type TeamCountLoadStatus,
  teamMessageKey,
  teamReceiptOf,
} from './receiptState';

/** What a message shows: P2P ticks, team counts, or nothing. */
export type ReceiptMode = 'p2p' | 'team' | 'none';

/** The delivery status of one of my messages. */
export type MessageStatus = 'sending' | 'sent' | 'read' | 'failed';

/**
 * `state.accountId`, or a `ReceiptError` 191004 when `state` is not a receipt state: every selector
 * checks its first argument with it, so a wrong one (the store, a partial copy, a revoked Proxy such
 * as an Immer draft kept after its producer ended) fails with the fix instead of a TypeError. It
 * reads, inside a try, every field the selectors read and checks its type, not its contents:
 * selectors run for every row on every change.
 */
export function accountOf(state: ReceiptState): string {
  try {
    const { accountId } = state;
    if (
      typeof accountId === 'string' &&
      typeof state.isSendingReceipts === 'boolean' &&
      typeof state.isOffline === 'boolean' &&
      isObject(state.conversations) &&
      isObject(state.peerReadTimeLoads) &&
      isObject(state.teamCountLoads) &&
      isObject(state.teamReceipts) &&
      isObject(state.unavailableTeams) &&
      isObject(state.mutedConversations)
    ) {
      return accountId;
    }
  } catch {
    // Unreadable: refused below like any other state that is not the engine's.
  }
  throw new ReceiptError(191004, 'selectors need `engine.store.getState()`');
}

/**
 * True when `record` has `key` as its own string key. The ids the selectors take raw are looked up
 * this way, so one named like an Object.prototype member ('constructor') is a conversation never
 * seen, not a function, and a non-string one (which `Object.hasOwn` would turn into a string, a
 * TypeError for a null-prototype object) is never seen either.
 */
function hasOwnId(record: object, key: unknown): key is string {
  return typeof key === 'string' && Object.hasOwn(record, key);
}

/** Both watermarks of a P2P conversation; zeros (one shared object) for a conversation never seen. */
export function selectWatermarks(state: ReceiptState, conversationId: string): P2PWatermarks {
  accountOf(state);
  return (
    (typeof conversationId === 'string' && entryIn(state.conversations, conversationId)) ||
    noWatermarks
  );
}

/** How far the peer has read my messages in `conversationId` (SPEC P11). */
export function selectPeerReadTime(state: ReceiptState, conversationId: string): number {
  return selectWatermarks(state, conversationId).peerReadTime;
}

/**
 * Whether the peer's read time of a P2P conversation is known: `'loaded'` once the transport
 * answered the engine's question (`getP2PMessageReceipt`, asked when a tick or hook first shows the
 * conversation) or a receipt of the peer's arrived; `'failed'` when asking failed (offline, 190002:
 * asked again after a reconnect); undefined before either. Until then `peerReadTime` 0 means "not
 * known yet", not "nothing read": `useMessageReceipt` reports `isLoading` and `ReadTick` shows no
 * "Sent" that would turn into "Read" moments later.
 */
export function selectPeerReadTimeLoad(
  state: ReceiptState,
  conversationId: string,
): PeerReadTimeLoadStatus | undefined {
  return selectPeerReadTime(state, conversationId) > 0
    ? 'loaded'
    : typeof conversationId === 'string'
      ? entryIn(state.peerReadTimeLoads, conversationId)
      : undefined;
}

/** How far I, on any device, have read the peer's messages in `conversationId` (SPEC P11). */
export function selectSelfReadTime(state: ReceiptState, conversationId: string): number {
  return selectWatermarks(state, conversationId).selfReadTime;
}

/** SPEC P6 exactly: own P2P messages up to the peer's watermark (inclusive) are read; self-chat always. */
export function selectIsPeerRead(state: ReceiptState, message: unknown): boolean {
  const accountId = accountOf(state);
  if (!isReceiptMessage(message)) return false;
  if (message.conversationType !== ConversationType.P2P) return false;
  if (message.senderId !== accountId) return false;
  if (message.receiverId === accountId) return true;
  const conversationId = messageConversationId(accountId, message);
  return message.createTime <= selectPeerReadTime(state, conversationId);
}

/**
 * What the message shows. `'none'` for incoming messages, unflagged team messages, super teams,
 * notification/tips/robot/call types and anything malformed.
 */
export function selectReceiptMode(state: ReceiptState, message: unknown): ReceiptMode {
  return receiptModeOf(accountOf(state), message);
}

/**
 * {@link selectReceiptMode} for the signed-in `accountId`: it depends on the message alone, never on
 * receipts, so components decide without subscribing whether a message can show anything at all.
 */
export function receiptModeOf(accountId: string, message: unknown): ReceiptMode {
  if (!isReceiptMessage(message)) return 'none';
  if (message.senderId !== accountId || !takesReceipts(message)) return 'none';
  if (message.conversationType === ConversationType.P2P) return 'p2p';
  if (message.conversationType === ConversationType.TEAM && isFlagged(message)) return 'team';
  return 'none';
}

/**
 * `message` when it is a well-formed team message, else undefined; `state` is checked first
 * ({@link accountOf}). The team selectors start with it.
 */
function teamMessageOf(state: ReceiptState, message: unknown): ReceiptMessage | undefined {
  accountOf(state);
  return isReceiptMessage(message) && message.conversationType === ConversationType.TEAM
    ? message
    : undefined;
}

/** The best-known counts of one team message, or undefined when none are known yet. */
export function selectTeamReceipt(
  state: ReceiptState,
  message: unknown,
): TeamMessageReadReceipt | undefined {
  const team = teamMessageOf(state, message);
  return (
    team && teamReceiptOf(state, messageConversationId(state.accountId, team), team.messageClientId)
  );
}

/** Where the lazy count load of a team message stands; undefined when never requested. */
export function selectTeamCountLoad(
  state: ReceiptState,
  message: unknown,
): TeamCountLoadStatus | undefined {
  const team = teamMessageOf(state, message);
  return (
    team &&
    entryIn(
      state.teamCountLoads,
      teamMessageKey(messageConversationId(state.accountId, team), team.messageClientId),
    )
  );
}

/** The NIM code that made a team's receipts unavailable, or undefined while they work. */
export function selectTeamUnavailableCode(
  state: ReceiptState,
  conversationId: string,
): number | undefined {
  accountOf(state);
  return hasOwnId(state.unavailableTeams, conversationId)
    ? state.unavailableTeams[conversationId]
    : undefined;
}

/** True when the message's team cannot do receipts (over 200 members, receipts disabled...). */
export function selectIsTeamUnavailable(state: ReceiptState, message: unknown): boolean {
  const team = teamMessageOf(state, message);
  return (
    !!team && Object.hasOwn(state.unavailableTeams, messageConversationId(state.accountId, team))
  );
}

/** The counts of a team message whose team can do receipts; undefined while unknown or unavailable. */
function availableTeamReceipt(
  state: ReceiptState,
  message: unknown,
): TeamMessageReadReceipt | undefined {
  return selectIsTeamUnavailable(state, message) ? undefined : selectTeamReceipt(state, message);
}

/** Unread members of one of my team messages; undefined while unknown or unavailable. */
export function selectUnreadCount(state: ReceiptState, message: unknown): number | undefined {
  return availableTeamReceipt(state, message)?.unreadCount;
}

/**
 * True once every eligible member has read one of my team messages: counts known, none unread and at
 * least one reader. A team of only the sender (0 read, 0 unread) is not "all read"; NetEase UIKit
 * shows 0 there too.
 */
export function selectIsAllRead(state: ReceiptState, message: unknown): boolean {
  const receipt = availableTeamReceipt(state, message);
  return receipt !== undefined && receipt.unreadCount === 0 && receipt.readCount > 0;
}

/**
 * The status of one of my messages, or undefined when it shows nothing (mode 'none').
 * P2P: read once the peer's watermark covers it and it was sent (SPEC U7). Team: read when all read.
 */
export function selectMessageStatus(
  state: ReceiptState,
  message: unknown,
): MessageStatus | undefined {
  const mode = selectReceiptMode(state, message);
  if (mode === 'none') return undefined;
  const own = message as ReceiptMessage;
  const sending = sendingStatus(own);
  if (sending !== 'sent') return sending;
  if (mode === 'p2p') return selectIsPeerRead(state, own) ? 'read' : 'sent';
  return selectIsAllRead(state, own) ? 'read' : 'sent';
}

/**
 * The status the send alone gives: a message without a sendingState (e.g. synced from my other
 * device) counts as sent once it has a server id. Internal; the chat's ticks and the conversation
 * row's indicator share it.
 */
export function sendingStatus(message: ReceiptMessage): MessageStatus {
  switch (message.sendingState) {
    case MessageSendingState.FAILED:
      return 'failed';
    case MessageSendingState.SENDING:
    case MessageSendingState.UNKNOWN:
      return 'sending';
    case MessageSendingState.SUCCEEDED:
      return 'sent';
    default:
      return message.messageServerId ? 'sent' : 'sending';
  }
}

/**
 * Whether the engine is waiting for the transport's connection (`'connecting'` or
 * `'disconnected'`): what is marked read and what a badge or sheet asks for goes once it is back.
 */
export function selectIsOffline(state: ReceiptState): boolean {
  accountOf(state);
  return state.isOffline;
}

/** Whether receipts go out for `conversationId`: the global switch and the conversation's own. */
export function selectIsSendingReceipts(state: ReceiptState, conversationId?: string): boolean {
  accountOf(state);
  if (!state.isSendingReceipts) return false;
  return !hasOwnId(state.mutedConversations, conversationId);
}
