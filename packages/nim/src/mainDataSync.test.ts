import {
  createReceiptEngine,
  selectPeerReadTime,
  selectPeerReadTimeLoad,
  selectSelfReadTime,
  webStorageOutbox,
} from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import EventEmitter from 'eventemitter3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyValueStorage } from '../../core/src/testing/mapStorage';
import { countCalls } from '../../core/src/testing/receiptWorld';
import { createSwitchingInstance } from '../../core/src/testing/switchingInstance';
import { createNimTransport } from './createNimTransport';
import { MAIN_DATA_SYNC_WAIT_MS, whenMainDataSynced } from './mainDataSync';
import { copyOf, createTransportScenario } from './transport.testkit';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A login service as nim-web-sdk-ng's: `getDataSync()` and `onDataSync(type, state, error?)`. Only
 * for what the memory server cannot stage (several type-1 entries, other sync types, a throwing or
 * missing `getDataSync`, a login caught at status 2, the 5 s cap); the rest runs on the server below.
 */
function loginService(details: unknown) {
  const events = new EventEmitter();
  const service = Object.assign(events, {
    getConnectStatus: () => 1,
    getDataSync: () => details,
  });
  return { service: service as never, events };
}

/** Whether `promise` has settled once pending work ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return settled;
}

describe('waiting for the SDK login sync before reading the read-time cache', () => {
  it('goes on at once when the main sync is already complete, or the login service cannot tell', async () => {
    const { service } = loginService([
      { type: 2, state: 1 },
      { type: 1, state: 3 },
    ]);
    expect(await isSettled(whenMainDataSynced(service))).toBe(true);
    expect(await isSettled(whenMainDataSynced(undefined))).toBe(true);
    const { service: noSync } = loginService(undefined);
    delete (noSync as { getDataSync?: unknown }).getDataSync;
    expect(await isSettled(whenMainDataSynced(noSync))).toBe(true);
  });

  it('waits while any main-data entry is still syncing (the SDK reports the basic and the conversation sync both as type 1)', async () => {
    const { service, events } = loginService([
      { type: 1, state: 2 },
      { type: 1, state: 3 },
    ]);
    const synced = whenMainDataSynced(service);
    expect(await isSettled(synced)).toBe(false);
    events.emit('onDataSync', 1, 3);
    expect(await isSettled(synced)).toBe(true);
  });

  it('waits for the main sync to complete, not for another sync, and stops listening then', async () => {
    const { service, events } = loginService(null);
    const synced = whenMainDataSynced(service);
    expect(await isSettled(synced)).toBe(false);
    events.emit('onDataSync', 2, 3); // team members synced: not the read times
    events.emit('onDataSync', 1, 2); // main data syncing
    expect(await isSettled(synced)).toBe(false);
    events.emit('onDataSync', 1, 3);
    expect(await isSettled(synced)).toBe(true);
    expect(events.listenerCount('onDataSync')).toBe(0);
  });

  it('goes on when the login service throws as it is asked (it cannot tell), rather than wait for good', async () => {
    const { service, events } = loginService(undefined);
    Object.assign(service, {
      getDataSync: () => {
        throw new TypeError('sync details not ready');
      },
    });
    expect(await isSettled(whenMainDataSynced(service))).toBe(true);
    expect(events.listenerCount('onDataSync')).toBe(0);
    const { service: throwingStatus } = loginService([{ type: 1, state: 2 }]);
    Object.assign(throwingStatus, {
      getLoginStatus: () => {
        throw new TypeError('no login');
      },
    });
    expect(await isSettled(whenMainDataSynced(throwingStatus))).toBe(true);
  });

  it('waits while logging in after a logout (status 2, no sync details yet): the sync is about to start', async () => {
    // nim-web-sdk-ng between login() and its success; the memory server logs in synchronously, so
    // no read is ever checked in this state there.
    const { service } = loginService(null);
    Object.assign(service, { getLoginStatus: () => 2 });
    expect(await isSettled(whenMainDataSynced(service))).toBe(false);
  });

  it('goes on when the main sync fails', async () => {
    const { service, events } = loginService([]);
    const synced = whenMainDataSynced(service);
    events.emit('onDataSync', 1, 2, { code: 192004 });
    expect(await isSettled(synced)).toBe(true);
  });

  it('goes on after 5 s when the sync never ends (logged out meanwhile), holding no receipt longer', async () => {
    const { service, events } = loginService(null);
    const synced = whenMainDataSynced(service);
    await vi.advanceTimersByTimeAsync(MAIN_DATA_SYNC_WAIT_MS - 1);
    expect(await isSettled(synced)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await isSettled(synced)).toBe(true);
    expect(events.listenerCount('onDataSync')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the real engine over the real transport, on the memory server', () => {
  /** A sends B m1 at 100; B1 is B's first device, its copy of m1 `b1m1`. */
  async function aliceWritesToBob() {
    const scenario = createTransportScenario();
    const a = scenario.device('A');
    const b1 = scenario.device('B');
    const m1 = await scenario.send(a, { to: 'A|1|B', at: 100 });
    await scenario.server.settle();
    return { ...scenario, a, b1, b1m1: copyOf(b1, m1) };
  }

  /** An engine on another device of B, over its own counted transport. */
  function bobsEngine(client: MemoryClient) {
    const { transport, calls } = countCalls(createNimTransport(client));
    const errors: unknown[] = [];
    const engine = createReceiptEngine({
      transport,
      accountId: 'B',
      onError: (error) => errors.push(error),
    });
    return { engine, calls, errors };
  }

  it("asked when a re-login reports onLoginStatus(1), a read time waits for the sync that login starts, not the last one's", async () => {
    const { server, b1, b1m1 } = await aliceWritesToBob();
    const b2 = server.login('B');
    const { engine, calls, errors } = bobsEngine(b2);
    try {
      await server.settle();
      // B2 shows m1 with no connection; B1 reads it meanwhile.
      b2.disconnect();
      engine.markRead([b1m1]);
      await b1.transport.sendP2PMessageReceipt(b1m1);
      await server.settle();
      // The engine, back online at onLoginStatus(1), asks the read time again for the receipt it
      // holds. The SDK then still reports the previous login's sync as complete; B1's read comes
      // with this login's sync, a round trip later.
      server.setFaults({ latencyMs: [200, 200] });
      b2.reconnect();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls.getSelfReadTime).toEqual([['B|1|A'], ['B|1|A']]);
      expect(selectSelfReadTime(engine.store.getState(), 'B|1|A')).toBe(100);
      expect(calls.sendP2PMessageReceipt).toHaveLength(0);
      expect(errors).toEqual([]);
    } finally {
      engine.dispose();
    }
  });

  it('asked while logged out, a read time is read at once (no sync is coming; 190002); an engine asks it only at login, after that sync', async () => {
    const { server, b1, b1m1 } = await aliceWritesToBob();
    await b1.transport.sendP2PMessageReceipt(b1m1);
    await server.settle();
    const b2 = server.login('B');
    await server.settle();
    b2.logout();
    // Without a timer: rejected at once, nothing left waiting.
    await expect(createNimTransport(b2).getSelfReadTime?.('B|1|A')).rejects.toMatchObject({
      code: 190002,
    });
    expect(b2.V2NIMLoginService.listenerCount('onDataSync')).toBe(0);
    const { engine, calls, errors } = bobsEngine(b2);
    try {
      engine.markRead([b1m1]);
      await vi.advanceTimersByTimeAsync(0);
      // Nobody is logged in (getLoginUser() is ''): the engine does not ask, and reports nothing.
      expect(calls.getSelfReadTime).toHaveLength(0);
      expect(errors).toEqual([]);
      // Logging in: the sync starts, and the read time the engine asks then waits for it.
      server.setFaults({ latencyMs: [200, 200] });
      b2.login();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls.getSelfReadTime).toHaveLength(1);
      expect(selectSelfReadTime(engine.store.getState(), 'B|1|A')).toBe(100);
      expect(calls.sendP2PMessageReceipt).toHaveLength(0);
    } finally {
      engine.dispose();
    }
  });

  it("asked as B on an instance that then logs into C, a read time rejects with the retryable 190002, not C's 191004 for B's conversation", async () => {
    const { server, b1, b1m1 } = await aliceWritesToBob();
    await b1.transport.sendP2PMessageReceipt(b1m1);
    await server.settle();
    const one = createSwitchingInstance(server, ['B', 'C']);
    await server.settle();
    const transport = createNimTransport(one.nim);
    // Asked as B, then waiting for the sync: meanwhile the app logs the instance into C.
    const asked = transport.getSelfReadTime?.('B|1|A');
    one.switchTo('C');
    const answer = asked?.then(
      (readTime) => readTime,
      (error: { code: number }) => error.code,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await answer).toBe(190002);
    // B logged in again, it reads B's read time.
    one.switchTo('B');
    const again = transport.getSelfReadTime?.('B|1|A');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await again).toBe(100);
  });

  it('an engine disposed while a read time waits for the login sync (the app logged out) leaves no listener or timer behind and loses no receipt', async () => {
    const { server, device, send } = createTransportScenario();
    const a = device('A');
    const b = device('B');
    const m1 = await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    // B opens another page; its login sync arrives 400 ms after login.
    server.setFaults({ latencyMs: [400, 400] });
    const page = server.login('B');
    const login = page.V2NIMLoginService;
    const { transport, calls } = countCalls(createNimTransport(page));
    const storage = createKeyValueStorage();
    const engine = createReceiptEngine({
      transport,
      accountId: 'B',
      storage: webStorageOutbox(storage),
    });
    engine.markRead([copyOf(b, m1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.getSelfReadTime).toEqual([['B|1|A']]);
    expect(login.listenerCount('onDataSync')).toBe(1); // its read time waits for the sync
    // The user logs out before the sync came: none will come for this login.
    page.logout();
    engine.dispose();
    expect(login.listenerCount('onDataSync')).toBe(0);
    await vi.advanceTimersByTimeAsync(400); // the memory server's last delivery
    expect(vi.getTimerCount()).toBe(0);
    expect(calls.sendP2PMessageReceipt).toHaveLength(0);
    // The receipt the disposed engine still held is the next login's to send, once.
    page.login();
    const next = createReceiptEngine({
      transport,
      accountId: 'B',
      storage: webStorageOutbox(storage),
    });
    try {
      await vi.advanceTimersByTimeAsync(10_000);
      expect(
        calls.sendP2PMessageReceipt.map(
          ([message]) => (message as { createTime: number }).createTime,
        ),
      ).toEqual([100]);
      expect(a.events).toEqual([
        { type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: 100 }] },
      ]);
    } finally {
      next.dispose();
    }
  });

  it('a read time another engine of the transport still waits for keeps waiting when one engine is disposed', async () => {
    const { server, device, send } = createTransportScenario();
    const a = device('A');
    const b = device('B');
    const m1 = await send(a, { to: 'A|1|B', at: 100 });
    await server.settle();
    await b.transport.sendP2PMessageReceipt(copyOf(b, m1));
    await server.settle();
    server.setFaults({ latencyMs: [400, 400] });
    const page = server.login('B');
    const { transport, calls } = countCalls(createNimTransport(page));
    const leaving = createReceiptEngine({ transport, accountId: 'B' });
    const staying = createReceiptEngine({ transport, accountId: 'B' });
    try {
      staying.markRead([copyOf(b, m1)]);
      await vi.advanceTimersByTimeAsync(0);
      leaving.dispose();
      expect(page.V2NIMLoginService.listenerCount('onDataSync')).toBe(1);
      await vi.advanceTimersByTimeAsync(10_000);
      // Read after the sync, the read time covers m1: acknowledged on the other device already.
      expect(selectSelfReadTime(staying.store.getState(), 'B|1|A')).toBe(100);
      expect(calls.sendP2PMessageReceipt).toHaveLength(0);
    } finally {
      staying.dispose();
    }
  });
  it("a fresh login's engine reads it after the login sync, so a message the peer read never shows as known but unread first", async () => {
    const scenario = createTransportScenario();
    const a1 = scenario.device('A');
    const b = scenario.device('B');
    const m1 = await scenario.send(a1, { to: 'A|1|B', at: 100 });
    await scenario.server.settle();
    await b.transport.sendP2PMessageReceipt(copyOf(b, m1));
    await scenario.server.settle();
    scenario.server.setFaults({ latencyMs: [200, 200] });
    const a2 = scenario.server.login('A');
    // nim-web-sdk-ng answers getP2PMessageReceipt from its cache at once (P7), empty until the login sync (P8).
    const isSyncing = () =>
      (a2.V2NIMLoginService.getDataSync() ?? []).some(
        (sync) => sync.type === 1 && sync.state === 2,
      );
    const messages = Object.create(a2.V2NIMMessageService) as MemoryClient['V2NIMMessageService'];
    messages.getP2PMessageReceipt = (conversationId) =>
      isSyncing()
        ? Promise.resolve({ conversationId, timestamp: 0 })
        : a2.V2NIMMessageService.getP2PMessageReceipt(conversationId);
    const sdk = Object.assign(Object.create(a2) as MemoryClient, { V2NIMMessageService: messages });
    const { transport, calls } = countCalls(createNimTransport(sdk));
    const engine = createReceiptEngine({ transport, accountId: 'A' });
    const seen: string[] = [];
    engine.store.subscribe((state) => {
      const load = selectPeerReadTimeLoad(state, 'A|1|B');
      if (load) seen.push(`${load} ${selectPeerReadTime(state, 'A|1|B')}`);
    });
    try {
      void engine.loadConversation('A|1|B', { isPeerOnly: true });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls.getP2PMessageReceipt).toEqual([['A|1|B']]);
      expect(seen[0]).toBe('loaded 100'); // today: 'loaded 0'
    } finally {
      engine.dispose();
    }
  });
  it("asked as A on an instance that then logs into C, a peer read time rejects with the retryable 190002, not C's 191004 for A's conversation, and is read again once A is back", async () => {
    const { server, b1, b1m1 } = await aliceWritesToBob();
    await b1.transport.sendP2PMessageReceipt(b1m1);
    await server.settle();
    const one = createSwitchingInstance(server, ['A', 'C']);
    await server.settle();
    const transport = createNimTransport(one.nim);
    // Asked as A, then waiting for the sync: meanwhile the app logs the instance into C.
    const asked = transport.getP2PMessageReceipt('A|1|B');
    one.switchTo('C');
    const answer = asked.then(
      (receipt) => receipt,
      (error: { code: number }) => error.code,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await answer).toBe(190002);
    // A logged in again, it reads how far B has read A's messages.
    one.switchTo('A');
    const again = transport.getP2PMessageReceipt('A|1|B');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await again).toEqual({ conversationId: 'A|1|B', timestamp: 100 });
  });

  it("an engine's switch-time question for the peer read time is asked again once its account is back, and it then shows the peer's read", async () => {
    const { server, b1, b1m1 } = await aliceWritesToBob();
    await b1.transport.sendP2PMessageReceipt(b1m1);
    await server.settle();
    const one = createSwitchingInstance(server, ['A', 'C']);
    await server.settle();
    const { transport, calls } = countCalls(createNimTransport(one.nim));
    const errors: unknown[] = [];
    const engine = createReceiptEngine({
      transport,
      accountId: 'A',
      onError: (error) => errors.push(error),
    });
    try {
      void engine.loadConversation('A|1|B', { isPeerOnly: true });
      one.switchTo('C');
      await vi.advanceTimersByTimeAsync(60_000);
      // Refused for another account: neither an answer as C nor a failure to report.
      expect(selectPeerReadTimeLoad(engine.store.getState(), 'A|1|B')).not.toBe('loaded');
      expect(errors).toEqual([]);
      one.switchTo('A');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls.getP2PMessageReceipt).toEqual([['A|1|B'], ['A|1|B']]);
      expect(selectPeerReadTimeLoad(engine.store.getState(), 'A|1|B')).toBe('loaded');
      expect(selectPeerReadTime(engine.store.getState(), 'A|1|B')).toBe(100);
      expect(errors).toEqual([]);
    } finally {
      engine.dispose();
    }
  });

  it('the peer read time and the own read time of the conversations a fresh login loads share one wait for the sync: one onDataSync listener, none after it', async () => {
    const { server, b1, b1m1 } = await aliceWritesToBob();
    await b1.transport.sendP2PMessageReceipt(b1m1);
    await server.settle();
    server.setFaults({ latencyMs: [200, 200] });
    const page = server.login('B');
    const { engine, calls } = bobsEngine(page);
    try {
      void engine.loadConversation('B|1|A');
      void engine.loadConversation('B|1|C');
      await vi.advanceTimersByTimeAsync(0);
      expect(page.V2NIMLoginService.listenerCount('onDataSync')).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(page.V2NIMLoginService.listenerCount('onDataSync')).toBe(0);
      expect(calls.getP2PMessageReceipt).toEqual([['B|1|A'], ['B|1|C']]);
      expect(calls.getSelfReadTime).toEqual([['B|1|A'], ['B|1|C']]);
      expect(selectSelfReadTime(engine.store.getState(), 'B|1|A')).toBe(100);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      engine.dispose();
    }
  });
});
