import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { withClassName } from './withClassName';

/** Props of {@link UnreadSeparator}. */
export interface UnreadSeparatorProps {
  /** Extra class; the default look comes from `.readmark-unread-separator` in styles.css. */
  className?: string | undefined;
}

/**
 * The "Unread messages" line (以下为新消息). `MessageList` draws it itself with `unreadLine`; in a list
 * of your own, render it above the message whose key is `useUnreadSeparator(…).firstUnreadKey`. Plain text, read in its row like the
 * message under it, so every screen reader says it: several (JAWS among them) never speak the name
 * of a static `role="separator"` (w3c/aria-practices#614). The rules on both sides are its
 * `::before` and `::after`; it is not focusable (nothing happens on it).
 */
export function UnreadSeparator({ className }: UnreadSeparatorProps) {
  return (
    <div
      lang={useReceiptLanguage()}
      className={withClassName('readmark-unread-separator', className)}
    >
      {useReceiptStrings().unreadSeparator}
    </div>
  );
}
