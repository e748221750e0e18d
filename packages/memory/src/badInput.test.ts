import { describe, expect, it } from 'vitest';
import {
  type BadInputRow,
  explodingProxy,
  HUGE,
  itHandlesEveryBadInput,
  sparse,
  throwingMessage,
} from './badInput.testkit';
import { createMemoryServer } from './createMemoryServer';
import { createScenario, listen, receivedBy } from './scenario.testkit';

/**
 * The memory server's rows of the bad-input table (issue 6). Every row is answered by a rejection
 * (or a synchronous throw, for the synchronous APIs) carrying NIM's code, or by a documented no-op
 * result, never by a TypeError, and it leaves the server's state and every device's events unchanged.
 */

/**
 * A world: team T1 {A, B, C} and T2 {A, B}; A sent B p1 (t=100), T1 the flagged g1 (t=200) and T2
 * the flagged h1 (t=250).
 */
async function world() {
  const scenario = createScenario();
  const { server } = scenario;
  server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
  server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
  const a = server.login('A');
  const aLog = listen(a);
  const b = server.login('B');
  const bLog = listen(b);
  const p1 = await scenario.send(a, { to: 'A|1|B', at: 100 });
  const g1 = await scenario.send(a, { to: 'A|2|T1', at: 200, isFlagged: true });
  const h1 = await scenario.send(a, { to: 'A|2|T2', at: 250, isFlagged: true });
  await server.settle();
  const bP1 = receivedBy(bLog, p1);
  const bG1 = receivedBy(bLog, g1);
  const bH1 = receivedBy(bLog, h1);
  async function state() {
    await server.settle();
    return {
      events: [aLog, bLog].map((log) => [
        log.p2p,
        log.team,
        log.readTimes,
        log.messages.length,
        log.revokes,
        log.conversations.length,
      ]),
      conversations: [
        await a.V2NIMConversationService.getConversationList(0, 10),
        await b.V2NIMConversationService.getConversationList(0, 10),
      ],
      watermark: (await a.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp,
      counts: await a.V2NIMMessageService.getTeamMessageReceipts([g1]),
      detail: await a.V2NIMMessageService.getTeamMessageReceiptDetail(g1),
      members: server.getTeamMemberIds('T1'),
      history: (await a.V2NIMMessageService.getMessageList({ conversationId: 'A|1|B' })).length,
      isConnected: [a.isConnected, b.isConnected],
    };
  }
  return { server, a, b, p1, g1, h1, bP1, bG1, bH1, state };
}

type World = Awaited<ReturnType<typeof world>>;

const rows: Array<BadInputRow<World>> = [
  // sendP2PMessageReceipt
  [
    'P2P receipt: null',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt(null as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: undefined',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt(undefined as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: a string',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt('p1' as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: an array',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt([w.bP1] as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: NaN createTime',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt({ ...w.bP1, createTime: Number.NaN }),
    { code: 191004 },
  ],
  [
    'P2P receipt: Infinity createTime',
    (w) =>
      w.b.V2NIMMessageService.sendP2PMessageReceipt({
        ...w.bP1,
        createTime: Number.POSITIVE_INFINITY,
      }),
    { code: 191004 },
  ],
  [
    'P2P receipt: string createTime',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt({ ...w.bP1, createTime: '100' as never }),
    { code: 191004 },
  ],
  [
    'P2P receipt: numeric messageClientId',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt({ ...w.bP1, messageClientId: 7 as never }),
    { code: 191004 },
  ],
  [
    'P2P receipt: 1 MB messageClientId (unknown)',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt({ ...w.bP1, messageClientId: HUGE }),
    { code: 107404 },
  ],
  [
    'P2P receipt: unknown message',
    (w) =>
      w.b.V2NIMMessageService.sendP2PMessageReceipt({ ...w.bP1, messageClientId: 'never-sent' }),
    { code: 107404 },
  ],
  [
    'P2P receipt: a message not sent yet',
    (w) => {
      const draft = w.a.V2NIMMessageCreator.createTextMessage('draft');
      return w.b.V2NIMMessageService.sendP2PMessageReceipt({
        ...draft,
        conversationType: 1,
        receiverId: 'B',
      });
    },
    { code: 107404 },
  ],
  [
    'P2P receipt: own message',
    (w) => w.a.V2NIMMessageService.sendP2PMessageReceipt(w.p1),
    { code: 191004 },
  ],
  [
    'P2P receipt: a team message',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt(w.bG1),
    { code: 191004 },
  ],
  [
    'P2P receipt: getters that throw',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt(throwingMessage(w.bP1)),
    { code: 191004 },
  ],
  [
    'P2P receipt: a Proxy that throws',
    (w) => w.b.V2NIMMessageService.sendP2PMessageReceipt(explodingProxy(w.bP1)),
    { code: 191004 },
  ],
  // getP2PMessageReceipt and isPeerRead
  [
    'P2P query: a number',
    (w) => w.a.V2NIMMessageService.getP2PMessageReceipt(42 as never),
    { code: 191004 },
  ],
  [
    'P2P query: null',
    (w) => w.a.V2NIMMessageService.getP2PMessageReceipt(null as never),
    { code: 191004 },
  ],
  [
    'P2P query: a 1 MB id of nobody',
    (w) => w.a.V2NIMMessageService.getP2PMessageReceipt(HUGE),
    { code: 191004 },
  ],
  [
    "P2P query: another account's conversation",
    (w) => w.a.V2NIMMessageService.getP2PMessageReceipt('B|1|A'),
    { code: 191004 },
  ],
  [
    'P2P query: a 1 MB unknown peer (no-op: timestamp 0, P7)',
    async (w) => (await w.a.V2NIMMessageService.getP2PMessageReceipt(`A|1|${HUGE}`)).timestamp,
    { resolves: 0 },
  ],
  [
    'isPeerRead: null (sync)',
    (w) => w.a.V2NIMMessageService.isPeerRead(null as never),
    { code: 191004 },
  ],
  [
    'isPeerRead: getters that throw (sync)',
    (w) => w.a.V2NIMMessageService.isPeerRead(throwingMessage(w.p1)),
    { code: 191004 },
  ],
  [
    'isPeerRead: NaN createTime (no-op: false)',
    (w) => w.a.V2NIMMessageService.isPeerRead({ ...w.p1, createTime: Number.NaN }),
    { resolves: false },
  ],
  // sendTeamMessageReceipts
  [
    'team receipt: null',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts(null as never),
    { code: 191004 },
  ],
  [
    'team receipt: a single message, not an array',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts(w.bG1 as never),
    { code: 191004 },
  ],
  [
    'team receipt: []',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([]),
    { code: 191004 },
  ],
  [
    'team receipt: an array with holes',
    (w) =>
      w.b.V2NIMMessageService.sendTeamMessageReceipts(
        sparse(3, [w.bG1, undefined, w.bG1], [1]) as never,
      ),
    { code: 191004 },
  ],
  [
    'team receipt: new Array(3)',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts(new Array(3)),
    { code: 191004 },
  ],
  [
    'team receipt: a null item',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([w.bG1, null as never]),
    { code: 191004 },
  ],
  [
    'team receipt: 51 messages',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts(Array.from({ length: 51 }, () => w.bG1)),
    { code: 191001 },
  ],
  [
    'team receipt: mixed teams',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([w.bG1, w.bH1]),
    { code: 191001 },
  ],
  [
    'team receipt: mixed teams, one of them my own message (G3 order: 191001 before 191004)',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([w.bG1, { ...w.bH1, senderId: 'B' }]),
    { code: 191001 },
  ],
  [
    'team receipt: NaN createTime',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([{ ...w.bG1, createTime: Number.NaN }]),
    { code: 191004 },
  ],
  [
    'team receipt: empty messageServerId',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([{ ...w.bG1, messageServerId: '' }]),
    { code: 191004 },
  ],
  [
    'team receipt: super team (type 3)',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts([{ ...w.bG1, conversationType: 3 }]),
    { code: 191004 },
  ],
  [
    'team receipt: own message',
    (w) => w.a.V2NIMMessageService.sendTeamMessageReceipts([w.g1]),
    { code: 191004 },
  ],
  [
    'team receipt: a Proxy array that throws',
    (w) => w.b.V2NIMMessageService.sendTeamMessageReceipts(explodingProxy([w.bG1])),
    { code: 191004 },
  ],
  [
    'team receipt: unknown and 1 MB ids (no-op: resolves, nothing counted, G4)',
    (w) =>
      w.b.V2NIMMessageService.sendTeamMessageReceipts([
        { ...w.bG1, messageClientId: 'never-sent' },
        { ...w.bG1, messageClientId: HUGE },
      ]),
    { resolves: undefined },
  ],
  // getTeamMessageReceipts and getTeamMessageReceiptDetail
  [
    'team query: undefined',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceipts(undefined as never),
    { code: 191004 },
  ],
  [
    "team query: someone else's message",
    (w) => w.b.V2NIMMessageService.getTeamMessageReceipts([w.bG1]),
    { code: 191004 },
  ],
  [
    'team query: 51 messages',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceipts(Array.from({ length: 51 }, () => w.g1)),
    { code: 191001 },
  ],
  [
    'team query: two teams',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceipts([w.g1, w.h1]),
    { code: 191001 },
  ],
  [
    "team query: two teams, one message someone else's (G6 order: 191004 before 191001)",
    (w) => w.a.V2NIMMessageService.getTeamMessageReceipts([w.g1, { ...w.h1, senderId: 'B' }]),
    { code: 191004 },
  ],
  [
    'team query: an unknown message (no-op: [], G7)',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceipts([{ ...w.g1, messageServerId: HUGE }]),
    { resolves: [] },
  ],
  [
    'detail: null',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceiptDetail(null as never),
    { code: 191004 },
  ],
  [
    'detail: a string filter',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceiptDetail(w.g1, 'B' as never),
    { code: 191004 },
  ],
  [
    'detail: a filter of numbers',
    (w) => w.a.V2NIMMessageService.getTeamMessageReceiptDetail(w.g1, [1, 2] as never),
    { code: 191004 },
  ],
  [
    'detail: a filter with holes',
    (w) =>
      w.a.V2NIMMessageService.getTeamMessageReceiptDetail(
        w.g1,
        sparse(3, ['B', undefined, 'C'], [1]) as never,
      ),
    { code: 191004 },
  ],
  [
    'detail: an unknown message',
    (w) =>
      w.a.V2NIMMessageService.getTeamMessageReceiptDetail({ ...w.g1, messageServerId: 'nope' }),
    { code: 107404 },
  ],
  // messaging
  [
    'sendMessage: null message',
    (w) => w.a.V2NIMMessageService.sendMessage(null as never, 'A|1|B'),
    { code: 191004 },
  ],
  [
    'sendMessage: a conversation of someone else',
    (w) =>
      w.a.V2NIMMessageService.sendMessage(w.a.V2NIMMessageCreator.createTextMessage('x'), 'B|1|C'),
    { code: 191004 },
  ],
  [
    'sendMessage: getters that throw',
    (w) =>
      w.a.V2NIMMessageService.sendMessage(
        throwingMessage(w.a.V2NIMMessageCreator.createTextMessage('x')),
        'A|1|B',
      ),
    { code: 191004 },
  ],
  [
    "sendMessage: someone else's message id again",
    (w) => w.b.V2NIMMessageService.sendMessage({ ...w.bP1 }, 'B|1|A'),
    { code: 191004 },
  ],
  [
    'getMessageList: an option whose getters throw',
    (w) => w.a.V2NIMMessageService.getMessageList(explodingProxy({ conversationId: 'A|1|B' })),
    { code: 191004 },
  ],
  [
    'createTextMessage: text whose conversion throws (sync)',
    (w) =>
      w.a.V2NIMMessageCreator.createTextMessage({
        toString() {
          throw new Error('no');
        },
      } as never),
    { code: 191004 },
  ],
  [
    'on: a listener that is not a function (sync)',
    (w) => w.a.V2NIMMessageService.on('onReceiveP2PMessageReadReceipts', 'x' as never),
    { code: 191004 },
  ],
  [
    'getMessageList: null option',
    (w) => w.a.V2NIMMessageService.getMessageList(null as never),
    { code: 191004 },
  ],
  // revokeMessage
  ['revoke: null', (w) => w.a.V2NIMMessageService.revokeMessage(null as never), { code: 191004 }],
  [
    'revoke: a string',
    (w) => w.a.V2NIMMessageService.revokeMessage('p1' as never),
    { code: 191004 },
  ],
  [
    'revoke: an array',
    (w) => w.a.V2NIMMessageService.revokeMessage([w.p1] as never),
    { code: 191004 },
  ],
  [
    'revoke: NaN createTime',
    (w) => w.a.V2NIMMessageService.revokeMessage({ ...w.p1, createTime: Number.NaN }),
    { code: 191004 },
  ],
  [
    'revoke: numeric messageServerId',
    (w) => w.a.V2NIMMessageService.revokeMessage({ ...w.p1, messageServerId: 1 as never }),
    { code: 191004 },
  ],
  [
    'revoke: params a string',
    (w) => w.a.V2NIMMessageService.revokeMessage(w.p1, 'oops' as never),
    { code: 191004 },
  ],
  [
    'revoke: a numeric postscript',
    (w) => w.a.V2NIMMessageService.revokeMessage(w.p1, { postscript: 7 as never }),
    { code: 191004 },
  ],
  [
    "revoke: another account's conversation id",
    (w) => w.a.V2NIMMessageService.revokeMessage({ ...w.p1, conversationId: 'B|1|A' }),
    { code: 191004 },
  ],
  [
    'revoke: getters that throw',
    (w) => w.a.V2NIMMessageService.revokeMessage(throwingMessage(w.p1)),
    { code: 191004 },
  ],
  [
    'revoke: params that throw',
    (w) => w.a.V2NIMMessageService.revokeMessage(w.p1, explodingProxy({ postscript: 'x' })),
    { code: 191004 },
  ],
  [
    'revoke: a 1 MB unknown messageClientId',
    (w) => w.a.V2NIMMessageService.revokeMessage({ ...w.p1, messageClientId: HUGE }),
    { code: 107404 },
  ],
  [
    "revoke: B revokes A's team message",
    (w) => w.b.V2NIMMessageService.revokeMessage(w.bG1),
    { code: 107303 },
  ],
  // getConversation and getConversationList
  [
    'getConversation: null',
    (w) => w.a.V2NIMConversationService.getConversation(null as never),
    { code: 191004 },
  ],
  [
    "getConversation: another account's id",
    (w) => w.a.V2NIMConversationService.getConversation('B|1|A'),
    { code: 191004 },
  ],
  [
    'getConversation: a 1 MB unknown peer',
    (w) => w.a.V2NIMConversationService.getConversation(`A|1|${HUGE}`),
    { code: 191006 },
  ],
  [
    'getConversationList: a string offset',
    (w) => w.a.V2NIMConversationService.getConversationList('0' as never, 10),
    { code: 191004 },
  ],
  [
    'getConversationList: NaN offset',
    (w) => w.a.V2NIMConversationService.getConversationList(Number.NaN, 10),
    { code: 191004 },
  ],
  [
    'getConversationList: null limit',
    (w) => w.a.V2NIMConversationService.getConversationList(0, null as never),
    { code: 191004 },
  ],
  [
    'getConversationList: an offset past the end (no-op: empty, finished)',
    async (w) => w.a.V2NIMConversationService.getConversationList(1, 10),
    { resolves: { offset: 0, finished: true, conversationList: [] } },
  ],
  // the server object
  ['login: empty account', (w) => w.server.login(''), { code: 191004 }],
  ['login: an account with "|"', (w) => w.server.login('A|1|B'), { code: 191004 }],
  ['login: null', (w) => w.server.login(null as never), { code: 191004 }],
  ['createTeam: null', (w) => w.server.createTeam(null as never), { code: 191004 }],
  [
    'createTeam: member ids with holes',
    (w) =>
      w.server.createTeam({
        teamId: 'T9',
        memberIds: sparse(3, ['A', undefined, 'B'], [1]) as never,
      }),
    { code: 191004 },
  ],
  [
    'createTeam: an existing team',
    (w) => w.server.createTeam({ teamId: 'T1', memberIds: ['C'] }),
    { code: 191004 },
  ],
  [
    'addTeamMembers: a string',
    (w) => w.server.addTeamMembers('T1', 'D' as never),
    { code: 191004 },
  ],
  [
    'addTeamMembers: an unknown team',
    (w) => w.server.addTeamMembers('T404', ['D']),
    { code: 108404 },
  ],
  ['injectFault: null', (w) => w.server.injectFault(null as never), { code: 191004 }],
  // A fault that could never fire would let a test meant to see a failure pass without one.
  ...(
    [
      ['a misspelt method', { method: 'sendTeamMessageReceipt', code: 416 }],
      ['code 0', { method: 'sendP2PMessageReceipt', code: 0 }],
      ['a negative code', { method: 'sendP2PMessageReceipt', code: -5 }],
      ['times 0', { method: 'sendP2PMessageReceipt', code: 416, times: 0 }],
      [
        'times a Proxy that throws',
        { method: 'sendP2PMessageReceipt', code: 416, times: explodingProxy({}) },
      ],
      ['a numeric accountId', { method: 'sendP2PMessageReceipt', code: 416, accountId: 42 }],
      ['an empty accountId', { method: 'sendP2PMessageReceipt', code: 416, accountId: '' }],
    ] as const
  ).map(
    ([name, options]): BadInputRow<World> => [
      `injectFault: ${name}`,
      (w) => w.server.injectFault(options as never),
      { code: 191004 },
    ],
  ),
  [
    'setFaults: a negative rate',
    (w) => w.server.setFaults({ failureRate: -0.1 }),
    { code: 191004 },
  ],
  ['dropConnection: a number', (w) => w.server.dropConnection(1 as never), { code: 191004 }],
  ['restoreConnection: an id with "|"', (w) => w.server.restoreConnection('A|1'), { code: 191004 }],
  [
    'simulatePeerReader: NaN delays',
    (w) => w.server.simulatePeerReader({ accountId: 'Z', minDelayMs: Number.NaN, maxDelayMs: 1 }),
    { code: 191004 },
  ],
  // Symbols, Proxies and other unreadable arguments of the server object (README: 191004)
  ['createMemoryServer: null', () => createMemoryServer(null as never), { code: 191004 }],
  [
    'createMemoryServer: a Proxy that throws',
    () => createMemoryServer(explodingProxy({ latencyMs: 0 })),
    { code: 191004 },
  ],
  [
    'createMemoryServer: a now that is not a function',
    () => createMemoryServer({ now: 5 as never }),
    { code: 191004 },
  ],
  [
    'createMemoryServer: faults whose latency list throws',
    () => createMemoryServer({ faults: { latencyMs: explodingProxy([0, 5]) as never } }),
    { code: 191004 },
  ],
  [
    'getTeamMemberIds: a Symbol',
    (w) => w.server.getTeamMemberIds(Symbol('T1') as never),
    { code: 191004 },
  ],
  [
    'getTeamMemberIds: a Proxy that throws',
    (w) => w.server.getTeamMemberIds(explodingProxy({}) as never),
    { code: 191004 },
  ],
  [
    'removeTeamMembers: a Symbol team',
    (w) => w.server.removeTeamMembers(Symbol('T1') as never, ['C']),
    { code: 191004 },
  ],
  [
    'createTeam: a Proxy that throws',
    (w) => w.server.createTeam(explodingProxy({ teamId: 'T9', memberIds: ['A'] })),
    { code: 191004 },
  ],
  [
    'createTeam: member ids in a Proxy that throws',
    (w) => w.server.createTeam({ teamId: 'T9', memberIds: explodingProxy(['A']) }),
    { code: 191004 },
  ],
  [
    'injectFault: a Proxy that throws',
    (w) =>
      w.server.injectFault(explodingProxy({ method: 'sendP2PMessageReceipt' as const, code: 416 })),
    { code: 191004 },
  ],
  [
    'setFaults: a Proxy that throws',
    (w) => w.server.setFaults(explodingProxy({ failureRate: 1 })),
    { code: 191004 },
  ],
  [
    'setFaults: failure codes in a Proxy that throws',
    (w) => w.server.setFaults({ failureRate: 1, failureCodes: explodingProxy([416]) }),
    { code: 191004 },
  ],
  [
    'simulateTeamReaders: a Proxy that throws',
    (w) =>
      w.server.simulateTeamReaders(explodingProxy({ teamId: 'T1', minDelayMs: 0, maxDelayMs: 0 })),
    { code: 191004 },
  ],
  [
    'simulateTeamReaders: a Symbol team',
    (w) =>
      w.server.simulateTeamReaders({
        teamId: Symbol('T1') as never,
        readerIds: ['C'],
        minDelayMs: 0,
        maxDelayMs: 0,
      }),
    { code: 191004 },
  ],
  [
    'simulatePeerReader: a Proxy that throws',
    (w) =>
      w.server.simulatePeerReader(explodingProxy({ accountId: 'B', minDelayMs: 0, maxDelayMs: 0 })),
    { code: 191004 },
  ],
];

describe('bad input: the memory server', () => {
  itHandlesEveryBadInput(rows, { world, errorName: 'V2NIMError' });

  it('createMemoryServer: a NaN or negative latency throws 191004', () => {
    for (const latencyMs of [Number.NaN, -1, '5']) {
      let caught: unknown;
      try {
        createMemoryServer({ latencyMs: latencyMs as number });
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ name: 'V2NIMError', code: 191004 });
    }
  });

  it('simulated readers are all checked before any logs in: a bad id leaves no reader behind', async () => {
    const w = await world();
    const refuse = (start: () => unknown) =>
      expect(start).toThrow(expect.objectContaining({ name: 'V2NIMError', code: 191004 }));
    refuse(() =>
      w.server.simulateTeamReaders({
        teamId: 'T1',
        readerIds: ['C', 'B|1|A'],
        minDelayMs: 0,
        maxDelayMs: 0,
      }),
    );
    refuse(() =>
      w.server.simulatePeerReader({
        accountId: 'B',
        peerIds: explodingProxy(['A']),
        minDelayMs: 0,
        maxDelayMs: 0,
      }),
    );
    // A reader left logged in would acknowledge g1 (C) and p1 (B) after its 0 ms delay.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await w.server.settle();
    expect((await w.a.V2NIMMessageService.getTeamMessageReceipts([w.g1]))[0]?.readCount).toBe(0);
    expect((await w.a.V2NIMMessageService.getP2PMessageReceipt('A|1|B')).timestamp).toBe(0);
  });

  it('createMemoryServer: bad faults throw 191004', () => {
    expect(() => createMemoryServer({ faults: { timeoutRate: 2 } })).toThrow(
      expect.objectContaining({ code: 191004 }),
    );
  });
});
