import { type ReceiptMessage, type ReceiptState, selectIsOffline } from '@readmark/core';
import { type CSSProperties, type MouseEvent, type ReactNode, useEffect, useState } from 'react';
import {
  type MessageReceipt,
  selectMessageReceipt,
  showsTeam,
  useReceiptView,
} from '../hooks/useMessageReceipt';
import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { readFractionIcon, readShareStyle } from './ReadFractionIcon';
import { visuallyHidden } from './visuallyHidden';
import { withClassName } from './withClassName';

/** What the badge currently shows; exposed as `data-status`. */
export type UnreadBadgeStatus = 'loading' | 'unread' | 'all-read' | 'unavailable';

/**
 * How long counts must have been loading before the badge shows that it loads them. Those of a
 * message just sent come within about 150 ms: shown at once, "Loading read receipts…" flashed
 * between "Sending" and "149 unread" on every send, and a right-aligned bubble's edge jumped twice.
 */
const SHOW_LOADING_AFTER_MS = 200;

/** What a badge shows: the message's receipt view, and whether its wait is for the connection. */
interface BadgeView extends MessageReceipt {
  /** The counts are still to come: the badge says it loads them (status 'loading'). */
  isWaiting: boolean;
  /**
   * Offline while waiting: counts still to load wait for the connection, said so, as the sheet
   * does, rather than "Loading read receipts…" for as long as it lasts. Read only while waiting, so
   * a connection change re-renders only waiting badges, in the view's own subscription (a second
   * one per badge cost every badge's render a hook and an effect).
   */
  isOffline: boolean;
}

function selectBadgeView(state: ReceiptState, message: unknown): BadgeView {
  const view = selectMessageReceipt(state, message);
  const isWaiting = view.mode === 'team' && view.isLoading && view.readCount === undefined;
  return { ...view, isWaiting, isOffline: isWaiting && selectIsOffline(state) };
}

/** Props of {@link UnreadBadge}. */
export interface UnreadBadgeProps {
  /** An own team message sent with `readReceiptEnabled` (anything else renders nothing). */
  message: ReceiptMessage;
  /**
   * Called when the user activates the badge, typically to open `ReceiptDetailSheet`.
   * Without it the badge is plain text rather than a button.
   */
  onOpen?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  /** Extra class; the default look comes from `.readmark-badge` in styles.css. */
  className?: string | undefined;
}

/**
 * "3 unread" / "All read" under an own team message, counting down live as members read.
 * A `<button>` (with `onOpen`) whose accessible name is the full sentence, e.g.
 * "3 unread of 12 members", and `aria-haspopup="dialog"`. While the counts load it shows
 * "Loading read receipts…" (text and name; "Waiting for a connection…" while offline) once they
 * have taken 200 ms (before that it is there for screen readers only, visually hidden, taking no
 * room), and an explicit "unavailable" state when the team cannot have receipts.
 *
 * When the counts cannot be had and the team is not known to be unavailable (the server dropped the
 * message from its answer, SPEC G7, or the query failed for good), or they add up past
 * `Number.MAX_VALUE` (an absurd total a custom transport pushed), the badge renders nothing: the
 * message's tick still shows it was sent, and a badge that stays "loading" would promise numbers
 * that never come. It reappears if counts arrive later (a receipt event, a reload after reconnect).
 * Renders nothing unless the message is an own, flagged team message.
 */
export function UnreadBadge({ message, onOpen, className }: UnreadBadgeProps) {
  const receipt = useReceiptView(message, {
    select: selectBadgeView,
    shows: showsTeam,
    caller: '<UnreadBadge>',
  });
  const { isWaiting, isOffline } = receipt;
  // Seen only once the wait has lasted SHOW_LOADING_AFTER_MS (as the list's "Loading older
  // messages…"): a badge that never waits, or whose counts come sooner, sets no state and renders
  // no more than before; one that waits longer renders once more, to show it. Once seen, it stays
  // seen (a later wait sets the same state: no render).
  const [isLoadingSeen, seeLoading] = useState(false);
  useEffect(() => {
    if (!isWaiting) return;
    const timer = setTimeout(seeLoading, SHOW_LOADING_AFTER_MS, true);
    return () => clearTimeout(timer);
  }, [isWaiting]);
  const strings = useReceiptStrings();
  // Declared on the badge itself: it sits in the app's markup, whose language may not be the kit's.
  const lang = useReceiptLanguage();
  if (receipt.mode !== 'team') return null;
  // Counts exist only once the server has the message; a sending or failed send shows its tick only.
  if (receipt.status === 'sending' || receipt.status === 'failed') return null;

  const { readCount, unreadCount } = receipt;
  let status: UnreadBadgeStatus;
  let text: string;
  // Once counts are known, the pie (or the check) goes before the words, as in NetEase's UIKit.
  let indicator: ReactNode = null;
  // The pie's share, set on the badge: the pie itself is a constant element React never re-renders.
  let style: CSSProperties | undefined;
  // The accessible name: the visible text, or the full sentence when there are counts.
  let label: string;
  if (receipt.isUnavailable) {
    status = 'unavailable';
    text = label = strings.unavailable;
  } else if (readCount === undefined || unreadCount === undefined) {
    // No counts and none on the way (SPEC G7, or the query failed for good): see above.
    if (!receipt.isLoading) return null;
    status = 'loading';
    text = label = isOffline ? strings.waitingForConnection : strings.badgeLoading;
    // Until then its name is there for screen readers, and the bubble keeps its width.
    if (!isLoadingSeen) style = visuallyHidden;
  } else {
    const totalCount = readCount + unreadCount;
    // A team of only the sender has nobody to read: no count to show, and never "All read". Counts
    // adding up past Number.MAX_VALUE (only a custom transport can push them) are no count either:
    // "3 unread of ∞ members" is as wrong as the malformed counts core drops.
    if (!totalCount || totalCount === Infinity) return null;
    indicator = readFractionIcon(unreadCount);
    style = readShareStyle(readCount, unreadCount);
    if (unreadCount === 0) {
      status = 'all-read';
      text = strings.badgeAllRead;
      label = strings.badgeAllReadLabel(totalCount);
    } else {
      status = 'unread';
      text = strings.badgeUnread(unreadCount);
      label = strings.badgeLabel({ unreadCount, totalCount });
    }
  }
  const classes = withClassName('readmark-badge', className);

  // Unavailable counts cannot be listed, so there is nothing to open.
  if (!onOpen || status === 'unavailable') {
    return (
      <span className={classes} lang={lang} data-status={status} style={style}>
        {indicator}
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
      lang={lang}
      data-status={status}
      style={style}
      aria-label={label}
      aria-haspopup="dialog"
      onClick={onOpen}
    >
      {indicator}
      {text}
    </button>
  );
}
