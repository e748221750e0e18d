/**
 * An in-process stand-in for a chat backend with a REST API and a WebSocket, used to run the custom
 * transport example (restReceiptTransport.ts) in tests and Storybook. It keeps receipts the way a
 * real backend would: P2P "read up to" times, and per-message reader sets for groups.
 */
import type { BackendMessage, HttpClient, SocketLike } from './restReceiptTransport';

type Listener = (event: { data: unknown }) => void;

/** A WebSocket look-alike whose connection the test controls. */
export class FakeSocket implements SocketLike {
  readyState = 1;
  private readonly listeners = {
    open: new Set<() => void>(),
    close: new Set<() => void>(),
    message: new Set<Listener>(),
  };

  addEventListener(type: 'open' | 'close' | 'message', listener: (() => void) | Listener): void {
    (this.listeners[type] as Set<typeof listener>).add(listener);
  }

  removeEventListener(type: 'open' | 'close' | 'message', listener: (() => void) | Listener): void {
    (this.listeners[type] as Set<typeof listener>).delete(listener);
  }

  /** Delivers a push as a JSON text frame, like a real socket, on a later microtask. */
  push(payload: unknown): void {
    if (this.readyState !== 1) return;
    const data = JSON.stringify(payload);
    queueMicrotask(() => {
      for (const listener of this.listeners.message) listener({ data });
    });
  }

  /** Simulates the connection dropping (1 → 3) or coming back (3 → 1). */
  setOpen(isOpen: boolean): void {
    this.readyState = isOpen ? 1 : 3;
    for (const listener of this.listeners[isOpen ? 'open' : 'close']) listener();
  }
}

interface GroupMessage {
  message: BackendMessage;
  /** Members at send time, minus the sender: who can read it. */
  eligible: Set<string>;
  readers: Set<string>;
  lastReader?: string;
}

/** Creates the fake backend. Every account gets one socket per `connect`. */
export function createFakeChatBackend({ now = () => Date.now() }: { now?: () => number } = {}) {
  let sequence = 0;
  let lastTime = 0;
  const groups = new Map<string, string[]>();
  const groupMessages = new Map<string, GroupMessage>();
  const messages: BackendMessage[] = [];
  /** `${sender}>${reader}` → the sent time of the newest message of sender's that reader read. */
  const directReadUpTo = new Map<string, number>();
  const sockets = new Map<string, Set<FakeSocket>>();
  /** Answers the next requests to `route` ("POST /receipts/direct") with this status, `times` times. */
  const failures: { route: string; status?: number; times: number }[] = [];
  const requests: { accountId: string; method: string; path: string }[] = [];

  const pushTo = (accountId: string, payload: unknown, except?: FakeSocket) => {
    for (const socket of sockets.get(accountId) ?? []) if (socket !== except) socket.push(payload);
  };
  const countOf = (entry: GroupMessage) => ({
    message_id: entry.message.id,
    client_id: entry.message.client_id,
    read: entry.readers.size,
    unread: entry.eligible.size - entry.readers.size,
    ...(entry.lastReader ? { last_reader: entry.lastReader } : {}),
  });

  function handle(
    accountId: string,
    method: string,
    path: string,
    body: Record<string, unknown>,
  ): unknown {
    const [route, query = ''] = path.split('?');
    const params = new URLSearchParams(query);
    if (method === 'POST' && route === '/receipts/direct') {
      const sender = String(body.peer);
      const sentAt = Number(body.sent_at);
      if (!sender || !Number.isFinite(sentAt)) throw { status: 400 };
      const key = `${sender}>${accountId}`;
      if (sentAt > (directReadUpTo.get(key) ?? 0)) {
        directReadUpTo.set(key, sentAt);
        pushTo(sender, { event: 'direct.read', peer: accountId, read_up_to: sentAt });
        pushTo(accountId, { event: 'self.read', peer: sender, read_up_to: sentAt });
      }
      return undefined;
    }
    if (method === 'GET' && route === '/receipts/direct') {
      return { read_up_to: directReadUpTo.get(`${accountId}>${params.get('peer')}`) ?? 0 };
    }
    const group = String(body.group);
    const ids = Array.isArray(body.message_ids) ? body.message_ids.map(String) : [];
    if (method === 'POST' && route === '/receipts/group') {
      const changedBySender = new Map<string, GroupMessage[]>();
      for (const id of ids) {
        const entry = groupMessages.get(id);
        if (!entry || entry.message.to !== group || !entry.eligible.has(accountId)) continue;
        if (entry.readers.has(accountId)) continue;
        entry.readers.add(accountId);
        entry.lastReader = accountId;
        const changed = changedBySender.get(entry.message.from) ?? [];
        changed.push(entry);
        changedBySender.set(entry.message.from, changed);
      }
      for (const [sender, entries] of changedBySender) {
        pushTo(sender, { event: 'group.counts', group, counts: entries.map(countOf) });
      }
      return undefined;
    }
    if (method === 'POST' && route === '/receipts/group/counts') {
      return {
        counts: ids
          .map((id) => groupMessages.get(id))
          .filter((entry) => entry?.message.from === accountId && entry.message.wants_receipt)
          .map((entry) => countOf(entry!)),
      };
    }
    if (method === 'POST' && route === '/receipts/group/detail') {
      const entry = groupMessages.get(String(body.message_id));
      if (!entry || entry.message.from !== accountId) throw { status: 404 };
      const only = Array.isArray(body.members) ? new Set(body.members.map(String)) : undefined;
      const keep = (id: string) => !only || only.has(id);
      const readBy = [...entry.readers].filter(keep);
      const unreadBy = [...entry.eligible].filter((id) => !entry.readers.has(id) && keep(id));
      return {
        read_by: readBy,
        unread_by: unreadBy,
        count: { ...countOf(entry), read: readBy.length, unread: unreadBy.length },
      };
    }
    throw { status: 404 };
  }

  return {
    /** Creates a group (advanced team) with these members. */
    createGroup(groupId: string, memberIds: string[]) {
      groups.set(groupId, [...memberIds]);
    },

    /** Stores a message as your chat backend would and returns it (with server id and time). */
    sendMessage(
      from: string,
      draft: { to: string; kind: 'direct' | 'group'; text: string; wantsReceipt?: boolean },
    ): BackendMessage {
      sequence += 1;
      lastTime = Math.max(lastTime + 1, now());
      const message: BackendMessage = {
        client_id: `c${sequence}`,
        id: `s${sequence}`,
        sent_at: lastTime,
        from,
        to: draft.to,
        kind: draft.kind,
        wants_receipt: draft.wantsReceipt === true,
        text: draft.text,
      };
      messages.push(message);
      if (draft.kind === 'group') {
        const members = groups.get(draft.to) ?? [];
        groupMessages.set(message.id, {
          message,
          eligible: new Set(members.filter((id) => id !== from)),
          readers: new Set(),
        });
      }
      return message;
    },

    /** The messages one account can see in a conversation, oldest first. */
    history(accountId: string, { kind, with: other }: { kind: 'direct' | 'group'; with: string }) {
      return messages.filter((message) =>
        kind === 'group'
          ? message.kind === 'group' && message.to === other
          : message.kind === 'direct' &&
            ((message.from === accountId && message.to === other) ||
              (message.from === other && message.to === accountId)),
      );
    },

    /** The HTTP client of one logged-in account (answers on a later microtask, like the network). */
    httpFor(accountId: string): HttpClient {
      return async ({ method, path, body }) => {
        await Promise.resolve();
        requests.push({ accountId, method, path });
        const route = `${method} ${path.split('?')[0]}`;
        const failure = failures.find((entry) => entry.route === route && entry.times > 0);
        if (failure) {
          failure.times -= 1;
          throw failure.status === undefined
            ? new TypeError('Failed to fetch')
            : { status: failure.status };
        }
        // Round-trip through JSON so nothing is shared by reference with the "server".
        const json = body === undefined ? {} : JSON.parse(JSON.stringify(body));
        const answer = handle(accountId, method, path, json);
        return answer === undefined ? undefined : JSON.parse(JSON.stringify(answer));
      };
    },

    /** Opens a push connection for one device of `accountId`. */
    connect(accountId: string): FakeSocket {
      const socket = new FakeSocket();
      const set = sockets.get(accountId) ?? new Set();
      set.add(socket);
      sockets.set(accountId, set);
      return socket;
    },

    /**
     * Makes the next `times` requests to `route` (e.g. `'POST /receipts/direct'`) fail with HTTP
     * `status`, or with a network error when `status` is omitted.
     */
    failNext(route: string, { status, times = 1 }: { status?: number; times?: number } = {}) {
      failures.push({ route, times, ...(status === undefined ? {} : { status }) });
    },

    /** Every request made so far, for assertions. */
    requests,
  };
}

/** The fake backend's type. */
export type FakeChatBackend = ReturnType<typeof createFakeChatBackend>;
