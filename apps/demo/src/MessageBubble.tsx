import type { ReactNode } from 'react';
import type { DemoMessage } from './createMessageStore';
import { formatTime } from './formatTime';
import { useDemoStrings } from './i18n/DemoStringsContext';

/**
 * One chat bubble: sender, text, and a meta line with an optional action (e.g. Recall), the time
 * and, for own messages, the receipt indicator.
 */
export function MessageBubble(props: {
  message: DemoMessage;
  isOwn: boolean;
  /** Shown above incoming messages in groups; a one-to-one chat has only one other sender. */
  senderName?: string;
  receipt?: ReactNode;
  /** A small text button in the meta line, before the time. */
  action?: ReactNode;
}) {
  const { message, isOwn, senderName, receipt, action } = props;
  const { locale } = useDemoStrings();
  const time = formatTime(message.createTime, locale);
  return (
    <div className="demo-message" data-own={isOwn}>
      {/* Focusable, though no Tab stop, when it has an action: the action, disabled under the
          focus (offline), hands it to the bubble (useFocusElsewhereWhenDisabled). */}
      <div className="demo-bubble" tabIndex={action ? -1 : undefined}>
        {!isOwn && senderName && <span className="demo-sender">{senderName}</span>}
        <p className="demo-text">{message.text ?? ''}</p>
        <span className="demo-meta">
          {action}
          <time dateTime={new Date(message.createTime || 0).toISOString()}>{time}</time>
          {receipt}
        </span>
      </div>
    </div>
  );
}
