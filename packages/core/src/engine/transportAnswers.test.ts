/**
 * What a custom transport's team queries resolve with is checked: a malformed answer is reported
 * with 191004 and shown as failed (never a TypeError with a badge or sheet loading forever), and
 * member lists are cleaned before anyone sees them.
 */
import { describe, expect, it } from 'vitest';
import type { ReceiptTransport } from '../ReceiptTransport';
import { receiptWorldPerTest } from '../testing/receiptWorld';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptErrorContext } from './engineContext';
import { teamMessageKey } from './receiptState';
import { selectTeamCountLoad, selectTeamReceipt } from './selectors';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C', 'D'] });
});

/** A's flagged g1 in team T, watched by an engine of A over A's transport changed by `change`. */
async function aliceWatchesOver(
  change: (transport: ReceiptTransport) => Partial<ReceiptTransport>,
) {
  const alice = world.device('A');
  alice.engine.dispose();
  const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
  await world.settle();
  const reports: Array<[number, ReceiptErrorContext]> = [];
  const engine = createReceiptEngine({
    transport: { ...alice.transport, ...change(alice.transport) },
    accountId: 'A',
    onError: (error, context) => reports.push([error.code, context]),
  });
  const detailOf = () =>
    engine.store.getState().teamDetails[teamMessageKey('A|2|T', g1.messageClientId)];
  return { engine, g1, reports, detailOf };
}

const malformedAnswers: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['an object', {}],
  ['a string', 'ok'],
];

describe('team query answers', () => {
  it.each(malformedAnswers)(
    'getTeamMessageReceipts resolving %s: reported once with 191004, the badge shows failed',
    async (_name, answer) => {
      const { engine, g1, reports } = await aliceWatchesOver(() => ({
        getTeamMessageReceipts: async () => answer as never,
      }));
      engine.watchTeamCounts(g1);
      await world.tick(100);
      expect(selectTeamCountLoad(engine.store.getState(), g1)).toBe('failed');
      expect(reports).toEqual([
        [191004, { operation: 'getTeamMessageReceipts', conversationId: 'A|2|T' }],
      ]);
      engine.dispose();
    },
  );

  it.each(malformedAnswers)(
    'getTeamMessageReceiptDetail resolving %s: the sheet shows an error (191004), not loading',
    async (_name, answer) => {
      const { engine, g1, detailOf } = await aliceWatchesOver(() => ({
        getTeamMessageReceiptDetail: async () => answer as never,
      }));
      engine.watchTeamDetail(g1);
      await world.tick(100);
      expect(detailOf()).toMatchObject({ status: 'error', error: { code: 191004 } });
      engine.dispose();
    },
  );

  it('member lists keep account ids only, each once, and nobody both read and unread', async () => {
    const { engine, g1, detailOf } = await aliceWatchesOver((transport) => ({
      async getTeamMessageReceiptDetail(message: ReceiptMessage) {
        const detail = await transport.getTeamMessageReceiptDetail(message);
        return {
          readReceipt: { ...detail.readReceipt, readCount: 1, unreadCount: 2 },
          readAccountList: ['B', 'B', 7, null] as never,
          unreadAccountList: ['C', 'B', { id: 'D' }, 'D', 'C'] as never,
        };
      },
    }));
    engine.watchTeamDetail(g1);
    await world.tick(100);
    expect(detailOf()).toMatchObject({
      status: 'ready',
      readAccountList: ['B'],
      unreadAccountList: ['C', 'D'],
    });
    expect(selectTeamReceipt(engine.store.getState(), g1)).toMatchObject({
      readCount: 1,
      unreadCount: 2,
    });
    engine.dispose();
  });

  it.each<[string, unknown]>([
    ['no readReceipt', undefined],
    ['a readReceipt without counts', {}],
    ['counts given as strings', { readCount: '0', unreadCount: '3' }],
  ])('a detail with %s is malformed: the counts never freeze on it', async (_name, readReceipt) => {
    const { engine, g1, reports, detailOf } = await aliceWatchesOver((transport) => ({
      async getTeamMessageReceiptDetail(message: ReceiptMessage) {
        const detail = await transport.getTeamMessageReceiptDetail(message);
        return { ...detail, readReceipt: readReceipt as never };
      },
    }));
    engine.watchTeamDetail(g1);
    await world.tick(100);
    expect(detailOf()).toMatchObject({ status: 'error', error: { code: 191004 } });
    expect(selectTeamReceipt(engine.store.getState(), g1)).toBeUndefined();
    expect(reports).toEqual([]); // a detail's error is state the sheet shows, as for NIM's codes
    engine.dispose();
  });

  it('a list given as a string is not spread into letters: the answer is malformed', async () => {
    const { engine, g1, detailOf } = await aliceWatchesOver((transport) => ({
      async getTeamMessageReceiptDetail(message: ReceiptMessage) {
        const detail = await transport.getTeamMessageReceiptDetail(message);
        return { ...detail, readAccountList: 'Bob' as never };
      },
    }));
    engine.watchTeamDetail(g1);
    await world.tick(100);
    expect(detailOf()).toMatchObject({ status: 'error', readAccountList: [] });
    engine.dispose();
  });
});
