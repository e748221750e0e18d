import { describe, expect, it } from 'vitest';
import { createScenario, expectCode, listen, receivedBy } from './scenario.testkit';
import type { V2NIMMessage } from './sdkTypes';

/**
 * Each refusal of the memory server's authorization: a device acts only as its own account, and
 * edited (spoofed) message fields never let it act for someone else. Every refused call also leaves
 * the state unchanged and emits nothing.
 */
async function world() {
  const scenario = createScenario();
  const { server } = scenario;
  server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
  server.createTeam({ teamId: 'T2', memberIds: ['A', 'B', 'D'] });
  const a = server.login('A');
  const aLog = listen(a);
  const b = server.login('B');
  const bLog = listen(b);
  const c = server.login('C');
  const cLog = listen(c);
  const d = server.login('D');
  const dLog = listen(d);
  const toB = await scenario.send(a, { to: 'A|1|B', at: 100 });
  const toC = await scenario.send(a, { to: 'A|1|C', at: 200 });
  const g1 = await scenario.send(a, { to: 'A|2|T1', at: 300, isFlagged: true });
  const h1 = await scenario.send(a, { to: 'A|2|T2', at: 400, isFlagged: true });
  await server.settle();
  /** Nothing any device heard about receipts, and the counts A can query. */
  async function receiptState() {
    await server.settle();
    const [g1Receipt] = await a.V2NIMMessageService.getTeamMessageReceipts([g1]);
    const [h1Receipt] = await a.V2NIMMessageService.getTeamMessageReceipts([h1]);
    return {
      events: [aLog, bLog, cLog, dLog].map((log) => [log.p2p, log.team, log.readTimes]),
      toB: (await a.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp,
      toC: (await a.V2NIMMessageService.getP2PMessageReceipt('A|1|C')).timestamp,
      g1: g1Receipt?.readCount,
      h1: h1Receipt?.readCount,
    };
  }
  const initial = await receiptState();
  return {
    ...scenario,
    a,
    aLog,
    b,
    bLog,
    c,
    cLog,
    d,
    dLog,
    toB,
    toC,
    g1,
    h1,
    receiptState,
    initial,
  };
}

describe('authorization: P2P receipts', () => {
  it('B cannot acknowledge a message A sent to C (191004, P4)', async () => {
    const w = await world();
    await expectCode(w.b.V2NIMMessageService.sendP2PMessageReceipt(w.toC), 191004);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('B cannot acknowledge it by editing receiverId to B (107404: B never received it)', async () => {
    const w = await world();
    const spoofed: V2NIMMessage = { ...w.toC, receiverId: 'B', conversationId: 'B|1|A' };
    await expectCode(w.b.V2NIMMessageService.sendP2PMessageReceipt(spoofed), 107404);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('C cannot forge a receipt from B by editing senderId (107404)', async () => {
    const w = await world();
    // C's own copy of toC, edited to look like a message B sent to C.
    const spoofed = { ...receivedBy(w.cLog, w.toC), senderId: 'B' };
    await expectCode(w.c.V2NIMMessageService.sendP2PMessageReceipt(spoofed), 107404);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('A cannot mark its own message read by editing it to look received (107404)', async () => {
    const w = await world();
    const spoofed = { ...w.toB, senderId: 'B', receiverId: 'A', isSelf: false };
    await expectCode(w.a.V2NIMMessageService.sendP2PMessageReceipt(spoofed), 107404);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('an edited createTime cannot push the watermark past the acknowledged message', async () => {
    const w = await world();
    const inflated = { ...receivedBy(w.bLog, w.toB), createTime: 99_999 };
    await w.b.V2NIMMessageService.sendP2PMessageReceipt(inflated);
    await w.server.settle();
    expect(w.aLog.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 100 }]]);
    expect(w.a.V2NIMMessageService.isPeerRead(w.toC)).toBe(false);
  });

  it('a receipt reaches only the sender: C hears nothing of B reading A', async () => {
    const w = await world();
    await w.b.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(w.bLog, w.toB));
    await w.server.settle();
    expect(w.cLog.p2p).toEqual([]);
    expect(w.cLog.readTimes).toEqual([]);
    expect(await w.c.V2NIMMessageService.getP2PMessageReceipt('C|1|A')).toMatchObject({
      timestamp: 0,
    });
  });

  it("a device cannot read another account's watermark: A's conversation id gives 191004", async () => {
    const w = await world();
    await w.b.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(w.bLog, w.toB));
    await w.server.settle();
    await expectCode(w.c.V2NIMMessageService.getP2PMessageReceipt('A|1|B'), 191004);
  });
});

describe('authorization: team receipts', () => {
  it("C cannot read the counts of A's message (191004)", async () => {
    const w = await world();
    await expectCode(w.c.V2NIMMessageService.getTeamMessageReceipts([w.g1]), 191004);
  });

  it("C cannot read the detail of A's message (191004)", async () => {
    const w = await world();
    await expectCode(w.c.V2NIMMessageService.getTeamMessageReceiptDetail(w.g1), 191004);
  });

  it('C editing senderId to C still learns no counts (dropped) and no detail (107404)', async () => {
    const w = await world();
    const spoofed = { ...receivedBy(w.cLog, w.g1), senderId: 'C', isSelf: true };
    await expect(w.c.V2NIMMessageService.getTeamMessageReceipts([spoofed])).resolves.toEqual([]);
    await expectCode(w.c.V2NIMMessageService.getTeamMessageReceiptDetail(spoofed), 107404);
  });

  it('D, not in T1, cannot acknowledge a T1 message (109404)', async () => {
    const w = await world();
    const seen = { ...receivedBy(w.bLog, w.g1) };
    await expectCode(w.d.V2NIMMessageService.sendTeamMessageReceipts([seen]), 109404);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('D cannot query a T1 message by editing senderId to D (109404)', async () => {
    const w = await world();
    const spoofed = { ...w.g1, senderId: 'D' };
    await expectCode(w.d.V2NIMMessageService.getTeamMessageReceipts([spoofed]), 109404);
    await expectCode(w.d.V2NIMMessageService.getTeamMessageReceiptDetail(spoofed), 109404);
  });

  it('D cannot send to, or list the history of, a team it is not in (109404)', async () => {
    const w = await world();
    await expectCode(
      w.d.V2NIMMessageService.sendMessage(
        w.d.V2NIMMessageCreator.createTextMessage('hi'),
        'D|2|T1',
      ),
      109404,
    );
    await expectCode(w.d.V2NIMMessageService.getMessageList({ conversationId: 'D|2|T1' }), 109404);
    expect(w.cLog.messages.map((m) => m.text)).not.toContain('hi');
  });

  it('D, a T2 member, cannot count a T1 message by editing its team to T2 (ignored)', async () => {
    const w = await world();
    const spoofed = {
      ...receivedBy(w.bLog, w.g1),
      receiverId: 'T2',
      conversationId: 'D|2|T2',
    };
    await w.d.V2NIMMessageService.sendTeamMessageReceipts([spoofed]);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('a batch cannot smuggle another team in: only messages of the first team count', async () => {
    const w = await world();
    // Same conversationId on both (passes the 191001 check), but the second is really T2's h1.
    const g1Copy = receivedBy(w.cLog, w.g1);
    const smuggled = { ...w.h1, conversationId: g1Copy.conversationId, senderId: 'A' };
    await w.c.V2NIMMessageService.sendTeamMessageReceipts([g1Copy, smuggled]);
    const state = await w.receiptState();
    expect(state.g1).toBe(1);
    expect(state.h1).toBe(0);
  });

  it('a former member cannot acknowledge (109404) nor query (109404)', async () => {
    const w = await world();
    const copy = receivedBy(w.cLog, w.g1);
    w.server.removeTeamMembers('T1', ['C']);
    await expectCode(w.c.V2NIMMessageService.sendTeamMessageReceipts([copy]), 109404);
    expect(await w.receiptState()).toEqual(w.initial);
  });

  it('editing a message after the call started changes nothing the server does', async () => {
    const w = await world();
    const copy = { ...receivedBy(w.bLog, w.toB) };
    const pending = w.b.V2NIMMessageService.sendP2PMessageReceipt(copy);
    copy.createTime = 99_999;
    copy.messageClientId = 'someone-else';
    await pending;
    await w.server.settle();
    expect(w.aLog.p2p).toEqual([[{ conversationId: 'A|1|B', timestamp: 100 }]]);
  });
});

describe('hostile data is stored and returned verbatim', () => {
  const html = '<img src=x onerror="alert(1)"><script>alert(\'xss\')</script>&amp;"\'';

  it('message text with HTML and script comes back byte for byte, pushed and listed', async () => {
    const scenario = createScenario();
    const a = scenario.server.login('A');
    const b = scenario.server.login('B');
    const bLog = listen(b);
    const { message } = await a.V2NIMMessageService.sendMessage(
      a.V2NIMMessageCreator.createTextMessage(html),
      'A|1|B',
    );
    await scenario.server.settle();
    expect(message.text).toBe(html);
    expect(receivedBy(bLog, message).text).toBe(html);
    const [listed] = await b.V2NIMMessageService.getMessageList({ conversationId: 'B|1|A' });
    expect(listed?.text).toBe(html);
  });

  it('account and team ids with HTML flow through receipts, counts and details unchanged', async () => {
    const evil = '<b onmouseover=alert(1)>Eve</b>';
    const team = '<script>t</script>';
    const scenario = createScenario();
    scenario.server.createTeam({ teamId: team, memberIds: ['A', evil, 'C'] });
    const a = scenario.server.login('A');
    const aLog = listen(a);
    const e = scenario.server.login(evil);
    const eLog = listen(e);
    const g = await scenario.send(a, { to: `A|2|${team}`, at: 100, isFlagged: true });
    const m = await scenario.send(a, { to: `A|1|${evil}`, at: 200 });
    await scenario.server.settle();
    expect(receivedBy(eLog, g).conversationId).toBe(`${evil}|2|${team}`);
    await e.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(eLog, g)]);
    await e.V2NIMMessageService.sendP2PMessageReceipt(receivedBy(eLog, m));
    await scenario.server.settle();
    expect(aLog.team).toEqual([
      [expect.objectContaining({ conversationId: `A|2|${team}`, latestReadAccount: evil })],
    ]);
    expect(aLog.p2p).toEqual([[{ conversationId: `A|1|${evil}`, timestamp: 200 }]]);
    const detail = await a.V2NIMMessageService.getTeamMessageReceiptDetail(g);
    expect(detail.readAccountList).toEqual([evil]);
    expect(detail.unreadAccountList).toEqual(['C']);
  });

  it('getLoginUser names the account while logged in, also while the connection is down, and "" after logout (as the SDK)', async () => {
    const { server } = createScenario();
    const a = server.login('A');
    expect(a.V2NIMLoginService.getLoginUser()).toBe('A');
    server.dropConnection('A');
    expect(a.V2NIMLoginService.getLoginUser()).toBe('A');
    server.restoreConnection('A');
    a.logout();
    expect(a.V2NIMLoginService.getLoginUser()).toBe('');
    a.login();
    expect(a.V2NIMLoginService.getLoginUser()).toBe('A');
  });
});
