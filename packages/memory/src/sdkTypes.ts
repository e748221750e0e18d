/**
 * The nim-web-sdk-ng declarations the memory server imitates, in one place. Type-only: the memory
 * server has no runtime dependency on the SDK. The `dist/esm` declarations are broken, so these come
 * from the browser build's folder (see TOOLCHAIN.md).
 */

export type {
  V2NIMDataSyncState,
  V2NIMDataSyncType,
} from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/SyncServiceInterface';
export type {
  V2NIMConversation,
  V2NIMConversationIdUtil,
  V2NIMConversationListener,
  V2NIMConversationResult,
  V2NIMConversationService,
  V2NIMConversationType,
  V2NIMLastMessage,
} from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMConversationService';
export type {
  V2NIMConnectStatus,
  V2NIMKickedOfflineDetail,
  V2NIMLoginListener,
  V2NIMLoginService,
  V2NIMLoginStatus,
} from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMLoginService';
export type {
  V2NIMMessage,
  V2NIMMessageCreator,
  V2NIMMessageListener,
  V2NIMMessageListOption,
  V2NIMMessageRefer,
  V2NIMMessageRevokeNotification,
  V2NIMMessageRevokeParams,
  V2NIMMessageService,
  V2NIMP2PMessageReadReceipt,
  V2NIMSendMessageParams,
  V2NIMSendMessageResult,
  V2NIMTeamMessageReadReceipt,
  V2NIMTeamMessageReadReceiptDetail,
} from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMMessageService';
