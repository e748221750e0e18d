import { MessageSendingState, teamConversationId } from '@readmark/core';
import { ReadBy, ReceiptDetailSheet, useMemberResolver } from '@readmark/react';
import { useCallback, useState } from 'react';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { DeviceConversation } from './DeviceConversation';
import { MessageBubble } from './MessageBubble';
import { SendFailedNote } from './SendFailedNote';
import { TeamReceipt } from './TeamReceipt';
import { useDeviceMessages, useIsLastOwnFlagged } from './useDeviceState';

/**
 * The team as one device sees it: names come from the pane's `ReceiptProvider` resolver, and own
 * messages carry their receipt indicator (a badge that opens the member sheet once sent), or
 * "Not sent" and Retry if the send failed.
 */
export function TeamChat(props: {
  device: DemoDevice;
  teamId: string;
  teamName: string;
  paneTitle: string;
}) {
  const { device, teamId, teamName, paneTitle } = props;
  const resolveMember = useMemberResolver();
  const conversationId = teamConversationId(device.accountId, teamId);
  const messages = useDeviceMessages(device, conversationId);
  // Only the id is kept, so the open sheet always shows the message's newest copy.
  const [openClientId, setOpenClientId] = useState<string | null>(null);
  const sheetMessage =
    openClientId === null
      ? undefined
      : messages.find((message) => message.messageClientId === openClientId);

  const renderMessage = useCallback(
    (message: DemoMessage) => {
      const isOwn = message.senderId === device.accountId;
      return (
        <MessageBubble
          message={message}
          isOwn={isOwn}
          // Own bubbles say "You", so only other members' names are looked up.
          senderName={isOwn ? undefined : resolveMember(message.senderId).name}
          isSenderShown
          action={
            isOwn && message.sendingState === MessageSendingState.FAILED ? (
              <SendFailedNote device={device} message={message} />
            ) : undefined
          }
          receipt={
            isOwn ? (
              <TeamReceipt
                message={message}
                onOpen={() => setOpenClientId(message.messageClientId)}
              />
            ) : undefined
          }
          footer={
            isOwn ? (
              <ReadByIfLast device={device} conversationId={conversationId} message={message} />
            ) : undefined
          }
        />
      );
    },
    [device, resolveMember, conversationId],
  );

  return (
    <>
      <DeviceConversation
        device={device}
        conversationId={conversationId}
        messages={messages}
        renderMessage={renderMessage}
        recipientName={teamName}
        paneTitle={paneTitle}
        hasReceiptOption
      />
      {/* Mounted only while open: the sheet hands focus back to the badge when it unmounts open. */}
      {sheetMessage && (
        <ReceiptDetailSheet
          message={sheetMessage}
          messageExcerpt={sheetMessage.text}
          isOpen
          onClose={() => setOpenClientId(null)}
        />
      )}
    </>
  );
}

/**
 * "Read by Amy, Ben, and 3 others" under the newest own message that asked for receipts only, as
 * group chats show it: `ReadBy` loads its message's member lists, so one row has it, not every row.
 */
function ReadByIfLast(props: { device: DemoDevice; conversationId: string; message: DemoMessage }) {
  const { device, conversationId, message } = props;
  const isLast = useIsLastOwnFlagged(device, conversationId, message.messageClientId);
  return isLast ? <ReadBy message={message} className="demo-read-by" /> : null;
}
