/**
 * A batch merged through `collapseReceipts` (only the receipts a one-by-one merge would keep) gives
 * exactly the state of merging every receipt in turn: counts, readers, first-stored order, what a
 * limit forgets and which teams it marks trimmed, whatever the batch and what was stored before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TeamMessageReadReceipt } from '../types';
import {
  createInitialState,
  draftTeamReceipts,
  type ReceiptState,
  type TeamReceiptRetention,
} from './receiptState';
import { storedReceipts } from './teamReceiptShard';

const conversations = ['A|2|T1', 'A|2|T2', 'A|1|B', '__proto__'];

const receiptArbitrary: fc.Arbitrary<TeamMessageReadReceipt> = fc
  .record({
    conversationId: fc.constantFrom(...conversations),
    id: fc.integer({ min: 0, max: 7 }),
    readCount: fc.integer({ min: 0, max: 6 }),
    unreadCount: fc.integer({ min: 0, max: 3 }),
    reader: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }),
  })
  .map(({ conversationId, id, readCount, unreadCount, reader }) => {
    const receipt: TeamMessageReadReceipt = {
      conversationId,
      messageServerId: `s${id}`,
      messageClientId: `m${id}`,
      readCount,
      unreadCount,
    };
    if (reader !== undefined) receipt.latestReadAccount = reader;
    return receipt;
  });

/** Everything merging can change, in a comparable form (receipts in stored order). */
function facts(state: ReceiptState) {
  return {
    receipts: Object.entries(state.teamReceipts).map(([id, shard]) => [
      id,
      shard.size,
      [...storedReceipts(shard)],
    ]),
    trimmedTeams: state.trimmedTeams,
    teamCountLoads: state.teamCountLoads,
  };
}

describe('collapseReceipts', () => {
  it('merging the kept receipts equals merging every receipt one by one', () => {
    fc.assert(
      fc.property(
        fc.array(receiptArbitrary, { maxLength: 12 }),
        fc.array(receiptArbitrary, { maxLength: 40 }),
        fc.constantFrom(Number.POSITIVE_INFINITY, 3, 5),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }),
        (before, batch, limit, shownIds) => {
          const shown = new Set(shownIds.map((id) => `A|2|T1\nm${id}`));
          const retention: TeamReceiptRetention = { limit, isShown: (key) => shown.has(key) };
          const start = draftTeamReceipts(createInitialState('A', true), retention);
          for (const receipt of before) start.merge(receipt);
          const base = start.commit(createInitialState('A', true));

          const oneByOne = draftTeamReceipts(base, retention);
          for (const receipt of batch) oneByOne.merge(receipt);
          const collapsed = draftTeamReceipts(base, retention);
          collapsed.mergeAll(batch);

          const expected = oneByOne.commit(base);
          const actual = collapsed.commit(base);
          expect(facts(actual)).toEqual(facts(expected));
          // Nothing news, nobody notified: the same state object either way.
          expect(actual === base).toBe(expected === base);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the receipts of messages merged one by one (their member lists open) come back in order, and merging them after the rest gives the same state', () => {
    fc.assert(
      fc.property(
        fc.array(receiptArbitrary, { maxLength: 12 }),
        fc.array(receiptArbitrary, { maxLength: 40 }),
        fc.constantFrom(Number.POSITIVE_INFINITY, 3, 5),
        fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }),
        (before, batch, limit, openIds) => {
          // An open list's message is shown (kept whatever the limit) and has its counts stored.
          const open = new Set(openIds.map((id) => `A|2|T1\nm${id}`));
          const retention: TeamReceiptRetention = { limit, isShown: (key) => open.has(key) };
          const start = draftTeamReceipts(createInitialState('A', true), retention);
          for (const id of openIds) {
            start.merge({
              conversationId: 'A|2|T1',
              messageServerId: `s${id}`,
              messageClientId: `m${id}`,
              readCount: 0,
              unreadCount: 3,
            });
          }
          for (const receipt of before) start.merge(receipt);
          const base = start.commit(createInitialState('A', true));

          const oneByOne = draftTeamReceipts(base, retention);
          for (const receipt of batch) oneByOne.merge(receipt);
          const collapsed = draftTeamReceipts(base, retention);
          const isOpen = (conversationId: string, clientId: string) =>
            open.has(`${conversationId}\n${clientId}`);
          const left: TeamMessageReadReceipt[] = [];
          collapsed.mergeAll(batch, isOpen, left);
          expect(left).toEqual(
            batch.filter((receipt) => isOpen(receipt.conversationId, receipt.messageClientId)),
          );
          for (const receipt of left) collapsed.merge(receipt);

          expect(facts(collapsed.commit(base))).toEqual(facts(oneByOne.commit(base)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
