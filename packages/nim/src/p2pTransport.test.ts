import { createReceiptEngine, ReceiptError } from '@readmark/core';
import { describe, expect, it, vi } from 'vitest';
import { createNimTransport } from './createNimTransport';
import { copyOf, createTransportScenario, expectReceiptError } from './transport.testkit';

async function p2pChat() {
  const scenario = createTransportScenario();
  const a1 = scenario.device('A');
  const b1 = scenario.device('B');
  const m1 = await scenario.send(a1, { to: 'A|1|B', at: 100 });
  const m2 = await scenario.send(a1, { to: 'A|1|B', at: 200 });
  await scenario.server.settle();
  return { ...scenario, a1, b1, m1, m2 };
}

describe('SPEC section 7, P2P scenarios through createNimTransport', () => {
  it('1: the engine receives one p2pReceipts event with the watermark', async () => {
    const { server, a1, b1, m2 } = await p2pChat();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await server.settle();
    expect(a1.events).toEqual([
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: 200 }] },
    ]);
    expect(b1.events).toEqual([]);
  });

  it('2-3: getP2PMessageReceipt reports the watermark of the newest acknowledged message', async () => {
    const { server, a1, b1, m1 } = await p2pChat();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m1));
    await server.settle();
    expect(await a1.transport.getP2PMessageReceipt('A|1|B')).toEqual({
      conversationId: 'A|1|B',
      timestamp: 100,
    });
  });

  it('4-5: stale and duplicate receipts reach the engine at most once', async () => {
    const { server, a1, b1, m1, m2 } = await p2pChat();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m1));
    await server.settle();
    expect(a1.events).toHaveLength(1);
    expect((await a1.transport.getP2PMessageReceipt('A|1|B')).timestamp).toBe(200);
  });

  it('4, 6-8: own, bad and self-chat messages reject with ReceiptError 191004; a foreign one is refused', async () => {
    const { server, send, device, a1, b1, m1, m2 } = await p2pChat();
    await expectReceiptError(a1.transport.sendP2PMessageReceipt(m1), 191004);
    const received = copyOf(b1, m2);
    await expectReceiptError(b1.transport.sendP2PMessageReceipt(null as never), 191004);
    await expectReceiptError(b1.transport.sendP2PMessageReceipt('m2' as never), 191004);
    await expectReceiptError(
      b1.transport.sendP2PMessageReceipt({ ...received, conversationType: 2 }),
      191004,
    );
    await expectReceiptError(
      b1.transport.sendP2PMessageReceipt({ ...received, messageClientId: '' }),
      191004,
    );
    await expectReceiptError(
      b1.transport.sendP2PMessageReceipt({ ...received, createTime: '200' as never }),
      191004,
    );
    // P4: C cannot acknowledge a message addressed to B. The server says 191004; the transport
    // refuses it first, as the SDK being logged in as another account than the receipt's (190002,
    // held and retried by an engine, never dropped: see the account-switch test below).
    const c1 = device('C');
    await expectReceiptError(c1.transport.sendP2PMessageReceipt(received), 190002);
    const note = await send(a1, { to: 'A|1|A', at: 300 });
    await expectReceiptError(a1.transport.sendP2PMessageReceipt(note), 191004);
    await server.settle();
    expect(a1.events).toEqual([]);
  });

  it("7: a real team or super-team message gets the SDK's 191004, not the account-switch 190002 (P1 step 2 comes first)", async () => {
    const scenario = createTransportScenario();
    scenario.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const a1 = scenario.device('A');
    const b1 = scenario.device('B');
    const g1 = await scenario.send(a1, { to: 'A|2|T1', at: 100, isFlagged: true });
    const m1 = await scenario.send(a1, { to: 'A|1|B', at: 200 });
    await scenario.server.settle();
    // B's copy of a team message is addressed to the team (receiverId T1), not to B.
    const teamCopy = copyOf(b1, g1);
    expect(teamCopy.receiverId).toBe('T1');
    await expectReceiptError(b1.transport.sendP2PMessageReceipt(teamCopy), 191004);
    await expectReceiptError(
      b1.transport.sendP2PMessageReceipt({ ...teamCopy, conversationType: 3 }),
      191004,
    );
    // A malformed P2P copy that another account would receive fails its field checks first too.
    const c1 = scenario.device('C');
    await expectReceiptError(
      c1.transport.sendP2PMessageReceipt({ ...copyOf(b1, m1), messageClientId: '' }),
      191004,
    );
    await expectReceiptError(
      c1.transport.sendP2PMessageReceipt({ ...copyOf(b1, m1), createTime: '200' as never }),
      191004,
    );
    await scenario.server.settle();
    expect(a1.events).toEqual([]);
  });

  it('P4: after the NIM instance switches accounts, a receipt for the old account is held, never sent from the new account (10.8.1 does not check receiverId)', async () => {
    const { b1, m2 } = await p2pChat();
    // One NIM instance, logged in as B, then as C (its onLoginStatus(1) fires before login()
    // resolves, while B's engine still holds a receipt for m2). 10.8.1 sends whatever it is given.
    let account = 'B';
    const forwarded: unknown[] = [];
    const transport = createNimTransport({
      V2NIMMessageService: {
        ...b1.client.V2NIMMessageService,
        sendP2PMessageReceipt: async (message) => {
          forwarded.push(message);
        },
      },
      V2NIMLoginService: { ...b1.client.V2NIMLoginService, getLoginUser: () => account },
    });
    const received = copyOf(b1, m2);
    await transport.sendP2PMessageReceipt(received);
    expect(forwarded).toHaveLength(1);
    account = 'C';
    const rejection = transport.sendP2PMessageReceipt(received);
    await expectReceiptError(rejection, 190002);
    await expect(rejection).rejects.toThrow(
      'the SDK is logged in as C: the message is not addressed to it',
    );
    // Logged out (the SDK's getLoginUser gives ""): left to the SDK, which fails for its own reason.
    account = '';
    await transport.sendP2PMessageReceipt(received);
    expect(forwarded).toHaveLength(2);
  });

  it('an engine of the old account keeps its receipt through an account switch: no error, kept in its storage', async () => {
    const { server, b1, m2 } = await p2pChat();
    let account = 'B';
    const transport = createNimTransport({
      ...b1.client,
      V2NIMLoginService: { ...b1.client.V2NIMLoginService, getLoginUser: () => account },
    });
    const saved: unknown[][] = [];
    const storage = {
      load: () => [],
      save: (_accountId: string, messages: readonly unknown[]) => {
        saved.push([...messages]);
      },
    };
    const onError = vi.fn();
    const engine = createReceiptEngine({ transport, accountId: 'B', onError, storage });
    // Its storage loaded (a few promise jobs; nothing else would wait for them: the engine asks the
    // server nothing after the switch).
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The same NIM instance logs in as C (its onLoginStatus(1) comes before login() resolves)
    // while B's engine still marks what B's screen showed.
    account = 'C';
    engine.markRead([copyOf(b1, m2) as never]);
    engine.flush();
    await server.settle();
    await Promise.resolve();
    engine.dispose();
    expect(onError).not.toHaveBeenCalled();
    // Kept for B's next engine (the page after a reload, or B logging in again).
    expect(saved.at(-1)).toHaveLength(1);
    expect(server.login('A').V2NIMMessageService.isPeerRead(m2 as never)).toBe(false);
  });

  it('10: bad conversation ids reject with 191004; an unknown peer gives 0', async () => {
    const { a1 } = await p2pChat();
    await expectReceiptError(a1.transport.getP2PMessageReceipt('A|2|T1'), 191004);
    await expectReceiptError(a1.transport.getP2PMessageReceipt('X|1|B'), 191004);
    await expectReceiptError(a1.transport.getP2PMessageReceipt(''), 191004);
    await expectReceiptError(a1.transport.getP2PMessageReceipt(42 as never), 191004);
    expect(await a1.transport.getP2PMessageReceipt('A|1|Z')).toEqual({
      conversationId: 'A|1|Z',
      timestamp: 0,
    });
  });

  it('11: a logged-out device rejects with 190002 and reports "disconnected"', async () => {
    const { server, a1 } = await p2pChat();
    const states: string[] = [];
    a1.transport.subscribeConnectionState?.((state) => states.push(state));
    expect(a1.transport.getConnectionState?.()).toBe('connected');
    a1.client.logout();
    await server.settle();
    await expectReceiptError(a1.transport.getP2PMessageReceipt('A|1|B'), 190002);
    expect(a1.transport.getConnectionState?.()).toBe('disconnected');
    a1.client.login();
    await server.settle();
    // Each of the SDK's status events reports: logout (login 0, connect 0), then login (login 2,
    // connect 2, connect 1, login 1); logged out is "disconnected" even while still connected.
    expect(states).toEqual([
      'disconnected',
      'disconnected',
      'disconnected',
      'connecting',
      'connecting',
      'connected',
    ]);
  });

  it('12: both sender devices deliver the event to their engines', async () => {
    const { server, a1, b1, m2, device } = await p2pChat();
    const a2 = device('A');
    await server.settle();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await server.settle();
    const expected = {
      type: 'p2pReceipts',
      receipts: [{ conversationId: 'A|1|B', timestamp: 200 }],
    };
    expect(a1.events).toEqual([expected]);
    expect(a2.events).toEqual([expected]);
  });

  it('13: the reader second device receives selfReadTime, never p2pReceipts', async () => {
    const { server, b1, m2, device } = await p2pChat();
    const b2 = device('B');
    await server.settle();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await server.settle();
    expect(b2.events).toEqual([{ type: 'selfReadTime', conversationId: 'B|1|A', readTime: 200 }]);
    expect((await b2.transport.getP2PMessageReceipt('B|1|A')).timestamp).toBe(0);
  });

  it('14: an offline sender engine gets one batched event at login', async () => {
    const { server, send, a1, b1, m2, device } = await p2pChat();
    const c1 = device('C');
    const toC = await send(a1, { to: 'A|1|C', at: 300 });
    await server.settle();
    a1.client.logout();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await c1.transport.sendP2PMessageReceipt(copyOf(c1, toC));
    await server.settle();
    a1.client.login();
    await server.settle();
    expect(a1.events).toHaveLength(1);
    expect(a1.events[0]).toEqual({
      type: 'p2pReceipts',
      receipts: expect.arrayContaining([
        { conversationId: 'A|1|B', timestamp: 200 },
        { conversationId: 'A|1|C', timestamp: 300 },
      ]),
    });
  });

  it('15: an unflagged P2P message can be acknowledged through the transport', async () => {
    const { server, a1, b1, m1 } = await p2pChat();
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m1));
    await server.settle();
    expect(a1.events).toHaveLength(1);
  });
});

describe('createNimTransport mechanics', () => {
  it('unsubscribe removes exactly the SDK listeners it added, once', async () => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    const transport = createNimTransport(client);
    const counts = () => [
      client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts'),
      client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts'),
      client.V2NIMConversationService.listenerCount('onConversationReadTimeUpdated'),
      client.V2NIMLoginService.listenerCount('onConnectStatus'),
    ];
    const first = transport.subscribe(() => undefined);
    const second = transport.subscribe(() => undefined);
    const connection = transport.subscribeConnectionState?.(() => undefined);
    expect(counts()).toEqual([2, 2, 2, 1]);
    first();
    first();
    expect(counts()).toEqual([1, 1, 1, 1]);
    second();
    connection?.();
    expect(counts()).toEqual([0, 0, 0, 0]);
  });

  it('a listener unsubscribed during an SDK emit hears nothing more of that emit (eventemitter3 still calls a listener removed mid-emit)', async () => {
    // nim-web-sdk-ng emits through eventemitter3, whose emit loops over the listeners it started
    // with: `off` from an earlier listener of the same event does not stop the later one. The
    // memory server's Emitter does the same.
    const { server, device, send } = createTransportScenario();
    const a = device('A');
    const b = device('B');
    const m1 = await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    const heard: unknown[] = [];
    let stopEvents = () => {};
    let stopStates = () => {};
    // The app's own listeners, added before the kit's, stop the kit's listening.
    a.client.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', () => stopEvents());
    a.client.V2NIMLoginService.on('onLoginStatus', () => stopStates());
    stopEvents = a.transport.subscribe((event) => heard.push(event.type));
    stopStates = a.transport.subscribeConnectionState?.((state) => heard.push(state)) ?? stopStates;
    await b.transport.sendP2PMessageReceipt(copyOf(b, m1));
    await server.settle();
    a.client.logout();
    expect(heard).toEqual([]);
  });

  it('turns synchronous SDK throws into rejections with the SDK code (checkV2 throws 191001)', async () => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    const throwing = {
      ...client.V2NIMMessageService,
      getP2PMessageReceipt: () => {
        throw { name: 'V2NIMError', code: 191001, desc: 'misuse' };
      },
    };
    const transport = createNimTransport({ V2NIMMessageService: throwing });
    const result = transport.getP2PMessageReceipt('A|1|B');
    await expect(result).rejects.toBeInstanceOf(ReceiptError);
    await expect(result).rejects.toMatchObject({ code: 191001, message: 'misuse' });
  });

  it('an SDK throw without a NIM code (a TypeError) rejects with 191004, not the retryable 192006', async () => {
    const { server } = createTransportScenario();
    const client = server.login('B');
    const sdk = {
      ...client.V2NIMMessageService,
      // What 10.8.1's `validate` throws when it reads a field of a message it cannot use.
      sendP2PMessageReceipt: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'createTime')");
      },
      getTeamMessageReceipts: () => {
        throw new TypeError('t.some is not a function');
      },
    };
    const transport = createNimTransport({ V2NIMMessageService: sdk });
    const rejection = transport.sendP2PMessageReceipt({ conversationType: 1 } as never);
    await expectReceiptError(rejection, 191004);
    await expect(rejection).rejects.toMatchObject({ cause: expect.any(TypeError) });
    await expectReceiptError(transport.getTeamMessageReceipts([{}] as never), 191004);
  });

  it('P9: getP2PMessageReceipt never goes below a watermark seen before, even if the SDK cache does', async () => {
    const { server, b1, m2 } = await p2pChat();
    const a2 = server.login('A');
    // Web 10.8.1 overwrites its cache with any pushed value; imitate an SDK whose cache regressed.
    let isRegressed = false;
    const sdk = {
      ...a2.V2NIMMessageService,
      getP2PMessageReceipt: async (conversationId: string) =>
        isRegressed
          ? { conversationId, timestamp: 100 }
          : a2.V2NIMMessageService.getP2PMessageReceipt(conversationId),
    };
    const transport = createNimTransport({ V2NIMMessageService: sdk });
    const events: unknown[] = [];
    transport.subscribe((event) => events.push(event));
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await server.settle();
    expect(events).toHaveLength(1);
    isRegressed = true;
    expect(await transport.getP2PMessageReceipt('A|1|B')).toEqual({
      conversationId: 'A|1|B',
      timestamp: 200,
    });
  });

  it('works without a conversation or login service (connection state then absent)', async () => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    const transport = createNimTransport({ V2NIMMessageService: client.V2NIMMessageService });
    expect(transport.getConnectionState).toBeUndefined();
    const unsubscribe = transport.subscribe(() => undefined);
    unsubscribe();
    expect(client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(0);
  });

  it('ignores services the app did not register (the ESM build leaves them {}): subscribe works and leaves nothing behind', () => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    const transport = createNimTransport({
      V2NIMMessageService: client.V2NIMMessageService,
      V2NIMConversationService: {} as never,
      V2NIMLoginService: {} as never,
    });
    expect(transport.getSelfReadTime).toBeUndefined();
    expect(transport.getConnectionState).toBeUndefined();
    const unsubscribe = transport.subscribe(() => undefined);
    expect(client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(1);
    unsubscribe();
    expect(client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(0);
    expect(client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts')).toBe(0);
  });

  it('with local conversations only (an ESM build registering V2NIMLocalConversationService, 10.8+), the read time comes from that service', async () => {
    // The ESM build registers only the services the app imports; an app on local conversations
    // registers V2NIMLocalConversationService, which has the same getConversationReadTime and
    // onConversationReadTimeUpdated (the SDK routes the read-time sync packets to it), and leaves
    // V2NIMConversationService `{}`. The memory server's conversation service stands in for it.
    const { server, b1, m2 } = await p2pChat();
    const b2 = server.login('B');
    const local = b2.V2NIMConversationService;
    const transport = createNimTransport({
      V2NIMMessageService: b2.V2NIMMessageService,
      V2NIMConversationService: {} as never,
      V2NIMLocalConversationService: local,
      V2NIMLoginService: b2.V2NIMLoginService,
    });
    const events: unknown[] = [];
    const unsubscribe = transport.subscribe((event) => events.push(event));
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await server.settle();
    expect(events).toEqual([{ type: 'selfReadTime', conversationId: 'B|1|A', readTime: 200 }]);
    expect(await transport.getSelfReadTime?.('B|1|A')).toBe(200);
    unsubscribe();
    expect(local.listenerCount('onConversationReadTimeUpdated')).toBe(0);
    // The cloud service, when registered, is still the one used; the switch turns both off.
    const both = createNimTransport({ ...b2, V2NIMLocalConversationService: {} as never });
    expect(both.getSelfReadTime).toBeDefined();
    const off = createNimTransport(
      { ...b2, V2NIMConversationService: {} as never, V2NIMLocalConversationService: local },
      { isReadTimeSynced: false },
    );
    expect(off.getSelfReadTime).toBeUndefined();
  });

  it('an unregistered or incomplete V2NIMMessageService is refused at creation with 191004', () => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    expect(() => createNimTransport({ V2NIMMessageService: {} as never })).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
    expect(() => createNimTransport({ V2NIMMessageService: {} as never })).toThrow(
      /register it \(NIM\.registerService\)/,
    );
    const { getTeamMessageReceiptDetail: _missing, ...incomplete } = client.V2NIMMessageService;
    expect(() => createNimTransport({ V2NIMMessageService: incomplete as never })).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
  });

  it('a subscribe that fails in the SDK throws a ReceiptError and leaves none of its listeners behind', () => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    const failing = () => {
      throw new TypeError('broken service');
    };
    const transport = createNimTransport({
      V2NIMMessageService: client.V2NIMMessageService,
      V2NIMConversationService: { ...client.V2NIMConversationService, on: failing },
      V2NIMLoginService: {
        ...client.V2NIMLoginService,
        on: (name: string, fn: () => void) => {
          if (name === 'onLoginStatus') failing();
          client.V2NIMLoginService.on(name as 'onConnectStatus', fn);
        },
      } as never,
    });
    expect(() => transport.subscribe(() => undefined)).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
    expect(client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(0);
    expect(client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts')).toBe(0);
    expect(() => transport.subscribeConnectionState?.(() => undefined)).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
    expect(client.V2NIMLoginService.listenerCount('onConnectStatus')).toBe(0);
  });

  it('a logout reads "disconnected" from its first status event, while the SDK is still connected', () => {
    // V2NIMLoginLifeCycle "logout" (and "kicked"): onLoginStatus(0) while the connect status is
    // still 1, then onConnectStatus(0); the memory server emits them in that order.
    const { client, transport } = createTransportScenario().device('A');
    const seen: unknown[] = [];
    transport.subscribeConnectionState?.((state) =>
      seen.push({
        state,
        now: transport.getConnectionState?.(),
        connectStatus: client.V2NIMLoginService.getConnectStatus(),
      }),
    );
    client.logout();
    expect(seen).toEqual([
      { state: 'disconnected', now: 'disconnected', connectStatus: 1 },
      { state: 'disconnected', now: 'disconnected', connectStatus: 0 },
    ]);
  });

  it('a kick reads "disconnected" like a logout; a receipt in flight rejects with the retryable 192003 and reaches the peer all the same', async () => {
    // V2NIMLoginLifeCycle "kicked": doDisconnect (calls in flight: 192003), onLoginStatus(0),
    // onConnectStatus(0), onDisconnected, onKickedOffline. The SDK does not log in again by itself.
    const { server, device, send } = createTransportScenario();
    const a = device('A');
    const b = device('B');
    const m1 = await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    const states: unknown[] = [];
    b.transport.subscribeConnectionState?.((state) => states.push(state));
    const pending = b.transport.sendP2PMessageReceipt(copyOf(b, m1));
    b.client.kick();
    await expectReceiptError(pending, 192003);
    expect(states).toEqual(['disconnected', 'disconnected']);
    expect(b.transport.getConnectionState?.()).toBe('disconnected');
    await expectReceiptError(b.transport.sendP2PMessageReceipt(copyOf(b, m1)), 190002);
    await server.settle();
    expect(a.events).toEqual([
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: 100 }] },
    ]);
    b.client.login();
    expect(states.at(-1)).toBe('connected');
  });

  it("a throwing kit listener does not stop the SDK's dispatch: the app's own listeners of the same events still run", async () => {
    // nim-web-sdk-ng emits through eventemitter3, whose loop stops at the first listener that
    // throws; the memory server's services do the same, so this runs on its real events.
    const { server, device, send } = createTransportScenario();
    const a = device('A');
    const b = device('B');
    const m1 = await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    const bug = new Error('listener bug');
    const fail = () => {
      throw bug;
    };
    a.transport.subscribe(fail);
    a.transport.subscribeConnectionState?.(fail);
    const appSaw: unknown[] = [];
    const login = a.client.V2NIMLoginService;
    login.on('onLoginStatus', (status) => appSaw.push(['login', status]));
    login.on('onConnectStatus', (status) => appSaw.push(['connect', status]));
    a.client.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', () => appSaw.push('p2p'));
    // The bug is rethrown asynchronously (an unhandled rejection); captured here to assert it.
    const surfaced: unknown[] = [];
    const reject = vi.spyOn(Promise, 'reject').mockImplementation((reason) => {
      surfaced.push(reason);
      return Promise.resolve() as never;
    });
    try {
      a.client.disconnect();
      a.client.reconnect();
      await server.settle();
      await b.client.V2NIMMessageService.sendP2PMessageReceipt(copyOf(b, m1) as never);
      await server.settle();
    } finally {
      reject.mockRestore();
    }
    expect(appSaw).toEqual([
      ['login', 3],
      ['connect', 0],
      ['connect', 3],
      ['login', 2],
      ['connect', 2],
      ['connect', 1],
      ['login', 1],
      'p2p',
    ]);
    // One per status event (each reaches the connection-state listener) and one for the receipt.
    expect(surfaced).toEqual(Array.from({ length: 8 }, () => bug));
  });

  it("calls every SDK method on its service: the SDK's are prototype methods that read `this` (the memory server's are arrow functions)", async () => {
    // nim-web-sdk-ng's services are class instances (`this.checkV2()`, `this.receiptUtil`,
    // `this.lifeCycle`): a method taken off its service fails with a TypeError. These stand-ins
    // fail the same way, so a detached call shows here although the memory server tolerates it.
    function asClassInstance<S extends object>(service: S): S {
      const prototype: Record<string, unknown> = {};
      const instance = Object.create(prototype) as S;
      for (const [name, value] of Object.entries(service)) {
        if (typeof value !== 'function') continue;
        prototype[name] = function (this: unknown, ...args: unknown[]) {
          if (this !== instance) throw new TypeError(`${name} called without its service`);
          return (value as (...values: unknown[]) => unknown)(...args);
        };
      }
      return instance;
    }
    const { server, device, send } = createTransportScenario();
    const a = device('A');
    const b = device('B');
    const m1 = await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    const transport = createNimTransport({
      V2NIMMessageService: asClassInstance(b.client.V2NIMMessageService),
      V2NIMConversationService: asClassInstance(b.client.V2NIMConversationService),
      V2NIMLoginService: asClassInstance(b.client.V2NIMLoginService),
    });
    const events: unknown[] = [];
    const states: unknown[] = [];
    const stop = transport.subscribe((event) => events.push(event.type));
    const stopStates = transport.subscribeConnectionState?.((state) => states.push(state));
    expect(transport.getConnectionState?.()).toBe('connected');
    await transport.sendP2PMessageReceipt(copyOf(b, m1));
    // Answered (its value is the memory server's: 10.8.1 does not move the read time on a receipt).
    expect(await transport.getSelfReadTime?.('B|1|A')).toEqual(expect.any(Number));
    expect(await transport.getP2PMessageReceipt('B|1|A')).toEqual({
      conversationId: 'B|1|A',
      timestamp: 0,
    });
    b.client.disconnect();
    b.client.reconnect();
    await server.settle();
    expect(states.at(-1)).toBe('connected');
    stop();
    stopStates?.();
    expect(b.client.V2NIMLoginService.listenerCount('onLoginStatus')).toBe(0);
    expect(events).toEqual([]);
  });

  it('refuses something that is not an SDK instance with 191004', () => {
    expect(() => createNimTransport(null as never)).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
  });

  it('getSelfReadTime reads getConversationReadTime; without it the transport omits the method', async () => {
    const { server, b1, m2 } = await p2pChat();
    expect(await b1.transport.getSelfReadTime?.('B|1|A')).toBe(0);
    await b1.transport.sendP2PMessageReceipt(copyOf(b1, m2));
    await server.settle();
    expect(await b1.transport.getSelfReadTime?.('B|1|A')).toBe(200);
    await expectReceiptError(b1.transport.getSelfReadTime!(42 as never), 191004);
    await expectReceiptError(b1.transport.getSelfReadTime!('A|1|B'), 191004);
    const client = server.login('B');
    const { getConversationReadTime: _omitted, ...olderSdk } = client.V2NIMConversationService;
    const older = createNimTransport({ ...client, V2NIMConversationService: olderSdk } as never);
    expect(older.getSelfReadTime).toBeUndefined();
  });
});

describe('errors read like the SDK’s (SPEC T6)', () => {
  it('a V2NIMError becomes a ReceiptError with its code, its desc and its detail.reason', async () => {
    const { transport } = createTransportScenario().device('A');
    const rejection = await transport
      .getP2PMessageReceipt('A|2|T1')
      .catch((error: unknown) => error);
    expect(rejection).toMatchObject({ name: 'ReceiptError', code: 191004 });
    const { message, cause } = rejection as { message: string; cause: unknown };
    expect(cause).toMatchObject({
      name: 'V2NIMError',
      code: 191004,
      desc: 'invalid parameter',
      detail: { reason: 'conversationId must be a P2P conversation of the logged-in account' },
    });
    expect(message).toBe(
      'invalid parameter: conversationId must be a P2P conversation of the logged-in account',
    );
  });
});
