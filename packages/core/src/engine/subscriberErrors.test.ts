import { afterEach, describe, expect, it, vi } from 'vitest';
import { receiptWorldPerTest, sentMessages } from '../testing/receiptWorld';
import { selectMessageStatus, selectPeerReadTime } from './selectors';

const world = receiptWorldPerTest();

/** What `reportError` received while the test ran. */
function captureReports(): unknown[] {
  const reports: unknown[] = [];
  vi.stubGlobal('reportError', (error: unknown) => reports.push(error));
  return reports;
}
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a store subscriber that throws (an app’s)', () => {
  it('does not stop the subscribers after it, and its error is reported', async () => {
    const reports = captureReports();
    const { alice, bob, m2, b2 } = await world.aliceSendsBobTwo();
    const broken = new Error('app subscriber');
    alice.engine.store.subscribe(() => {
      throw broken;
    });
    const seen: number[] = [];
    alice.engine.store.subscribe((state) => seen.push(selectPeerReadTime(state, 'A|1|B')));

    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(seen).toEqual([200]);
    expect(selectMessageStatus(alice.engine.store.getState(), m2)).toBe('read');
    expect(reports).toEqual([broken]);
  });

  it('does not lose the receipt marked while the one before it was in flight', async () => {
    const reports = captureReports();
    const { bob, b1, b2 } = await world.aliceSendsBobTwo();
    const broken = new Error('app subscriber');
    bob.engine.store.subscribe(() => {
      throw broken;
    });
    world.server.setFaults({ latencyMs: [500, 500] });
    bob.engine.markRead([b1]);
    await vi.advanceTimersByTimeAsync(300); // the receipt is now on the wire for 500 ms
    expect(sentMessages(bob.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([100]);
    // Seen while the first receipt is on its way, for longer than the flush window: it goes once
    // that one has landed, whose store update reaches the throwing subscriber.
    bob.engine.markRead([b2]);
    await world.tick(5000);
    expect(sentMessages(bob.calls.sendP2PMessageReceipt).map((m) => m.createTime)).toEqual([
      100, 200,
    ]);
    // Reported at each store update that reached it: the two receipts' read times, at least.
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.every((error) => error === broken)).toBe(true);
  });
});

describe('a store subscriber', () => {
  it('subscribed twice runs once per update, and either unsubscribe removes it, as in zustand', async () => {
    const { alice, bob, b1, b2 } = await world.aliceSendsBobTwo();
    const seen: number[] = [];
    const listener = (state: ReturnType<typeof alice.engine.store.getState>) =>
      seen.push(selectPeerReadTime(state, 'A|1|B'));
    alice.engine.store.subscribe(listener);
    const unsubscribe = alice.engine.store.subscribe(listener);

    bob.engine.markRead([b1]);
    await world.tick(300);
    expect(seen).toEqual([100]);
    unsubscribe();
    bob.engine.markRead([b2]);
    await world.tick(300);
    expect(seen).toEqual([100]);
  });
});
