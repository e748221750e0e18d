/**
 * The nim-web-sdk-ng declarations the transport is written against. Type-only: the SDK is an
 * optional peer, never imported at runtime. (The `dist/esm` declarations are broken; see TOOLCHAIN.md.)
 */
export type { V2NIMConversationService } from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMConversationService';
export type { V2NIMLoginService } from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMLoginService';
export type {
  V2NIMMessage,
  V2NIMMessageService,
  V2NIMP2PMessageReadReceipt,
  V2NIMTeamMessageReadReceipt,
} from 'nim-web-sdk-ng/dist/v2/NIM_BROWSER_SDK/V2NIMMessageService';
