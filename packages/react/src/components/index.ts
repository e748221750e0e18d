export type { ConversationReadTickProps } from './ConversationReadTick';
export { ConversationReadTick } from './ConversationReadTick';
export type { ReceiptDetailTab } from './DetailTabs';
export type { MessageListProps } from './MessageList';
export { MessageList } from './MessageList';
export type {
  MessageAlignment,
  MessageListHandle,
  MessageListScrollBehavior,
  ScrollToMessageOptions,
} from './MessageListHandle';
export type { ReadByProps } from './ReadBy';
export { ReadBy } from './ReadBy';
export type { ReadTickProps } from './ReadTick';
export { ReadTick } from './ReadTick';
export type { ReceiptDetailMember } from './ReceiptDetailMember';
export type { ReceiptDetailSheetProps } from './ReceiptDetailSheet';
export { ReceiptDetailSheet } from './ReceiptDetailSheet';
export type { RenderTickIcon } from './StatusTick';
export type { UnreadBadgeProps, UnreadBadgeStatus } from './UnreadBadge';
export { UnreadBadge } from './UnreadBadge';
export type { UnreadSeparatorProps } from './UnreadSeparator';
export { UnreadSeparator } from './UnreadSeparator';
