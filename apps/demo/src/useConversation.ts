import type { MemoryConversationService } from '@readmark/memory';
import { useEffect, useState } from 'react';
import type { DemoDevice } from './createDemoDevice';
import { useIsOnline } from './useDeviceState';

/** NIM's `V2NIMConversation`, as the device's conversation service returns it. */
export type DemoConversation = Awaited<ReturnType<MemoryConversationService['getConversation']>>;

/** `getConversation`'s answer for a conversation with no message yet (RESOURCE_NOT_EXIST). */
const NOT_EXIST = 191006;

/** The later of two views of one conversation: answers and events can arrive in either order. */
function newer(current: DemoConversation | undefined, next: DemoConversation): DemoConversation {
  return current && current.updateTime > next.updateTime ? current : next;
}

/**
 * One of the device's cloud conversations, as a conversation list shows it: loaded with
 * `getConversation`, then kept live by `onConversationCreated` (the first message) and
 * `onConversationChanged` (a new last message, a recall). `undefined` until it exists. Loaded again
 * when the device logs back in, since a logged-out device hears no events.
 */
export function useConversation(
  device: DemoDevice,
  conversationId: string,
): DemoConversation | undefined {
  const [conversation, setConversation] = useState<DemoConversation>();
  const isOnline = useIsOnline(device);

  useEffect(() => {
    if (!isOnline) return;
    const service = device.conversations;
    let isActive = true;
    const apply = (next: DemoConversation) => {
      if (isActive && next?.conversationId === conversationId) {
        setConversation((current) => newer(current, next));
      }
    };
    const onChanged = (changed: DemoConversation[]) => {
      for (const next of changed) apply(next);
    };
    service.on('onConversationCreated', apply);
    service.on('onConversationChanged', onChanged);
    service.getConversation(conversationId).then(apply, (error: { code?: number }) => {
      // 191006: no message yet, so no row content. Anything else (a call racing a logout) keeps
      // what is shown; the next login loads it again.
      if (isActive && error?.code === NOT_EXIST) setConversation(undefined);
    });
    return () => {
      isActive = false;
      service.off('onConversationCreated', apply);
      service.off('onConversationChanged', onChanged);
    };
  }, [device, conversationId, isOnline]);

  return conversation;
}
