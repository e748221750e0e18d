import { teamConversationId } from '@readmark/core';
import { MessageList, ReceiptDetailSheet, UnreadBadge, useMemberResolver } from '@readmark/react';
import { useCallback, useState } from 'react';
import { Composer } from './Composer';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { MessageBubble } from './MessageBubble';
import { useDeviceMessages, useIsOnline } from './useDeviceState';

/**
 * The team as one device sees it: names come from the pane's `ReceiptProvider` resolver, and own
 * flagged messages carry a badge that opens the member sheet.
 */
export function TeamChat(props: { device: DemoDevice; teamId: string; teamName: string }) {
  const { device, teamId, teamName } = props;
  const { strings } = useDemoStrings();
  const resolveMember = useMemberResolver();
  const conversationId = teamConversationId(device.accountId, teamId);
  const messages = useDeviceMessages(device, conversationId);
  const isOnline = useIsOnline(device);
  // Only the id is kept, so the open sheet always shows the message's newest copy.
  const [openClientId, setOpenClientId] = useState<string | null>(null);
  const sheetMessage =
    openClientId === null
      ? undefined
      : messages.find((message) => message.messageClientId === openClientId);

  const renderMessage = useCallback(
    (message: DemoMessage) => {
      const isOwn = message.senderId === device.accountId;
      const isFlagged = message.messageConfig?.readReceiptEnabled === true;
      return (
        <MessageBubble
          message={message}
          isOwn={isOwn}
          // Own bubbles show no sender, so only other members' names are looked up.
          senderName={isOwn ? undefined : resolveMember(message.senderId).name}
          receipt={
            isOwn && isFlagged ? (
              <UnreadBadge
                message={message}
                onOpen={() => setOpenClientId(message.messageClientId)}
              />
            ) : undefined
          }
        />
      );
    },
    [device.accountId, resolveMember],
  );

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
      <div className="demo-chat">
        {messages.length === 0 && <p className="demo-empty">{strings.emptyChat}</p>}
        <MessageList
          conversationId={conversationId}
          messages={messages}
          renderMessage={renderMessage}
          className="demo-list"
        />
      </div>
      <Composer recipientName={teamName} isDisabled={!isOnline} hasReceiptOption onSend={onSend} />
      {/* Mounted only while open: the sheet hands focus back to the badge when it unmounts open. */}
      {sheetMessage && (
        <ReceiptDetailSheet message={sheetMessage} isOpen onClose={() => setOpenClientId(null)} />
      )}
    </>
  );
}
