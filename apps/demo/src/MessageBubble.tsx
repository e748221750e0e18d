import type { ReactNode } from 'react';
import type { DemoMessage } from './createMessageStore';
import { formatTime } from './formatTime';
import { useDemoStrings } from './i18n/DemoStringsContext';

/**
 * One chat bubble: sender, text, and a meta line with an optional action (e.g. Recall), the time
 * and, for own messages, the receipt indicator. Every bubble starts with who sent it, for screen
 * readers, which read a message out of the list's context ("You", "Bob"); only other members' names
 * in a group are shown.
 */
export function MessageBubble(props: {
  message: DemoMessage;
  isOwn: boolean;
  /** Who sent an incoming message. */
  senderName?: string;
  /** Shows it above the message, as groups do; a one-to-one chat has only one other sender. */
  isSenderShown?: boolean;
  receipt?: ReactNode;
  /** A small text button in the meta line, before the time. */
  action?: ReactNode;
  /** A line under the meta line, e.g. who has read the last message. */
  footer?: ReactNode;
}) {
  const { message, isOwn, senderName, isSenderShown, receipt, action, footer } = props;
  const { locale, strings } = useDemoStrings();
  const time = formatTime(message.createTime, locale);
  const sender = isOwn ? strings.you : senderName;
  return (
    <div className="demo-message" data-own={isOwn}>
      {/* Focusable, though no Tab stop, when it has an action: the action, disabled under the
          focus (offline), hands it to the bubble (useFocusElsewhereWhenDisabled). */}
      <div className="demo-bubble" tabIndex={action ? -1 : undefined}>
        {sender && (
          <span className={!isOwn && isSenderShown ? 'demo-sender' : 'demo-visually-hidden'}>
            {sender}
          </span>
        )}
        <p className="demo-text">{message.text ?? ''}</p>
        <span className="demo-meta">
          {action}
          <time dateTime={new Date(message.createTime || 0).toISOString()}>{time}</time>
          {receipt}
        </span>
        {footer}
      </div>
    </div>
  );
}
