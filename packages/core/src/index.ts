export type { Clock } from './clock';
export { systemClock } from './clock';
export {
  isValidConversationId,
  messageConversationId,
  p2pConversationId,
  parseConversationTargetId,
  parseConversationType,
  superTeamConversationId,
  teamConversationId,
} from './conversationId';
// Engine (owner: engine engineer)
export type { RetryPolicy } from './engine/backoff';
export { defaultRetryPolicy } from './engine/backoff';
export { createReceiptEngine } from './engine/createReceiptEngine';
export type { ReceiptErrorContext, ReceiptOperation, TimerSet } from './engine/engineContext';
export { createTimerSet, TEAM_UNAVAILABLE_CODES } from './engine/engineContext';
export type { LastMessageStatus, ReceiptLastMessage } from './engine/lastMessageStatus';
export {
  LastMessageState,
  lastMessageIndicatorMessage,
  selectLastMessageStatus,
} from './engine/lastMessageStatus';
export { copyReceiptMessage, isReceiptMessage, isSentMessage } from './engine/messageFacts';
export type {
  LoadConversationOptions,
  ReceiptEngine,
  ReceiptEngineOptions,
} from './engine/ReceiptEngine';
export type {
  P2PWatermarks,
  PeerReadTimeLoadStatus,
  ReceiptState,
  TeamCountLoadStatus,
  TeamDetailEntry,
  TeamDetailStatus,
} from './engine/receiptState';
export { teamMessageKey } from './engine/receiptState';
export type { MessageStatus, ReceiptMode } from './engine/selectors';
export {
  receiptModeOf,
  selectIsAllRead,
  selectIsOffline,
  selectIsPeerRead,
  selectIsSendingReceipts,
  selectIsTeamUnavailable,
  selectMessageStatus,
  selectPeerReadTime,
  selectPeerReadTimeLoad,
  selectReceiptMode,
  selectSelfReadTime,
  selectTeamCountLoad,
  selectTeamReceipt,
  selectTeamUnavailableCode,
  selectUnreadCount,
  selectWatermarks,
} from './engine/selectors';
export { TEAM_BATCH_LIMIT } from './engine/teamOutbox';
export type { ReceiptErrorCodeValue } from './errorCodes';
export { ReceiptErrorCode } from './errorCodes';
export { hasErrorCode, ReceiptError } from './ReceiptError';
export type { ConnectionState, ReceiptTransport, TransportEvent } from './ReceiptTransport';
export type { ReceiptOutboxStorage } from './storage/ReceiptOutboxStorage';
export {
  decodeOutbox,
  encodeOutbox,
  OUTBOX_RESTORE_LIMIT,
} from './storage/ReceiptOutboxStorage';
export type { KeyValueStorage } from './storage/webStorageOutbox';
export { localStorageOutbox, webStorageOutbox } from './storage/webStorageOutbox';
export type {
  P2PMessageReadReceipt,
  ReceiptMessage,
  TeamMessageReadReceipt,
  TeamMessageReadReceiptDetail,
} from './types';
export { ConversationType, MessageSendingState, NON_RECEIPT_MESSAGE_TYPES } from './types';
