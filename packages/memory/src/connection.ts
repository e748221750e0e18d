import { emitMissedConversations } from './conversations';
import { NimError, NimErrorCode } from './NimError';
import { syncP2PAtLogin } from './p2pReceipts';
import { revokeNotificationFor } from './revoke';
import { type Device, isReachable, type ServerCore } from './ServerCore';
import type { V2NIMConnectStatus, V2NIMLoginStatus } from './sdkTypes';

/** The rejection of a call made without a connection: 192001, retryable, nothing happened. */
export function disconnectedError(): NimError {
  return new NimError(NimErrorCode.DISCONNECTED, 'disconnected: the call did not reach the server');
}

/** The rejection of a call made while the device is logged out (SPEC P7, 190002). */
export function notLoggedInError(): NimError {
  return new NimError(NimErrorCode.ILLEGAL_STATE, 'not logged in');
}

/**
 * Why a call from `device` cannot be made now, or `undefined` when it can: logged out (190002),
 * without a connection (192001), or connected again but not yet logged in again (190002). A
 * `isLocal` call (answered from the SDK's cache) needs only the login.
 */
export function callRejection(device: Device, isLocal: boolean): NimError | undefined {
  if (!device.isOnline) return notLoggedInError();
  if (isLocal || isReachable(device)) return undefined;
  return device.isConnected ? notLoggedInError() : disconnectedError();
}

/**
 * Drops or restores a logged-in device's connection, as a network loss does on the real SDK. While
 * dropped, calls reject with 192001 and nothing is delivered to the device; its login status is 2
 * (the SDK keeps trying to log in again). On restore the connection comes first (connect status 1,
 * login status still 2: calls fail with 190002), and one round trip later the login (login status
 * 1, `onLoginStatus`), as nim-web-sdk-ng 10.8.1 does. Then the device gets, like NIM's login sync:
 * the P2P receipts it missed as ONE event (P8), its own read times (P11), the messages pushed
 * meanwhile as one `onReceiveMessages` batch (without those revoked since), the revokes as one
 * `onMessageRevokeNotifications` batch and the changed conversations as one `onConversationChanged`.
 * Team receipts are not synced (G11): apps query them again. The P2P cache survives (only logout
 * clears it).
 */
export function setDeviceConnected(core: ServerCore, device: Device, isConnected: boolean): void {
  if (!device.isOnline || device.isConnected === isConnected) return;
  device.isConnected = isConnected;
  device.isRelogging = isConnected;
  const status = (isConnected ? 1 : 0) as V2NIMConnectStatus;
  // Status events are local to the device, so they are emitted whatever the connection.
  core.queue.schedule(() => {
    device.loginEvents.emit('onConnectStatus', status);
    if (!isConnected) device.loginEvents.emit('onLoginStatus', 2 as V2NIMLoginStatus);
  });
  if (!isConnected) return;
  core.queue.schedule(() => {
    // Dropped again, or logged out, before the login came back: nothing to finish.
    if (!device.isOnline || !device.isConnected || !device.isRelogging) return;
    device.isRelogging = false;
    device.loginEvents.emit('onLoginStatus', 1 as V2NIMLoginStatus);
    syncAfterLogin(core, device);
  });
}

/** What a device that logged in again is told at once (see {@link setDeviceConnected}). */
function syncAfterLogin(core: ServerCore, device: Device): void {
  syncP2PAtLogin(core, device);
  core.deliver(device, () => {
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
  });
}
