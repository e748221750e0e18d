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
export type { ReceiptErrorCodeValue } from './errorCodes';
export { isRetryableCode, ReceiptErrorCode } from './errorCodes';
export { hasErrorCode, ReceiptError } from './ReceiptError';
export type { ConnectionState, ReceiptTransport, TransportEvent } from './ReceiptTransport';
export type {
  P2PMessageReadReceipt,
  ReceiptMessage,
  TeamMessageReadReceipt,
  TeamMessageReadReceiptDetail,
} from './types';
export { ConversationType, MessageSendingState, NON_RECEIPT_MESSAGE_TYPES } from './types';
