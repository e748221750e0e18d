import type { ReceiptMessage } from '@readmark/core';
import { useState } from 'react';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { lastIndexOfKey } from './lastIndexOfKey';
import { messageAtEdge } from './messageAtEdge';
import { newMessagesFrom } from './newMessagesFrom';
import { useSettledValue } from './useSettledValue';
import { visuallyHidden } from './visuallyHidden';

/** How long the count of new messages must stay the same before it is said. */
const ANNOUNCE_AFTER_MS = 1_000;

/**
 * Tells screen-reader users that messages arrived: a polite region that says a count once a burst
 * has settled, not once per message (a burst of 20 changed the pill 20 times in 120 ms). Scrolled
 * up, the pill's count as it rises; at the end, where the list follows new messages and shows no
 * pill, the number of others' messages appended since the last burst said (in a chat the app said
 * had loaded empty, its first ones too). Not said: the reader's
 * own sends, older history prepended, the history a conversation opens with (or is replaced by),
 * the unread messages below a conversation opened at its unread line (the pill's count as the list
 * leaves its end), another conversation, the pill's count dropping as the reader reads on another
 * device, and anything again after a language switch (the region empties). Its own component, with
 * its own state, so its timer and its counting re-render only it, never the list.
 *
 * Only the count, not the messages: their text is the app's `renderMessage` content (with its
 * sender names, times, ticks and buttons), which a live region would have to copy; and the rows
 * themselves cannot be the live region, since virtualization mounts rows as the reader scrolls and
 * every one would be read as news. The reader reaches the newest message with End, where the feed
 * gives its position.
 */
export function NewMessagesAnnouncement<TMessage extends ReceiptMessage>({
  count,
  lang,
  messages,
  keyOf,
  accountId,
  conversationId,
  isFollowing,
  hasLoaded,
}: {
  /** The pill's count: new messages below a reader scrolled up. */
  count: number;
  lang: string;
  /** The app's messages, oldest first. */
  messages: readonly TMessage[];
  keyOf: (message: TMessage) => string;
  /** The reader: their own messages are not news. */
  accountId: string;
  conversationId: string;
  /** Whether the list follows new messages at its end (it shows no pill then). */
  isFollowing: boolean;
  /**
   * Whether the app said its first page has loaded (`isLoading` false, not left out): a chat that
   * shows no message then is empty, and its first messages are news, not the history it opens with.
   */
  hasLoaded: boolean;
}) {
  const strings = useReceiptStrings();
  // Others' messages appended while following, since the mount or the conversation's opening
  // (`total`), and the total when the burst being said began (`from`).
  const [arrived, setArrived] = useState({
    messages,
    conversationId,
    total: 0,
    from: 0,
    hasLoaded,
  });
  const { total, from } = arrived;
  // The pill's last count, how many times it rose, and the count it says nothing up to (null while
  // following): a count that drops (the reader read on another device) is no news, so only a rise
  // gives the pill a new key; nor is the count the list leaves its end with, which is the unread
  // history a chat opened at its unread line shows below (the line says it is there), only a rise
  // above it, or above what it has dropped to since.
  const [[pillCount, rises, quietUpTo], setPill] = useState<[number, number, number | null]>([
    count,
    0,
    null,
  ]);
  const quiet = isFollowing ? null : Math.min(quietUpTo ?? count, count);
  if (count !== pillCount || quiet !== quietUpTo) {
    setPill([count, count > pillCount ? rises + 1 : rises, quiet]);
  }
  const text =
    count > (quiet ?? 0)
      ? strings.newMessages(count)
      : total > from
        ? strings.newMessages(total - from)
        : undefined;
  // The pill's key counts its rises (negative, apart from the totals), not its text, which a
  // language switch changes: that alone says nothing (the region empties). A drop keeps the key
  // and says nothing (keyed on the count, 3 -> 1 said "1 new message" a second later, as if one
  // had come); the next message, a rise, is said with the count then. A followed burst's key is
  // its running total, so a second "1 new message" is a new sentence, said again (the region
  // empties while it settles).
  const said = useSettledValue(text, ANNOUNCE_AFTER_MS, count ? ~rises : total, {
    language: lang,
  });
  const isSameConversation = conversationId === arrived.conversationId;
  if (messages !== arrived.messages || !isSameConversation || hasLoaded !== arrived.hasLoaded) {
    let appended = 0;
    const last = messageAtEdge(arrived.messages, keyOf, true);
    if (isFollowing && isSameConversation && (last || arrived.hasLoaded)) {
      // From the end back to the last message shown before: what is after it was appended (all of
      // it after a loaded empty chat). Not found (it was removed, or the history replaced),
      // nothing counts as appended.
      const index = last ? lastIndexOfKey(messages, keyOf, keyOf(last)) : -1;
      if (index >= 0 || !last)
        appended = newMessagesFrom(messages, keyOf, accountId, index + 1).length;
    }
    setArrived({
      messages,
      conversationId,
      hasLoaded,
      total: total + appended,
      // Another conversation says nothing of this one's; a burst already said (null: then
      // withdrawn by a language switch) is over, and the next one is counted from here.
      from: isSameConversation && !(appended && said !== undefined) ? from : total,
    });
  } else if (!isFollowing && from !== total) {
    // Scrolled up, the pill takes over: what arrived before is not said when the reader is back.
    setArrived({ ...arrived, from: total });
  }
  return (
    <div aria-live="polite" lang={lang} style={visuallyHidden}>
      {/* Not a count the pill has dropped from since, kept for its unchanged key. */}
      {said === text ? said : null}
    </div>
  );
}
