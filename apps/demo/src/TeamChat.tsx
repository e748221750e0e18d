import { teamConversationId } from '@readmark/core';
import { MessageList, ReceiptDetailSheet, UnreadBadge } from '@readmark/react';
import { useCallback, useState } from 'react';
import { Composer } from './Composer';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { MessageBubble } from './MessageBubble';
import { useDeviceMessages, useIsOnline } from './useDeviceState';

/** The sender's view of the team: flagged messages carry a badge that opens the member sheet. */
export function TeamChat(props: {
  device: DemoDevice;
  teamId: string;
  teamName: string;
  selfName: string;
  resolveName: (accountId: string) => string;
}) {
  const { device, teamId, teamName, selfName, resolveName } = props;
  const { strings } = useDemoStrings();
  const conversationId = teamConversationId(device.accountId, teamId);
  const messages = useDeviceMessages(device, conversationId);
  const isOnline = useIsOnline(device);
  // The sheet stays mounted after closing so the dialog can hand focus back to the badge.
  const [sheet, setSheet] = useState<{ clientId: string; isOpen: boolean } | null>(null);
  // Looked up on every render so the sheet follows the newest copy of the message.
  const sheetMessage = messages.find((message) => message.messageClientId === sheet?.clientId);

  const renderMessage = useCallback(
    (message: DemoMessage) => {
      const isOwn = message.senderId === device.accountId;
      const isFlagged = message.messageConfig?.readReceiptEnabled === true;
      return (
        <MessageBubble
          message={message}
          isOwn={isOwn}
          senderName={isOwn ? selfName : resolveName(message.senderId)}
          receipt={
            isOwn && isFlagged ? (
              <UnreadBadge
                message={message}
                onOpen={() => setSheet({ clientId: message.messageClientId, isOpen: true })}
              />
            ) : undefined
          }
        />
      );
    },
    [device.accountId, selfName, resolveName],
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
      {sheet && sheetMessage && (
        <ReceiptDetailSheet
          message={sheetMessage}
          isOpen={sheet.isOpen}
          onClose={() => setSheet({ clientId: sheet.clientId, isOpen: false })}
        />
      )}
    </>
  );
}
