import { emitMissedConversations } from './conversations';
import { NimError, NimErrorCode } from './NimError';
import { syncP2PAtLogin } from './p2pReceipts';
import { revokeNotificationFor } from './revoke';
import type { Device, ServerCore } from './ServerCore';
import type { V2NIMConnectStatus } from './sdkTypes';

/** The rejection of a call made without a connection: 192001, retryable, nothing happened. */
export function disconnectedError(): NimError {
  return new NimError(NimErrorCode.DISCONNECTED, 'disconnected: the call did not reach the server');
}

/** The rejection of a call made while the device is logged out (SPEC P7, 190002). */
export function notLoggedInError(): NimError {
  return new NimError(NimErrorCode.ILLEGAL_STATE, 'not logged in');
}

/**
 * Drops or restores a logged-in device's connection, as a network loss does on the real SDK. While
 * dropped, calls reject with 192001 and nothing is delivered to the device. On restore the device
 * gets, like NIM's login sync: the P2P receipts it missed as ONE event (P8), its own read times
 * (P11), the messages pushed meanwhile as one `onReceiveMessages` batch (without those revoked
 * since), the revokes as one `onMessageRevokeNotifications` batch and the changed conversations as
 * one `onConversationChanged`. Team receipts are not synced (G11): apps query them again. The P2P
 * cache survives (only logout clears it).
 */
export function setDeviceConnected(core: ServerCore, device: Device, isConnected: boolean): void {
  if (!device.isOnline || device.isConnected === isConnected) return;
  device.isConnected = isConnected;
  const status = (isConnected ? 1 : 0) as V2NIMConnectStatus;
  // Status events are local to the device, so they are emitted whatever the connection.
  core.queue.schedule(() => device.loginEvents.emit('onConnectStatus', status));
  if (!isConnected) return;
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
