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
  const [sheet, setSheet] = useState<{ clientId: string; isOpen: boolean } | null>(null);
  // The sheet is mounted closed as soon as there is an own flagged message and then only opened
  // and closed: the dialog hands focus back to the badge on close, and it never mounts already
  // open (a sheet mounted open under StrictMode closes itself again).
  const sheetMessage =
    messages.find((message) => message.messageClientId === sheet?.clientId) ??
    lastFlaggedOwnMessage(messages, device.accountId);

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
      {sheetMessage && (
        <ReceiptDetailSheet
          message={sheetMessage}
          isOpen={sheet?.isOpen === true}
          onClose={() => setSheet((current) => current && { ...current, isOpen: false })}
        />
      )}
    </>
  );
}

function lastFlaggedOwnMessage(
  messages: readonly DemoMessage[],
  accountId: string,
): DemoMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.senderId === accountId && message.messageConfig?.readReceiptEnabled === true) {
      return message;
    }
  }
  return undefined;
}
