import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Clock } from '../clock';
import { ReceiptError } from '../ReceiptError';
import { receiptWorldPerTest } from '../testing/receiptWorld';
import { backoffDelay, defaultRetryPolicy } from './backoff';
import { createReceiptEngine } from './createReceiptEngine';
import { createInitialState } from './receiptState';
import { selectMessageStatus, selectReceiptMode } from './selectors';

const world = receiptWorldPerTest();

/** A clock whose timers run only when the test says so. */
function createManualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, delayMs) {
      const id = nextId++;
      timers.set(id, { at: now + delayMs, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    pending: () => timers.size,
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.callback();
      }
    },
  };
}

describe('engine contract', () => {
  it('rejects a missing transport or account with 191004', () => {
    for (const options of [undefined, {}, { transport: null, accountId: 'A' }, { accountId: '' }]) {
      expect(() => createReceiptEngine(options as never)).toThrow(
        expect.objectContaining({ name: 'ReceiptError', code: 191004 }),
      );
    }
  });

  it('takes its timing from an injected clock object', async () => {
    const alice = world.device('A');
    const manual = createManualClock();
    const bob = world.device('B', { clock: manual.clock });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    bob.engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(10_000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    manual.advance(299);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    manual.advance(1);
    await world.settle();
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    bob.engine.markRead([world.copyOf(bob, m1)]);
    bob.engine.dispose();
    expect(manual.pending()).toBe(0);
  });

  it('a wait longer than platform timers take is capped, not overflowed into a hot loop', async () => {
    const alice = world.device('A');
    const delays: number[] = [];
    const recording: Clock = {
      now: () => Date.now(),
      setTimeout(callback, delayMs) {
        delays.push(delayMs);
        return setTimeout(callback, 0); // the test only looks at what was asked for
      },
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const bob = world.device('B', {
      clock: recording,
      flushDelayMs: 3e9,
      retry: { baseDelayMs: 5e9, maxDelayMs: 1e10 },
    });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 192001 });
    bob.engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(0);
    expect(delays.length).toBeGreaterThanOrEqual(2); // the flush window, then the retry
    expect(Math.max(...delays)).toBe(2 ** 31 - 1);
  });

  it('a clock that calls back at once, inside setTimeout, works', async () => {
    const alice = world.device('A');
    let nextHandle = 1;
    const immediate: Clock = {
      now: () => Date.now(),
      setTimeout(callback) {
        callback();
        return nextHandle++;
      },
      clearTimeout() {},
    };
    const bob = world.device('B', { clock: immediate });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    expect(() => bob.engine.markRead([world.copyOf(bob, m1)])).not.toThrow();
    await world.tick(0);
    expect(alice.client.V2NIMMessageService.isPeerRead(m1 as never)).toBe(true);
  });

  it('flush() sends at once instead of at the end of the window', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    bob.engine.markRead([world.copyOf(bob, m1)]);
    bob.engine.flush();
    await world.settle();
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(1);
  });

  it('a deferred engine does not listen until started', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const deferred = createReceiptEngine({
      transport: alice.transport,
      accountId: 'A',
      isStartDeferred: true,
    });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, m1) as never);
    await world.settle();
    expect(selectMessageStatus(deferred.store.getState(), m1)).toBe('sent');
    deferred.start();
    deferred.start();
    const m2 = await world.send(alice, 'A|1|B', { at: 200 });
    await world.settle();
    await bob.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(bob, m2) as never);
    await world.settle();
    expect(selectMessageStatus(deferred.store.getState(), m2)).toBe('read');
    deferred.dispose();
    deferred.start();
    expect(alice.client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts')).toBe(
      1,
    );
  });

  it('a throwing onError handler does not break the engine, and its error is reported', async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    const handlerBug = new Error('handler bug');
    const alice = world.device('A');
    const bob = world.device('B', {
      onError: () => {
        throw handlerBug;
      },
    });
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    const m2 = await world.send(alice, 'A|1|B', { at: 200 });
    await world.settle();
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 107325 });
    bob.engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(300);
    bob.engine.markRead([world.copyOf(bob, m2)]);
    await world.tick(300);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(2);
    expect(selectMessageStatus(alice.engine.store.getState(), m2)).toBe('read');
    expect(reported).toEqual([handlerBug]);
  });

  it('markRead after dispose changes nothing and schedules nothing', async () => {
    const alice = world.device('A');
    const bob = world.device('B');
    const m1 = await world.send(alice, 'A|1|B', { at: 100 });
    await world.settle();
    bob.engine.dispose();
    bob.engine.dispose();
    bob.engine.markRead([world.copyOf(bob, m1)]);
    await world.tick(1000);
    expect(bob.calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(bob.calls.getP2PMessageReceipt).toHaveLength(0);
  });
});

describe('pure parts', () => {
  it('backoff doubles, is capped, and scales by jitter into [50%, 100%]', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelay(policy, 0, () => 0)).toBe(50);
    expect(backoffDelay(defaultRetryPolicy, 0, () => 0.5)).toBe(750);
    expect(backoffDelay(policy, 0, () => Number.NaN)).toBe(50);
  });

  it('malformed events are skipped without throwing or notifying', async () => {
    const alice = world.device('A');
    const state = alice.engine.store.getState();
    const junk: unknown[] = [
      null,
      { type: 'unknown' },
      { type: 'p2pReceipts', receipts: null },
      { type: 'p2pReceipts', receipts: [null, { conversationId: 'X|1|B', timestamp: 5 }] },
      { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: '5' }] },
      { type: 'selfReadTime', conversationId: 'A|1|B', readTime: null },
      { type: 'teamReceipts', receipts: [null, { conversationId: 'A|2|T', readCount: 1 }] },
    ];
    for (const event of junk) {
      alice.deliver(event);
      expect(alice.engine.store.getState()).toBe(state);
    }
    // Team receipts that arrive back to back are applied when the task yields: nothing there either.
    await Promise.resolve();
    expect(alice.engine.store.getState()).toBe(state);
  });

  it('derives the status of own messages from sendingState and watermarks', () => {
    const state = createInitialState('A', true);
    const base = {
      messageClientId: 'c',
      messageServerId: 's',
      createTime: 1,
      senderId: 'A',
      receiverId: 'B',
      conversationType: 1,
      conversationId: 'A|1|B',
    };
    expect(selectMessageStatus(state, { ...base, sendingState: 3 })).toBe('sending');
    expect(selectMessageStatus(state, { ...base, sendingState: 0 })).toBe('sending');
    expect(selectMessageStatus(state, { ...base, sendingState: 2 })).toBe('failed');
    expect(selectMessageStatus(state, { ...base, sendingState: 1 })).toBe('sent');
    expect(selectMessageStatus(state, { ...base, messageServerId: '' })).toBe('sending');
    expect(selectMessageStatus(state, { ...base, messageType: 5 })).toBeUndefined();
    expect(selectReceiptMode(state, { ...base, conversationType: 2 })).toBe('none');
    expect(
      selectReceiptMode(state, {
        ...base,
        conversationType: 2,
        messageConfig: { readReceiptEnabled: true },
      }),
    ).toBe('team');
    expect(selectReceiptMode(state, { ...base, createTime: 'x' })).toBe('none');
    expect(new ReceiptError(191004, 'x').code).toBe(191004);
  });
});
