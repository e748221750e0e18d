// A React Server Components boundary (Next.js' App Router): a server component may import the
// components, and its bundler hands them to the client instead of running them on the server,
// where React has no context and no hooks. The build keeps it first in dist/index.js.
'use client';
// --- i18n and components (components engineer) ---
export type {
  ConversationReadTickProps,
  MessageAlignment,
  MessageListHandle,
  MessageListProps,
  MessageListScrollBehavior,
  ReadByProps,
  ReadTickProps,
  ReceiptDetailMember,
  ReceiptDetailSheetProps,
  ReceiptDetailTab,
  RenderTickIcon,
  ScrollToMessageOptions,
  UnreadBadgeProps,
  UnreadBadgeStatus,
  UnreadSeparatorProps,
} from './components';
export {
  ConversationReadTick,
  MessageList,
  ReadBy,
  ReadTick,
  ReceiptDetailSheet,
  UnreadBadge,
  UnreadSeparator,
} from './components';

// --- provider and hooks (engine engineer) ---
export type { ReceiptMember, ResolveMember } from './context/MemberResolverContext';
export { useLastMessageStatus } from './hooks/useLastMessageStatus';
export { useMemberResolver } from './hooks/useMemberResolver';
export type { MessageReceipt } from './hooks/useMessageReceipt';
export { selectMessageReceipt, useMessageReceipt } from './hooks/useMessageReceipt';
export type { ReadReceipts } from './hooks/useReadReceipts';
export { useReadReceipts } from './hooks/useReadReceipts';
export { useReceiptEngine } from './hooks/useReceiptEngine';
export { useSendingReceipts } from './hooks/useSendingReceipts';
export { shallowEqual, useStoreSelector } from './hooks/useStoreSelector';
export type { TeamReceiptDetail, TeamReceiptDetailOptions } from './hooks/useTeamReceiptDetail';
export { useTeamReceiptDetail } from './hooks/useTeamReceiptDetail';
export type { UnreadSeparatorOptions, UnreadSeparatorState } from './hooks/useUnreadSeparator';
export { useUnreadSeparator } from './hooks/useUnreadSeparator';
export type {
  ReceiptLocale,
  ReceiptStringOverrides,
  ReceiptStrings,
  ReceiptStringsProviderProps,
} from './i18n';
export {
  en,
  formatNameList,
  ReceiptStringsProvider,
  useReceiptLanguage,
  useReceiptStrings,
  zhCN,
} from './i18n';
export type { ReceiptProviderEngineOptions, ReceiptProviderProps } from './ReceiptProvider';
export { ReceiptProvider } from './ReceiptProvider';
