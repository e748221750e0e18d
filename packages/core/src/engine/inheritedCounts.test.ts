import { describe, expect, it } from 'vitest';
import { countCalls, receiptWorldPerTest } from '../testing/receiptWorld';
import { createReceiptEngine } from './createReceiptEngine';
import { selectTeamReceipt } from './selectors';

/*
 * A new engine of an account given the team counts of the one before it (what @readmark/react's
 * provider does when it replaces its engine: a new transport, an <Activity> shown again) before it
 * starts: it shows them at once, and takes them as stale, since readers may have read while nobody
 * listened (receipts are not synced, SPEC G11): each is queried again when shown.
 */
const world = receiptWorldPerTest();

describe('team counts given to an engine before it starts', () => {
  it('show at once and are queried again when shown, bringing the readers missed meanwhile', async () => {
    world.server.createTeam({ teamId: 'T1', memberIds: ['A', 'B', 'C'] });
    const a = world.device('A');
    const b = world.device('B');
    const g1 = await world.send(a, 'A|2|T1', { at: 100, isFlagged: true });
    await world.tick(0);
    const stop = a.engine.watchTeamCounts(g1);
    await world.tick(50);
    expect(selectTeamReceipt(a.engine.store.getState(), g1)).toMatchObject({ readCount: 0 });
    stop();
    // The old engine goes; B reads while nobody of A's listens.
    const { teamReceipts } = a.engine.store.getState();
    a.engine.dispose();
    b.engine.markRead([world.copyOf(b, g1)]);
    await world.tick(300);

    const { transport, calls } = countCalls(a.transport);
    const next = createReceiptEngine({ transport, accountId: 'A', isStartDeferred: true });
    next.store.setState({ teamReceipts });
    next.start();
    const stopNext = next.watchTeamCounts(g1);
    // The counts it was given, until its own answer.
    expect(selectTeamReceipt(next.store.getState(), g1)).toMatchObject({ readCount: 0 });
    await world.tick(50);
    expect(calls.getTeamMessageReceipts).toHaveLength(1);
    expect(selectTeamReceipt(next.store.getState(), g1)).toMatchObject({
      readCount: 1,
      unreadCount: 1,
    });
    stopNext();
    next.dispose();
  });
});
