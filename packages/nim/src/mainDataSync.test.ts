import { createReceiptEngine, webStorageOutbox } from '@readmark/core';
import EventEmitter from 'eventemitter3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyValueStorage } from '../../core/src/testing/mapStorage';
import { countCalls } from '../../core/src/testing/receiptWorld';
import { createNimTransport } from './createNimTransport';
import { MAIN_DATA_SYNC_WAIT_MS, whenMainDataSynced } from './mainDataSync';
import { copyOf, createTransportScenario } from './transport.testkit';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A login service as nim-web-sdk-ng's: `getDataSync()` and `onDataSync(type, state, error?)`. */
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

  it("asked in onLoginStatus(1) of a re-login, waits for the sync that login starts, not the last one's", async () => {
    // The SDK sets the login status, then emits loginLifeCycleLoginSucc, which resets the sync
    // details: a listener of the status still sees the previous login's complete sync.
    let details = [{ type: 1, state: 3 }];
    const { service, events } = loginService(undefined);
    Object.assign(service, { getDataSync: () => details });
    const synced = whenMainDataSynced(service);
    details = [{ type: 1, state: 2 }];
    expect(await isSettled(synced)).toBe(false);
    details = [{ type: 1, state: 3 }];
    events.emit('onDataSync', 1, 3);
    expect(await isSettled(synced)).toBe(true);
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

  it('goes on at once while logged out: no sync is coming and the read rejects with 190002 at once', async () => {
    // nim-web-sdk-ng after logout: login status 0, getDataSync() null (its sync details reset).
    const { service, events } = loginService(null);
    let status = 0;
    Object.assign(service, { getLoginStatus: () => status });
    expect(await isSettled(whenMainDataSynced(service))).toBe(true);
    expect(events.listenerCount('onDataSync')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    status = 2; // logging in: the sync is about to start, so it is waited for
    expect(await isSettled(whenMainDataSynced(service))).toBe(false);
  });
});

describe('the real engine over the real transport, on the memory server', () => {
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
      expect(staying.store.getState().conversations['B|1|A']?.selfReadTime).toBe(100);
      expect(calls.sendP2PMessageReceipt).toHaveLength(0);
    } finally {
      staying.dispose();
    }
  });
});
