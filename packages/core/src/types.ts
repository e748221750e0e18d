/**
 * NIM-compatible data types: the structural subset of nim-web-sdk-ng's V2 types that read receipts need.
 * Field names match NIM exactly so real `V2NIMMessage` objects pass straight in (SPEC section 1).
 */

/** `V2NIMConversationType` (SPEC T5). */
export const ConversationType = {
  UNKNOWN: 0,
  P2P: 1,
  TEAM: 2,
  SUPER_TEAM: 3,
} as const;
/** One of {@link ConversationType}'s values. */
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType];

/** `V2NIMMessageSendingState` (SPEC T1). Received messages are `SUCCEEDED`. */
export const MessageSendingState = {
  UNKNOWN: 0,
  SUCCEEDED: 1,
  FAILED: 2,
  SENDING: 3,
} as const;
/** One of {@link MessageSendingState}'s values. */
export type MessageSendingState = (typeof MessageSendingState)[keyof typeof MessageSendingState];

/**
 * The fields of a `V2NIMMessage` the kit reads. A real SDK message satisfies this type.
 * `conversationId` is from the point of view of the logged-in account (SPEC C1, C3).
 */
export interface ReceiptMessage {
  /** Client-generated id; used to deduplicate and to match receipts to messages. */
  messageClientId: string;
  /** Server id; empty until the send succeeds. */
  messageServerId: string;
  /** Server time after sending, local time before (ms). */
  createTime: number;
  senderId: string;
  /** The peer's account in P2P, the teamId in a team. */
  receiverId: string;
  conversationType: ConversationType | number;
  conversationId: string;
  isSelf?: boolean;
  sendingState?: MessageSendingState | number;
  /** NIM message type; notifications (5), tips (10), robot (11) and call (12) never take receipts (SPEC U3). */
  messageType?: number;
  messageConfig?: { readReceiptEnabled?: boolean };
}

/** `V2NIMP2PMessageReadReceipt` (SPEC T2): `timestamp` is the createTime of the newest acknowledged message. */
export interface P2PMessageReadReceipt {
  conversationId: string;
  timestamp: number;
}

/** `V2NIMTeamMessageReadReceipt` (SPEC T3). Counts are absolute totals. */
export interface TeamMessageReadReceipt {
  conversationId: string;
  messageServerId: string;
  messageClientId: string;
  readCount: number;
  unreadCount: number;
  latestReadAccount?: string;
}

/** `V2NIMTeamMessageReadReceiptDetail` (SPEC T4). */
export interface TeamMessageReadReceiptDetail {
  readReceipt: TeamMessageReadReceipt;
  readAccountList: string[];
  unreadAccountList: string[];
}

/** Message types that never take read receipts (SPEC U3). */
export const NON_RECEIPT_MESSAGE_TYPES: ReadonlySet<number> = new Set([5, 10, 11, 12]);
