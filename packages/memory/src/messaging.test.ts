import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryServer } from './createMemoryServer';
import { createScenario, expectCode, listen, receivedBy } from './scenario.testkit';

describe('messages on the memory server', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives each viewer its own copy: conversationId and isSelf per side (C3)', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const b1 = server.login('B');
    const b1Log = listen(b1);
    const sent = await send(a1, { to: 'A|1|B', at: 100, text: 'hi' });
    await server.settle();
    expect(sent).toMatchObject({
      conversationId: 'A|1|B',
      isSelf: true,
      senderId: 'A',
      receiverId: 'B',
      conversationType: 1,
      sendingState: 1,
      createTime: 100,
      text: 'hi',
    });
    expect(sent.messageServerId).not.toBe('');
    expect(receivedBy(b1Log, sent)).toMatchObject({ conversationId: 'B|1|A', isSelf: false });
  });

  it("reaches the receiver's online devices and the sender's other devices, not the sending one", async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const a2 = server.login('A');
    const a2Log = listen(a2);
    const b1 = server.login('B');
    const b1Log = listen(b1);
    const b2 = server.login('B');
    const b2Log = listen(b2);
    b2.logout();
    const sent = await send(a1, { to: 'A|1|B', at: 100 });
    await server.settle();
    expect(a1Log.messages).toEqual([]);
    expect(receivedBy(a2Log, sent).conversationId).toBe('A|1|B');
    expect(receivedBy(b1Log, sent).conversationId).toBe('B|1|A');
    expect(b2Log.messages).toEqual([]);
  });

  it('lets a device that logs in later fetch history, newest first or oldest first', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    for (const at of [100, 200, 300]) await send(a1, { to: 'A|1|B', at });
    await send(a1, { to: 'A|1|C', at: 400 });
    const b1 = server.login('B');
    const newestFirst = await b1.V2NIMMessageService.getMessageList({ conversationId: 'B|1|A' });
    expect(newestFirst.map((m) => m.createTime)).toEqual([300, 200, 100]);
    expect(newestFirst.every((m) => m.conversationId === 'B|1|A' && !m.isSelf)).toBe(true);
    const page = await b1.V2NIMMessageService.getMessageList({
      conversationId: 'B|1|A',
      limit: 1,
      anchorMessage: newestFirst[0],
    });
    expect(page.map((m) => m.createTime)).toEqual([200]);
    const oldestFirst = await b1.V2NIMMessageService.getMessageList({
      conversationId: 'B|1|A',
      direction: 1,
    });
    expect(oldestFirst.map((m) => m.createTime)).toEqual([100, 200, 300]);
  });

  it('rejects sends to bad conversation ids with 191004 and from logged-out devices with 190002', async () => {
    const server = createMemoryServer();
    const a1 = server.login('A');
    const message = a1.V2NIMMessageCreator.createTextMessage('x');
    await expectCode(a1.V2NIMMessageService.sendMessage(message, 'B|1|A'), 191004);
    await expectCode(a1.V2NIMMessageService.sendMessage(null as never, 'A|1|B'), 191004);
    a1.logout();
    await expectCode(a1.V2NIMMessageService.sendMessage(message, 'A|1|B'), 190002);
  });

  it('settle() also waits for work that listeners start while it is settling', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const b1 = server.login('B');
    b1.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      for (const message of messages) void b1.V2NIMMessageService.sendP2PMessageReceipt(message);
    });
    await send(a1, { to: 'A|1|B', at: 100 });
    await server.settle();
    expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 100 }]]);
  });

  it('settle() waits for deliveries scheduled with latency', async () => {
    vi.useFakeTimers();
    const server = createMemoryServer({ now: () => 100, latencyMs: 30 });
    const a1 = server.login('A');
    const b1 = server.login('B');
    const b1Log = listen(b1);
    const sending = a1.V2NIMMessageService.sendMessage(
      a1.V2NIMMessageCreator.createTextMessage('x'),
      'A|1|B',
    );
    const settled = server.settle();
    let isSettled = false;
    void settled.then(() => {
      isSettled = true;
    });
    await vi.advanceTimersByTimeAsync(29);
    expect(isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await sending;
    expect(isSettled).toBe(true);
    expect(b1Log.messages).toHaveLength(1);
  });

  it('with latency 0 delivers on microtasks only, so fake timers need no advancing', async () => {
    vi.useFakeTimers();
    const server = createMemoryServer({ now: () => 100 });
    const a1 = server.login('A');
    const b1 = server.login('B');
    const b1Log = listen(b1);
    await a1.V2NIMMessageService.sendMessage(
      a1.V2NIMMessageCreator.createTextMessage('x'),
      'A|1|B',
    );
    await server.settle();
    expect(b1Log.messages).toHaveLength(1);
  });

  it('injected faults reject the next calls with the given code and change nothing', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const b1 = server.login('B');
    const b1Log = listen(b1);
    const m1 = await send(a1, { to: 'A|1|B', at: 100 });
    await server.settle();
    server.injectFault({ method: 'sendP2PMessageReceipt', code: 416, times: 2 });
    const received = receivedBy(b1Log, m1);
    await expectCode(b1.V2NIMMessageService.sendP2PMessageReceipt(received), 416);
    await expectCode(b1.V2NIMMessageService.sendP2PMessageReceipt(received), 416);
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
    await b1.V2NIMMessageService.sendP2PMessageReceipt(received);
    await server.settle();
    expect(a1Log.p2p).toHaveLength(1);
  });

  it('an injected fault reaches getP2PMessageReceipt too, though the SDK answers it from its cache', async () => {
    const { server } = createScenario();
    const a1 = server.login('A');
    server.injectFault({ method: 'getP2PMessageReceipt', code: 416 });
    await expectCode(a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B'), 416);
    // Used up: the next call answers again.
    await expect(a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).resolves.toEqual({
      conversationId: 'A|1|B',
      timestamp: 0,
    });
  });

  it('a kick logs the device out with the SDK events of V2NIMLoginLifeCycle "kicked", then onKickedOffline', async () => {
    const server = createMemoryServer();
    const a1 = server.login('A');
    const b1 = server.login('B');
    const events: unknown[] = [];
    const login = a1.V2NIMLoginService;
    login.on('onLoginStatus', (status) => events.push(['login', status]));
    login.on('onConnectStatus', (status) => events.push(['connect', status]));
    login.on('onDisconnected', (error) => events.push(['disconnected', error.code]));
    login.on('onKickedOffline', (detail) => events.push(['kicked', detail]));
    a1.kick();
    // doDisconnect(KICKED), the caches cleared, "kicked" (login 0, connect 0 with 192003, so
    // onDisconnected), then onKickedOffline with the detail (reason 2: by the server; 10.8.1's
    // formatBeKickedTag sets these three fields only, without the declared reasonDesc).
    expect(events).toEqual([
      ['login', 0],
      ['connect', 0],
      ['disconnected', 192003],
      ['kicked', { reason: 2, clientType: 0, customClientType: 0 }],
    ]);
    expect([
      a1.isOnline,
      login.getLoginStatus(),
      login.getConnectStatus(),
      login.getLoginUser(),
    ]).toEqual([false, 0, 0, '']);
    await expect(a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).rejects.toMatchObject({
      code: 190002,
    });
    // Only a connected device can be kicked: no-op when logged out or dropped.
    a1.kick();
    b1.disconnect();
    b1.kick();
    expect(events).toHaveLength(4);
    expect(b1.isOnline).toBe(true);
    a1.login();
    expect(a1.isOnline).toBe(true);
  });

  it('reports login and connection status changes at once, in the SDK order', () => {
    const server = createMemoryServer();
    const a1 = server.login('A');
    const events: string[] = [];
    const login = a1.V2NIMLoginService;
    login.on('onConnectStatus', (status) => events.push(`connect ${status}`));
    login.on('onLoginStatus', (status) => events.push(`login ${status}`));
    expect([login.getLoginStatus(), login.getConnectStatus()]).toEqual([1, 1]);
    a1.logout();
    // V2NIMLoginLifeCycle "logout": the login status first, then the connection.
    expect(events.splice(0)).toEqual(['login 0', 'connect 0']);
    expect([login.getLoginStatus(), login.getConnectStatus()]).toEqual([0, 0]);
    a1.login();
    // "connect", "connectSucc", "loginSucc"; each emitted synchronously as the status changes.
    expect(events).toEqual(['login 2', 'connect 2', 'connect 1', 'login 1']);
    expect([login.getLoginStatus(), login.getConnectStatus()]).toEqual([1, 1]);
  });

  it('refuses bad server setup input with 191004, never a TypeError', () => {
    const server = createMemoryServer();
    expect(() => server.login('' as string)).toThrow(expect.objectContaining({ code: 191004 }));
    expect(() => server.createTeam({ teamId: 'T1', memberIds: null as never })).toThrow(
      expect.objectContaining({ code: 191004 }),
    );
    expect(() => server.addTeamMembers('nope', ['A'])).toThrow(
      expect.objectContaining({ code: 108404 }),
    );
  });
});
