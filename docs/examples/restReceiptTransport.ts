/**
 * A complete custom transport: Readmark's receipts over your own backend, here a REST API for calls
 * and a WebSocket for pushes. docs/custom-transport.md walks through it; the tests run it through the
 * real engine and components. Copy it and change the paths and field names to your backend's.
 */
import {
  type ConnectionState,
  ConversationType,
  type P2PMessageReadReceipt,
  p2pConversationId,
  parseConversationTargetId,
  ReceiptError,
  ReceiptErrorCode,
  type ReceiptMessage,
  type ReceiptTransport,
  type TeamMessageReadReceipt,
  type TeamMessageReadReceiptDetail,
  type TransportEvent,
  teamConversationId,
} from '@readmark/core';

/** One HTTP call. Resolve with the parsed JSON body; reject with `{ status }` on an HTTP error. */
export type HttpClient = (request: {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}) => Promise<unknown>;

/** The part of the browser's `WebSocket` the transport uses, so a real socket passes straight in. */
export interface SocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed (as `WebSocket.readyState`). */
  readonly readyState: number;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'open' | 'close', listener: () => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Options of {@link createRestReceiptTransport}. */
export interface RestReceiptTransportOptions {
  /** The logged-in account: conversation ids are written from its point of view. */
  accountId: string;
  /** Your HTTP client (e.g. {@link fetchHttpClient}). */
  http: HttpClient;
  /** Your push connection. */
  socket: SocketLike;
  /**
   * Who the session your `http` sends as (its token) is logged in as now, `''` when signed out.
   * Give it when the session outlives an account switch (a `getToken` that reads the current
   * session): the engine then sends none of the old account's receipts with the new account's token,
   * takes no answer that comes back after a switch, and ignores what `socket` pushes while another
   * account is signed in (this transport writes every id from `accountId`'s side, so the other
   * account's pushes would read as this one's).
   */
  getLoginUser?: (() => string) | undefined;
}

/** A group member count as the backend sends it (snake_case, its own names). */
interface BackendCount {
  message_id: string;
  client_id: string;
  read: number;
  unread: number;
  last_reader?: string;
}

/**
 * Creates a `ReceiptTransport` for a backend with these endpoints:
 *
 * | call | endpoint |
 * |---|---|
 * | a P2P receipt | `POST /receipts/direct {peer, message_id, sent_at}` |
 * | how far a peer read | `GET /receipts/direct?peer=…` → `{read_up_to}` |
 * | team receipts | `POST /receipts/group {group, message_ids}` |
 * | team counts | `POST /receipts/group/counts {group, message_ids}` → `{counts: [...]}` |
 * | member detail | `POST /receipts/group/detail {group, message_id, members?}` → `{read_by, unread_by, count}` |
 *
 * and these socket messages: `direct.read`, `group.counts` and `self.read` (your own other device).
 */
export function createRestReceiptTransport({
  accountId,
  http,
  socket,
  getLoginUser,
}: RestReceiptTransportOptions): ReceiptTransport {
  // Every call goes through here so every failure becomes a ReceiptError with a NIM code: the engine
  // retries the retryable ones (416, 191005, 192001…) and reports the rest.
  const call = async (request: Parameters<HttpClient>[0]) => {
    try {
      return await http(request);
    } catch (error) {
      throw toReceiptError(error);
    }
  };
  const groupOf = (message: ReceiptMessage) =>
    parseConversationTargetId(accountId, message.conversationId);
  const toCount = (group: string, count: BackendCount) => toTeamReceipt(accountId, group, count);

  return {
    async sendP2PMessageReceipt(message) {
      await call({
        method: 'POST',
        path: '/receipts/direct',
        body: {
          peer: parseConversationTargetId(accountId, message.conversationId),
          message_id: message.messageServerId,
          sent_at: message.createTime,
        },
      });
    },

    async getP2PMessageReceipt(conversationId): Promise<P2PMessageReadReceipt> {
      const peer = parseConversationTargetId(accountId, conversationId);
      const body = (await call({
        method: 'GET',
        path: `/receipts/direct?peer=${encodeURIComponent(peer)}`,
      })) as { read_up_to?: number };
      return { conversationId, timestamp: body.read_up_to ?? 0 };
    },

    async sendTeamMessageReceipts(messages) {
      const [first] = messages;
      if (!first) return;
      await call({
        method: 'POST',
        path: '/receipts/group',
        body: { group: groupOf(first), message_ids: messages.map((m) => m.messageServerId) },
      });
    },

    async getTeamMessageReceipts(messages) {
      const [first] = messages;
      if (!first) return [];
      const group = groupOf(first);
      const body = (await call({
        method: 'POST',
        path: '/receipts/group/counts',
        body: { group, message_ids: messages.map((m) => m.messageServerId) },
      })) as { counts: BackendCount[] };
      return body.counts.map((count) => toCount(group, count));
    },

    async getTeamMessageReceiptDetail(
      message,
      memberAccountIds,
    ): Promise<TeamMessageReadReceiptDetail> {
      const group = groupOf(message);
      const body = (await call({
        method: 'POST',
        path: '/receipts/group/detail',
        body: {
          group,
          message_id: message.messageServerId,
          ...(memberAccountIds?.length ? { members: memberAccountIds } : {}),
        },
      })) as { read_by: string[]; unread_by: string[]; count: BackendCount };
      return {
        readReceipt: toCount(group, body.count),
        readAccountList: body.read_by,
        unreadAccountList: body.unread_by,
      };
    },

    subscribe(listener) {
      const onMessage = (event: { data: unknown }) => {
        const transportEvent = toTransportEvent(accountId, event.data);
        if (transportEvent) listener(transportEvent);
      };
      socket.addEventListener('message', onMessage);
      return () => socket.removeEventListener('message', onMessage);
    },

    getConnectionState: () => connectionState(socket),

    subscribeConnectionState(listener) {
      const onChange = () => listener(connectionState(socket));
      socket.addEventListener('open', onChange);
      socket.addEventListener('close', onChange);
      return () => {
        socket.removeEventListener('open', onChange);
        socket.removeEventListener('close', onChange);
      };
    },

    ...(getLoginUser ? { getLoginUser } : {}),
  };
}

/** The backend's count in NIM's shape. */
function toTeamReceipt(
  accountId: string,
  group: string,
  count: BackendCount,
): TeamMessageReadReceipt {
  return {
    conversationId: teamConversationId(accountId, group),
    messageServerId: count.message_id,
    messageClientId: count.client_id,
    readCount: count.read,
    unreadCount: count.unread,
    ...(count.last_reader ? { latestReadAccount: count.last_reader } : {}),
  };
}

function connectionState(socket: SocketLike): ConnectionState {
  return socket.readyState === 1
    ? 'connected'
    : socket.readyState === 0
      ? 'connecting'
      : 'disconnected';
}

/**
 * Maps a push to the engine's events. Anything unknown or malformed is ignored: a bad frame from the
 * server must never break the app.
 */
function toTransportEvent(accountId: string, data: unknown): TransportEvent | undefined {
  let push: Record<string, unknown>;
  try {
    push = typeof data === 'string' ? JSON.parse(data) : (data as Record<string, unknown>);
  } catch {
    return undefined;
  }
  if (typeof push !== 'object' || push === null) return undefined;
  switch (push.event) {
    case 'direct.read':
      // `peer` read my messages up to `read_up_to` (the sent time of the newest one they saw).
      if (typeof push.peer !== 'string' || typeof push.read_up_to !== 'number') return undefined;
      return {
        type: 'p2pReceipts',
        receipts: [
          { conversationId: p2pConversationId(accountId, push.peer), timestamp: push.read_up_to },
        ],
      };
    case 'group.counts': {
      if (typeof push.group !== 'string' || !Array.isArray(push.counts)) return undefined;
      const group = push.group;
      return {
        type: 'teamReceipts',
        // Entries that are not counts are skipped (the engine checks each receipt's fields too).
        receipts: push.counts
          .filter((count): count is BackendCount => typeof count === 'object' && count !== null)
          .map((count) => toTeamReceipt(accountId, group, count)),
      };
    }
    case 'self.read':
      // I read this conversation on another device: this device stops showing it as unread.
      if (typeof push.peer !== 'string' || typeof push.read_up_to !== 'number') return undefined;
      return {
        type: 'selfReadTime',
        conversationId: p2pConversationId(accountId, push.peer),
        readTime: push.read_up_to,
      };
    default:
      return undefined;
  }
}

/** The HTTP statuses with a NIM code of their own. */
const CODE_OF_STATUS: Record<number, number> = {
  400: ReceiptErrorCode.INVALID_PARAMETER,
  401: ReceiptErrorCode.ILLEGAL_STATE, // signed out: retried, and goes once signed in again
  404: ReceiptErrorCode.MESSAGE_NOT_EXIST,
  408: ReceiptErrorCode.TIMEOUT,
  409: ReceiptErrorCode.TEAM_MESSAGE_READ_RECEIPT_DISABLED, // receipts are off for this group
  429: ReceiptErrorCode.RATE_LIMIT_REACHED,
  504: ReceiptErrorCode.TIMEOUT,
};

/** HTTP status → NIM code, so the engine's retry and "unavailable" logic understands the backend. */
export function toReceiptError(error: unknown): ReceiptError {
  if (error instanceof ReceiptError) return error;
  const status = (error as { status?: unknown } | null)?.status;
  const code =
    typeof status !== 'number'
      ? ReceiptErrorCode.DISCONNECTED // no HTTP answer at all: the network is down (retryable)
      : (CODE_OF_STATUS[status] ??
        // Other 5xx: the server may recover, try again later. Other 4xx: this request will always
        // be refused, so retrying it would go on for as long as the engine lives.
        (status >= 500 ? ReceiptErrorCode.DISCONNECTED : ReceiptErrorCode.INVALID_PARAMETER));
  return new ReceiptError(code, `receipt request failed (${String(status ?? 'network')})`, error);
}

/** An {@link HttpClient} over `fetch`, for a backend at `baseUrl` that takes a bearer token. */
export function fetchHttpClient({
  baseUrl,
  getToken,
}: {
  baseUrl: string;
  getToken: () => string;
}): HttpClient {
  return async ({ method, path, body }) => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${getToken()}` },
      // Spread, not `body: undefined`: apps with exactOptionalPropertyTypes reject the latter.
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw { status: response.status };
    return response.status === 204 ? undefined : response.json();
  };
}

/** Your chat backend's message as this example assumes it. */
export interface BackendMessage {
  client_id: string;
  /** Empty until the backend accepted the message. */
  id: string;
  sent_at: number;
  from: string;
  /** The peer's account (direct) or the group id. */
  to: string;
  kind: 'direct' | 'group';
  wants_receipt?: boolean;
  text?: string;
}

/**
 * Your message in the shape Readmark reads. Keep your own object for rendering and pass this one to
 * the components and hooks (or build it once when messages arrive).
 */
export function toReceiptMessage(
  accountId: string,
  message: BackendMessage,
): ReceiptMessage & { text?: string } {
  const isOwn = message.from === accountId;
  const target = message.kind === 'direct' ? (isOwn ? message.to : message.from) : message.to;
  return {
    messageClientId: message.client_id,
    messageServerId: message.id,
    createTime: message.sent_at,
    senderId: message.from,
    receiverId: message.to,
    conversationType: message.kind === 'direct' ? ConversationType.P2P : ConversationType.TEAM,
    conversationId:
      message.kind === 'direct'
        ? p2pConversationId(accountId, target)
        : teamConversationId(accountId, target),
    isSelf: isOwn,
    sendingState: message.id ? 1 : 3,
    messageConfig: { readReceiptEnabled: message.wants_receipt === true },
    ...(message.text === undefined ? {} : { text: message.text }),
  };
}
