import type { ReceiptMessage, ReceiptMode } from '@readmark/core';
import type { MouseEvent } from 'react';
import { selectMessageReceipt, useReceiptView } from '../hooks/useMessageReceipt';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { visuallyHidden } from './visuallyHidden';

/** What the badge currently shows; exposed as `data-status`. */
export type UnreadBadgeStatus = 'loading' | 'unread' | 'all-read' | 'unavailable';

/** Only own flagged team messages have a badge; other rows subscribe to nothing. */
const showsTeam = (mode: ReceiptMode) => mode === 'team';

/** Props of {@link UnreadBadge}. */
export interface UnreadBadgeProps {
  /** An own team message sent with `readReceiptEnabled` (anything else renders nothing). */
  message: ReceiptMessage;
  /**
   * Called when the user activates the badge, typically to open `ReceiptDetailSheet`.
   * Without it the badge is plain text rather than a button.
   */
  onOpen?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Extra class; the default look comes from `.readmark-badge` in styles.css. */
  className?: string;
}

/**
 * "3 unread" / "All read" under an own team message, counting down live as members read.
 * A `<button>` (with `onOpen`) whose accessible name is the full sentence, e.g.
 * "3 unread of 12 members", and `aria-haspopup="dialog"`. While the counts load it shows
 * "Loading read receipts…" (text and name), and an explicit "unavailable" state when the team
 * cannot have receipts.
 *
 * When the counts cannot be had and the team is not known to be unavailable (the server dropped the
 * message from its answer, SPEC G7, or the query failed for good) the badge renders nothing: the
 * message's tick still shows it was sent, and a badge that stays "loading" would promise numbers
 * that never come. It reappears if counts arrive later (a receipt event, a reload after reconnect).
 * Renders nothing unless the message is an own, flagged team message.
 */
export function UnreadBadge({ message, onOpen, className }: UnreadBadgeProps) {
  const receipt = useReceiptView(message, selectMessageReceipt, showsTeam);
  const strings = useReceiptStrings();
  if (receipt.mode !== 'team') return null;
  // Counts exist only once the server has the message; a sending or failed send shows its tick only.
  if (receipt.status === 'sending' || receipt.status === 'failed') return null;

  const { readCount, unreadCount } = receipt;
  const hasCounts = readCount !== undefined && unreadCount !== undefined;
  if (!receipt.isUnavailable && !hasCounts && !receipt.isLoading) return null;
  // A team of only the sender has nobody to read: no count to show, and never "All read".
  if (hasCounts && readCount + unreadCount === 0) return null;
  const status: UnreadBadgeStatus = receipt.isUnavailable
    ? 'unavailable'
    : !hasCounts
      ? 'loading'
      : unreadCount === 0
        ? 'all-read'
        : 'unread';
  const totalCount = (readCount ?? 0) + (unreadCount ?? 0);
  const text =
    status === 'unavailable'
      ? strings.unavailable
      : status === 'loading'
        ? strings.badgeLoading
        : status === 'all-read'
          ? strings.badgeAllRead
          : strings.badgeUnread(unreadCount ?? 0);
  const label =
    status === 'unread'
      ? strings.badgeLabel({ unreadCount: unreadCount ?? 0, totalCount })
      : status === 'all-read'
        ? strings.badgeAllReadLabel(totalCount)
        : text;
  const classes = className ? `readmark-badge ${className}` : 'readmark-badge';

  // Unavailable counts cannot be listed, so there is nothing to open.
  if (!onOpen || status === 'unavailable') {
    return (
      <span className={classes} data-status={status}>
        {label === text ? (
          text
        ) : (
          <>
            <span aria-hidden="true">{text}</span>
            <span style={visuallyHidden}>{label}</span>
          </>
        )}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={classes}
      data-status={status}
      aria-label={label}
      aria-haspopup="dialog"
      onClick={onOpen}
    >
      {text}
    </button>
  );
}
