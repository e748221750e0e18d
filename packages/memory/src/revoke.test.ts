import { describe, expect, it, vi } from 'vitest';
import { createScenario, expectCode, listen, receivedBy } from './scenario.testkit';
import type { V2NIMMessage } from './sdkTypes';

/** `promise` once settled, firing fake timers one at a time until then (nothing later fires). */
async function answered<T>(promise: Promise<T>): Promise<T> {
  let isSettled = false;
  promise.then(
    () => {
      isSettled = true;
    },
    () => {
      isSettled = true;
    },
  );
  while (!isSettled) await vi.advanceTimersToNextTimerAsync();
  return promise;
}

/**
 * A on two devices, B online, C (a stranger to A|1|B) online; A sends m1 (t=100) and m2 (t=200) to
 * B and the flagged g1 (t=300) to team T1 {A, B, C}.
 */
async function world() {
  const scenario = createScenario();
  const { server } = scenario;
  server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
  const a1 = server.login('A');
  const a1Log = listen(a1);
  const a2 = server.login('A');
  const a2Log = listen(a2);
  const b1 = server.login('B');
  const b1Log = listen(b1);
  const c1 = server.login('C');
  const c1Log = listen(c1);
  const m1 = await scenario.send(a1, { to: 'A|1|B', at: 100 });
  const m2 = await scenario.send(a1, { to: 'A|1|B', at: 200 });
  const g1 = await scenario.send(a1, { to: 'A|2|T1', at: 300, isFlagged: true });
  await server.settle();
  const logs = [a1Log, a2Log, b1Log, c1Log];
  /** Everything a revoke could change: history, conversations and the revoke/conversation events. */
  async function state() {
    await server.settle();
    const times = async (client: typeof a1, conversationId: string) =>
      (await client.V2NIMMessageService.getMessageList({ conversationId })).map(
        (m) => m.createTime,
      );
    return {
      histories: [
        await times(a1, 'A|1|B'),
        await times(b1, 'B|1|A'),
        await times(a1, 'A|2|T1'),
        await times(c1, 'C|2|T1'),
      ],
      conversations: [
        await a1.V2NIMConversationService.getConversationList(0, 10),
        await b1.V2NIMConversationService.getConversationList(0, 10),
        await c1.V2NIMConversationService.getConversationList(0, 10),
      ],
      events: logs.map((log) => [log.revokes, log.conversations.length]),
    };
  }
  return { ...scenario, a1, a1Log, a2, a2Log, b1, b1Log, c1, c1Log, m1, m2, g1, state };
}

type World = Awaited<ReturnType<typeof world>>;

describe('SPEC scenario 35 on the memory server: the conversation list and a revoked last message', () => {
  it('shows the last message at t=200 as read at msgReceiptTime 200, then revoked everywhere', async () => {
    const w = await world();
    await w.b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(w.b1Log, w.m2));
    await w.server.settle();

    const before = await w.a1.V2NIMConversationService.getConversation('A|1|B');
    expect(before.lastMessage).toMatchObject({
      lastMessageState: 0,
      sendingState: 1,
      messageRefer: {
        senderId: 'A',
        receiverId: 'B',
        messageClientId: w.m2.messageClientId,
        messageServerId: w.m2.messageServerId,
        createTime: 200,
        conversationType: 1,
        conversationId: 'A|1|B',
      },
    });
    expect(before.lastMessage?.revokeAccountId).toBeUndefined();
    const receipt = await w.a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B');
    // U7: the row reads as read iff msgReceiptTime − lastMessage.createTime >= 0.
    expect(receipt.timestamp - (before.lastMessage?.messageRefer.createTime ?? Number.NaN)).toBe(0);

    const eventsBefore = [w.a1Log, w.a2Log, w.b1Log].map((log) => log.conversations.length);
    w.setTime(250);
    await w.a1.V2NIMMessageService.revokeMessage(w.m2);
    await w.server.settle();

    for (const [client, conversationId] of [
      [w.a1, 'A|1|B'],
      [w.a2, 'A|1|B'],
      [w.b1, 'B|1|A'],
    ] as const) {
      const after = await client.V2NIMConversationService.getConversation(conversationId);
      expect(after.lastMessage).toMatchObject({
        lastMessageState: 1,
        revokeAccountId: 'A',
        revokeType: 1,
        messageRefer: { messageClientId: w.m2.messageClientId, createTime: 200, conversationId },
      });
      expect(after.updateTime).toBe(250);
    }
    // Only the sender's side carries sendingState (DTS-C V2NIMLastMessage).
    const bAfter = await w.b1.V2NIMConversationService.getConversation('B|1|A');
    expect(bAfter.lastMessage?.sendingState).toBeUndefined();

    const toB = { revokeAccountId: 'A', revokeType: 1 };
    expect(w.b1Log.revokes).toEqual([
      [
        {
          ...toB,
          messageRefer: {
            senderId: 'A',
            receiverId: 'B',
            messageClientId: w.m2.messageClientId,
            messageServerId: w.m2.messageServerId,
            createTime: 200,
            conversationType: 1,
            conversationId: 'B|1|A',
          },
        },
      ],
    ]);
    expect(w.a2Log.revokes).toHaveLength(1);
    expect(w.a2Log.revokes[0]?.[0]).toMatchObject({
      ...toB,
      messageRefer: { conversationId: 'A|1|B' },
    });
    // 10.8.1 also emits locally on the revoking device (JS revokeMessagesFn).
    expect(w.a1Log.revokes).toHaveLength(1);
    expect(w.c1Log.revokes).toEqual([]);

    const aHistory = await w.a1.V2NIMMessageService.getMessageList({ conversationId: 'A|1|B' });
    const bHistory = await w.b1.V2NIMMessageService.getMessageList({ conversationId: 'B|1|A' });
    expect(aHistory.map((m) => m.createTime)).toEqual([100]);
    expect(bHistory.map((m) => m.createTime)).toEqual([100]);

    [w.a1Log, w.a2Log, w.b1Log].forEach((log, index) => {
      const fresh = log.conversations.slice(eventsBefore[index]);
      expect(fresh).toHaveLength(1);
      expect(fresh[0]?.kind).toBe('changed');
      expect(fresh[0]?.list).toHaveLength(1);
      expect(fresh[0]?.list[0]?.lastMessage).toMatchObject({
        lastMessageState: 1,
        revokeAccountId: 'A',
        messageRefer: { messageClientId: w.m2.messageClientId },
      });
    });
  });
});

describe('revokeMessage', () => {
  it('a postscript replaces the text of the revoked last message and rides on the notification', async () => {
    const w = await world();
    await w.a1.V2NIMMessageService.revokeMessage(w.m2, { postscript: 'oops' });
    await w.server.settle();
    const b = await w.b1.V2NIMConversationService.getConversation('B|1|A');
    expect(b.lastMessage).toMatchObject({ lastMessageState: 1, text: 'oops' });
    expect(w.b1Log.revokes[0]?.[0]?.postscript).toBe('oops');
  });

  it('revoking an older message notifies but leaves the last message as it was', async () => {
    const w = await world();
    const eventsBefore = w.b1Log.conversations.length;
    await w.a1.V2NIMMessageService.revokeMessage(w.m1);
    await w.server.settle();
    expect(w.b1Log.revokes).toHaveLength(1);
    expect(w.b1Log.conversations).toHaveLength(eventsBefore);
    const b = await w.b1.V2NIMConversationService.getConversation('B|1|A');
    expect(b.lastMessage).toMatchObject({
      lastMessageState: 0,
      messageRefer: { messageClientId: w.m2.messageClientId },
    });
    const history = await w.b1.V2NIMMessageService.getMessageList({ conversationId: 'B|1|A' });
    expect(history.map((m) => m.createTime)).toEqual([200]);
  });

  it('a team message: every member online hears it, with revokeType 2 and their own ids', async () => {
    const w = await world();
    await w.a1.V2NIMMessageService.revokeMessage(w.g1);
    await w.server.settle();
    expect(w.c1Log.revokes).toEqual([
      [expect.objectContaining({ revokeType: 2, revokeAccountId: 'A' })],
    ]);
    expect(w.c1Log.revokes[0]?.[0]?.messageRefer.conversationId).toBe('C|2|T1');
    expect(w.b1Log.revokes[0]?.[0]?.messageRefer.conversationId).toBe('B|2|T1');
    const c = await w.c1.V2NIMConversationService.getConversation('C|2|T1');
    expect(c.lastMessage).toMatchObject({ lastMessageState: 1, revokeType: 2 });
    const history = await w.c1.V2NIMMessageService.getMessageList({ conversationId: 'C|2|T1' });
    expect(history).toEqual([]);
  });

  it('revoking twice resolves and changes nothing more (a retry after a timeout is safe)', async () => {
    const w = await world();
    await w.a1.V2NIMMessageService.revokeMessage(w.m2);
    const once = await w.state();
    await w.a1.V2NIMMessageService.revokeMessage(w.m2);
    expect(await w.state()).toEqual(once);
    expect(w.b1Log.revokes).toHaveLength(1);
  });

  it('a disconnected receiver catches up at reconnect: no revoked message, one revoke batch', async () => {
    const w = await world();
    w.b1.disconnect();
    w.setTime(400);
    const m3 = await w.send(w.a1, { to: 'A|1|B', at: 400 });
    await w.a1.V2NIMMessageService.revokeMessage(m3);
    await w.a1.V2NIMMessageService.revokeMessage(w.m2);
    await w.server.settle();
    const eventsBefore = w.b1Log.conversations.length;
    expect(w.b1Log.revokes).toEqual([]);
    w.b1.reconnect();
    await w.server.settle();
    expect(w.b1Log.messages.some((m) => m.messageClientId === m3.messageClientId)).toBe(false);
    expect(w.b1Log.revokes).toHaveLength(1);
    expect(w.b1Log.revokes[0]?.map((n) => n.messageRefer.createTime)).toEqual([400, 200]);
    const fresh = w.b1Log.conversations.slice(eventsBefore);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.list[0]?.lastMessage).toMatchObject({
      lastMessageState: 1,
      messageRefer: { messageClientId: m3.messageClientId },
    });
  });

  it('with random latency a revoke that overtakes its message leaves no message and no stale conversation', async () => {
    // Seeds 5, 6 and 7 of [0, 50] ms deliver B's revoke before the message itself (2, 8 and 22 did
    // while logins scheduled their status events, which drew delays too). Fake timers, so the
    // outcome depends on the seed only, not on how fast real timers fire.
    vi.useFakeTimers();
    try {
      for (const seed of [5, 6, 7]) {
        const scenario = createScenario();
        scenario.server.setFaults({ latencyMs: [0, 50], seed });
        const a = scenario.server.login('A');
        const b = scenario.server.login('B');
        const log = listen(b);
        const m = await answered(scenario.send(a, { to: 'A|1|B', at: 100 }));
        scenario.setTime(101);
        await answered(a.V2NIMMessageService.revokeMessage(m));
        await vi.runAllTimersAsync();
        expect(log.revokes).toHaveLength(1);
        // A message whose revoke was pushed first must not show up afterwards.
        expect(log.messages, `seed ${seed}`).toEqual([]);
        // The last conversation event B heard is the current (revoked) state, never an older one.
        const last = log.conversations[log.conversations.length - 1]?.list[0];
        expect(last?.lastMessage?.lastMessageState).toBe(1);
        expect(last).toEqual(await answered(b.V2NIMConversationService.getConversation('B|1|A')));
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('a logged-out receiver hears nothing and reads the revoke from its conversation later', async () => {
    const w = await world();
    w.b1.logout();
    await w.a1.V2NIMMessageService.revokeMessage(w.m2);
    w.b1.login();
    await w.server.settle();
    expect(w.b1Log.revokes).toEqual([]);
    const b = await w.b1.V2NIMConversationService.getConversation('B|1|A');
    expect(b.lastMessage?.lastMessageState).toBe(1);
  });
});

describe('revokeMessage refusals change nothing', () => {
  const edited = (message: V2NIMMessage, fields: Partial<V2NIMMessage>) => ({
    ...message,
    ...fields,
  });
  const cases: Array<[string, (w: World) => Promise<unknown>, number]> = [
    [
      "B revokes A's P2P message as received (191004, the SDK's client check)",
      (w) => w.b1.V2NIMMessageService.revokeMessage(receivedBy(w.b1Log, w.m2)),
      191004,
    ],
    [
      "B revokes A's P2P message edited to look like B's own (107303)",
      (w) =>
        w.b1.V2NIMMessageService.revokeMessage(
          edited(receivedBy(w.b1Log, w.m2), { senderId: 'B' }),
        ),
      107303,
    ],
    [
      "B revokes A's team message (107303, only the sender)",
      (w) => w.b1.V2NIMMessageService.revokeMessage(receivedBy(w.b1Log, w.g1)),
      107303,
    ],
    [
      'C, who never had m2, revokes it edited as its own (107404)',
      (w) =>
        w.c1.V2NIMMessageService.revokeMessage(
          edited(w.m2, { senderId: 'C', conversationId: 'C|1|B' }),
        ),
      107404,
    ],
    [
      'A revokes an unknown message (107404)',
      (w) =>
        w.a1.V2NIMMessageService.revokeMessage(edited(w.m2, { messageClientId: 'never-sent' })),
      107404,
    ],
    [
      'A revokes m2 edited to name another conversation (107404)',
      (w) => w.a1.V2NIMMessageService.revokeMessage(edited(w.m2, { conversationId: 'A|1|C' })),
      107404,
    ],
    [
      'A revokes m2 with another server id (107404)',
      (w) => w.a1.V2NIMMessageService.revokeMessage(edited(w.m2, { messageServerId: '999' })),
      107404,
    ],
    [
      'A revokes an unsent draft (191004: no messageServerId)',
      (w) =>
        w.a1.V2NIMMessageService.revokeMessage({
          ...w.a1.V2NIMMessageCreator.createTextMessage('draft'),
          conversationType: 1,
          conversationId: 'A|1|B',
        }),
      191004,
    ],
    [
      'A revokes with messageServerId "0" (191004)',
      (w) => w.a1.V2NIMMessageService.revokeMessage(edited(w.m2, { messageServerId: '0' })),
      191004,
    ],
    [
      'logged out (190002)',
      (w) => {
        w.a1.logout();
        return w.a1.V2NIMMessageService.revokeMessage(w.m2);
      },
      190002,
    ],
    [
      'disconnected (190002: not logged in while waiting to reconnect)',
      (w) => {
        w.a1.disconnect();
        return w.a1.V2NIMMessageService.revokeMessage(w.m2);
      },
      190002,
    ],
    [
      'an injected fault (416)',
      (w) => {
        w.server.injectFault({ method: 'revokeMessage', code: 416 });
        return w.a1.V2NIMMessageService.revokeMessage(w.m2);
      },
      416,
    ],
  ];

  it.each(cases)('%s', async (_, run, code) => {
    const w = await world();
    const before = await w.state();
    await expectCode(run(w), code);
    // Logged-out and disconnected devices come back so the state can be read the same way.
    if (!w.a1.isOnline) w.a1.login();
    w.a1.reconnect();
    await w.server.settle();
    expect(await w.state()).toEqual(before);
  });
});
