import type {
  P2PMessageReadReceipt,
  ReceiptMessage,
  TeamMessageReadReceipt,
  TeamMessageReadReceiptDetail,
} from './types';

/**
 * Something that happened on the server that the engine must merge (SPEC T7, P11).
 * - `p2pReceipts`: the peer has read my messages up to `timestamp` (drives ticks).
 * - `teamReceipts`: absolute counts for my team messages.
 * - `selfReadTime`: I, on another device, have read a one-to-one conversation up to `readTime`
 *   (the engine ignores events with a team or super-team conversation id).
 */
export type TransportEvent =
  | { type: 'p2pReceipts'; receipts: P2PMessageReadReceipt[] }
  | { type: 'teamReceipts'; receipts: TeamMessageReadReceipt[] }
  | { type: 'selfReadTime'; conversationId: string; readTime: number };

/** Connection state, where a transport knows it. Receipts queued while offline are sent on `connected`. */
export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

/**
 * The plug between the engine and a backend. It mirrors NIM V2's receipt calls, so the NIM transport
 * is a thin mapping and a custom backend implements it in one file. Every method rejects with an
 * object carrying a numeric NIM `code` on failure (a `ReceiptError` is ideal). The messages it is
 * given are the engine's shallow copies of the app's, taken when they were marked or shown (the
 * app's own fields, such as a backend's message id, included); a receipt restored from `storage`
 * after a reload carries only the {@link ReceiptMessage} fields.
 */
export interface ReceiptTransport {
  /** `V2NIMMessageService.sendP2PMessageReceipt`: everything up to `message.createTime` is read. */
  sendP2PMessageReceipt(message: ReceiptMessage): Promise<void>;
  /** `V2NIMMessageService.getP2PMessageReceipt`: how far the peer has read my messages. */
  getP2PMessageReceipt(conversationId: string): Promise<P2PMessageReadReceipt>;
  /** `V2NIMMessageService.sendTeamMessageReceipts`: 1 to 50 messages of one team. */
  sendTeamMessageReceipts(messages: ReceiptMessage[]): Promise<void>;
  /** `V2NIMMessageService.getTeamMessageReceipts`: counts for 1 to 50 of my own messages of one team. */
  getTeamMessageReceipts(messages: ReceiptMessage[]): Promise<TeamMessageReadReceipt[]>;
  /** `V2NIMMessageService.getTeamMessageReceiptDetail`, with the member filter applied (SPEC G9). */
  getTeamMessageReceiptDetail(
    message: ReceiptMessage,
    memberAccountIds?: string[],
  ): Promise<TeamMessageReadReceiptDetail>;
  /**
   * Optional: how far this account (on any device) has read `conversationId` — NIM 10.3.0+
   * `V2NIMConversationService.getConversationReadTime`. The engine seeds selfReadTime with it when
   * it first loads a P2P conversation, so a new engine (after a page reload) does not send again a
   * receipt the user already sent (SPEC P11, U5). Custom transports may omit it; the engine then
   * starts from 0 and learns the read time from `selfReadTime` events and its own sends.
   */
  getSelfReadTime?(conversationId: string): Promise<number>;
  /** Listens for incoming receipts and read-time syncs; returns the function that stops listening. */
  subscribe(listener: (event: TransportEvent) => void): () => void;
  /**
   * Optional: the current connection state, read together with `subscribeConnectionState`. Without
   * both the engine assumes "connected": calls made offline then fail and are retried.
   */
  getConnectionState?(): ConnectionState;
  /** Optional: calls `listener` on each change of the connection state; returns the unsubscribe. */
  subscribeConnectionState?(listener: (state: ConnectionState) => void): () => void;
  /**
   * Optional: the account the backend is logged in as now, `''` for nobody —
   * `V2NIMLoginService.getLoginUser`. When one transport outlives an account switch (one SDK
   * instance logged out of A and into B, or requests that carry the current session's token), a
   * receipt of A's engine sent then would count as B's read, and a query would be answered with B's
   * view. Read before and after each call, at start, at each pushed event and at each
   * connection-state change. While it names another account, or nobody: no call reaches the
   * transport, and an answer that comes then is refused too (the request may have left with the
   * other account's session), as a retryable 190002 (a running engine keeps its receipts and asks
   * again later; a disposed one leaves its receipts to another running engine of the account or to
   * its `storage`, or drops them); pushed events are ignored (a push channel of the session carries
   * the other account's, which ids written from this account's side would make this one's); and
   * the engine is offline (`selectIsOffline`). It is read again on the retry backoff (`retry`: 1 s
   * doubling to 30 s by default) and at each state change; once it names the engine's account
   * again, the engine reloads as after a reconnect. Without it every call is made and every event
   * applied.
   */
  getLoginUser?(): string;
}
