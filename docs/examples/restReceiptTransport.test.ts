import {
  createReceiptEngine,
  type ReceiptEngine,
  type ReceiptEngineOptions,
  ReceiptError,
  selectMessageStatus,
  selectTeamReceipt,
  teamMessageKey,
} from '@readmark/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeChatBackend, type FakeChatBackend } from './fakeChatBackend';
import {
  createRestReceiptTransport,
  toReceiptError,
  toReceiptMessage,
} from './restReceiptTransport';

const engines: ReceiptEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

/** One logged-in device: its socket, its transport and a real engine on top. */
function device(
  backend: FakeChatBackend,
  accountId: string,
  onError?: ReceiptEngineOptions['onError'],
) {
  const socket = backend.connect(accountId);
  const transport = createRestReceiptTransport({
    accountId,
    http: backend.httpFor(accountId),
    socket,
  });
  const engine = createReceiptEngine({
    transport,
    accountId,
    flushDelayMs: 0,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    onError,
  });
  engines.push(engine);
  return { socket, transport, engine };
}

describe('the custom transport example, through the real engine', () => {
  it('P2P: Bob reads on his phone, Alice sees "read" live and after a reload', async () => {
    const backend = createFakeChatBackend();
    const alice = device(backend, 'alice');
    const bob = device(backend, 'bob');
    const sent = backend.sendMessage('alice', { to: 'bob', kind: 'direct', text: 'hi' });
    const aliceCopy = toReceiptMessage('alice', sent);
    const bobCopy = toReceiptMessage('bob', sent);
    expect(aliceCopy.conversationId).toBe('alice|1|bob');
    expect(bobCopy.conversationId).toBe('bob|1|alice');

    await alice.engine.loadConversation('alice|1|bob');
    expect(selectMessageStatus(alice.engine.store.getState(), aliceCopy)).toBe('sent');

    bob.engine.markRead([bobCopy]);
    await vi.waitFor(() =>
      expect(selectMessageStatus(alice.engine.store.getState(), aliceCopy)).toBe('read'),
    );
    expect(backend.requests.filter((r) => r.path === '/receipts/direct')).toEqual([
      { accountId: 'bob', method: 'POST', path: '/receipts/direct' },
    ]);

    // A fresh device of Alice's learns it from the REST query, not the push.
    const laptop = device(backend, 'alice');
    await laptop.engine.loadConversation('alice|1|bob');
    expect(selectMessageStatus(laptop.engine.store.getState(), aliceCopy)).toBe('read');
  });

  it('teams: counts load, go down as members read, and the detail lists who read', async () => {
    const backend = createFakeChatBackend();
    backend.createGroup('g1', ['alice', 'bob', 'carol', 'dave']);
    const alice = device(backend, 'alice');
    const sent = backend.sendMessage('alice', {
      to: 'g1',
      kind: 'group',
      text: 'lunch?',
      wantsReceipt: true,
    });
    const message = toReceiptMessage('alice', sent);
    expect(message.conversationId).toBe('alice|2|g1');
    const stopCounts = alice.engine.watchTeamCounts(message);
    await vi.waitFor(() =>
      expect(selectTeamReceipt(alice.engine.store.getState(), message)).toMatchObject({
        readCount: 0,
        unreadCount: 3,
      }),
    );

    for (const reader of ['bob', 'carol']) {
      device(backend, reader).engine.markRead([toReceiptMessage(reader, sent)]);
    }
    await vi.waitFor(() =>
      expect(selectTeamReceipt(alice.engine.store.getState(), message)).toMatchObject({
        readCount: 2,
        unreadCount: 1,
      }),
    );
    stopCounts();

    const detail = await alice.transport.getTeamMessageReceiptDetail(message);
    expect(detail.readAccountList.sort()).toEqual(['bob', 'carol']);
    expect(detail.unreadAccountList).toEqual(['dave']);
    const filtered = await alice.transport.getTeamMessageReceiptDetail(message, ['dave', 'bob']);
    expect(filtered).toMatchObject({
      readAccountList: ['bob'],
      unreadAccountList: ['dave'],
      readReceipt: { readCount: 1, unreadCount: 1 },
    });
  });

  it('maps HTTP failures to NIM codes, and the engine retries the retryable ones', async () => {
    const backend = createFakeChatBackend();
    const alice = device(backend, 'alice');
    const bob = device(backend, 'bob');
    const sent = backend.sendMessage('alice', { to: 'bob', kind: 'direct', text: 'hi' });

    // The table in docs/custom-transport.md.
    const failures = [
      new TypeError('Failed to fetch'),
      429,
      504,
      408,
      500,
      503,
      401,
      400,
      403,
      404,
    ];
    const codes = [...failures, 409, 413, 422].map(
      (failure) => toReceiptError(typeof failure === 'number' ? { status: failure } : failure).code,
    );
    expect(codes).toEqual([
      192001, 416, 191005, 191005, 192001, 192001, 190002, 191004, 191004, 107404, 108312, 191004,
      191004,
    ]);

    backend.failNext('POST /receipts/direct', { status: 400 });
    await expect(
      bob.transport.sendP2PMessageReceipt(toReceiptMessage('bob', sent)),
    ).rejects.toEqual(expect.objectContaining({ name: 'ReceiptError', code: 191004 }));
    backend.failNext('POST /receipts/direct', { status: 429 });
    const rateLimited = await bob.transport
      .sendP2PMessageReceipt(toReceiptMessage('bob', sent))
      .catch((error: unknown) => error);
    expect(rateLimited).toBeInstanceOf(ReceiptError);
    expect((rateLimited as ReceiptError).code).toBe(416);

    // A network error, then a rate limit: the engine retries until the receipt lands.
    backend.failNext('POST /receipts/direct', { times: 1 });
    backend.failNext('POST /receipts/direct', { status: 429, times: 1 });
    const onError = vi.fn();
    const retrying = device(backend, 'bob', onError).engine;
    const aliceCopy = toReceiptMessage('alice', sent);
    retrying.markRead([toReceiptMessage('bob', sent)]);
    await vi.waitFor(() =>
      expect(selectMessageStatus(alice.engine.store.getState(), aliceCopy)).toBe('read'),
    );
    expect(onError).not.toHaveBeenCalled();
    // Two direct calls above, then the engine's three tries.
    expect(
      backend.requests.filter((r) => r.method === 'POST' && r.path === '/receipts/direct'),
    ).toHaveLength(5);
  });

  it('reports the socket as the connection and ignores malformed pushes', async () => {
    const backend = createFakeChatBackend();
    const alice = device(backend, 'alice');
    const states: string[] = [];
    const stop = alice.transport.subscribeConnectionState!((state) => states.push(state));
    expect(alice.transport.getConnectionState!()).toBe('connected');
    alice.socket.setOpen(false);
    expect(alice.transport.getConnectionState!()).toBe('disconnected');
    alice.socket.setOpen(true);
    expect(states).toEqual(['disconnected', 'connected']);
    stop();

    const events: unknown[] = [];
    const unsubscribe = alice.transport.subscribe((event) => events.push(event));
    for (const junk of [
      'not json',
      { event: 'direct.read' },
      { event: 'unknown' },
      null,
      { event: 'group.counts', group: 'g1', counts: [null, 7] },
    ]) {
      alice.socket.push(junk);
    }
    alice.socket.push({ event: 'direct.read', peer: 'bob', read_up_to: 42 });
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events).toEqual([
      { type: 'teamReceipts', receipts: [] },
      { type: 'p2pReceipts', receipts: [{ conversationId: 'alice|1|bob', timestamp: 42 }] },
    ]);
    unsubscribe();
  });

  it("one browser session switched from alice to bob: alice's engine, going with receipts to send, sends none with bob's token", async () => {
    const backend = createFakeChatBackend();
    backend.createGroup('g1', ['alice', 'bob', 'carol']);
    const toAlice = backend.sendMessage('carol', { to: 'alice', kind: 'direct', text: 'hi' });
    const toGroup = backend.sendMessage('carol', {
      to: 'g1',
      kind: 'group',
      text: 'lunch?',
      wantsReceipt: true,
    });
    // The app's one HTTP client sends the current session's token, whoever's engine calls it.
    let session = 'alice';
    const engine = createReceiptEngine({
      accountId: 'alice',
      transport: createRestReceiptTransport({
        accountId: 'alice',
        http: (request) => backend.httpFor(session)(request),
        socket: backend.connect('alice'),
        getLoginUser: () => session,
      }),
    });
    engines.push(engine);
    engine.markRead([toReceiptMessage('alice', toAlice), toReceiptMessage('alice', toGroup)]);
    // Within the flush window the user logs in as bob; the app then drops alice's engine, which
    // had nobody to take its receipts (no storage, no other engine of alice's).
    session = 'bob';
    engine.dispose();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(backend.requests.filter((request) => request.method === 'POST')).toEqual([]);
    // Carol's group message is not read by bob, who never saw it.
    const carol = device(backend, 'carol');
    const detail = await carol.transport.getTeamMessageReceiptDetail(
      toReceiptMessage('carol', toGroup),
    );
    expect(detail.readAccountList).toEqual([]);
  });

  it("one browser session switched from alice to bob: alice's engine, still running, asks nothing with bob's token, so bob's reads never show as hers", async () => {
    const backend = createFakeChatBackend();
    backend.createGroup('g1', ['alice', 'bob', 'carol']);
    const toCarol = backend.sendMessage('alice', { to: 'carol', kind: 'direct', text: 'hi' });
    const toGroup = backend.sendMessage('alice', {
      to: 'g1',
      kind: 'group',
      text: 'lunch?',
      wantsReceipt: true,
    });
    const bobToCarol = backend.sendMessage('bob', { to: 'carol', kind: 'direct', text: 'yo' });
    // Carol reads bob's message, not alice's.
    const carol = device(backend, 'carol');
    carol.engine.markRead([toReceiptMessage('carol', bobToCarol)]);
    await vi.waitFor(() =>
      expect(backend.requests.filter((request) => request.method === 'POST')).toHaveLength(1),
    );
    const carolsRequests = backend.requests.length;
    let session = 'alice';
    const engine = createReceiptEngine({
      accountId: 'alice',
      transport: createRestReceiptTransport({
        accountId: 'alice',
        http: (request) => backend.httpFor(session)(request),
        socket: backend.connect('alice'),
        getLoginUser: () => session,
      }),
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    engines.push(engine);
    const aliceCopy = toReceiptMessage('alice', toCarol);
    const groupCopy = toReceiptMessage('alice', toGroup);
    // The user logs in as bob; alice's screen is still up before the app replaces her engine: her
    // chat with carol opens, her group message's badge shows and its sheet opens. Asked with bob's
    // token, "how far has carol read?" is answered for bob's messages: alice's tick would say read.
    session = 'bob';
    await engine.loadConversation('alice|1|carol');
    engine.watchTeamCounts(groupCopy);
    engine.watchTeamDetail(groupCopy);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(selectMessageStatus(engine.store.getState(), aliceCopy)).toBe('sent');
    expect(backend.requests.slice(carolsRequests)).toEqual([]);
    // Back in alice's session, her chat, badge and sheet ask as her.
    session = 'alice';
    await engine.loadConversation('alice|1|carol');
    await vi.waitFor(() => {
      const state = engine.store.getState();
      expect(selectTeamReceipt(state, groupCopy)).toMatchObject({ readCount: 0, unreadCount: 2 });
      expect(state.teamDetails[teamMessageKey('alice|2|g1', groupCopy.messageClientId)]).toEqual({
        status: 'ready',
        readAccountList: [],
        unreadAccountList: ['bob', 'carol'],
      });
    });
    expect(selectMessageStatus(engine.store.getState(), aliceCopy)).toBe('sent');
    const asked = backend.requests.slice(carolsRequests);
    expect(asked.filter((request) => request.accountId !== 'alice')).toEqual([]);
    expect(asked.filter((request) => request.method === 'GET')).toEqual([
      { accountId: 'alice', method: 'GET', path: '/receipts/direct?peer=carol' },
    ]);
  });
});
