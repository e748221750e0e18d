import { describe, expect, it, vi } from 'vitest';
import {
  createScenario,
  expectCode,
  expectThrowCode,
  listen,
  receivedBy,
} from './scenario.testkit';

/** A (two devices when needed) sends m1 at t=100 and m2 at t=200 to B. */
async function p2pChat() {
  const scenario = createScenario();
  const a1 = scenario.server.login('A');
  const a1Log = listen(a1);
  const b1 = scenario.server.login('B');
  const b1Log = listen(b1);
  const m1 = await scenario.send(a1, { to: 'A|1|B', at: 100 });
  const m2 = await scenario.send(a1, { to: 'A|1|B', at: 200 });
  await scenario.server.settle();
  return { ...scenario, a1, a1Log, b1, b1Log, m1, m2 };
}

describe('SPEC section 7, P2P scenarios on the memory server', () => {
  it('1: a receipt for m2 covers m1; A gets one event with the watermark', async () => {
    const { server, a1, a1Log, b1, b1Log, m1, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    expect(a1.V2NIMMessageService.isPeerRead(m1)).toBe(true);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(true);
    expect(b1Log.p2p).toEqual([]);
  });

  it('2: the boundary is inclusive (200 read at 200, 201 not)', async () => {
    const { server, a1, b1, b1Log, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    expect(a1.V2NIMMessageService.isPeerRead({ ...m2, createTime: 200 })).toBe(true);
    expect(a1.V2NIMMessageService.isPeerRead({ ...m2, createTime: 201 })).toBe(false);
  });

  it('3: a receipt for the older m1 leaves m2 unread', async () => {
    const { server, a1, b1, b1Log, m1, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m1));
    await server.settle();
    expect(a1.V2NIMMessageService.isPeerRead(m1)).toBe(true);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(false);
    expect(await a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).toEqual({
      conversationId: 'A|1|B',
      timestamp: 100,
    });
  });

  it('4: out-of-order receipts (200 then 100) keep 200 and emit nothing for the stale one', async () => {
    const { server, a1, a1Log, b1, b1Log, m1, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m1));
    await server.settle();
    expect((await a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp).toBe(200);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(true);
    expect(a1Log.p2p).toHaveLength(1);
    // The server keeps the maximum too: a device that logs in later syncs 200, not 100.
    const a2 = server.login('A');
    const a2Log = listen(a2);
    await server.settle();
    expect(a2Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
  });

  it('5: a duplicate receipt changes nothing and fires at most one event', async () => {
    const { server, a1, a1Log, b1, b1Log, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    expect((await a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp).toBe(200);
  });

  it('6: a receipt for an own message gives 191004 and no event', async () => {
    const { server, a1, a1Log, b1Log, m1 } = await p2pChat();
    await expectCode(a1.V2NIMMessageService.sendP2PMessageReceipt(m1), 191004);
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
    expect(b1Log.p2p).toEqual([]);
  });

  it('7: a team message, null, a missing messageClientId or a string createTime give 191004', async () => {
    const { server, a1Log, b1, b1Log, m2 } = await p2pChat();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const received = receivedBy(b1Log, m2);
    const service = b1.V2NIMMessageService;
    await expectCode(service.sendP2PMessageReceipt({ ...received, conversationType: 2 }), 191004);
    await expectCode(service.sendP2PMessageReceipt(null as never), 191004);
    await expectCode(service.sendP2PMessageReceipt({ ...received, messageClientId: '' }), 191004);
    const { messageClientId: _dropped, ...withoutId } = received;
    await expectCode(service.sendP2PMessageReceipt(withoutId as never), 191004);
    await expectCode(
      service.sendP2PMessageReceipt({ ...received, createTime: '200' as never }),
      191004,
    );
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
  });

  it('8: in a self-chat isPeerRead is true and a receipt gives 191004', async () => {
    const { server, send } = createScenario();
    const a1 = server.login('A');
    const a2 = server.login('A');
    const a2Log = listen(a2);
    const note = await send(a1, { to: 'A|1|A', at: 100 });
    await server.settle();
    expect(note.conversationId).toBe('A|1|A');
    expect(a1.V2NIMMessageService.isPeerRead(note)).toBe(true);
    await expectCode(a2.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(a2Log, note)), 191004);
  });

  it('9: isPeerRead is false for a received message and for a team message', async () => {
    const { server, b1, b1Log, m2, a1, send } = await p2pChat();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const g1 = await send(a1, { to: 'A|2|T1', at: 300, isFlagged: true });
    expect(b1.V2NIMMessageService.isPeerRead(receivedBy(b1Log, m2))).toBe(false);
    expect(a1.V2NIMMessageService.isPeerRead(g1)).toBe(false);
    // E3: null is refused with 191004, not a TypeError.
    expectThrowCode(() => a1.V2NIMMessageService.isPeerRead(null as never), 191004);
  });

  it('10: bad conversation ids give 191004; an unknown peer resolves with 0', async () => {
    const { a1 } = await p2pChat();
    const service = a1.V2NIMMessageService;
    await expectCode(service.getP2PMessageReceipt('A|2|T1'), 191004);
    await expectCode(service.getP2PMessageReceipt('X|1|B'), 191004);
    await expectCode(service.getP2PMessageReceipt(''), 191004);
    await expectCode(service.getP2PMessageReceipt(null as never), 191004);
    expect(await service.getP2PMessageReceipt('A|1|Z')).toEqual({
      conversationId: 'A|1|Z',
      timestamp: 0,
    });
  });

  it('11: calls from a logged-out device give 190002', async () => {
    const { a1, b1, b1Log, m2 } = await p2pChat();
    a1.logout();
    b1.logout();
    await expectCode(a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B'), 190002);
    await expectCode(b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2)), 190002);
    expect(a1.V2NIMLoginService.getLoginStatus()).toBe(0);
  });

  it('11: logged out, the receipt calls check their arguments first (191004), then give 190002', async () => {
    // The SDK validates them before sendCmd, which refuses every command unless logged in; calls
    // that check a conversation id against the account (cleared by logout) give 190002 first.
    const { a1, b1, m2 } = await p2pChat();
    a1.logout();
    b1.logout();
    const receipts = b1.V2NIMMessageService;
    await expectCode(receipts.sendP2PMessageReceipt(null as never), 191004);
    await expectCode(receipts.sendTeamMessageReceipts([] as never), 191004);
    await expectCode(receipts.getTeamMessageReceipts(null as never), 191004);
    await expectCode(receipts.getTeamMessageReceiptDetail(null as never), 191004);
    await expectCode(a1.V2NIMMessageService.getTeamMessageReceiptDetail(m2), 191004);
    await expectCode(a1.V2NIMMessageService.getP2PMessageReceipt('nope'), 190002);
    await expectCode(a1.V2NIMConversationService.getConversationReadTime('nope'), 190002);
  });

  it('11: logged out, a receipt for an own message or one addressed to another gives 190002, as on the SDK', async () => {
    // The SDK's sender check (P1 step 3) compares with its account, "" after logout, so no message
    // is the caller's own and sendCmd refuses the command; P4 is a server rule, never reached.
    const { a1, b1, b1Log, m2 } = await p2pChat();
    a1.logout();
    b1.logout();
    await expectCode(a1.V2NIMMessageService.sendP2PMessageReceipt(m2), 190002);
    await expectCode(
      b1.V2NIMMessageService.sendP2PMessageReceipt({ ...receivedBy(b1Log, m2), receiverId: 'C' }),
      190002,
    );
    // Logged in again, both are the caller's mistakes (P1 step 3, P4).
    a1.login();
    b1.login();
    await expectCode(a1.V2NIMMessageService.sendP2PMessageReceipt(m2), 191004);
    await expectCode(
      b1.V2NIMMessageService.sendP2PMessageReceipt({ ...receivedBy(b1Log, m2), receiverId: 'C' }),
      191004,
    );
  });

  it('12: both of the sender devices get the event and both report read', async () => {
    const { server, a1, a1Log, b1, b1Log, m2 } = await p2pChat();
    const a2 = server.login('A');
    const a2Log = listen(a2);
    await server.settle();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    for (const [device, log] of [
      [a1, a1Log],
      [a2, a2Log],
    ] as const) {
      expect(log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
      expect(device.V2NIMMessageService.isPeerRead(m2)).toBe(true);
    }
  });

  it('13: the reader other device gets a self read-time sync, never a peer receipt', async () => {
    const { server, a1Log, b1, b1Log, m2 } = await p2pChat();
    const b2 = server.login('B');
    const b2Log = listen(b2);
    await server.settle();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    expect(b2Log.readTimes).toEqual([['B|1|A', 200]]);
    expect(b2Log.p2p).toEqual([]);
    expect(b1Log.readTimes).toEqual([]);
    expect((await b2.V2NIMMessageService.getP2PMessageReceipt('B|1|A')).timestamp).toBe(0);
    expect(a1Log.p2p).toHaveLength(1);
  });

  it('14: an offline sender gets one batched event at the next login', async () => {
    const { server, send, a1, a1Log, b1, b1Log, m2 } = await p2pChat();
    const c1 = server.login('C');
    const c1Log = listen(c1);
    const toC = await send(a1, { to: 'A|1|C', at: 300 });
    await server.settle();
    a1.logout();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await c1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(c1Log, toC));
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
    a1.login();
    await server.settle();
    expect(a1Log.p2p).toHaveLength(1);
    expect(a1Log.p2p[0]).toEqual(
      expect.arrayContaining([
        { conversationId: 'A|1|B', timestamp: 200 },
        { conversationId: 'A|1|C', timestamp: 300 },
      ]),
    );
    expect((await a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp).toBe(200);
  });

  it('15: a message sent with readReceiptEnabled false can still be acknowledged', async () => {
    const { server, a1, a1Log, b1, b1Log, m2 } = await p2pChat();
    expect(m2.messageConfig?.readReceiptEnabled).toBe(false);
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    expect(a1Log.p2p).toHaveLength(1);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(true);
  });
});

describe('SPEC section 7, scenario 35 (server part)', () => {
  it('35: the conversation row can show read: receipt time 200 minus last message time 200 >= 0', async () => {
    const { server, a1, b1, b1Log, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    const [last] = await a1.V2NIMMessageService.getMessageList({
      conversationId: 'A|1|B',
      limit: 1,
    });
    const { timestamp } = await a1.V2NIMMessageService.getP2PMessageReceipt('A|1|B');
    expect(last?.createTime).toBe(200);
    expect(last?.isSelf).toBe(true);
    expect(last?.sendingState).toBe(1);
    expect(timestamp - (last?.createTime ?? 0)).toBeGreaterThanOrEqual(0);
  });
});

describe('P2P rules beyond the numbered scenarios', () => {
  it('P4: a message not addressed to the caller gives 191004 and changes nothing', async () => {
    const { server, a1, a1Log, b1Log, m2 } = await p2pChat();
    const c1 = server.login('C');
    await expectCode(c1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2)), 191004);
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(false);
  });

  it('7: a real team message (addressed to its team, not to the reader) gives 191004 and no event', async () => {
    const { server, send, a1, a1Log, b1, b1Log } = await p2pChat();
    server.createTeam({ teamId: 'T1', memberIds: ['A', 'B'] });
    const g1 = await send(a1, { to: 'A|2|T1', at: 300, isFlagged: true });
    await server.settle();
    const teamCopy = receivedBy(b1Log, g1);
    expect(teamCopy.receiverId).toBe('T1');
    await expectCode(b1.V2NIMMessageService.sendP2PMessageReceipt(teamCopy), 191004);
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
    expect(a1Log.team).toEqual([]);
  });

  it('P3: messageServerId and sendingState are not checked; the receipt still covers the message', async () => {
    const { server, a1, a1Log, b1, b1Log, m2 } = await p2pChat();
    const copy = { ...receivedBy(b1Log, m2), messageServerId: '', sendingState: 2 as const };
    await b1.V2NIMMessageService.sendP2PMessageReceipt(copy);
    await server.settle();
    expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(true);
  });

  it('authorization: a forged message the caller never received gives 107404', async () => {
    const { server, a1Log, b1, b1Log, m2 } = await p2pChat();
    const forged = { ...receivedBy(b1Log, m2), messageClientId: 'never-sent', createTime: 9e12 };
    await expectCode(b1.V2NIMMessageService.sendP2PMessageReceipt(forged), 107404);
    await server.settle();
    expect(a1Log.p2p).toEqual([]);
  });

  it('P8: logout clears the receipt cache; login restores it with one event', async () => {
    const { server, a1, a1Log, b1, b1Log, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    a1.logout();
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(false);
    a1.login();
    await server.settle();
    expect(a1Log.p2p).toEqual([
      [{ conversationId: 'A|1|B', timestamp: 200 }],
      [{ conversationId: 'A|1|B', timestamp: 200 }],
    ]);
    expect(a1.V2NIMMessageService.isPeerRead(m2)).toBe(true);
  });

  it('P8, P9: a sender device that logs in while a receipt is on its way gets it once, from the login sync, never again as a late push', async () => {
    const { server, a1Log, b1, b1Log, m2 } = await p2pChat();
    server.setFaults({ latencyMs: [10, 10] });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      // t=0: B reads; the server applies it at t=10 and pushes it to A's devices at t=20.
      void b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
      await vi.advanceTimersByTimeAsync(5);
      // t=5: A logs in on a second device; its login sync, delivered at t=15, already holds it.
      const a2 = server.login('A');
      const a2Log = listen(a2);
      await vi.advanceTimersByTimeAsync(50);
      await server.settle();
      expect(a2Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
      expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
      expect(a2.V2NIMMessageService.isPeerRead(m2)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('P8: listeners attached right after login() still get the login sync', async () => {
    const { server, b1, b1Log, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    const a3 = server.login('A');
    const a3Log = listen(a3);
    const b3 = server.login('B');
    const b3Log = listen(b3);
    await server.settle();
    expect(a3Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 200 }]]);
    expect(b3Log.readTimes).toEqual([['B|1|A', 200]]);
    expect(b3Log.p2p).toEqual([]);
  });

  it('the watermark is the server createTime of the acknowledged message, not the reading time', async () => {
    const { server, setTime, a1Log, b1, b1Log, m1 } = await p2pChat();
    setTime(5000);
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m1));
    await server.settle();
    expect(a1Log.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 100 }]]);
  });

  // The SDK reads a local cache (getConversationReadTime @596567: no sendCmd), filled by the login
  // sync (syncConversationReadTime, 4_14) and multi-device updates, each with an event.
  it('getConversationReadTime: a per-device cache, moved by own receipts and multi-device updates (P11)', async () => {
    const { server, a1, b1, b1Log, m1, m2 } = await p2pChat();
    const service = (client: typeof b1) => client.V2NIMConversationService;
    const b2 = server.login('B');
    const b2Log = listen(b2);
    await server.settle();
    expect(await service(b1).getConversationReadTime('B|1|A')).toBe(0);
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    // The reading device's own cache moves with the call, without an event.
    expect(await service(b1).getConversationReadTime('B|1|A')).toBe(200);
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m1));
    await server.settle();
    // Monotonic: the stale receipt for m1 lowers nothing and tells nobody.
    expect(await service(b1).getConversationReadTime('B|1|A')).toBe(200);
    expect(b1Log.readTimes).toEqual([]);
    expect(b2Log.readTimes).toEqual([['B|1|A', 200]]);
    expect(await service(b2).getConversationReadTime('B|1|A')).toBe(200);
    // The sender's own read time of the chat is not the peer's receipt; teams have none here.
    expect(await service(a1).getConversationReadTime('A|1|B')).toBe(0);
    expect(await service(b1).getConversationReadTime('B|2|T1')).toBe(0);
    await expectCode(service(b1).getConversationReadTime('A|1|B'), 191004);
    await expectCode(service(b1).getConversationReadTime(null as never), 191004);
  });

  it('getConversationReadTime: 0 before the login sync, then filled by it with one event per read time', async () => {
    const { server, b1, b1Log, m2 } = await p2pChat();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m2));
    await server.settle();
    // A reload: a new device asks at once, before its login sync has arrived.
    const b2 = server.login('B');
    const b2Log = listen(b2);
    const early = b2.V2NIMConversationService.getConversationReadTime('B|1|A');
    await server.settle();
    expect(await early).toBe(0);
    expect(b2Log.readTimes).toEqual([['B|1|A', 200]]);
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(200);
  });

  it('getConversationReadTime: answers while disconnected and relogging; a reconnect syncs only what moved; logout clears it', async () => {
    const scenario = await p2pChat();
    const { server, a1, b1, b1Log, m1 } = scenario;
    const b2 = server.login('B');
    const b2Log = listen(b2);
    await server.settle();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m1));
    await server.settle();
    b2.disconnect();
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(100);
    // Read further on b1 while b2 is offline.
    const m3 = await scenario.send(a1, { to: 'A|1|B', at: 300 });
    await server.settle();
    await b1.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(b1Log, m3));
    await server.settle();
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(100);
    b2.reconnect();
    // Connected, not yet logged in again (190002 for server calls): the cache still answers.
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(100);
    await server.settle();
    expect(b2Log.readTimes).toEqual([
      ['B|1|A', 100],
      ['B|1|A', 300],
    ]);
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(300);
    // A reconnect with nothing new syncs nothing.
    b2.disconnect();
    b2.reconnect();
    await server.settle();
    expect(b2Log.readTimes).toHaveLength(2);
    b2.logout();
    await expectCode(b2.V2NIMConversationService.getConversationReadTime('B|1|A'), 190002);
    b2.login();
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(0);
    await server.settle();
    expect(await b2.V2NIMConversationService.getConversationReadTime('B|1|A')).toBe(300);
  });
});
