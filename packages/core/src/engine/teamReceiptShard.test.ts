/**
 * The two-generation team receipt shard: every state stays a snapshot, reads see the newest
 * receipt, order is first-stored, and an update copies O(√n) entries, not the whole conversation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TeamMessageReadReceipt } from '../types';
import {
  createInitialState,
  mergeTeamReceipts,
  type ReceiptState,
  teamMessageKey,
  teamReceiptOf,
} from './receiptState';
import { storedReceipts } from './teamReceiptShard';

const receipt = (id: number, readCount: number): TeamMessageReadReceipt => ({
  conversationId: 'A|2|T1',
  messageServerId: `s${id}`,
  messageClientId: `m${id}`,
  readCount,
  unreadCount: 100 - readCount,
});
const shardOf = (state: ReceiptState) => state.teamReceipts['A|2|T1']!;
const keepAll = { limit: Number.POSITIVE_INFINITY, isShown: () => false };

describe('team receipt shards', () => {
  it('every earlier state keeps the counts it had while later merges fold entries in', () => {
    let state = createInitialState('A', true);
    const snapshots: Array<[ReceiptState, number]> = [];
    // 3,000 messages stored one state at a time, then each read again: many foldings on the way.
    for (let round = 1; round <= 2; round++) {
      for (let id = 0; id < 3000; id++) {
        state = mergeTeamReceipts(state, [receipt(id, round)], keepAll);
        if (id % 97 === 0) snapshots.push([state, id]);
      }
    }
    // Round 1's snapshots still hold 1 for every message stored so far, and nothing after it.
    for (const [snapshot, upTo] of snapshots.slice(0, snapshots.length / 2)) {
      for (let id = 0; id < 3000; id++) {
        expect(teamReceiptOf(snapshot, 'A|2|T1', `m${id}`)?.readCount).toBe(
          id <= upTo ? 1 : undefined,
        );
      }
      expect(shardOf(snapshot).size).toBe(upTo + 1);
    }
    // Round 2's hold 2 up to where it was, 1 after.
    for (const [snapshot, upTo] of snapshots.slice(snapshots.length / 2)) {
      expect(teamReceiptOf(snapshot, 'A|2|T1', `m${upTo}`)?.readCount).toBe(2);
      expect(teamReceiptOf(snapshot, 'A|2|T1', `m${upTo + 1}`)?.readCount).toBe(
        upTo + 1 < 3000 ? 1 : undefined,
      );
    }
    // The last state has round 2's counts for all, in first-stored order.
    const stored = [...storedReceipts(shardOf(state))];
    expect(stored.map((r) => r.messageClientId)).toEqual(
      Array.from({ length: 3000 }, (_, id) => `m${id}`),
    );
    expect(stored.every((r) => r.readCount === 2)).toBe(true);
    expect(shardOf(state).size).toBe(3000);
  });

  it('an update shares the settled receipts and copies only recent ones, O(√n)', () => {
    let state = mergeTeamReceipts(
      createInitialState('A', true),
      Array.from({ length: 100_000 }, (_, id) => receipt(id, 1)),
      keepAll,
    );
    let foldings = 0;
    for (let step = 0; step < 2000; step++) {
      const next = mergeTeamReceipts(state, [receipt((step * 7919) % 100_000, 2 + step)], keepAll);
      const { settled, recent } = shardOf(next);
      if (settled !== shardOf(state).settled) foldings++;
      // Never more recent entries than the square root of the settled ones (and a few).
      expect(recent.size ** 2).toBeLessThanOrEqual(settled.size + 1024);
      state = next;
    }
    // A copy of 100,000 entries at most once per ~317 updates: 2,000 updates fold 6 times.
    expect(foldings).toBe(6);
    expect(teamReceiptOf(state, 'A|2|T1', `m${(1999 * 7919) % 100_000}`)?.readCount).toBe(2001);
  });

  it('a forgotten receipt reads as absent; stored again, it goes last, as a new one', () => {
    const shown = new Set<string>();
    const retention = { limit: 2, isShown: (key: string) => shown.has(key) };
    let state = mergeTeamReceipts(
      createInitialState('A', true),
      [receipt(1, 1), receipt(2, 1), receipt(3, 1)],
      retention,
    );
    expect(teamReceiptOf(state, 'A|2|T1', 'm1')).toBeUndefined();
    expect(shardOf(state).size).toBe(2);
    shown.add(teamMessageKey('A|2|T1', 'm1'));
    state = mergeTeamReceipts(state, [receipt(1, 5)], retention);
    expect(teamReceiptOf(state, 'A|2|T1', 'm1')?.readCount).toBe(5);
    expect([...storedReceipts(shardOf(state))].map((r) => r.messageClientId)).toEqual(['m3', 'm1']);
  });

  it('agrees with a plain Map under any merges, readers on screen and limits (fast-check)', () => {
    const batchArb = fc.integer({ min: 1, max: 60 }).chain((length) =>
      fc.record({
        receipts: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 30 }), fc.boolean()),
          { minLength: length, maxLength: length },
        ),
        shown: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 20 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        fc.array(batchArb, { maxLength: 40 }),
        (limit, batches) => {
          let state = createInitialState('A', true);
          // The model: a Map in first-stored order, as the engine kept receipts before shards.
          const model = new Map<string, TeamMessageReadReceipt>();
          let isTrimmed = false;
          const history: Array<[ReceiptState, string[]]> = [];
          for (const batch of batches) {
            const shown = new Set(batch.shown.map((id) => teamMessageKey('A|2|T1', `m${id}`)));
            const retention = { limit, isShown: (key: string) => shown.has(key) };
            const receipts = batch.receipts.map(([id, readCount, isAllRead]) => ({
              ...receipt(id, readCount),
              unreadCount: isAllRead ? 0 : 5,
            }));
            state = mergeTeamReceipts(state, receipts, retention);
            let isTouched = false;
            for (const next of receipts) {
              const held = model.get(next.messageClientId);
              if (held && !(next.readCount > held.readCount)) continue;
              const key = teamMessageKey('A|2|T1', next.messageClientId);
              if (!held && isTrimmed && !shown.has(key)) continue;
              model.set(next.messageClientId, next);
              isTouched = true;
            }
            let excess = isTouched ? model.size - limit : 0;
            for (const isFinalPass of [false, true]) {
              for (const [clientId, held] of [...model]) {
                if (excess <= 0) break;
                if ((held.unreadCount === 0) !== isFinalPass) continue;
                if (shown.has(teamMessageKey('A|2|T1', clientId))) continue;
                model.delete(clientId);
                isTrimmed = true;
                excess--;
              }
            }
            const expected = [...model.values()].map((r) => `${r.messageClientId}:${r.readCount}`);
            const shard = state.teamReceipts['A|2|T1'];
            const stored = shard ? [...storedReceipts(shard)] : [];
            expect(stored.map((r) => `${r.messageClientId}:${r.readCount}`)).toEqual(expected);
            expect(shard?.size ?? 0).toBe(model.size);
            for (const held of model.values()) {
              expect(teamReceiptOf(state, 'A|2|T1', held.messageClientId)).toBe(
                stored.find((r) => r.messageClientId === held.messageClientId),
              );
            }
            history.push([state, expected]);
          }
          // Every earlier state still holds what it held.
          for (const [earlier, expected] of history) {
            const shard = earlier.teamReceipts['A|2|T1'];
            expect(
              (shard ? [...storedReceipts(shard)] : []).map(
                (r) => `${r.messageClientId}:${r.readCount}`,
              ),
            ).toEqual(expected);
          }
        },
      ),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
