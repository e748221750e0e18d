import { useCallback, useSyncExternalStore } from 'react';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';

/** The device's messages in one conversation; re-renders when they change. */
export function useDeviceMessages(
  device: DemoDevice,
  conversationId: string,
): readonly DemoMessage[] {
  const getSnapshot = useCallback(
    () => device.messages.getMessages(conversationId),
    [device, conversationId],
  );
  return useSyncExternalStore(device.messages.subscribe, getSnapshot, getSnapshot);
}

/**
 * Whether `messageClientId` is this account's newest sent message in the conversation that asked
 * for read receipts; re-renders only when that changes (the row it moves from, and the one it moves
 * to). Sent (with a server id): while a newer one is sending or failed, the line of "Read by" stays
 * under the one members can read (it vanished while a message waited offline).
 */
export function useIsLastOwnFlagged(
  device: DemoDevice,
  conversationId: string,
  messageClientId: string,
): boolean {
  const getSnapshot = useCallback(() => {
    const messages = device.messages.getMessages(conversationId);
    for (let index = messages.length - 1; index >= 0; index--) {
      const message = messages[index]!;
      if (
        message.senderId === device.accountId &&
        message.messageConfig?.readReceiptEnabled &&
        message.messageServerId
      ) {
        return message.messageClientId === messageClientId;
      }
    }
    return false;
  }, [device, conversationId, messageClientId]);
  return useSyncExternalStore(device.messages.subscribe, getSnapshot, getSnapshot);
}

/** Whether the device is logged in. */
export function useIsOnline(device: DemoDevice): boolean {
  return useSyncExternalStore(device.subscribeOnline, device.isOnline, device.isOnline);
}
