/**
 * Bad input, table-driven: every row is answered by a ReceiptError with NIM's code, or is a
 * documented no-op. Never a TypeError, and never a half-updated state: the store object is
 * compared before and after, and no transport call may start for a refused input.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { p2pConversationId, superTeamConversationId, teamConversationId } from '../conversationId';
import { hasErrorCode, ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import { encodeOutbox } from '../storage/ReceiptOutboxStorage';
import { webStorageOutbox } from '../storage/webStorageOutbox';
import { receiptWorldPerTest, type WorldDevice } from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import { selectLastMessageStatus } from './lastMessageStatus';
import { copyReceiptMessage, isReceiptMessage, isSentMessage } from './messageFacts';
import { type ReceiptState, teamMessageKey, teamReceiptOf } from './receiptState';
import {
  selectIsAllRead,
  selectIsOffline,
  selectIsPeerRead,
  selectIsSendingReceipts,
  selectIsTeamUnavailable,
  selectMessageStatus,
  selectPeerReadTime,
  selectReceiptMode,
  selectSelfReadTime,
  selectTeamCountLoad,
  selectTeamReceipt,
  selectTeamUnavailableCode,
  selectUnreadCount,
  selectWatermarks,
} from './selectors';

let alice: WorldDevice;
let bob: WorldDevice;
/** B's copies of a P2P message and a flagged team message from A, received and unread. */
let p2p: ReceiptMessage;
let team: ReceiptMessage;

const world = receiptWorldPerTest(async (world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
  world.server.createTeam({ teamId: 'T2', memberIds: ['A', 'B'] });
  ({ alice, bob, p2pCopy: p2p, teamCopy: team } = await world.aliceWritesToBob());
});

const huge = 'x'.repeat(1_000_000);

/** An object none of whose fields can be read, like an Immer draft kept after its producer ended. */
function revoked(): never {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy as never;
}

/** `message` with a field whose getter throws. */
const withThrowingGetter = (message: ReceiptMessage, field: keyof ReceiptMessage) =>
  Object.defineProperty({ ...message }, field, {
    get() {
      throw new Error('not readable');
    },
  });

/** Every transport call B made, all methods together. */
function callCount(device: WorldDevice): number {
  return Object.values(device.calls).reduce((sum, calls) => sum + calls.length, 0);
}

type Row = [name: string, act: (device: WorldDevice) => unknown, code: number];

/** Inputs refused with a ReceiptError: the store stays the very same object, nothing is sent. */
const refused: Row[] = [
  ['markRead(null)', (d) => d.engine.markRead(null as never), 191004],
  ['markRead(undefined)', (d) => d.engine.markRead(undefined as never), 191004],
  ['markRead of a string', (d) => d.engine.markRead('m1' as never), 191004],
  ['markRead of a single message object', (d) => d.engine.markRead(p2p as never), 191004],
  ['markRead([null])', (d) => d.engine.markRead([null] as never), 191004],
  ['markRead([42])', (d) => d.engine.markRead([42] as never), 191004],
  ['a NaN createTime', (d) => d.engine.markRead([{ ...p2p, createTime: Number.NaN }]), 191004],
  [
    'an Infinity createTime',
    (d) => d.engine.markRead([{ ...p2p, createTime: Number.POSITIVE_INFINITY }]),
    191004,
  ],
  ['a negative createTime', (d) => d.engine.markRead([{ ...p2p, createTime: -5 }]), 191004],
  [
    'a string createTime',
    (d) => d.engine.markRead([{ ...p2p, createTime: '100' as never }]),
    191004,
  ],
  ['an empty messageClientId', (d) => d.engine.markRead([{ ...p2p, messageClientId: '' }]), 191004],
  ['a numeric senderId', (d) => d.engine.markRead([{ ...p2p, senderId: 7 as never }]), 191004],
  ['an empty receiverId', (d) => d.engine.markRead([{ ...team, receiverId: '' }]), 191004],
  [
    'a string conversationType',
    (d) => d.engine.markRead([{ ...p2p, conversationType: '1' as never }]),
    191004,
  ],
  // All or nothing: the good message before the bad one is not queued either.
  [
    'a good message followed by a bad one',
    (d) => d.engine.markRead([p2p, team, {} as never]),
    191004,
  ],
  ['markRead of a revoked Proxy', (d) => d.engine.markRead([revoked()]), 191004],
  ['markRead of a list that is a revoked Proxy', (d) => d.engine.markRead(revoked()), 191004],
  [
    'markRead of a list whose reading throws (a Proxy)',
    (d) =>
      d.engine.markRead(
        new Proxy([p2p], {
          get() {
            throw new Error('unreadable');
          },
        }),
      ),
    191004,
  ],
  [
    'markRead of a message whose createTime getter throws',
    (d) => d.engine.markRead([withThrowingGetter(p2p, 'createTime')]),
    191004,
  ],
  [
    'markRead of a message whose messageConfig getter throws',
    (d) => d.engine.markRead([withThrowingGetter(team, 'messageConfig')]),
    191004,
  ],
  ['setSendingReceipts("yes")', (d) => d.engine.setSendingReceipts('yes' as never), 191004],
  [
    'setSendingReceipts for a malformed id',
    (d) => d.engine.setSendingReceipts(false, 'garbage'),
    191004,
  ],
  [
    "setSendingReceipts for another account's id",
    (d) => d.engine.setSendingReceipts(false, 'A|1|B'),
    191004,
  ],
  ['setSendingReceipts for a huge id', (d) => d.engine.setSendingReceipts(false, huge), 191004],
  [
    'setSendingReceipts for an id that cannot even become a string (a null-prototype object)',
    (d) => d.engine.setSendingReceipts(false, Object.create(null)),
    191004,
  ],
  [
    'setSendingReceipts for an id that is a revoked Proxy',
    (d) => d.engine.setSendingReceipts(true, revoked()),
    191004,
  ],
  // The public helpers beside the engine: 191004 too, never a TypeError or an id like "A|1|null".
  ['encodeOutbox(null)', () => encodeOutbox(null as never), 191004],
  ['encodeOutbox([null])', () => encodeOutbox([null] as never), 191004],
  [
    'encodeOutbox of a message without createTime',
    () => encodeOutbox([{ ...p2p, createTime: undefined as never }]),
    191004,
  ],
  ['encodeOutbox with a numeric accountId', () => encodeOutbox([], 5 as never), 191004],
  ['webStorageOutbox(null)', () => webStorageOutbox(null as never), 191004],
  ['webStorageOutbox of a Map', () => webStorageOutbox(new Map() as never), 191004],
  ["p2pConversationId('B', Symbol())", () => p2pConversationId('B', Symbol() as never), 191004],
  ["p2pConversationId('B', null)", () => p2pConversationId('B', null as never), 191004],
  ["p2pConversationId(null, 'A')", () => p2pConversationId(null as never, 'A'), 191004],
  ["teamConversationId('B', undefined)", () => teamConversationId('B', undefined as never), 191004],
  ["superTeamConversationId('B', 7)", () => superTeamConversationId('B', 7 as never), 191004],
  [
    'selectMessageStatus(undefined, message)',
    () => selectMessageStatus(undefined as never, p2p),
    191004,
  ],
  ['selectMessageStatus(null, malformed)', () => selectMessageStatus(null as never, {}), 191004],
  [
    'selectIsPeerRead(the store, message)',
    (d) => selectIsPeerRead(d.engine.store as never, p2p),
    191004,
  ],
  [
    'selectUnreadCount(the engine, message)',
    (d) => selectUnreadCount(d.engine as never, team),
    191004,
  ],
  ["selectWatermarks('B', id)", () => selectWatermarks('B' as never, 'B|1|A'), 191004],
  [
    'selectTeamUnavailableCode(undefined, id)',
    () => selectTeamUnavailableCode(undefined as never, 'B|2|T'),
    191004,
  ],
  ['selectIsSendingReceipts(undefined)', () => selectIsSendingReceipts(undefined as never), 191004],
  ['selectIsOffline(undefined)', () => selectIsOffline(undefined as never), 191004],
  ['selectIsOffline(the store)', (d) => selectIsOffline(d.engine.store as never), 191004],
  ["teamMessageKey('B|2|T', Symbol())", () => teamMessageKey('B|2|T', Symbol() as never), 191004],
  ["teamMessageKey(undefined, 'c1')", () => teamMessageKey(undefined as never, 'c1'), 191004],
  [
    'selectLastMessageStatus(undefined, message)',
    () => selectLastMessageStatus(undefined as never, p2p),
    191004,
  ],
];

/** Inputs the engine documents as no-ops: nothing changes, nothing is sent, nothing is reported. */
const ignored: Array<[name: string, act: (device: WorldDevice) => unknown]> = [
  ['markRead([])', (d) => d.engine.markRead([])],
  ['my own message', (d) => d.engine.markRead([{ ...p2p, senderId: 'B', receiverId: 'A' }])],
  [
    'a P2P message between two other accounts',
    (d) => d.engine.markRead([{ ...p2p, senderId: 'C', receiverId: 'D' }]),
  ],
  [
    'a message not yet sent (no server id)',
    (d) => d.engine.markRead([{ ...p2p, messageServerId: '' }]),
  ],
  ['a message still sending', (d) => d.engine.markRead([{ ...team, sendingState: 3 }])],
  ['a message whose send failed', (d) => d.engine.markRead([{ ...p2p, sendingState: 2 }])],
  ['an unflagged team message', (d) => d.engine.markRead([{ ...team, messageConfig: {} }])],
  [
    "another account's copy of a team message",
    (d) => d.engine.markRead([{ ...team, conversationId: 'C|2|T' }]),
  ],
  ['a super-team message', (d) => d.engine.markRead([{ ...team, conversationType: 3 }])],
  ['a notification', (d) => d.engine.markRead([{ ...p2p, messageType: 5 }])],
  ['an unknown conversation type', (d) => d.engine.markRead([{ ...p2p, conversationType: 9 }])],
  ['loadConversation(null)', (d) => d.engine.loadConversation(null as never)],
  ['loadConversation of a team id', (d) => d.engine.loadConversation('B|2|T')],
  ["loadConversation of another account's id", (d) => d.engine.loadConversation('A|1|B')],
  ['loadConversation of a huge id', (d) => d.engine.loadConversation(`B|9|${huge}`)],
  ['watchTeamCounts(null)', (d) => d.engine.watchTeamCounts(null as never)()],
  ['watchTeamCounts of a revoked Proxy', (d) => d.engine.watchTeamCounts(revoked())()],
  [
    'selectIsPeerRead of a revoked Proxy',
    (d) => expect(selectIsPeerRead(d.engine.store.getState(), revoked())).toBe(false),
  ],
  ['hasErrorCode of a revoked Proxy', () => expect(hasErrorCode(revoked())).toBe(false)],
  ["watchTeamCounts of someone else's message", (d) => d.engine.watchTeamCounts(team)()],
  ['watchTeamDetail({})', (d) => d.engine.watchTeamDetail({} as never)()],
  ['refreshTeamDetail(undefined)', (d) => d.engine.refreshTeamDetail(undefined as never)],
  ['reportSendFailure(null, null)', (d) => d.engine.reportSendFailure(null as never, null)],
  [
    'reportSendFailure with a code that says nothing about the team',
    (d) => d.engine.reportSendFailure('B|2|T', { code: 416 }),
  ],
];

describe('bad input to the engine', () => {
  it.each(refused)('%s → ReceiptError %i, state untouched', async (_name, act, code) => {
    const before = bob.engine.store.getState();
    let thrown: unknown;
    try {
      act(bob);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReceiptError);
    expect(thrown).toMatchObject({ name: 'ReceiptError', code });
    await world.tick(5000);
    expect(bob.engine.store.getState()).toBe(before);
    expect(callCount(bob)).toBe(0);
    expect(bob.errors).toEqual([]);
  });

  it.each(ignored)('%s → a no-op', async (_name, act) => {
    const before = bob.engine.store.getState();
    expect(() => act(bob)).not.toThrow();
    await world.tick(5000);
    expect(bob.engine.store.getState()).toBe(before);
    expect(callCount(bob)).toBe(0);
    expect(bob.errors).toEqual([]);
  });

  it('a message that becomes unreadable after markRead (an Immer draft revoked when its producer ends) is still delivered', async () => {
    const { proxy, revoke } = Proxy.revocable({ ...p2p }, {});
    bob.engine.markRead([proxy]);
    bob.engine.watchTeamCounts(proxy)();
    revoke();
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(selectIsPeerRead(alice.engine.store.getState(), { ...p2p, senderId: 'A' })).toBe(true);
    expect(bob.errors).toEqual([]);
  });

  it("the transport gets a message's own fields (a custom backend's id) with the copy the engine keeps", async () => {
    bob.engine.markRead([{ ...p2p, backendId: 'row-17' } as ReceiptMessage]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt[0]?.[0]).toMatchObject({
      messageClientId: p2p.messageClientId,
      backendId: 'row-17',
    });
  });

  it('a huge client id reaches the server and comes back as its NIM code, reported once', async () => {
    bob.engine.markRead([{ ...p2p, messageClientId: huge, createTime: 150 }]);
    await world.tick(60_000);
    expect(bob.errors.map((error) => error.code)).toEqual([107404]);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
  });

  it('an oversized batch goes out in calls of at most 50, without error', async () => {
    const many = Array.from({ length: 120 }, (_, index) => ({
      ...team,
      messageClientId: `${team.messageClientId}-${index}`,
    }));
    bob.engine.markRead([team, ...many]);
    await world.tick(300);
    expect(bob.calls.sendTeamMessageReceipts.map(([batch]) => (batch as unknown[]).length)).toEqual(
      [50, 50, 21],
    );
    expect(bob.errors).toEqual([]);
  });

  it('mixed conversations are grouped: one call per conversation, never 191001', async () => {
    const g2 = await world.send(alice, 'A|2|T2', { at: 300, isFlagged: true });
    await world.settle();
    bob.engine.markRead([team, p2p, world.copyOf(bob, g2)]);
    await world.tick(300);
    expect(
      bob.calls.sendTeamMessageReceipts.map(
        ([batch]) => (batch as ReceiptMessage[])[0]?.receiverId,
      ),
    ).toEqual(['T', 'T2']);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(bob.errors).toEqual([]);
  });

  it('loadConversation with options that cannot be read (a revoked Proxy) neither throws nor rejects: it seeds both watermarks, as for any options but { isPeerOnly: true }', async () => {
    let isDone = false;
    void bob.engine.loadConversation('B|1|A', revoked()).then(() => {
      isDone = true;
    });
    await world.tick(0);
    expect(isDone).toBe(true);
    expect(bob.calls.getP2PMessageReceipt).toHaveLength(1);
    expect(bob.calls.getSelfReadTime).toHaveLength(1);
    expect(bob.errors).toEqual([]);
  });

  it('after dispose every method is a no-op (input is still validated)', async () => {
    bob.engine.markRead([p2p]);
    bob.engine.dispose();
    const before = bob.engine.store.getState();
    // markRead before dispose started seeding the conversation (the peer's and my own read time);
    // nothing after.
    const callsBefore = callCount(bob);
    expect(callsBefore).toBe(2);
    bob.engine.flush();
    bob.engine.markRead([team]);
    bob.engine.setSendingReceipts(false);
    await bob.engine.loadConversation('B|1|A');
    bob.engine.watchTeamCounts(team)();
    bob.engine.reportSendFailure('B|2|T', { code: 107302 });
    expect(() => bob.engine.markRead(null as never)).toThrow(ReceiptError);
    await world.tick(5000);
    expect(bob.engine.store.getState()).toBe(before);
    // The one call after dispose: the receipt marked before it, which waited for the read time
    // (not covered: Bob had not read it elsewhere) and had no engine or storage to take it.
    expect(callCount(bob)).toBe(callsBefore + 1);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
  });
});

describe('the message helpers (for custom views, which call them while rendering)', () => {
  const unreadable = new Proxy(
    {},
    {
      get() {
        throw new TypeError('revoked');
      },
    },
  );
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'm1'],
    ['an object whose fields throw when read', unreadable],
  ])('isSentMessage(%s) is false, never a TypeError', (_name, value) => {
    expect(isSentMessage(value as never)).toBe(false);
    expect(isReceiptMessage(value)).toBe(false);
    expect(copyReceiptMessage(value)).toBeUndefined();
  });
});

describe("selectors given a state that is not the engine's", () => {
  // Own messages, so that each selector reads the records a real state answers from.
  const ownP2P = () => ({ ...p2p, senderId: 'B', receiverId: 'A' });
  const ownTeam = () => ({ ...team, senderId: 'B' });
  const selectors: Array<[string, (state: ReceiptState) => unknown]> = [
    ['selectWatermarks', (state) => selectWatermarks(state, 'B|1|A')],
    ['selectPeerReadTime', (state) => selectPeerReadTime(state, 'B|1|A')],
    ['selectSelfReadTime', (state) => selectSelfReadTime(state, 'B|1|A')],
    ['selectIsPeerRead', (state) => selectIsPeerRead(state, ownP2P())],
    ['selectReceiptMode', (state) => selectReceiptMode(state, ownTeam())],
    ['selectTeamReceipt', (state) => selectTeamReceipt(state, ownTeam())],
    ['selectTeamCountLoad', (state) => selectTeamCountLoad(state, ownTeam())],
    ['selectTeamUnavailableCode', (state) => selectTeamUnavailableCode(state, 'B|2|T')],
    ['selectIsTeamUnavailable', (state) => selectIsTeamUnavailable(state, ownTeam())],
    ['selectUnreadCount', (state) => selectUnreadCount(state, ownTeam())],
    ['selectIsAllRead', (state) => selectIsAllRead(state, ownTeam())],
    ['selectMessageStatus', (state) => selectMessageStatus(state, ownP2P())],
    ['selectIsOffline', (state) => selectIsOffline(state)],
    ['selectIsSendingReceipts', (state) => selectIsSendingReceipts(state, 'B|1|A')],
    [
      'selectLastMessageStatus',
      (state) => selectLastMessageStatus(state, { lastMessageState: 0, messageRefer: ownP2P() }),
    ],
  ];
  const states: Array<[string, () => unknown]> = [
    ['a revoked Proxy (an Immer draft kept after its producer ended)', revoked],
    ['a partial state ({ isSendingReceipts: true })', () => ({ isSendingReceipts: true })],
    [
      'a partial state with the account and flags but no records',
      () => ({ accountId: 'B', isSendingReceipts: true, isOffline: false }),
    ],
  ];
  it.each(
    selectors.flatMap(([name, select]) =>
      states.map(([stateName, state]) => [`${name} of ${stateName}`, select, state] as const),
    ),
  )('%s → ReceiptError 191004 naming the fix, never a TypeError', (_name, select, state) => {
    let thrown: unknown;
    try {
      select(state() as ReceiptState);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReceiptError);
    expect(thrown).toMatchObject({ code: 191004, message: expect.stringContaining('getState()') });
  });
});

describe('ids named like Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    "'%s' is a conversation never seen: zero watermarks, receipts on, no unavailable code",
    (id) => {
      const state = bob.engine.store.getState();
      expect(selectWatermarks(state, id)).toEqual({ peerReadTime: 0, selfReadTime: 0 });
      expect(selectIsSendingReceipts(state, id)).toBe(true);
      expect(selectTeamUnavailableCode(state, id)).toBeUndefined();
    },
  );

  it.each([
    ['a number', 42],
    ['a null-prototype object', Object.create(null)],
    ['a revoked Proxy', revoked()],
  ])(
    'an id that is not a string (%s) is a conversation never seen, not a TypeError',
    (_name, id) => {
      const state = bob.engine.store.getState();
      expect(selectWatermarks(state, id)).toEqual({ peerReadTime: 0, selfReadTime: 0 });
      expect(selectIsSendingReceipts(state, id)).toBe(true);
      expect(selectTeamUnavailableCode(state, id)).toBeUndefined();
    },
  );
});

describe('bad options of createReceiptEngine', () => {
  const base = () => ({ transport: bob.transport, accountId: 'B' });
  it.each([
    ['no options', () => undefined],
    ['options that cannot be read (a revoked Proxy)', () => revoked()],
    ['a transport without methods', () => ({ transport: {}, accountId: 'B' })],
    [
      'a transport missing subscribe',
      () => ({ transport: { ...bob.transport, subscribe: 1 }, accountId: 'B' }),
    ],
    [
      'a transport whose getLoginUser is a string',
      () => ({ transport: { ...bob.transport, getLoginUser: 'B' }, accountId: 'B' }),
    ],
    ['a numeric accountId', () => ({ ...base(), accountId: 5 })],
    ['a NaN flushDelayMs', () => ({ ...base(), flushDelayMs: Number.NaN })],
    ['a negative loadDelayMs', () => ({ ...base(), loadDelayMs: -1 })],
    ['a zero retry delay', () => ({ ...base(), retry: { baseDelayMs: 0 } })],
    ['a clock without timers', () => ({ ...base(), clock: { now: () => 0 } })],
    ['a random that is not a function', () => ({ ...base(), random: 0.5 })],
    ['an onError that is not a function', () => ({ ...base(), onError: 'log' })],
    ['a string isSendingReceipts', () => ({ ...base(), isSendingReceipts: 'no' })],
    ['a storage without save', () => ({ ...base(), storage: { load: () => [] } })],
    ['a fractional keptTeamReceipts', () => ({ ...base(), keptTeamReceipts: 2.5 })],
    ['a negative keptTeamReceipts', () => ({ ...base(), keptTeamReceipts: -1 })],
    ['a string keptTeamReceipts', () => ({ ...base(), keptTeamReceipts: '100' })],
  ])('%s → 191004, and nothing subscribed', (_name, options) => {
    const listeners = alice.client.V2NIMMessageService.listenerCount(
      'onReceiveP2PMessageReadReceipts',
    );
    expect(() => createReceiptEngine(options() as never)).toThrow(
      expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
    );
    expect(bob.client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(1);
    expect(alice.client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(
      listeners,
    );
  });

  it('a transport option that answers {} when read again: the engine runs on the transport it checked', async () => {
    let reads = 0;
    const engine = createReceiptEngine({
      get transport() {
        reads += 1;
        return reads === 1 ? bob.transport : ({} as ReceiptTransport);
      },
      accountId: 'B',
    });
    try {
      engine.markRead([p2p]);
      await world.tick(300);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(selectIsPeerRead(alice.engine.store.getState(), { ...p2p, senderId: 'A' })).toBe(true);
    } finally {
      engine.dispose();
    }
  });

  it('a retry delay given as undefined keeps its default: the first retry waits about 1 s, not 0', async () => {
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 416 });
    const engine = createReceiptEngine({
      transport: bob.transport,
      accountId: 'B',
      random: () => 0.5,
      retry: { baseDelayMs: undefined },
    });
    try {
      engine.markRead([p2p]);
      await world.tick(300);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      // Jitter 0.5 scales the default 1,000 ms to 750 ms.
      await world.tick(700);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      await world.tick(100);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
    } finally {
      engine.dispose();
    }
  });

  it('every option, and each retry delay, is read once: what was checked is what runs', async () => {
    const reads: Record<string, number> = {};
    /** `values` as getters that count their reads in `reads`, under `prefix`. */
    const counted = (values: Record<string, unknown>, prefix = '') =>
      Object.defineProperties(
        {},
        Object.fromEntries(
          Object.entries(values).map(([name, value]) => [
            name,
            {
              enumerable: true,
              get() {
                reads[prefix + name] = (reads[prefix + name] ?? 0) + 1;
                return value;
              },
            },
          ]),
        ),
      );
    const engine = createReceiptEngine(
      counted({
        transport: bob.transport,
        accountId: 'B',
        clock: systemClock,
        random: () => 0.5,
        flushDelayMs: 300,
        loadDelayMs: 50,
        keptTeamReceipts: 100,
        retry: counted({ baseDelayMs: 1000, maxDelayMs: 2000 }, 'retry.'),
        isSendingReceipts: true,
        onError: () => {},
        isStartDeferred: false,
        storage: { load: () => [], save: () => {} },
      }) as never,
    );
    try {
      engine.markRead([p2p, team]);
      await world.tick(5000);
      expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(Object.values(reads)).toEqual(Object.keys(reads).map(() => 1));
      expect(Object.keys(reads)).toHaveLength(14);
    } finally {
      engine.dispose();
    }
  });
});

describe('hostile incoming events', () => {
  const receipt = (fields: Record<string, unknown>) => ({
    conversationId: 'A|2|T',
    messageServerId: 's',
    messageClientId: 'g',
    readCount: 1,
    unreadCount: 1,
    ...fields,
  });
  it.each<[string, unknown]>([
    [
      'an Infinity P2P timestamp',
      {
        type: 'p2pReceipts',
        receipts: [{ conversationId: 'A|1|B', timestamp: Number.POSITIVE_INFINITY }],
      },
    ],
    [
      'a NaN P2P timestamp',
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: Number.NaN }] },
    ],
    [
      'a negative P2P timestamp',
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: -5 }] },
    ],
    [
      "another account's conversation",
      { type: 'p2pReceipts', receipts: [{ conversationId: 'B|1|A', timestamp: 5 }] },
    ],
    [
      'a huge conversation id',
      { type: 'p2pReceipts', receipts: [{ conversationId: huge, timestamp: 5 }] },
    ],
    [
      'a P2P receipt of a team conversation',
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|2|T', timestamp: 5 }] },
    ],
    [
      'a read time of a team conversation (NIM syncs those too: no P2P watermark)',
      { type: 'selfReadTime', conversationId: 'A|2|T', readTime: 5 },
    ],
    [
      'an Infinity read time',
      { type: 'selfReadTime', conversationId: 'A|1|B', readTime: Number.POSITIVE_INFINITY },
    ],
    [
      'a NaN team readCount',
      { type: 'teamReceipts', receipts: [receipt({ readCount: Number.NaN })] },
    ],
    [
      'a fractional team readCount',
      { type: 'teamReceipts', receipts: [receipt({ readCount: 1.5 })] },
    ],
    ['a negative unreadCount', { type: 'teamReceipts', receipts: [receipt({ unreadCount: -1 })] }],
    [
      'a team receipt without client id',
      { type: 'teamReceipts', receipts: [receipt({ messageClientId: '' })] },
    ],
    ['receipts that are not a list', { type: 'teamReceipts', receipts: 'all read' }],
    [
      "a team receipt of another account's team",
      { type: 'teamReceipts', receipts: [receipt({ conversationId: 'B|2|T' })] },
    ],
    [
      'a team receipt of a P2P conversation',
      { type: 'teamReceipts', receipts: [receipt({ conversationId: 'A|1|B' })] },
    ],
    [
      "a team receipt of conversation '__proto__'",
      { type: 'teamReceipts', receipts: [receipt({ conversationId: '__proto__' })] },
    ],
  ])('%s changes nothing', async (_name, event) => {
    // Delivered to A's engine as a custom transport might: the same state object, so nobody is
    // notified, once any burst of team receipts has been applied too.
    const state = alice.engine.store.getState();
    alice.deliver(event);
    await Promise.resolve();
    expect(alice.engine.store.getState()).toBe(state);
  });

  it("a burst that mixes this account's team with other ids keeps only its own team's receipts", async () => {
    // One merge: the engine checks a conversation once per run of receipts of the same team.
    alice.deliver({
      type: 'teamReceipts',
      receipts: [
        receipt({ messageClientId: 'g1' }),
        receipt({ conversationId: 'B|2|T', messageClientId: 'g2' }),
        receipt({ messageClientId: 'g3' }),
        receipt({ conversationId: '__proto__', messageClientId: 'g4' }),
        receipt({ conversationId: 'A|1|B', messageClientId: 'g5' }),
        receipt({ messageClientId: 'g6' }),
      ],
    });
    await Promise.resolve();
    const state = alice.engine.store.getState();
    expect(Object.keys(state.teamReceipts)).toEqual(['A|2|T']);
    expect(Object.getPrototypeOf(state.teamReceipts)).toBe(Object.prototype);
    const kept = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'].filter((clientId) =>
      teamReceiptOf(state, 'A|2|T', clientId),
    );
    expect(kept).toEqual(['g1', 'g3', 'g6']);
  });
});
