import { emitMissedConversations } from './conversations';
import { NimError, NimErrorCode } from './NimError';
import { emitP2PLoginSync } from './p2pReceipts';
import { revokeNotificationFor } from './revoke';
import { type Device, isReachable, type ServerCore } from './ServerCore';
import type { V2NIMConnectStatus, V2NIMLoginStatus } from './sdkTypes';

/**
 * What a call in flight gets when its device's connection drops (SDK `doDisconnect` ->
 * `markAllCmdInvaild`): 192003 "disconnect", at once. Its request had already left the device, so
 * the server still applies it when its round trip would have ended (see `MemoryClient`'s `call`).
 */
export function droppedCallError(): NimError {
  return new NimError(
    NimErrorCode.DISCONNECT,
    'Packet timeout due to instance disconnect: the server may have applied the call',
  );
}

/**
 * The rejection of a call made while the device is not logged in (logged out, or logging in again
 * after a drop): 190002, as the SDK's `sendCmd` rejects every command while its login status is
 * not 1 (SPEC P7). Nothing reaches the server.
 */
export function notLoggedInError(): NimError {
  return new NimError(NimErrorCode.ILLEGAL_STATE, 'not logged in');
}

/**
 * Why a call from `device` cannot be made now, or `undefined` when it can: any login status but 1
 * (logged out, waiting to reconnect, logging in again) gives 190002, as the SDK's `sendCmd` does.
 * A `isLocal` call (answered from the SDK's cache) needs only a session (login status not 0).
 */
export function callRejection(device: Device, isLocal: boolean): NimError | undefined {
  if (!device.isOnline) return notLoggedInError();
  if (isLocal || isReachable(device)) return undefined;
  return notLoggedInError();
}

/** Sets the login status, emitting `onLoginStatus` at once when it changes (SDK `setLoginStatus`). */
export function setLoginStatus(device: Device, status: number): void {
  if (device.loginStatus === status) return;
  device.loginStatus = status as V2NIMLoginStatus;
  device.loginEvents.emit('onLoginStatus', status as V2NIMLoginStatus);
}

/**
 * Sets the connect status, emitting `onConnectStatus` at once when it changes, then
 * `onDisconnected(error)` for a connected -> disconnected change with an error (SDK
 * `setConnectStatus` and `delegateConnectEvent`).
 */
export function setConnectStatus(device: Device, status: number, error?: NimError): void {
  if (device.connectStatus === status) return;
  const previous = device.connectStatus;
  device.connectStatus = status as V2NIMConnectStatus;
  device.loginEvents.emit('onConnectStatus', status as V2NIMConnectStatus);
  if (previous === 1 && status === 0 && error) device.loginEvents.emit('onDisconnected', error);
}

/**
 * Drops or restores a logged-in device's connection, as a network loss and the SDK's automatic
 * re-login do on nim-web-sdk-ng 10.8.1 (V2NIMLoginLifeCycle). Every status event is emitted
 * synchronously, as the status changes, so the getters and the events always agree.
 *
 * A drop first rejects the calls in flight with 192003 (the server still applies them), then:
 * `onLoginStatus(3)` (waiting to retry; connect status still 1), `onConnectStatus(0)`,
 * `onDisconnected(192003)`, `onConnectStatus(3)` (waiting to reconnect). While dropped, calls reject
 * with 190002 and nothing is delivered to the device.
 *
 * A restore is the SDK's successful retry: `onLoginStatus(2)`, `onConnectStatus(2)`,
 * `onConnectStatus(1)` (login status still 2: calls fail with 190002), and one round trip later
 * `onLoginStatus(1)`, then the login sync (see {@link startLoginSync}): `onDataSync(1, 2)`, what the
 * device missed, `onDataSync(1, 3)`. The P2P cache survives (only logout clears it).
 */
export function setDeviceConnected(core: ServerCore, device: Device, isConnected: boolean): void {
  if (!device.isOnline || device.isConnected === isConnected) return;
  device.isConnected = isConnected;
  device.isRelogging = isConnected;
  if (!isConnected) {
    const error = droppedCallError();
    const dropped = [...device.callsInFlight];
    device.callsInFlight.clear();
    for (const drop of dropped) drop(error);
    // SDK "connectionBroken", then "waiting".
    setLoginStatus(device, 3);
    setConnectStatus(
      device,
      0,
      new NimError(NimErrorCode.DISCONNECT, 'connection broken due to internal reasons'),
    );
    setConnectStatus(device, 3);
    // The sync's commands were among the calls rejected with 192003: the SDK ends its main sync
    // with that error (doSyncComplete / onSyncFailed -> onDataSync(1, 3, error)).
    if (device.dataSync?.state === 2) completeDataSync(device, device.dataSync, droppedCallError());
    return;
  }
  // SDK "connect", then "connectSucc"; "loginSucc" a round trip later.
  setLoginStatus(device, 2);
  setConnectStatus(device, 2);
  setConnectStatus(device, 1);
  core.queue.schedule(() => {
    // Dropped again, or logged out, before the login came back: nothing to finish.
    if (!device.isOnline || !device.isConnected || !device.isRelogging) return;
    device.isRelogging = false;
    setLoginStatus(device, 1);
    startLoginSync(core, device);
  });
}

/**
 * The login sync, after `onLoginStatus(1)` of a login or of a reconnect's re-login, as the SDK's
 * main data sync: the SDK resets its sync details at every successful login (`dataSync.reset()`)
 * and restarts the sync on `loginLifeCycleLoginSucc`, which fires for reconnects too. So at once
 * `getDataSync()` answers `[{ type: 1, state: 2 }]` and `onDataSync(1, 2)` is emitted; when the
 * sync is delivered (one latency later) the device gets, in order: the P2P receipts it missed as ONE
 * event (P8), its own read times (P11), and after a reconnect the messages pushed meanwhile as one
 * `onReceiveMessages` batch (without those revoked since), the revokes as one
 * `onMessageRevokeNotifications` batch and the changed conversations as one `onConversationChanged`;
 * then `getDataSync()` answers state 3 and `onDataSync(1, 3)` is emitted. Team receipts are not
 * synced (G11). A drop before the delivery ends the sync with 192003 (see setDeviceConnected); the
 * next reconnect syncs again.
 */
export function startLoginSync(core: ServerCore, device: Device): void {
  const sync = { state: 2 as const };
  device.dataSync = sync;
  device.loginEvents.emit('onDataSync', 1, 2);
  core.deliver(device, () => {
    emitP2PLoginSync(core, device);
    const missed = device.missedMessages.splice(0).filter((stored) => !stored.revoke);
    if (missed.length > 0) {
      device.messageEvents.emit(
        'onReceiveMessages',
        missed.map((stored) => core.view(stored, device.accountId)),
      );
    }
    const revoked = device.missedRevokes.splice(0);
    if (revoked.length > 0) {
      device.messageEvents.emit(
        'onMessageRevokeNotifications',
        revoked.map((stored) => revokeNotificationFor(stored, device.accountId)),
      );
    }
    emitMissedConversations(core, device);
    // Unless a listener dropped the device (the sync ended with 192003) or logged out meanwhile.
    if (device.dataSync === sync && sync.state === 2) completeDataSync(device, sync);
  });
}

/** Ends the main data sync: state 3, then `onDataSync(1, 3, error?)` (SDK `switchDataSync`). */
function completeDataSync(device: Device, sync: { state: 2 | 3 }, error?: NimError): void {
  sync.state = 3;
  if (error) device.loginEvents.emit('onDataSync', 1, 3, error);
  else device.loginEvents.emit('onDataSync', 1, 3);
}
