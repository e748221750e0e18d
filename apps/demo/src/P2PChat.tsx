import { p2pConversationId } from '@readmark/core';
import { MessageList, ReadTick } from '@readmark/react';
import { useCallback } from 'react';
import { Composer } from './Composer';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { MessageBubble } from './MessageBubble';
import { useDeviceMessages, useIsOnline } from './useDeviceState';

/** One device's side of the Alice–Bob chat: the list with ticks and a composer. */
export function P2PChat(props: { device: DemoDevice; peerAccountId: string; peerName: string }) {
  const { device, peerAccountId, peerName } = props;
  const { strings } = useDemoStrings();
  const conversationId = p2pConversationId(device.accountId, peerAccountId);
  const messages = useDeviceMessages(device, conversationId);
  const isOnline = useIsOnline(device);

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

  const onSend = ({ texts }: { texts: string[] }) => {
    for (const text of texts) {
      void device.messages.send({ conversationId, text, isReceiptRequested: true });
    }
  };

  return (
    <>
      <div className="demo-chat">
        {messages.length === 0 && <p className="demo-empty">{strings.emptyChat}</p>}
        <MessageList
          conversationId={conversationId}
          messages={messages}
          renderMessage={renderMessage}
          className="demo-list"
        />
      </div>
      <Composer recipientName={peerName} isDisabled={!isOnline} onSend={onSend} />
    </>
  );
}
