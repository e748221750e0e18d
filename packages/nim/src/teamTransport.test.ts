import type { MemoryServerOptions } from '@readmark/memory';
import { describe, expect, it, vi } from 'vitest';
import { createNimTransport } from './createNimTransport';
import { copyOf, createTransportScenario, expectReceiptError } from './transport.testkit';

/** T1 = {A, B, C, D, E}; A sends flagged g1 (t=100) and unflagged g2 (t=110). */
async function teamChat(options: MemoryServerOptions = {}) {
  const scenario = createTransportScenario(options);
  scenario.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C', 'D', 'E'] });
  const a1 = scenario.device('A');
  const b1 = scenario.device('B');
  const c1 = scenario.device('C');
  const g1 = await scenario.send(a1, { to: 'A|2|T1', at: 100, isFlagged: true });
  const g2 = await scenario.send(a1, { to: 'A|2|T1', at: 110 });
  await scenario.server.settle();
  return { ...scenario, a1, b1, c1, g1, g2 };
}

describe('SPEC section 7, team scenarios through createNimTransport', () => {
  it('16, 30: counts start at 0/4; after B reads, every sender device emits teamReceipts 1/3 from B', async () => {
    const { server, a1, b1, c1, g1, device } = await teamChat();
    const a2 = device('A');
    expect(await a1.transport.getTeamMessageReceipts([g1])).toEqual([
      {
        conversationId: 'A|2|T1',
        messageServerId: g1.messageServerId,
        messageClientId: g1.messageClientId,
        readCount: 0,
        unreadCount: 4,
      },
    ]);
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await server.settle();
    const expected = {
      type: 'teamReceipts',
      receipts: [
        {
          conversationId: 'A|2|T1',
          messageServerId: g1.messageServerId,
          messageClientId: g1.messageClientId,
          readCount: 1,
          unreadCount: 3,
          latestReadAccount: 'B',
        },
      ],
    };
    expect(a1.events).toEqual([expected]);
    expect(a2.events).toEqual([expected]);
    expect(b1.events).toEqual([]);
    expect(c1.events).toEqual([]);
  });

  it('T3: the receiverId leaked by query results never reaches the engine', async () => {
    const { a1, g1 } = await teamChat();
    const [fromSdk] = await a1.client.V2NIMMessageService.getTeamMessageReceipts([g1]);
    expect(fromSdk).toHaveProperty('receiverId', 'T1');
    const [fromTransport] = await a1.transport.getTeamMessageReceipts([g1]);
    expect(fromTransport).not.toHaveProperty('receiverId');
  });

  it('T4: a detail never carries latestReadAccount or receiverId, even when the SDK leaks them', async () => {
    const { server, a1, b1, g1 } = await teamChat();
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await server.settle();
    // An SDK whose detail carries the T3 receipt object, as query results do.
    const service = a1.client.V2NIMMessageService;
    const real = service.getTeamMessageReceiptDetail.bind(service);
    vi.spyOn(service, 'getTeamMessageReceiptDetail').mockImplementation(async (...args) => {
      const detail = await real(...args);
      return {
        ...detail,
        readReceipt: { ...detail.readReceipt, latestReadAccount: 'B', receiverId: 'T1' },
      } as typeof detail;
    });
    const detail = await a1.transport.getTeamMessageReceiptDetail(g1);
    expect(detail.readReceipt).not.toHaveProperty('latestReadAccount');
    expect(detail.readReceipt).not.toHaveProperty('receiverId');
    expect(detail.readReceipt).toMatchObject({ readCount: 1, unreadCount: 3 });
  });

  it('a malformed detail from the SDK rejects with 191004, as the engine names an answer that is not NIM’s', async () => {
    const { a1, g1 } = await teamChat();
    const service = a1.client.V2NIMMessageService;
    const answers: unknown[] = [null, { readAccountList: [] }, { readReceipt: 'B' }];
    for (const answer of answers) {
      vi.spyOn(service, 'getTeamMessageReceiptDetail').mockResolvedValueOnce(answer as never);
      await expectReceiptError(a1.transport.getTeamMessageReceiptDetail(g1), 191004);
    }
  });

  it('G3, G6: over 50 messages the transport itself rejects with 191001, the SDK never called', async () => {
    const { a1, b1, g1 } = await teamChat();
    // 10.8.1 leaves the cap to the server: the transport must not rely on it.
    const send = vi.spyOn(b1.client.V2NIMMessageService, 'sendTeamMessageReceipts');
    const query = vi.spyOn(a1.client.V2NIMMessageService, 'getTeamMessageReceipts');
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts(Array.from({ length: 51 }, () => copyOf(b1, g1))),
      191001,
    );
    await expectReceiptError(
      a1.transport.getTeamMessageReceipts(Array.from({ length: 51 }, () => g1)),
      191001,
    );
    expect(send).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
  });

  it("G3, G6: over 50 messages, one the SDK refuses gives the SDK's 191004, as on the memory server: 10.8.1 checks before the server's cap of 50", async () => {
    const { server, send, a1, b1, g1 } = await teamChat();
    const fromB = await send(b1, { to: 'B|2|T1', at: 130, isFlagged: true });
    await server.settle();
    // A query of 50 of A's own messages and one of B's; a receipt of 50 copies and one's own.
    const query = [...Array.from({ length: 50 }, () => g1), copyOf(a1, fromB)];
    const receipts = [...Array.from({ length: 50 }, () => copyOf(b1, g1)), fromB];
    const codeOf = (call: Promise<unknown>) =>
      call.then(
        () => 'resolved',
        (error: { code?: number }) => error.code,
      );
    expect({
      query: await codeOf(a1.transport.getTeamMessageReceipts(query)),
      receipts: await codeOf(b1.transport.sendTeamMessageReceipts(receipts)),
    }).toEqual({
      query: await codeOf(a1.client.V2NIMMessageService.getTeamMessageReceipts(query)),
      receipts: await codeOf(b1.client.V2NIMMessageService.sendTeamMessageReceipts(receipts)),
    });
    await expectReceiptError(a1.transport.getTeamMessageReceipts(query), 191004);
    await expectReceiptError(b1.transport.sendTeamMessageReceipts(receipts), 191004);
    await server.settle();
    expect(a1.events).toEqual([]);
    const [counts] = await a1.transport.getTeamMessageReceipts([g1]);
    expect(counts?.readCount).toBe(0);
  });

  it('17: a repeated receipt emits nothing more', async () => {
    const { server, a1, b1, g1 } = await teamChat();
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await server.settle();
    expect(a1.events).toHaveLength(1);
  });

  it('18-20: own message 191004, mixed teams 191001, 51 messages 191001, [] 191004, none with an effect', async () => {
    const { server, send, a1, b1, g1 } = await teamChat();
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const t2 = await send(a1, { to: 'A|2|T2', at: 120, isFlagged: true });
    await server.settle();
    await expectReceiptError(a1.transport.sendTeamMessageReceipts([g1]), 191004);
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts([copyOf(b1, g1), copyOf(b1, t2)]),
      191001,
    );
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts(Array.from({ length: 51 }, () => copyOf(b1, g1))),
      191001,
    );
    await expectReceiptError(b1.transport.sendTeamMessageReceipts([]), 191004);
    await server.settle();
    expect(a1.events).toEqual([]);
    const [counts] = await a1.transport.getTeamMessageReceipts([g1]);
    expect(counts?.readCount).toBe(0);
  });

  it('after the NIM instance switches accounts, a team receipt of the old account is held, never sent from the new account (10.8.1 sends any copy)', async () => {
    const { b1, g1 } = await teamChat();
    // One NIM instance, logged in as B, then as C, another member of T1, while B's engine still
    // holds a receipt for its copy of g1 (conversation B|2|T1). 10.8.1 checks only the sender.
    let account = 'B';
    const forwarded: unknown[][] = [];
    const transport = createNimTransport({
      V2NIMMessageService: {
        ...b1.client.V2NIMMessageService,
        sendTeamMessageReceipts: async (messages) => {
          forwarded.push(messages);
        },
      },
      V2NIMLoginService: { ...b1.client.V2NIMLoginService, getLoginUser: () => account },
    });
    const received = copyOf(b1, g1);
    await transport.sendTeamMessageReceipts([received]);
    expect(forwarded).toHaveLength(1);
    account = 'C';
    const rejection = transport.sendTeamMessageReceipts([received]);
    await expectReceiptError(rejection, 190002);
    await expect(rejection).rejects.toThrow(
      'the SDK is logged in as C: B|2|T1 is not its conversation',
    );
    expect(forwarded).toHaveLength(1);
    // Logged out (the SDK's getLoginUser gives ""): left to the SDK, which fails for its own reason.
    account = '';
    await transport.sendTeamMessageReceipts([received]);
    expect(forwarded).toHaveLength(2);
  });

  it("G3: another account's copy that fails the SDK's checks gets the SDK's code (191001 for two conversations, 191004 for a bad field), not the account-switch 190002", async () => {
    const { server, a1, b1, c1, g1 } = await teamChat();
    const bCopy = copyOf(b1, g1);
    const cCopy = copyOf(c1, g1);
    expect(cCopy.conversationId).toBe('C|2|T1');
    // Step 1 comes first: two conversations are 191001, whoever they belong to.
    await expectReceiptError(b1.transport.sendTeamMessageReceipts([bCopy, cCopy]), 191001);
    // Step 2: a super-team or client-id-less item is 191004.
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts([{ ...cCopy, conversationType: 3 }]),
      191004,
    );
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts([{ ...cCopy, messageClientId: '' }]),
      191004,
    );
    // A well-formed copy of another account is still held as an account switch.
    await expectReceiptError(b1.transport.sendTeamMessageReceipts([cCopy]), 190002);
    await server.settle();
    expect(a1.events).toEqual([]);
  });

  it('G3: a message without a server id rejects with 191004 in the transport itself (10.8.1 does not check)', async () => {
    const { server, a1, b1, g1 } = await teamChat();
    // Count what reaches the SDK: the transport must refuse before calling it.
    const service = b1.client.V2NIMMessageService;
    const send = service.sendTeamMessageReceipts.bind(service);
    let sdkCalls = 0;
    service.sendTeamMessageReceipts = (list) => {
      sdkCalls++;
      return send(list);
    };
    const unsent = { ...copyOf(b1, g1), messageServerId: '' };
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts([copyOf(b1, g1), unsent]),
      191004,
    );
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts([{ ...unsent, messageServerId: undefined }] as never),
      191004,
    );
    expect(sdkCalls).toBe(0);
    // A batch of two conversations is the SDK's 191001, which comes first (G3 step 1).
    await expectReceiptError(
      b1.transport.sendTeamMessageReceipts([unsent, { ...unsent, conversationId: 'B|2|T2' }]),
      191001,
    );
    expect(sdkCalls).toBe(1);
    await server.settle();
    expect(a1.events).toEqual([]);
  });

  it('E3: null, non-arrays and null items reject with 191004, never a TypeError', async () => {
    const { a1, b1, g1 } = await teamChat();
    await expectReceiptError(b1.transport.sendTeamMessageReceipts(null as never), 191004);
    await expectReceiptError(b1.transport.sendTeamMessageReceipts(copyOf(b1, g1) as never), 191004);
    await expectReceiptError(b1.transport.sendTeamMessageReceipts([null] as never), 191004);
    await expectReceiptError(a1.transport.getTeamMessageReceipts(undefined as never), 191004);
    await expectReceiptError(a1.transport.getTeamMessageReceiptDetail(null as never), 191004);
    await expectReceiptError(a1.transport.getTeamMessageReceiptDetail(g1, 'B' as never), 191004);
  });

  it('21-22: bad queries reject with NIM codes; unknown and unflagged messages are dropped', async () => {
    const { server, send, a1, b1, g1, g2 } = await teamChat();
    server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
    const t2 = await send(a1, { to: 'A|2|T2', at: 120, isFlagged: true });
    await expectReceiptError(a1.transport.getTeamMessageReceipts([g1, t2]), 191001);
    await expectReceiptError(
      a1.transport.getTeamMessageReceipts(Array.from({ length: 51 }, () => g1)),
      191001,
    );
    await expectReceiptError(b1.transport.getTeamMessageReceipts([copyOf(b1, g1)]), 191004);
    await expectReceiptError(
      a1.transport.getTeamMessageReceipts([{ ...g1, messageServerId: '' }]),
      191004,
    );
    const g3 = { ...g1, messageClientId: 'unknown', messageServerId: '999' };
    const results = await a1.transport.getTeamMessageReceipts([g1, g2, g3]);
    expect(results.map((r) => r.messageClientId)).toEqual([g1.messageClientId]);
  });

  it('23-24: details, full and filtered, with counts that follow the lists', async () => {
    const { server, a1, b1, g1 } = await teamChat();
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await server.settle();
    const full = await a1.transport.getTeamMessageReceiptDetail(g1);
    expect(full).toEqual({
      readReceipt: {
        conversationId: 'A|2|T1',
        messageServerId: g1.messageServerId,
        messageClientId: g1.messageClientId,
        readCount: 1,
        unreadCount: 3,
      },
      readAccountList: ['B'],
      unreadAccountList: ['C', 'D', 'E'],
    });
    const filtered = await a1.transport.getTeamMessageReceiptDetail(g1, ['B', 'C', 'Z']);
    expect(filtered.readAccountList).toEqual(['B']);
    expect(filtered.unreadAccountList).toEqual(['C']);
    expect(filtered.readReceipt).toMatchObject({ readCount: 1, unreadCount: 1 });
  });

  it('G9: the filter is applied on the client when the SDK drops it (like 10.8.1)', async () => {
    const { server, a1, b1, g1 } = await teamChat({ isDetailFilterIgnored: true });
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await server.settle();
    const fromSdk = await a1.client.V2NIMMessageService.getTeamMessageReceiptDetail(g1, ['B', 'C']);
    expect(fromSdk.unreadAccountList).toEqual(['C', 'D', 'E']);
    const filtered = await a1.transport.getTeamMessageReceiptDetail(g1, ['B', 'C', 'Z']);
    expect(filtered.readAccountList).toEqual(['B']);
    expect(filtered.unreadAccountList).toEqual(['C']);
    expect(filtered.readReceipt).toMatchObject({ readCount: 1, unreadCount: 1 });
    const unfiltered = await a1.transport.getTeamMessageReceiptDetail(g1, []);
    expect(unfiltered.readReceipt).toMatchObject({ readCount: 1, unreadCount: 3 });
  });

  it('25-26: someone else message 191004; unflagged g2 is a silent no-op and its detail 108301', async () => {
    const { server, a1, b1, g1, g2 } = await teamChat();
    await expectReceiptError(b1.transport.getTeamMessageReceiptDetail(copyOf(b1, g1)), 191004);
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g2)]);
    await server.settle();
    expect(a1.events).toEqual([]);
    await expectReceiptError(a1.transport.getTeamMessageReceiptDetail(g2), 108301);
  });

  it('27: a flagged send to a 201-member team fails with 107302 (seen through ReceiptError.from)', async () => {
    const { server, send, device } = createTransportScenario();
    server.createTeam({
      teamId: 'BIG',
      memberIds: ['A', ...Array.from({ length: 200 }, (_, i) => `M${i}`)],
    });
    const a1 = device('A');
    await expect(send(a1, { to: 'A|2|BIG', at: 100, isFlagged: true })).rejects.toMatchObject({
      code: 107302,
    });
    const plain = await send(a1, { to: 'A|2|BIG', at: 101 });
    expect(plain.sendingState).toBe(1);
  });

  it('28: super-team messages reject with 191004 on every team call', async () => {
    const { a1, b1, g1 } = await teamChat();
    const own = { ...g1, conversationType: 3 as const, conversationId: 'A|3|T1' };
    const other = { ...copyOf(b1, g1), conversationType: 3 as const, conversationId: 'B|3|T1' };
    await expectReceiptError(b1.transport.sendTeamMessageReceipts([other]), 191004);
    await expectReceiptError(a1.transport.getTeamMessageReceipts([own]), 191004);
    await expectReceiptError(a1.transport.getTeamMessageReceiptDetail(own), 191004);
  });

  it('29: the transport passes absolute totals through in arrival order (the engine keeps the max)', async () => {
    const { server, a1, b1, c1, g1 } = await teamChat();
    await b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]);
    await c1.transport.sendTeamMessageReceipts([copyOf(c1, g1)]);
    await server.settle();
    expect(
      a1.events.flatMap((e) =>
        e.type === 'teamReceipts' ? e.receipts.map((r) => r.readCount) : [],
      ),
    ).toEqual([1, 2]);
  });

  it('31-32: a former member rejects with 109404; a late joiner changes nothing', async () => {
    const { server, a1, b1, g1, device } = await teamChat();
    server.removeTeamMembers('T1', ['B']);
    await expectReceiptError(b1.transport.sendTeamMessageReceipts([copyOf(b1, g1)]), 109404);
    server.addTeamMembers('T1', ['F']);
    const f1 = device('F');
    const history = await f1.client.V2NIMMessageService.getMessageList({
      conversationId: 'F|2|T1',
    });
    await f1.transport.sendTeamMessageReceipts(
      history.filter((m) => m.messageClientId === g1.messageClientId),
    );
    await server.settle();
    expect(a1.events).toEqual([]);
    const detail = await a1.transport.getTeamMessageReceiptDetail(g1);
    expect(detail.readReceipt).toMatchObject({ readCount: 0, unreadCount: 4 });
  });
});
