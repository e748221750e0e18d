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

/** Whether the device is logged in. */
export function useIsOnline(device: DemoDevice): boolean {
  return useSyncExternalStore(device.subscribeOnline, device.isOnline, device.isOnline);
}
