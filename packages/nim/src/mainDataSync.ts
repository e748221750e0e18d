import { systemClock } from '@readmark/core';
import type { NimLike } from './NimLike';

/** `V2NIMDataSyncType.V2NIM_DATA_SYNC_TYPE_MAIN`: the sync of conversations, read times included. */
const MAIN_DATA = 1;
/** `V2NIMDataSyncState.V2NIM_DATA_SYNC_STATE_COMPLETED`. */
const COMPLETED = 3;
/**
 * The longest a read-time answer waits for the sync: the SDK's usually ends within a second or two
 * of login; one that never ends (logged out meanwhile) must not hold a conversation's receipts.
 */
export const MAIN_DATA_SYNC_WAIT_MS = 5_000;

type LoginService = NonNullable<NimLike['V2NIMLoginService']>;

/**
 * Resolves once the SDK's main data sync after login has completed (or failed, or after
 * {@link MAIN_DATA_SYNC_WAIT_MS}); at once when the login service cannot tell (no `getDataSync`)
 * or reports the device logged out. While it waits, `waits` (when given) holds the function that
 * ends the wait at once, as the 5 s cap does; the wait removes it when it ends.
 * nim-web-sdk-ng answers `getConversationReadTime` from a cache that this sync fills: read before
 * it ends, the answer is 0, and an engine of a reloaded page sent a receipt its account had already
 * sent (SPEC U5).
 */
export function whenMainDataSynced(
  login: LoginService | undefined,
  waits?: Set<() => void>,
): Promise<void> {
  if (typeof login?.getDataSync !== 'function') return Promise.resolve();
  const getDataSync = login.getDataSync.bind(login);
  // The SDK tracks main data in several entries of type 1 (the basic sync, which carries the read
  // times, and the cloud conversations), reported without their subtype; it emits onDataSync(1, 3)
  // once all are complete, and so does this check: one complete entry proved nothing.
  const isSynced = () => {
    const details: unknown = getDataSync();
    const main = Array.isArray(details)
      ? details.filter((detail) => detail?.type === MAIN_DATA)
      : [];
    return main.length > 0 && main.every((detail) => detail?.state === COMPLETED);
  };
  return new Promise((resolve) => {
    let isDone = false;
    let timer: unknown;
    const onDataSync = (type: unknown, state: unknown, error?: unknown) => {
      if (type === MAIN_DATA && (state === COMPLETED || error !== undefined)) done();
    };
    // Logged out meanwhile: no sync is coming for this login (the read then rejects with 190002).
    const onLoginStatus = (status: unknown) => {
      if (status === 0) done();
    };
    function done() {
      if (isDone) return;
      isDone = true;
      waits?.delete(done);
      if (timer !== undefined) systemClock.clearTimeout(timer);
      login?.off('onDataSync', onDataSync);
      login?.off('onLoginStatus', onLoginStatus);
      resolve();
    }
    login.on('onDataSync', onDataSync);
    login.on('onLoginStatus', onLoginStatus);
    waits?.add(done);
    // Checked a microtask later, listening meanwhile: asked from an `onLoginStatus(1)` listener (an
    // engine back online after a drop), the SDK still reports the previous login's sync as complete,
    // since it sets the login status before it emits loginLifeCycleLoginSucc, which resets the sync
    // details and starts this login's sync. Read then, the cache lacks what other devices read
    // while this one was offline, and a receipt already sent would go again (SPEC P11).
    void Promise.resolve().then(() => {
      if (isDone) return;
      try {
        // Logged out (status 0): no sync is coming (the SDK resets its sync details, getDataSync()
        // is null), and the read it guards rejects with 190002 at once, which the engine retries at
        // login.
        const isLoggedOut =
          typeof login.getLoginStatus === 'function' && login.getLoginStatus() === 0;
        if (isLoggedOut || isSynced()) done();
        else timer = systemClock.setTimeout(done, MAIN_DATA_SYNC_WAIT_MS);
      } catch {
        // A service that throws as it is asked cannot tell: the read goes now. In this microtask
        // the throw would reach no caller, set no timer, and hold the receipt for good.
        done();
      }
    });
  });
}
