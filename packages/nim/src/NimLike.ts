import type { V2NIMConversationService, V2NIMLoginService, V2NIMMessageService } from './sdkTypes';

/** `onConversationReadTimeUpdated`'s listener, in both conversation services. */
type ReadTimeListener = (conversationId: string, readTime: number) => void;

/**
 * The members of nim-web-sdk-ng's `V2NIMLocalConversationService` (10.8.0+) the transport uses,
 * written out rather than picked from its declaration file, which SDKs before 10.8.0 (the peer
 * range starts at 10.3.0) do not have. The SDK's service satisfies it.
 */
export interface LocalConversationServiceLike {
  on(eventName: 'onConversationReadTimeUpdated', fn: ReadTimeListener): unknown;
  off(eventName: 'onConversationReadTimeUpdated', fn: ReadTimeListener): unknown;
  getConversationReadTime?(conversationId: string): Promise<number>;
}

/**
 * The part of a nim-web-sdk-ng instance the transport uses, typed by the SDK's own declarations.
 * A real `NIM` instance and a `@readmark/memory` client both satisfy it.
 */
export interface NimLike {
  V2NIMMessageService: Pick<
    V2NIMMessageService,
    | 'on'
    | 'off'
    | 'sendP2PMessageReceipt'
    | 'getP2PMessageReceipt'
    | 'sendTeamMessageReceipts'
    | 'getTeamMessageReceipts'
    | 'getTeamMessageReceiptDetail'
  >;
  /**
   * For `onConversationReadTimeUpdated` (NIM 10.3.0+), the self read-time sync of SPEC P11, and
   * `getConversationReadTime` (10.3.0+), which seeds it after a page reload when present.
   */
  V2NIMConversationService?: Pick<V2NIMConversationService, 'on' | 'off'> &
    Partial<Pick<V2NIMConversationService, 'getConversationReadTime'>>;
  /**
   * The same two members of the local conversation service (nim-web-sdk-ng 10.8.0+), used only
   * when `V2NIMConversationService` is not registered: an app on local conversations with the ESM
   * build registers this one alone, and the SDK then routes the read-time sync to it.
   */
  V2NIMLocalConversationService?: LocalConversationServiceLike;
  /**
   * For connection state; without it the engine assumes "connected". `getLoginUser`, when present,
   * lets the transport refuse receipts for another account's messages (a P2P message not addressed
   * to the logged-in account, a team copy of another account's conversation: the SDK checks neither,
   * SPEC P4); clients without it skip that check. `getDataSync`, when present, makes
   * `getSelfReadTime` wait for the login sync (at most 5 s); without it the read time is asked at once.
   */
  V2NIMLoginService?: Pick<V2NIMLoginService, 'on' | 'off' | 'getConnectStatus'> &
    Partial<Pick<V2NIMLoginService, 'getLoginStatus' | 'getLoginUser' | 'getDataSync'>>;
}
