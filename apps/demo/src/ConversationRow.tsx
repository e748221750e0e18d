import { ConversationReadTick } from '@readmark/react';
import { useId } from 'react';
import type { DemoDevice } from './createDemoDevice';
import { formatTime } from './formatTime';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { type DemoConversation, useConversation } from './useConversation';

/** NIM's `lastMessageState` of a recalled last message. */
const REVOKED = 1;

/** What the row says about the last message: its text, or who recalled it. */
function usePreview(conversation: DemoConversation | undefined, device: DemoDevice, peer: string) {
  const { strings } = useDemoStrings();
  const lastMessage = conversation?.lastMessage;
  if (!lastMessage) return strings.emptyChat;
  if (lastMessage.lastMessageState === REVOKED) {
    return strings.recalledPreview(
      lastMessage.revokeAccountId === device.accountId ? undefined : peer,
    );
  }
  const text = lastMessage.text ?? '';
  return lastMessage.messageRefer.senderId === device.accountId ? strings.ownPreview(text) : text;
}

/**
 * The device's conversation-list row for one chat, as a chat app's list shows it above the chat:
 * peer, last-message preview, time and the kit's `ConversationReadTick` (SPEC U7, scenario 35),
 * all from NIM's `V2NIMConversation` on this device. The list is named, and the row is named by the
 * peer, so screen readers hear "Chats, list, Bob". Not focusable: there is only one chat to open.
 */
export function ConversationRow(props: {
  device: DemoDevice;
  conversationId: string;
  peerName: string;
}) {
  const { device, conversationId, peerName } = props;
  const { locale, strings } = useDemoStrings();
  const conversation = useConversation(device, conversationId);
  const preview = usePreview(conversation, device, peerName);
  const nameId = useId();
  const time = conversation?.lastMessage?.messageRefer.createTime;
  return (
    <ul className="demo-conversations" aria-label={strings.chats}>
      <li className="demo-conversation" aria-labelledby={nameId}>
        <span className="demo-avatar" aria-hidden="true">
          {peerName.slice(0, 1)}
        </span>
        <div className="demo-conversation-body">
          <div className="demo-conversation-line">
            <strong id={nameId}>{peerName}</strong>
            {time !== undefined && (
              <time dateTime={new Date(time).toISOString()}>{formatTime(time, locale)}</time>
            )}
          </div>
          <div className="demo-conversation-line">
            <span className="demo-conversation-preview">{preview}</span>
            <ConversationReadTick lastMessage={conversation?.lastMessage} />
          </div>
        </div>
      </li>
    </ul>
  );
}
