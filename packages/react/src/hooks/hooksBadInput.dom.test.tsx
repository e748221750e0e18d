/**
 * Bad input to the hooks, table-driven: each renders without throwing, shows the documented empty
 * view, starts no transport call and leaves the engine's store untouched.
 */
import {
  type ReceiptLastMessage,
  type ReceiptMessage,
  selectPeerReadTimeLoad,
} from '@readmark/core';
import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { receiptWorldPerTest, type WorldDevice } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { useLastMessageStatus } from './useLastMessageStatus';
import { useMessageReceipt } from './useMessageReceipt';
import { useReadReceipts } from './useReadReceipts';
import { useSendingReceipts } from './useSendingReceipts';
import { useTeamReceiptDetail } from './useTeamReceiptDetail';

let alice: WorldDevice;
let bob: WorldDevice;
/** A's own P2P message to B and B's copy of a flagged team message from A. */
let ownP2P: ReceiptMessage;
let othersTeam: ReceiptMessage;
/** A's own flagged team message, whose flag the hooks read. */
let ownTeam: ReceiptMessage;

const world = receiptWorldPerTest(async (world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
  alice = world.device('A');
  bob = world.device('B');
  ownP2P = await world.send(alice, 'A|1|B', { at: 100 });
  const g1 = await world.send(bob, 'B|2|T', { at: 200, isFlagged: true });
  ownTeam = await world.send(alice, 'A|2|T', { at: 250, isFlagged: true });
  await world.settle();
  othersTeam = world.copyOf(alice, g1);
});

const huge = 'x'.repeat(1_000_000);

function callCount(device: WorldDevice): number {
  return Object.values(device.calls).reduce((sum, calls) => sum + calls.length, 0);
}

/** Calls a hook and hands its value out; the hook under test comes in as a prop. */
function Probe<T>({ useView, onView }: { useView: () => T; onView: (view: T) => void }) {
  onView(useView());
  return null;
}

/** Renders `useView` under A's engine, lets time pass, and returns what the hook last showed. */
async function show<T>(useView: () => T): Promise<T> {
  let last: T | undefined;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ReceiptProvider engine={alice.engine}>{children}</ReceiptProvider>
  );
  const view = render(
    <Probe
      useView={useView}
      onView={(value) => {
        last = value;
      }}
    />,
    { wrapper },
  );
  await act(() => world.tick(5000));
  view.unmount();
  return last as T;
}

const conversationIds: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['an object', { id: 'A|1|B' }],
  // Neither can be turned into a string: String() throws a TypeError for both.
  ['a null-prototype object', Object.create(null)],
  ['a revoked Proxy', revokedProxy()],
  ['an empty string', ''],
  ['a malformed id', 'garbage'],
  ["another account's id", 'B|1|A'],
  ['an unknown conversation', 'A|1|nobody'],
  ['a team id', 'A|2|T'],
  ['a huge id', `A|1|${huge}`],
];

const messages: Array<[string, () => unknown]> = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['a string', () => 'm1'],
  ['an empty object', () => ({})],
  ['a NaN createTime', () => ({ ...ownP2P, createTime: Number.NaN })],
  ['a string createTime', () => ({ ...ownP2P, createTime: '100' })],
  ['no messageClientId', () => ({ ...ownP2P, messageClientId: undefined })],
  ['a huge messageClientId from another account', () => ({ ...othersTeam, messageClientId: huge })],
  ["someone else's message", () => othersTeam],
  ['a message between two other accounts', () => ({ ...ownP2P, senderId: 'C', receiverId: 'D' })],
  // `{ ...draft }` in an Immer producer: the nested draft is revoked once the producer ends.
  ['a revoked messageConfig', () => ({ ...ownTeam, messageConfig: revokedProxy() })],
  [
    'a getter that throws',
    () =>
      Object.defineProperty({ ...ownTeam }, 'sendingState', {
        enumerable: true,
        get() {
          throw new Error('unreadable');
        },
      }),
  ],
];

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({ readReceiptEnabled: true }, {});
  revoke();
  return proxy;
}

describe('bad input to the hooks', () => {
  it.each(conversationIds)(
    'useReadReceipts(%s) shows zeros, calls nothing, changes nothing',
    async (_name, conversationId) => {
      const before = alice.engine.store.getState();
      const view = await show(() => useReadReceipts(conversationId as string));
      expect(view.peerReadTime).toBe(0);
      expect(view.selfReadTime).toBe(0);
      expect(view.isPeerRead(null as never)).toBe(false);
      expect(() => view.markRead(null as never)).toThrow(
        expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
      );
      // A well-formed P2P id of my own (an unknown peer, a huge target) is a real conversation:
      // seeding it asks for the peer's and my own read time, which both answer 0, and the engine
      // notes that the peer's is known (0, not "not known yet"); nothing else changes.
      const isMine = typeof conversationId === 'string' && conversationId.startsWith('A|1|');
      const after = alice.engine.store.getState();
      if (isMine) {
        expect({ ...after, peerReadTimeLoads: [] }).toEqual({ ...before, peerReadTimeLoads: [] });
        expect(selectPeerReadTimeLoad(after, conversationId as string)).toBe('loaded');
      } else expect(after).toBe(before);
      expect(alice.calls.getP2PMessageReceipt).toHaveLength(isMine ? 1 : 0);
      expect(alice.calls.getSelfReadTime).toHaveLength(isMine ? 1 : 0);
      expect(callCount(alice)).toBe(isMine ? 2 : 0);
    },
  );

  it.each(conversationIds)(
    'useSendingReceipts(%s) shows the switch on, calls nothing, changes nothing',
    async (_name, conversationId) => {
      const before = alice.engine.store.getState();
      const [isSending] = await show(() => useSendingReceipts(conversationId as string));
      expect(isSending).toBe(true);
      expect(alice.engine.store.getState()).toBe(before);
      expect(callCount(alice)).toBe(0);
    },
  );

  it.each(messages)(
    'useMessageReceipt(%s) shows nothing and calls nothing',
    async (_name, make) => {
      const before = alice.engine.store.getState();
      const view = await show(() => useMessageReceipt(make() as ReceiptMessage));
      expect(view).toMatchObject({ mode: 'none', isLoading: false, isUnavailable: false });
      expect(view.status).toBeUndefined();
      expect(alice.engine.store.getState()).toBe(before);
      expect(callCount(alice)).toBe(0);
    },
  );

  /** `lastMessage` shapes, each wrapping a bad message refer or a bad field. */
  const lastMessages: Array<[string, () => unknown]> = [
    ...messages.map(([name, make]): [string, () => unknown] => [
      `a refer that is ${name}`,
      () => ({ lastMessageState: 0, messageRefer: make(), sendingState: 1 }),
    ]),
    ['null', () => null],
    ['a string', () => 'A|1|B'],
    ['an array', () => [ownP2P]],
    ['a message instead of a lastMessage', () => ownP2P],
  ];

  it.each(lastMessages)(
    'useLastMessageStatus(%s) shows no indicator, calls nothing, changes nothing',
    async (_name, make) => {
      const before = alice.engine.store.getState();
      const view = await show(() => useLastMessageStatus(make() as ReceiptLastMessage));
      expect(view).toBeUndefined();
      expect(alice.engine.store.getState()).toBe(before);
      expect(callCount(alice)).toBe(0);
    },
  );

  it('useLastMessageStatus of a well-formed last message shows it (the control for the rows above)', async () => {
    const lastMessage = { lastMessageState: 0, messageRefer: ownP2P, sendingState: 1 };
    expect(await show(() => useLastMessageStatus(lastMessage))).toBe('sent');
  });

  it.each(messages)(
    'useTeamReceiptDetail(%s) shows nothing (no error, not loading, no counts), never throws',
    async (_name, make) => {
      const before = alice.engine.store.getState();
      const view = await show(() => useTeamReceiptDetail(make() as ReceiptMessage));
      expect(view).toMatchObject({
        readAccountList: [],
        unreadAccountList: [],
        readCount: 0,
        unreadCount: 0,
        knownCounts: undefined,
        isLoading: false,
        error: undefined,
      });
      expect(() => view.refresh()).not.toThrow();
      expect(alice.engine.store.getState()).toBe(before);
      expect(callCount(alice)).toBe(0);
    },
  );

  // Not an array: no filter (everyone). An array: filtered by its entries as strings, so 7 matches
  // nobody and only B is left.
  it.each<[string, unknown, string[]]>([
    ['a string', 'B', ['B', 'C']],
    ['a list with a number', ['B', 7], ['B']],
    ['null', null, ['B', 'C']],
    ['a revoked Proxy (an Immer draft kept after its producer ended)', revokedProxy(), ['B', 'C']],
  ])('a malformed member filter (%s) does not break the detail', async (_name, filter, unread) => {
    const g2 = await world.send(alice, 'A|2|T', { at: 300, isFlagged: true });
    await world.settle();
    const view = await show(() =>
      useTeamReceiptDetail(g2, { memberAccountIds: filter as string[] }),
    );
    expect(view.error).toBeUndefined();
    expect(view.isLoading).toBe(false);
    expect(view.readAccountList).toEqual([]);
    expect(view.unreadAccountList).toEqual(unread);
    expect(view).toMatchObject({ readCount: 0, unreadCount: unread.length });
    expect(alice.calls.getTeamMessageReceiptDetail).toHaveLength(1);
  });
});
