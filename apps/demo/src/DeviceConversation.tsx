import { ConversationType, parseConversationType } from '@readmark/core';
import { MessageList } from '@readmark/react';
import { type ReactNode, useState } from 'react';
import { Composer } from './Composer';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { useIsOnline } from './useDeviceState';
import { useNotSentAnnouncement } from './useNotSentAnnouncement';

/**
 * One conversation on one device: the message list (with a hint while it is empty) above a composer
 * that sends from this device and is disabled while it is offline, saying so. Sends of this device
 * that fail are announced politely, once per burst ("Message not sent: …", "20 messages not sent…"),
 * beside their bubbles' visible notes.
 * "Close chat" leaves it, as going back to a conversation list does; opened again, it starts at the
 * "Unread messages" line above the first message that came unread meanwhile.
 */
export function DeviceConversation(props: {
  device: DemoDevice;
  conversationId: string;
  messages: readonly DemoMessage[];
  renderMessage: (message: DemoMessage) => ReactNode;
  recipientName: string;
  /** The pane's title ("Bob · phone"), which names the message list among the other panes'. */
  paneTitle: string;
  /** Teams only: the composer offers "ask for read receipts" (one-to-one messages always ask). */
  hasReceiptOption?: boolean;
}) {
  const {
    device,
    conversationId,
    messages,
    renderMessage,
    recipientName,
    paneTitle,
    hasReceiptOption,
  } = props;
  const { strings } = useDemoStrings();
  const isOnline = useIsOnline(device);
  const notSentAnnouncement = useNotSentAnnouncement(device, messages);
  const [isOpen, setIsOpen] = useState(true);

  const toggle = () => {
    // The kit keeps no read time for teams: it is NIM's conversation read time, which the app moves
    // (NetEase's UIKit marks a team read as its messages are seen; the demo when the chat is left).
    if (
      isOpen &&
      parseConversationType(device.accountId, conversationId) === ConversationType.TEAM
    ) {
      device.conversations.markConversationRead(conversationId).catch(() => {});
    }
    setIsOpen(!isOpen);
  };

  const onSend = ({
    texts,
    isReceiptRequested,
  }: {
    texts: string[];
    isReceiptRequested: boolean;
  }) => {
    for (const text of texts) {
      void device.messages.send({ conversationId, text, isReceiptRequested });
    }
  };

  return (
    <>
      <button type="button" className="demo-chat-toggle" onClick={toggle}>
        {isOpen ? strings.closeChat : strings.openChat}
      </button>
      {isOpen ? (
        <div className="demo-chat">
          {messages.length === 0 && <p className="demo-empty">{strings.emptyChat}</p>}
          {/*
           * Mounted when the chat opens: the "Unread messages" line goes above the first message of
           * someone else unread then, stays there while the list marks what the reader sees, and the
           * list opens at it, unless the reader has moved by the time the read time comes.
           */}
          <MessageList
            conversationId={conversationId}
            messages={messages}
            renderMessage={renderMessage}
            unreadLine
            // The device's messages are all here as the chat opens (its store keeps them): an
            // empty chat is empty, and its first messages are announced as new.
            isLoading={false}
            className="demo-list"
            label={strings.messageList(paneTitle)}
            // Only this device's sends bring the list to the end, not those synced from the
            // account's other device (Bob's laptop and phone).
            isScrollingToOwnMessages={device.messages.isSentHere}
          />
        </div>
      ) : (
        <p className="demo-chat-closed">{strings.chatClosed}</p>
      )}
      <p role="status" className="demo-visually-hidden">
        {notSentAnnouncement}
      </p>
      {isOpen && (
        <Composer
          recipientName={recipientName}
          isDisabled={!isOnline}
          disabledReason={strings.offlineCannotSend}
          hasReceiptOption={hasReceiptOption}
          onSend={onSend}
        />
      )}
    </>
  );
}
