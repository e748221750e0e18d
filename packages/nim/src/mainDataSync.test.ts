import EventEmitter from 'eventemitter3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAIN_DATA_SYNC_WAIT_MS, whenMainDataSynced } from './mainDataSync';

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
