import { isObject } from '../isObject';
import { ConversationType, type ReceiptMessage } from '../types';
import { isReceiptMessage } from './messageFacts';
import type { ReceiptState } from './receiptState';
import { accountOf, selectIsPeerRead, sendingStatus } from './selectors';

/** `V2NIMLastMessageState`: what became of a conversation's last message. */
export const LastMessageState = {
  NORMAL: 0,
  /** The message was revoked (recalled); the conversation row shows no read indicator. */
  REVOKED: 1,
  /** The cloud's last message was deleted and the conversation fell back to the one before it. */
  BACKFILLED: 2,
} as const;

/**
 * The fields of a `V2NIMLastMessage` (a `V2NIMConversation`'s `lastMessage`) the kit reads, with
 * NIM's names, so `conversation.lastMessage` from the SDK passes straight in.
 */
export interface ReceiptLastMessage {
  /** One of {@link LastMessageState}'s values. */
  lastMessageState: number;
  /** The message itself, as the SDK refers to it. */
  messageRefer: Pick<
    ReceiptMessage,
    | 'messageClientId'
    | 'messageServerId'
    | 'createTime'
    | 'senderId'
    | 'receiverId'
    | 'conversationType'
    | 'conversationId'
  >;
  /** NIM message type; present while the message is not revoked. */
  messageType?: number;
  /** Present on the sender's side only. */
  sendingState?: number;
}

/** What a conversation row's read indicator shows. */
export type LastMessageStatus = 'sent' | 'read';

/** Notification (5) and call (12) last messages show no indicator (SPEC U7; tips do, unlike in a chat). */
const TYPES_WITHOUT_INDICATOR: ReadonlySet<number> = new Set([5, 12]);

/**
 * The own P2P message a conversation row's indicator is about, or undefined when the row shows none
 * (SPEC U7): it must be self-sent, sent successfully (a message synced from my other device, which
 * carries no `sendingState`, counts once it has a server id), not a notification or call, and not
 * revoked. Never throws on malformed input.
 */
export function lastMessageIndicatorMessage(
  accountId: string,
  lastMessage: unknown,
): ReceiptMessage | undefined {
  if (!isObject(lastMessage)) return undefined;
  try {
    const { lastMessageState, messageRefer, messageType, sendingState } = lastMessage as Partial<
      Record<keyof ReceiptLastMessage, unknown>
    >;
    if (lastMessageState === LastMessageState.REVOKED) return undefined;
    if (typeof messageType === 'number' && TYPES_WITHOUT_INDICATOR.has(messageType)) {
      return undefined;
    }
    if (!isReceiptMessage(messageRefer)) return undefined;
    // The type was checked above by U7's own list, so it is left out: the chat's list (which also
    // hides tips and robot messages) must not hide a row's indicator.
    const message: ReceiptMessage = {
      ...messageRefer,
      messageType: undefined,
      sendingState: sendingState as number,
    };
    const isShown =
      sendingStatus(message) === 'sent' &&
      message.conversationType === ConversationType.P2P &&
      message.senderId === accountId;
    return isShown ? message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The read indicator of a P2P conversation row (SPEC U7, scenario 35): 'read' once the peer's
 * receipt time is at or after the last message's createTime, 'sent' before, undefined when the row
 * shows no indicator (see {@link lastMessageIndicatorMessage}).
 */
export function selectLastMessageStatus(
  state: ReceiptState,
  lastMessage: unknown,
): LastMessageStatus | undefined {
  const message = lastMessageIndicatorMessage(accountOf(state), lastMessage);
  if (message === undefined) return undefined;
  return selectIsPeerRead(state, message) ? 'read' : 'sent';
}
