import { MessageSendingState, p2pConversationId } from '@readmark/core';
import { ReadTick } from '@readmark/react';
import { useCallback } from 'react';
import { ConversationRow } from './ConversationRow';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { DeviceConversation } from './DeviceConversation';
import { MessageBubble } from './MessageBubble';
import { RecallButton } from './RecallButton';
import { SendFailedNote } from './SendFailedNote';
import { useDeviceMessages } from './useDeviceState';

/**
 * One device's side of the Alice–Bob chat: its conversation-list row, the message list with ticks
 * and a Recall action on own sent messages ("Not sent" and Retry on failed ones), and a composer.
 */
export function P2PChat(props: {
  device: DemoDevice;
  peerAccountId: string;
  peerName: string;
  paneTitle: string;
}) {
  const { device, peerAccountId, peerName, paneTitle } = props;
  const conversationId = p2pConversationId(device.accountId, peerAccountId);
  const messages = useDeviceMessages(device, conversationId);

  const renderMessage = useCallback(
    (message: DemoMessage) => {
      const isOwn = message.senderId === device.accountId;
      // Only a message the server accepted can be recalled (it needs its messageServerId); a copy
      // synced from my other device may carry no sendingState.
      const canRecall =
        isOwn &&
        Boolean(message.messageServerId) &&
        (message.sendingState === undefined ||
          message.sendingState === MessageSendingState.SUCCEEDED);
      return (
        <MessageBubble
          message={message}
          isOwn={isOwn}
          // Said, not shown: the chat has only one other sender.
          senderName={peerName}
          receipt={isOwn ? <ReadTick message={message} /> : undefined}
          action={
            canRecall ? (
              <RecallButton device={device} message={message} />
            ) : isOwn && message.sendingState === MessageSendingState.FAILED ? (
              <SendFailedNote device={device} message={message} />
            ) : undefined
          }
        />
      );
    },
    [device, peerName],
  );

  return (
    <>
      <ConversationRow device={device} conversationId={conversationId} peerName={peerName} />
      <DeviceConversation
        device={device}
        conversationId={conversationId}
        messages={messages}
        renderMessage={renderMessage}
        recipientName={peerName}
        paneTitle={paneTitle}
      />
    </>
  );
}
