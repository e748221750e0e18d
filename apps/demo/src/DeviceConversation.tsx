import { MessageSendingState } from '@readmark/core';
import { MessageList } from '@readmark/react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Composer } from './Composer';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { messageExcerpt } from './messageExcerpt';
import { useIsOnline } from './useDeviceState';

/**
 * One conversation on one device: the message list (with a hint while it is empty) above a composer
 * that sends from this device and is disabled while it is offline, saying so. A send of this device
 * that fails is announced politely ("Message not sent: …"), beside its bubble's visible note.
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
  const notSent = useNotSentAnnouncement(device, messages);

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
          label={strings.messageList(paneTitle)}
          // Only this device's sends bring the list to the end, not those synced from the account's
          // other device (Bob's laptop and phone).
          isScrollingToOwnMessages={device.messages.isSentHere}
        />
      </div>
      <p role="status" className="demo-visually-hidden">
        {notSent && strings.notSentAnnouncement(notSent)}
      </p>
      <Composer
        recipientName={recipientName}
        isDisabled={!isOnline}
        disabledReason={strings.offlineCannotSend}
        hasReceiptOption={hasReceiptOption}
        onSend={onSend}
      />
    </>
  );
}

/**
 * The excerpt of the newest of this device's sends to have failed since the conversation was shown,
 * for a polite live region; `undefined` until one fails. The region stays mounted, so its text
 * changing is what a screen reader announces.
 */
function useNotSentAnnouncement(
  device: DemoDevice,
  messages: readonly DemoMessage[],
): string | undefined {
  const [excerpt, setExcerpt] = useState<string>();
  const announcedIds = useRef<Set<string>>(null);
  const refillTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const isFailedHere = (message: DemoMessage) =>
      message.sendingState === MessageSendingState.FAILED && device.messages.isSentHere(message);
    // Failures already on screen when the conversation is shown are not news.
    if (!announcedIds.current) {
      announcedIds.current = new Set(
        messages.filter(isFailedHere).map((message) => message.messageClientId),
      );
      return;
    }
    let newest: DemoMessage | undefined;
    for (const message of messages) {
      if (!isFailedHere(message) || announcedIds.current.has(message.messageClientId)) continue;
      announcedIds.current.add(message.messageClientId);
      newest = message;
    }
    if (!newest) return;
    const next = messageExcerpt(newest.text);
    // Emptied first and filled 100 ms later: the same sentence again (a Retry refused again) is
    // then a change of the live region, so it is said again.
    setExcerpt(undefined);
    clearTimeout(refillTimer.current);
    refillTimer.current = setTimeout(() => setExcerpt(next), 100);
  }, [device, messages]);
  useEffect(() => () => clearTimeout(refillTimer.current), []);
  return excerpt;
}
