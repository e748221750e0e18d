import type { TransportEvent } from '@readmark/core';
import { describe, expect, it } from 'vitest';
import {
  type BadInputRow,
  explodingProxy,
  HUGE,
  itHandlesEveryBadInput,
  revokedProxy,
  sparse,
  throwingMessage,
} from '../../memory/src/badInput.testkit';
import { createNimTransport } from './createNimTransport';
import { copyOf, createTransportScenario, DROP_AND_RESTORE_STATES } from './transport.testkit';

/**
 * The NIM transport's rows of the bad-input table (issue 6), run on the real transport over real
 * memory-server devices. Every row is answered by a ReceiptError carrying NIM's code, or by a
 * documented no-op result, never a TypeError, and it leaves the receipt state and every event log
 * unchanged.
 */

/** Team T1 {A, B, C}, T2 {A, B}; A sent B p1 (t=100), T1 the flagged g1 and T2 the flagged h1. */
async function world() {
  const scenario = createTransportScenario();
  const { server } = scenario;
  server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
  server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
  const a = scenario.device('A');
  const b = scenario.device('B');
  const p1 = await scenario.send(a, { to: 'A|1|B', at: 100 });
  const g1 = await scenario.send(a, { to: 'A|2|T1', at: 200, isFlagged: true });
  const h1 = await scenario.send(a, { to: 'A|2|T2', at: 250, isFlagged: true });
  await server.settle();
  const bP1 = copyOf(b, p1);
  const bG1 = copyOf(b, g1);
  const bH1 = copyOf(b, h1);
  async function state() {
    await server.settle();
    return {
      events: [a.events.length, b.events.length],
      watermark: (await a.transport.getP2PMessageReceipt('A|1|B')).timestamp,
      counts: await a.transport.getTeamMessageReceipts([g1]),
      detail: await a.transport.getTeamMessageReceiptDetail(g1),
    };
  }
  return { server, a, b, p1, g1, h1, bP1, bG1, bH1, state };
}

type World = Awaited<ReturnType<typeof world>>;

const rows: Array<BadInputRow<World>> = [
  ['createNimTransport: null', () => createNimTransport(null as never), { code: 191004 }],
  ['createNimTransport: {}', () => createNimTransport({} as never), { code: 191004 }],
  [
    'createNimTransport: a string service',
    () => createNimTransport({ V2NIMMessageService: 'x' } as never),
    { code: 191004 },
  ],
  [
    'createNimTransport: a revoked Proxy',
    () => createNimTransport(revokedProxy()),
    { code: 191004 },
  ],
  [
    'createNimTransport: an instance whose services cannot be read',
    () => createNimTransport(explodingProxy({}) as never),
    { code: 191004 },
  ],
  [
    'createNimTransport: options that are a revoked Proxy',
    (w) => createNimTransport(w.a.client as never, revokedProxy()),
    { code: 191004 },
  ],
  [
    'createNimTransport: null options',
    (w) => createNimTransport(w.a.client as never, null as never),
    { code: 191004 },
  ],
  [
    'createNimTransport: a string as isReadTimeSynced',
    (w) => createNimTransport(w.a.client as never, { isReadTimeSynced: 'no' as never }),
    { code: 191004 },
  ],
  [
    'createNimTransport: null as isMemberFilterApplied',
    (w) => createNimTransport(w.a.client as never, { isMemberFilterApplied: null as never }),
    { code: 191004 },
  ],
  [
    'subscribe: not a function',
    (w) => w.a.transport.subscribe('listener' as never),
    { code: 191004 },
  ],
  [
    'subscribeConnectionState: null',
    (w) => w.a.transport.subscribeConnectionState?.(null as never),
    { code: 191004 },
  ],
  [
    'subscribeConnectionState: not a function',
    (w) => w.a.transport.subscribeConnectionState?.('listener' as never),
    { code: 191004 },
  ],
  // sendP2PMessageReceipt
  [
    'P2P receipt: null',
    (w) => w.b.transport.sendP2PMessageReceipt(null as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: a number',
    (w) => w.b.transport.sendP2PMessageReceipt(42 as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: an array',
    (w) => w.b.transport.sendP2PMessageReceipt([w.bP1] as never),
    { code: 191004 },
  ],
  [
    'P2P receipt: NaN createTime',
    (w) => w.b.transport.sendP2PMessageReceipt({ ...w.bP1, createTime: Number.NaN }),
    { code: 191004 },
  ],
  [
    'P2P receipt: 1 MB messageClientId',
    (w) => w.b.transport.sendP2PMessageReceipt({ ...w.bP1, messageClientId: HUGE }),
    { code: 107404 },
  ],
  [
    'P2P receipt: unknown message',
    (w) => w.b.transport.sendP2PMessageReceipt({ ...w.bP1, messageClientId: 'nope' }),
    { code: 107404 },
  ],
  [
    'P2P receipt: a message not sent yet',
    (w) => {
      const draft = w.a.client.V2NIMMessageCreator.createTextMessage('draft');
      return w.b.transport.sendP2PMessageReceipt({
        ...draft,
        conversationType: 1,
        receiverId: 'B',
      });
    },
    { code: 107404 },
  ],
  ['P2P receipt: own message', (w) => w.a.transport.sendP2PMessageReceipt(w.p1), { code: 191004 }],
  [
    'P2P receipt: getters that throw',
    (w) => w.b.transport.sendP2PMessageReceipt(throwingMessage(w.bP1)),
    { code: 191004 },
  ],
  [
    'P2P receipt: a revoked Proxy',
    (w) => w.b.transport.sendP2PMessageReceipt(revokedProxy()),
    { code: 191004 },
  ],
  [
    'P2P receipt: a Proxy that throws',
    (w) => w.b.transport.sendP2PMessageReceipt(explodingProxy(w.bP1)),
    { code: 191004 },
  ],
  // getP2PMessageReceipt
  [
    'P2P query: undefined',
    (w) => w.a.transport.getP2PMessageReceipt(undefined as never),
    { code: 191004 },
  ],
  ['P2P query: a 1 MB string', (w) => w.a.transport.getP2PMessageReceipt(HUGE), { code: 191004 }],
  [
    "P2P query: another account's id",
    (w) => w.a.transport.getP2PMessageReceipt('B|1|A'),
    { code: 191004 },
  ],
  [
    'P2P query: a 1 MB unknown peer (no-op: timestamp 0)',
    async (w) => (await w.a.transport.getP2PMessageReceipt(`A|1|${HUGE}`)).timestamp,
    { resolves: 0 },
  ],
  // sendTeamMessageReceipts
  [
    'team receipt: null',
    (w) => w.b.transport.sendTeamMessageReceipts(null as never),
    { code: 191004 },
  ],
  [
    'team receipt: an object',
    (w) => w.b.transport.sendTeamMessageReceipts({} as never),
    { code: 191004 },
  ],
  ['team receipt: []', (w) => w.b.transport.sendTeamMessageReceipts([]), { code: 191004 }],
  [
    'team receipt: an array with holes',
    (w) => w.b.transport.sendTeamMessageReceipts(sparse(3, [w.bG1, w.bG1, w.bG1], [1])),
    { code: 191004 },
  ],
  [
    'team receipt: 51 messages',
    (w) => w.b.transport.sendTeamMessageReceipts(Array.from({ length: 51 }, () => w.bG1)),
    { code: 191001 },
  ],
  [
    'team receipt: mixed teams',
    (w) => w.b.transport.sendTeamMessageReceipts([w.bG1, w.bH1]),
    { code: 191001 },
  ],
  [
    'team receipt: a Proxy array that throws',
    (w) => w.b.transport.sendTeamMessageReceipts(explodingProxy([w.bG1])),
    { code: 191004 },
  ],
  [
    'team receipt: NaN createTime',
    (w) => w.b.transport.sendTeamMessageReceipts([{ ...w.bG1, createTime: Number.NaN }]),
    { code: 191004 },
  ],
  [
    'team receipt: unknown messages (no-op: resolves, nothing counted)',
    (w) => w.b.transport.sendTeamMessageReceipts([{ ...w.bG1, messageClientId: HUGE }]),
    { resolves: undefined },
  ],
  // getTeamMessageReceipts / getTeamMessageReceiptDetail
  [
    'team query: null',
    (w) => w.a.transport.getTeamMessageReceipts(null as never),
    { code: 191004 },
  ],
  [
    "team query: someone else's message",
    (w) => w.b.transport.getTeamMessageReceipts([w.bG1]),
    { code: 191004 },
  ],
  [
    'team query: two teams',
    (w) => w.a.transport.getTeamMessageReceipts([w.g1, w.h1]),
    { code: 191001 },
  ],
  [
    'team query: 51 messages',
    (w) => w.a.transport.getTeamMessageReceipts(Array.from({ length: 51 }, () => w.g1)),
    { code: 191001 },
  ],
  [
    'detail: null',
    (w) => w.a.transport.getTeamMessageReceiptDetail(null as never),
    { code: 191004 },
  ],
  [
    'detail: a string filter',
    (w) => w.a.transport.getTeamMessageReceiptDetail(w.g1, 'B' as never),
    { code: 191004 },
  ],
  [
    'detail: a filter with holes',
    (w) => w.a.transport.getTeamMessageReceiptDetail(w.g1, sparse(3, ['B', 'B', 'C'], [1])),
    { code: 191004 },
  ],
  [
    'detail: a revoked Proxy',
    (w) => w.a.transport.getTeamMessageReceiptDetail(revokedProxy()),
    { code: 191004 },
  ],
  [
    'detail: a filter that is a throwing Proxy',
    (w) => w.a.transport.getTeamMessageReceiptDetail(w.g1, explodingProxy(['B'])),
    { code: 191004 },
  ],
  [
    "detail: someone else's message",
    (w) => w.b.transport.getTeamMessageReceiptDetail(w.bG1),
    { code: 191004 },
  ],
  [
    'detail: an unknown message',
    (w) => w.a.transport.getTeamMessageReceiptDetail({ ...w.g1, messageServerId: 'nope' }),
    { code: 107404 },
  ],
  [
    'detail: only non-members in the filter (no-op: empty lists, counts 0)',
    async (w) => {
      const detail = await w.a.transport.getTeamMessageReceiptDetail(w.g1, ['Z', HUGE]);
      return [detail.readAccountList, detail.unreadAccountList, detail.readReceipt.readCount];
    },
    { resolves: [[], [], 0] },
  ],
];

describe('bad input: the NIM transport', () => {
  itHandlesEveryBadInput(rows, { world, errorName: 'ReceiptError' });

  it('the promise-returning methods never throw synchronously, even for a revoked Proxy: they reject with 191004', async () => {
    const { a } = await world();
    const { transport } = a;
    const calls: Array<() => Promise<unknown>> = [
      () => transport.sendP2PMessageReceipt(revokedProxy()),
      () => transport.getP2PMessageReceipt(revokedProxy()),
      () => transport.sendTeamMessageReceipts(revokedProxy()),
      () => transport.getTeamMessageReceipts(revokedProxy()),
      () => transport.getTeamMessageReceiptDetail(revokedProxy(), revokedProxy()),
      () => transport.getSelfReadTime!(revokedProxy()),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ name: 'ReceiptError', code: 191004 });
    }
  });

  it('a refused connection listener is not called on later connection changes', async () => {
    const { server, a } = await world();
    expect(() => a.transport.subscribeConnectionState?.(null as never)).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
    const states: string[] = [];
    a.transport.subscribeConnectionState?.((state) => states.push(state));
    server.dropConnection('A');
    await server.settle();
    server.restoreConnection('A');
    await server.settle();
    expect(states).toEqual(DROP_AND_RESTORE_STATES);
  });
});

/**
 * Malformed pushes from the SDK (a buggy or hostile server payload): the transport drops them, so no
 * event reaches the engine and the P2P watermark it reports is not poisoned. The SDK's `on` is
 * wrapped to capture its listeners, so the payloads go through the transport's real handlers.
 */
const badPushes: Array<[string, string, unknown[]]> = [
  ['P2P: null', 'onReceiveP2PMessageReadReceipts', [null]],
  [
    'P2P: not an array',
    'onReceiveP2PMessageReadReceipts',
    [{ conversationId: 'A|1|B', timestamp: 900 }],
  ],
  ['P2P: a null entry', 'onReceiveP2PMessageReadReceipts', [[null]]],
  [
    'P2P: a NaN timestamp',
    'onReceiveP2PMessageReadReceipts',
    [[{ conversationId: 'A|1|B', timestamp: Number.NaN }]],
  ],
  [
    'P2P: a negative timestamp',
    'onReceiveP2PMessageReadReceipts',
    [[{ conversationId: 'A|1|B', timestamp: -5 }]],
  ],
  [
    'P2P: a string timestamp',
    'onReceiveP2PMessageReadReceipts',
    [[{ conversationId: 'A|1|B', timestamp: '900' }]],
  ],
  ['P2P: a sparse array', 'onReceiveP2PMessageReadReceipts', [sparse(2, [0, 0], [0, 1])]],
  ['P2P: a throwing Proxy', 'onReceiveP2PMessageReadReceipts', [explodingProxy([])]],
  [
    'P2P: an entry with a throwing getter',
    'onReceiveP2PMessageReadReceipts',
    [
      [
        Object.defineProperty({ conversationId: 'A|1|B' }, 'timestamp', {
          get: () => {
            throw new Error('x');
          },
        }),
      ],
    ],
  ],
  [
    'team: NaN, fractional and negative counts',
    'onReceiveTeamMessageReadReceipts',
    [
      [
        {
          conversationId: 'A|2|T1',
          messageClientId: 'c',
          messageServerId: 's',
          readCount: Number.NaN,
          unreadCount: 1,
        },
        {
          conversationId: 'A|2|T1',
          messageClientId: 'c',
          messageServerId: 's',
          readCount: 1.5,
          unreadCount: 1,
        },
        {
          conversationId: 'A|2|T1',
          messageClientId: 'c',
          messageServerId: 's',
          readCount: -1,
          unreadCount: 1,
        },
      ],
    ],
  ],
  [
    'team: no messageClientId',
    'onReceiveTeamMessageReadReceipts',
    [[{ conversationId: 'A|2|T1', readCount: 1, unreadCount: 1 }]],
  ],
  ['read time: NaN', 'onConversationReadTimeUpdated', ['A|1|B', Number.NaN]],
  ['read time: a numeric id', 'onConversationReadTimeUpdated', [42, 100]],
];

describe('bad pushes from the SDK: dropped by the transport', () => {
  it.each(badPushes)('%s', async (_, eventName, args) => {
    const { server } = createTransportScenario();
    const client = server.login('A');
    const listeners = new Map<string, (...values: unknown[]) => void>();
    const capture =
      <S extends { on: (...a: never[]) => void }>(service: S) =>
      (name: string, fn: (...values: unknown[]) => void) => {
        listeners.set(name, fn);
        (service.on as (n: string, f: unknown) => void)(name, fn);
      };
    const transport = createNimTransport({
      V2NIMMessageService: {
        ...client.V2NIMMessageService,
        on: capture(client.V2NIMMessageService) as never,
      },
      V2NIMConversationService: {
        ...client.V2NIMConversationService,
        on: capture(client.V2NIMConversationService) as never,
      },
    });
    const events: TransportEvent[] = [];
    transport.subscribe((event) => events.push(event));
    const listener = listeners.get(eventName);
    expect(listener).toBeTypeOf('function');
    expect(() => listener?.(...args)).not.toThrow();
    expect(events).toEqual([]);
    expect(await transport.getP2PMessageReceipt('A|1|B')).toEqual({
      conversationId: 'A|1|B',
      timestamp: 0,
    });
  });
});
