import { p2pConversationId } from '@readmark/core';
import { ReadTick } from '@readmark/react';
import { useCallback } from 'react';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { DeviceConversation } from './DeviceConversation';
import { MessageBubble } from './MessageBubble';
import { useDeviceMessages } from './useDeviceState';

/** One device's side of the Alice–Bob chat: the list with ticks and a composer. */
export function P2PChat(props: { device: DemoDevice; peerAccountId: string; peerName: string }) {
  const { device, peerAccountId, peerName } = props;
  const conversationId = p2pConversationId(device.accountId, peerAccountId);
  const messages = useDeviceMessages(device, conversationId);

  const renderMessage = useCallback(
    (message: DemoMessage) => {
      const isOwn = message.senderId === device.accountId;
      return (
        <MessageBubble
          message={message}
          isOwn={isOwn}
          receipt={isOwn ? <ReadTick message={message} /> : undefined}
        />
      );
    },
    [device.accountId],
  );

  return (
    <DeviceConversation
      device={device}
      conversationId={conversationId}
      messages={messages}
      renderMessage={renderMessage}
      recipientName={peerName}
    />
  );
}
