import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { withClassName } from './withClassName';

/** Props of {@link UnreadSeparator}. */
export interface UnreadSeparatorProps {
  /** Extra class; the default look comes from `.readmark-unread-separator` in styles.css. */
  className?: string | undefined;
}

/**
 * The "Unread messages" line (以下为新消息). Render it from `MessageList`'s `renderMessage` above the
 * message whose key is `useUnreadSeparator(…).firstUnreadKey`. A `role="separator"` named by its
 * text: a screen reader going through the chat hears where the new messages start, and the line is
 * not focusable (nothing happens on it). Its text is the accessible name only, never read twice.
 */
export function UnreadSeparator({ className }: UnreadSeparatorProps) {
  const text = useReceiptStrings().unreadSeparator;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> holds no text, and the line shows its words
    <div
      role="separator"
      aria-label={text}
      lang={useReceiptLanguage()}
      className={withClassName('readmark-unread-separator', className)}
    >
      <span aria-hidden="true">{text}</span>
    </div>
  );
}
