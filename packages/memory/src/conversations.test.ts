import { describe, expect, it } from 'vitest';
import { createScenario, expectCode, listen, receivedBy } from './scenario.testkit';

describe('conversations on the memory server', () => {
  it('lists conversations newest first and pages them by sortOrder as the SDK does', async () => {
    const { server, send } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const a1 = server.login('A');
    await send(a1, { to: 'A|1|B', at: 100 });
    await send(a1, { to: 'A|1|C', at: 200 });
    await send(a1, { to: 'A|2|T1', at: 300 });
    await send(a1, { to: 'A|1|D', at: 400 });
    await send(a1, { to: 'A|1|B', at: 500 });
    const service = a1.V2NIMConversationService;

    const all = await service.getConversationList(0, 10);
    expect(all.finished).toBe(true);
    expect(all.offset).toBe(0);
    expect(all.conversationList.map((c) => [c.conversationId, c.sortOrder])).toEqual([
      ['A|1|B', 500],
      ['A|1|D', 400],
      ['A|2|T1', 300],
      ['A|1|C', 200],
    ]);
    expect(all.conversationList.map((c) => c.type)).toEqual([1, 1, 2, 1]);

    const first = await service.getConversationList(0, 2);
    expect(first).toMatchObject({ finished: false, offset: 400 });
    expect(first.conversationList.map((c) => c.conversationId)).toEqual(['A|1|B', 'A|1|D']);
    const second = await service.getConversationList(first.offset, 2);
    expect(second).toMatchObject({ finished: true, offset: 0 });
    expect(second.conversationList.map((c) => c.conversationId)).toEqual(['A|2|T1', 'A|1|C']);
    expect(await service.getConversationList(100, 2)).toEqual({
      offset: 0,
      finished: true,
      conversationList: [],
    });
  });

  it('fills the required fields: created at the first message, updated at the last', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const b1 = server.login('B');
    const sent = await send(a1, { to: 'A|1|B', at: 100, text: 'hi' });
    await send(a1, { to: 'A|1|B', at: 150, text: 'again' });
    expect(await b1.V2NIMConversationService.getConversation('B|1|A')).toEqual({
      conversationId: 'B|1|A',
      type: 1,
      stickTop: false,
      localExtension: '',
      serverExtension: '',
      unreadCount: 0,
      sortOrder: 150,
      createTime: 100,
      updateTime: 150,
      lastMessage: {
        lastMessageState: 0,
        messageType: 0,
        text: 'again',
        messageRefer: expect.objectContaining({
          senderId: 'A',
          receiverId: 'B',
          conversationId: 'B|1|A',
          createTime: 150,
        }),
      },
    });
    const a = await a1.V2NIMConversationService.getConversation('A|1|B');
    expect(a.lastMessage?.sendingState).toBe(1);
    expect(a.lastMessage?.messageRefer.messageClientId).not.toBe(sent.messageClientId);
  });

  it('tells every device of both sides: created for the first message, changed after', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const a1Log = listen(a1);
    const a2 = server.login('A');
    const a2Log = listen(a2);
    const b1 = server.login('B');
    const b1Log = listen(b1);
    await send(a1, { to: 'A|1|B', at: 100 });
    await server.settle();
    const m2 = await send(b1, { to: 'B|1|A', at: 200 });
    await server.settle();
    for (const [log, conversationId] of [
      [a1Log, 'A|1|B'],
      [a2Log, 'A|1|B'],
      [b1Log, 'B|1|A'],
    ] as const) {
      expect(log.conversations.map((e) => e.kind)).toEqual(['created', 'changed']);
      expect(log.conversations.map((e) => e.list[0]?.conversationId)).toEqual([
        conversationId,
        conversationId,
      ]);
      expect(log.conversations[1]?.list[0]?.lastMessage?.messageRefer.messageClientId).toBe(
        m2.messageClientId,
      );
    }
    expect(receivedBy(a1Log, m2).conversationId).toBe('A|1|B');
  });

  it('a team conversation exists for the members a message reached, not for a late joiner', async () => {
    const { server, send } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const a1 = server.login('A');
    const f1 = server.login('F');
    const f1Log = listen(f1);
    await send(a1, { to: 'A|2|T1', at: 100 });
    server.addTeamMembers('T1', ['F']);
    await expectCode(f1.V2NIMConversationService.getConversation('F|2|T1'), 191006);
    expect((await f1.V2NIMConversationService.getConversationList(0, 10)).conversationList).toEqual(
      [],
    );
    await send(a1, { to: 'A|2|T1', at: 200 });
    await server.settle();
    const f = await f1.V2NIMConversationService.getConversation('F|2|T1');
    expect(f).toMatchObject({ type: 2, createTime: 200, lastMessage: { lastMessageState: 0 } });
    expect(f1Log.conversations.map((e) => e.kind)).toEqual(['created']);
  });

  it('a disconnected device gets the conversations it missed as one change at reconnect', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const b1 = server.login('B');
    const b1Log = listen(b1);
    b1.disconnect();
    await send(a1, { to: 'A|1|B', at: 100 });
    await send(a1, { to: 'A|1|B', at: 200 });
    await server.settle();
    expect(b1Log.conversations).toEqual([]);
    await expectCode(b1.V2NIMConversationService.getConversation('B|1|A'), 190002);
    b1.reconnect();
    await server.settle();
    expect(b1Log.conversations).toHaveLength(1);
    expect(b1Log.conversations[0]?.list.map((c) => c.lastMessage?.messageRefer.createTime)).toEqual(
      [200],
    );
  });

  it('refuses bad ids with 191004, unknown conversations with 191006, logged out with 190002', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    await send(a1, { to: 'A|1|B', at: 100 });
    const service = a1.V2NIMConversationService;
    await expectCode(service.getConversation('B|1|A'), 191004);
    await expectCode(service.getConversation('A|4|B'), 191004);
    await expectCode(service.getConversation('A|1|Z'), 191006);
    await expectCode(service.getConversationList(-1, 10), 191004);
    await expectCode(service.getConversationList(0, 0), 191004);
    a1.logout();
    await expectCode(service.getConversation('A|1|B'), 190002);
    await expectCode(service.getConversationList(0, 10), 190002);
  });

  it('markConversationRead moves the read time to the last message, without an event here, synced to the other devices', async () => {
    const { server, send } = createScenario();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const a = server.login('A');
    const aLog = listen(a);
    const b1 = server.login('B');
    const b1Log = listen(b1);
    const b2 = server.login('B');
    const b2Log = listen(b2);
    await send(a, { to: 'A|1|B', at: 100 });
    await send(a, { to: 'A|1|B', at: 200 });
    await send(a, { to: 'A|2|T1', at: 300 });
    await server.settle();
    const service = b1.V2NIMConversationService;

    expect(await service.markConversationRead('B|1|A')).toBe(200);
    expect(await service.getConversationReadTime('B|1|A')).toBe(200);
    await server.settle();
    expect(b1Log.readTimes).toEqual([]); // the SDK only updates its cache on the calling device
    expect(b2Log.readTimes).toEqual([['B|1|A', 200]]);
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(200);
    // Not a receipt: the peer's watermark and events do not move (P11).
    expect(aLog.p2p).toEqual([]);
    expect((await a.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp).toBe(0);
    // Teams have a read time too.
    expect(await service.markConversationRead('B|2|T1')).toBe(300);
    await server.settle();
    expect(b2Log.readTimes).toEqual([
      ['B|1|A', 200],
      ['B|2|T1', 300],
    ]);
    // Already there: the cached read time at once, no server call (it works while disconnected).
    b1.disconnect();
    expect(await service.markConversationRead('B|1|A')).toBe(200);
    b1.reconnect();
    await server.settle();
    // A new device of the account gets the read times at login.
    const b3 = server.login('B');
    const b3Log = listen(b3);
    await server.settle();
    expect(b3Log.readTimes).toEqual([
      ['B|1|A', 200],
      ['B|2|T1', 300],
    ]);
  });

  it('markConversationRead: 190002 logged out or (with something to mark) disconnected, 191004 for a bad id or a conversation the account does not have', async () => {
    const { server, send } = createScenario();
    const a = server.login('A');
    const b = server.login('B');
    await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    const service = b.V2NIMConversationService;
    await expectCode(service.markConversationRead('A|1|B'), 191004);
    await expectCode(service.markConversationRead(42 as never), 191004);
    await expectCode(service.markConversationRead('B|1|C'), 191004);
    b.disconnect();
    await expectCode(service.markConversationRead('B|1|A'), 190002);
    b.reconnect();
    await server.settle();
    b.logout();
    await expectCode(service.markConversationRead('B|1|A'), 190002);
    b.login();
    await server.settle();
    expect(await service.getConversationReadTime('B|1|A')).toBe(0);
  });
});
