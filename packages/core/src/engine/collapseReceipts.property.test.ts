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
});
