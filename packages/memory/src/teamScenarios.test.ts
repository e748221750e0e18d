import { describe, expect, it } from 'vitest';
import { createScenario, expectCode, listen, receivedBy } from './scenario.testkit';

/** T1 = {A, B, C, D, E}; A sends flagged g1 (t=100) and unflagged g2 (t=110). */
async function teamChat() {
  const scenario = createScenario();
  const { server } = scenario;
  server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D', 'E'] });
  const a1 = server.login('A');
  const a1Log = listen(a1);
  const b1 = server.login('B');
  const b1Log = listen(b1);
  const c1 = server.login('C');
  const c1Log = listen(c1);
  const g1 = await scenario.send(a1, { to: 'A|2|T1', at: 100, isFlagged: true });
  const g2 = await scenario.send(a1, { to: 'A|2|T1', at: 110 });
  await server.settle();
  return { ...scenario, a1, a1Log, b1, b1Log, c1, c1Log, g1, g2 };
}

const g1Counts = (readCount: number, unreadCount: number) => ({
  conversationId: 'A|2|T1',
  readCount,
  unreadCount,
});

describe('SPEC section 7, team scenarios on the memory server', () => {
  it('16: counts start at 0 read / 4 unread; after B reads, A gets 1 / 3 with latestReadAccount B', async () => {
    const { server, a1, a1Log, b1, b1Log, c1Log, g1 } = await teamChat();
    const b2Log = listen(server.login('B'));
    expect(await a1.V2NIMMessageService.getTeamMessageReceipts([g1])).toEqual([
      expect.objectContaining({ ...g1Counts(0, 4), messageClientId: g1.messageClientId }),
    ]);
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    expect(a1Log.team).toEqual([
      [
        {
          ...g1Counts(1, 3),
          messageClientId: g1.messageClientId,
          messageServerId: g1.messageServerId,
          latestReadAccount: 'B',
        },
      ],
    ]);
    // G11: the reader's devices (the one that read and the other) and other members get nothing.
    expect(b1Log.team).toEqual([]);
    expect(b2Log.team).toEqual([]);
    expect(c1Log.team).toEqual([]);
  });

  it('17: a repeated receipt is a silent no-op', async () => {
    const { server, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    const copy = receivedBy(b1Log, g1);
    await b1.V2NIMMessageService.sendTeamMessageReceipts([copy]);
    await b1.V2NIMMessageService.sendTeamMessageReceipts([copy, copy]);
    await server.settle();
    expect(a1Log.team).toHaveLength(1);
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts).toMatchObject(g1Counts(1, 3));
  });

  it('18: acknowledging an own team message gives 191004', async () => {
    const { server, a1, a1Log, g1 } = await teamChat();
    await expectCode(a1.V2NIMMessageService.sendTeamMessageReceipts([g1]), 191004);
    await server.settle();
    expect(a1Log.team).toEqual([]);
  });

  it('19: a batch mixing T1 and T2 gives 191001 and records nothing', async () => {
    const { server, send, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const t2 = await send(a1, { to: 'A|2|T2', at: 120, isFlagged: true });
    await server.settle();
    await expectCode(
      b1.V2NIMMessageService.sendTeamMessageReceipts([
        receivedBy(b1Log, g1),
        receivedBy(b1Log, t2),
      ]),
      191001,
    );
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const counts = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts[0]).toMatchObject(g1Counts(0, 4));
  });

  it('20: 51 messages give 191001 with no effect; 50 succeed; [] gives 191004', async () => {
    const { server, send, a1, a1Log, b1, b1Log } = await teamChat();
    const sent = [];
    for (let i = 0; i < 51; i += 1) {
      sent.push(await send(a1, { to: 'A|2|T1', at: 1000 + i, isFlagged: true }));
    }
    await server.settle();
    const copies = sent.map((m) => receivedBy(b1Log, m));
    await expectCode(b1.V2NIMMessageService.sendTeamMessageReceipts(copies), 191001);
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const before = await a1.V2NIMMessageService.getTeamMessageReceipts(sent.slice(0, 50));
    expect(before.every((r) => r.readCount === 0)).toBe(true);
    await b1.V2NIMMessageService.sendTeamMessageReceipts(copies.slice(0, 50));
    await server.settle();
    expect(a1Log.team.flat()).toHaveLength(50);
    const after = await a1.V2NIMMessageService.getTeamMessageReceipts(sent.slice(0, 50));
    expect(after.every((r) => r.readCount === 1 && r.unreadCount === 3)).toBe(true);
    await expectCode(b1.V2NIMMessageService.sendTeamMessageReceipts([]), 191004);
  });

  it('21: bad queries: two teams or 51 give 191001; another sender or empty messageServerId give 191004', async () => {
    const { server, send, a1, b1, g1 } = await teamChat();
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const t2 = await send(a1, { to: 'A|2|T2', at: 120, isFlagged: true });
    const service = a1.V2NIMMessageService;
    await expectCode(service.getTeamMessageReceipts([g1, t2]), 191001);
    await expectCode(service.getTeamMessageReceipts(Array.from({ length: 51 }, () => g1)), 191001);
    const fromB = await send(b1, { to: 'B|2|T1', at: 130, isFlagged: true });
    await server.settle();
    await expectCode(
      service.getTeamMessageReceipts([{ ...fromB, conversationId: 'A|2|T1', isSelf: false }]),
      191004,
    );
    await expectCode(service.getTeamMessageReceipts([{ ...g1, messageServerId: '' }]), 191004);
    await expectCode(service.getTeamMessageReceipts([]), 191004);
    await expectCode(service.getTeamMessageReceipts(null as never), 191004);
  });

  it('22: unflagged and unknown messages are dropped from query results', async () => {
    const { a1, g1, g2 } = await teamChat();
    const g3 = { ...g1, messageClientId: 'unknown', messageServerId: '999' };
    const results = await a1.V2NIMMessageService.getTeamMessageReceipts([g1, g2, g3]);
    expect(results.map((r) => r.messageClientId)).toEqual([g1.messageClientId]);
  });

  // nim-web-sdk-ng 10.8.1 sends the detail query only receiverId + messageServerId
  // (select: ["receiverId","messageServerId"], @400299) and copies the ids of its result from the
  // caller's message (@367249): the server knows a message by its team and server id only.
  it('G6-G8: queries find a message by team and server id; a stale server id is unknown (dropped, 107404)', async () => {
    const { server, a1, g1 } = await teamChat();
    const service = a1.V2NIMMessageService;
    const stale = { ...g1, messageServerId: '999' };
    expect(await service.getTeamMessageReceipts([stale])).toEqual([]);
    await expectCode(service.getTeamMessageReceiptDetail(stale), 107404);
    // A server id of another team's message is unknown in T1, even from the same sender.
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const h1 = await server
      .login('A')
      .V2NIMMessageService.sendMessage(a1.V2NIMMessageCreator.createTextMessage('h1'), 'A|2|T2', {
        messageConfig: { readReceiptEnabled: true },
      });
    const crossTeam = { ...g1, messageServerId: h1.message.messageServerId };
    expect(await service.getTeamMessageReceipts([crossTeam])).toEqual([]);
    await expectCode(service.getTeamMessageReceiptDetail(crossTeam), 107404);
  });

  it("G6-G8: the result ids are the caller's; the client id plays no part in the lookup", async () => {
    const { server, a1, b1, b1Log, g1 } = await teamChat();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    const copy = { ...g1, messageClientId: 'a-local-copy' };
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([copy]);
    expect(counts).toMatchObject({
      ...g1Counts(1, 3),
      messageClientId: 'a-local-copy',
      messageServerId: g1.messageServerId,
    });
    const detail = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(copy);
    expect(detail.readReceipt).toEqual({
      ...g1Counts(1, 3),
      messageClientId: 'a-local-copy',
      messageServerId: g1.messageServerId,
    });
    expect(detail.readAccountList).toEqual(['B']);
    // The same message twice in one query is answered once.
    expect(await a1.V2NIMMessageService.getTeamMessageReceipts([g1, copy])).toHaveLength(1);
  });

  it('23: the full detail lists readers and non-readers; the sender appears in neither', async () => {
    const { server, a1, b1, b1Log, g1 } = await teamChat();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    const detail = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1);
    expect(detail.readAccountList).toEqual(['B']);
    expect(detail.unreadAccountList).toEqual(['C', 'D', 'E']);
    expect(detail.readReceipt).toMatchObject(g1Counts(1, 3));
    expect(detail.readReceipt).not.toHaveProperty('latestReadAccount');
  });

  it('24: a member filter reports only listed members; non-members are ignored without error', async () => {
    const { server, a1, b1, b1Log, g1 } = await teamChat();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    const detail = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1, [
      'B',
      'C',
      'Z',
      'A',
    ]);
    expect(detail.readAccountList).toEqual(['B']);
    expect(detail.unreadAccountList).toEqual(['C']);
    expect(detail.readReceipt).toMatchObject(g1Counts(1, 1));
    const all = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1, []);
    expect(all.unreadAccountList).toEqual(['C', 'D', 'E']);
  });

  it('25: a detail query for someone else message gives 191004', async () => {
    const { b1, b1Log, g1 } = await teamChat();
    await expectCode(
      b1.V2NIMMessageService.getTeamMessageReceiptDetail(receivedBy(b1Log, g1)),
      191004,
    );
  });

  it('26: a receipt for unflagged g2 resolves as a no-op; its detail gives 108301', async () => {
    const { server, a1, a1Log, b1, b1Log, g2 } = await teamChat();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g2)]);
    await server.settle();
    expect(a1Log.team).toEqual([]);
    await expectCode(a1.V2NIMMessageService.getTeamMessageReceiptDetail(g2), 108301);
  });

  it('27: in a 201-member team a flagged send gives 107302 and an unflagged one succeeds', async () => {
    const { server, send } = createScenario();
    const memberIds = ['A', ...Array.from({ length: 200 }, (_, i) => `M${i}`)];
    server.createTeam({ teamId: 'BIG', memberIds });
    const a1 = server.login('A');
    await expectCode(send(a1, { to: 'A|2|BIG', at: 100, isFlagged: true }), 107302);
    const plain = await send(a1, { to: 'A|2|BIG', at: 101 });
    expect(plain.messageServerId).not.toBe('');
    server.removeTeamMembers('BIG', ['M0']);
    const flagged = await send(a1, { to: 'A|2|BIG', at: 102, isFlagged: true });
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([flagged]);
    expect(counts).toMatchObject({ readCount: 0, unreadCount: 199 });
  });

  it('28: every team receipt API gives 191004 for a super-team message', async () => {
    const { a1, b1, b1Log, g1 } = await teamChat();
    const superOwn = { ...g1, conversationType: 3 as const, conversationId: 'A|3|T1' };
    const superOther = {
      ...receivedBy(b1Log, g1),
      conversationType: 3 as const,
      conversationId: 'B|3|T1',
    };
    await expectCode(b1.V2NIMMessageService.sendTeamMessageReceipts([superOther]), 191004);
    await expectCode(a1.V2NIMMessageService.getTeamMessageReceipts([superOwn]), 191004);
    await expectCode(a1.V2NIMMessageService.getTeamMessageReceiptDetail(superOwn), 191004);
  });

  it('29: events carry absolute totals that only grow as members read', async () => {
    const { server, a1Log, b1, b1Log, c1, c1Log, g1 } = await teamChat();
    const d1 = server.login('D');
    const d1Log = listen(d1);
    await server.settle();
    expect(d1Log.messages).toEqual([]); // D logged in after g1: it fetches history instead
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await c1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(c1Log, g1)]);
    const history = await d1.V2NIMMessageService.getMessageList({ conversationId: 'D|2|T1' });
    const dG1 = history.find((m) => m.messageClientId === g1.messageClientId);
    expect(dG1?.conversationId).toBe('D|2|T1');
    await d1.V2NIMMessageService.sendTeamMessageReceipts(dG1 ? [dG1] : []);
    await server.settle();
    expect(a1Log.team.flat().map((r) => [r.readCount, r.unreadCount, r.latestReadAccount])).toEqual(
      [
        [1, 3, 'B'],
        [2, 2, 'C'],
        [3, 1, 'D'],
      ],
    );
  });

  it('30: both devices of the sender get the team event', async () => {
    const { server, a1Log, b1, b1Log, g1 } = await teamChat();
    const a2 = server.login('A');
    const a2Log = listen(a2);
    await server.settle();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    expect(a1Log.team).toHaveLength(1);
    expect(a2Log.team).toEqual(a1Log.team);
  });

  it('31: a former member gets 109404 and the counts stay unchanged', async () => {
    const { server, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    server.removeTeamMembers('T1', ['B']);
    await expectCode(
      b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]),
      109404,
    );
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const detail = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1);
    expect(detail.readReceipt).toMatchObject(g1Counts(0, 4));
    // Members at send time stay counted: B is still unread.
    expect(detail.unreadAccountList).toEqual(['B', 'C', 'D', 'E']);
  });

  it('32: a late joiner is not counted and its receipt changes nothing', async () => {
    const { server, a1, a1Log, g1 } = await teamChat();
    server.addTeamMembers('T1', ['F']);
    const f1 = server.login('F');
    const history = await f1.V2NIMMessageService.getMessageList({ conversationId: 'F|2|T1' });
    const fG1 = history.find((m) => m.messageClientId === g1.messageClientId);
    expect(fG1).toBeDefined();
    await f1.V2NIMMessageService.sendTeamMessageReceipts(fG1 ? [fG1] : []);
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const detail = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1);
    expect(detail.readReceipt).toMatchObject(g1Counts(0, 4));
    expect([...detail.readAccountList, ...detail.unreadAccountList]).not.toContain('F');
  });

  it('33-34 (server part): nothing read gives 0 / 4; after all four read, unread is 0', async () => {
    const { server, a1, a1Log, g1 } = await teamChat();
    const start = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1);
    expect([start.readReceipt.readCount, start.readReceipt.unreadCount]).toEqual([0, 4]);
    for (const member of ['B', 'C', 'D', 'E']) {
      const device = server.login(member);
      const [copy] = await device.V2NIMMessageService.getMessageList({
        conversationId: `${member}|2|T1`,
        direction: 1,
        limit: 1,
      });
      await device.V2NIMMessageService.sendTeamMessageReceipts(copy ? [copy] : []);
    }
    await server.settle();
    expect(a1Log.team.flat().at(-1)).toMatchObject(g1Counts(4, 0));
    const end = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1);
    expect(end.unreadAccountList).toEqual([]);
    expect(end.readAccountList).toEqual(['B', 'C', 'D', 'E']);
  });
});

describe('team rules beyond the numbered scenarios', () => {
  it('G11: team receipts are not synced at login; a query gives the counts', async () => {
    const { server, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    a1.logout();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    a1.login();
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts).toMatchObject(g1Counts(1, 3));
  });

  it("logged out: queries reject even the sender's own messages with 191004, a receipt sends 190002", async () => {
    // The SDK checks ownership against V2NIMLoginService.account, which logout resets to "", before
    // sendCmd refuses the command (190002); a receipt send only refuses one's own messages.
    const { a1, b1, b1Log, g1 } = await teamChat();
    a1.logout();
    b1.logout();
    await expectCode(a1.V2NIMMessageService.getTeamMessageReceipts([g1]), 191004);
    await expectCode(a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1), 191004);
    await expectCode(
      b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]),
      190002,
    );
  });

  it('logged out: a team receipt for an own message gives 190002, not 191004, as on the SDK', async () => {
    // G3 step 3 compares the senders with the SDK's account, "" after logout: none matches, and
    // sendCmd refuses the command.
    const { server, a1, a1Log, g1 } = await teamChat();
    a1.logout();
    await expectCode(a1.V2NIMMessageService.sendTeamMessageReceipts([g1]), 190002);
    a1.login();
    await expectCode(a1.V2NIMMessageService.sendTeamMessageReceipts([g1]), 191004);
    await server.settle();
    expect(a1Log.team).toEqual([]);
  });

  it('T3: query results leak receiverId like Web 10.8.1 (transports must strip it)', async () => {
    const { a1, g1 } = await teamChat();
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts).toHaveProperty('receiverId', 'T1');
  });

  it('authorization: a non-member cannot acknowledge or query a team message', async () => {
    const { server, b1Log, g1 } = await teamChat();
    const z1 = server.login('Z');
    await expectCode(
      z1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]),
      109404,
    );
    await expectCode(z1.V2NIMMessageService.getMessageList({ conversationId: 'Z|2|T1' }), 109404);
    await expectCode(
      z1.V2NIMMessageService.sendMessage(z1.V2NIMMessageCreator.createTextMessage('x'), 'Z|2|T1'),
      109404,
    );
  });

  it('G3 order: two conversations give 191001 before any per-item or own-message check, and record nothing', async () => {
    const { server, send, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const t2 = await send(a1, { to: 'A|2|T2', at: 120, isFlagged: true });
    const fromB = await send(b1, { to: 'B|2|T2', at: 130, isFlagged: true });
    await server.settle();
    // B: a good T1 copy, then a T2 copy that would fail step 2 (no server id).
    await expectCode(
      b1.V2NIMMessageService.sendTeamMessageReceipts([
        receivedBy(b1Log, g1),
        { ...receivedBy(b1Log, t2), messageServerId: '' },
      ]),
      191001,
    );
    // A: its own T1 message (step 3) beside B's T2 message.
    await expectCode(
      a1.V2NIMMessageService.sendTeamMessageReceipts([g1, receivedBy(a1Log, fromB)]),
      191001,
    );
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts).toMatchObject(g1Counts(0, 4));
  });

  it("G3 order: an own message among 51 gives the SDK's 191004 before the cap's 191001 (10.8.1 leaves the cap to the server), and records nothing", async () => {
    const { server, send, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    const fromB = await send(b1, { to: 'B|2|T1', at: 130, isFlagged: true });
    await server.settle();
    const copies = Array.from({ length: 50 }, () => receivedBy(b1Log, g1));
    await expectCode(b1.V2NIMMessageService.sendTeamMessageReceipts([...copies, fromB]), 191004);
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const [counts] = await a1.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(counts).toMatchObject(g1Counts(0, 4));
  });

  it("G6 order: someone else's message gives 191004 before two teams give 191001", async () => {
    const { server, send, a1, a1Log, b1, g1 } = await teamChat();
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const fromB = await send(b1, { to: 'B|2|T2', at: 130, isFlagged: true });
    await server.settle();
    await expectCode(
      a1.V2NIMMessageService.getTeamMessageReceipts([g1, receivedBy(a1Log, fromB)]),
      191004,
    );
  });

  it('G9: the sender named in the filter appears in neither list, and the counts follow the lists', async () => {
    const { server, a1, b1, b1Log, g1 } = await teamChat();
    await b1.V2NIMMessageService.sendTeamMessageReceipts([receivedBy(b1Log, g1)]);
    await server.settle();
    const detail = await a1.V2NIMMessageService.getTeamMessageReceiptDetail(g1, ['A', 'B']);
    expect(detail.readAccountList).toEqual(['B']);
    expect(detail.unreadAccountList).toEqual([]);
    expect(detail.readReceipt).toMatchObject({ readCount: 1, unreadCount: 0 });
  });

  it('G3, G6, G8 step 2: a receipt without messageClientId, and any call with an empty receiverId, give 191004 before the server is asked', async () => {
    const { server, a1, a1Log, b1, b1Log, g1 } = await teamChat();
    const copy = receivedBy(b1Log, g1);
    const { messageClientId: _, ...withoutClientId } = copy;
    const receipts = b1.V2NIMMessageService;
    await expectCode(receipts.sendTeamMessageReceipts([withoutClientId as never]), 191004);
    await expectCode(receipts.sendTeamMessageReceipts([{ ...copy, messageClientId: '' }]), 191004);
    // Without the check the team '' would be looked up and missed (108404).
    await expectCode(receipts.sendTeamMessageReceipts([{ ...copy, receiverId: '' }]), 191004);
    const queries = a1.V2NIMMessageService;
    await expectCode(queries.getTeamMessageReceipts([{ ...g1, receiverId: '' }]), 191004);
    await expectCode(queries.getTeamMessageReceiptDetail({ ...g1, receiverId: '' }), 191004);
    await server.settle();
    expect(a1Log.team).toEqual([]);
    const [counts] = await queries.getTeamMessageReceipts([g1]);
    expect(counts).toMatchObject(g1Counts(0, 4));
  });

  it('E3 and G3: null, non-arrays, null items and empty messageServerId give 191004', async () => {
    const { b1, b1Log, g1 } = await teamChat();
    const service = b1.V2NIMMessageService;
    await expectCode(service.sendTeamMessageReceipts(null as never), 191004);
    await expectCode(service.sendTeamMessageReceipts(receivedBy(b1Log, g1) as never), 191004);
    await expectCode(service.sendTeamMessageReceipts([null] as never), 191004);
    await expectCode(
      service.sendTeamMessageReceipts([{ ...receivedBy(b1Log, g1), messageServerId: '' }]),
      191004,
    );
    await expectCode(service.getTeamMessageReceiptDetail(null as never), 191004);
  });
});
