import type { Clock, ReceiptMessage } from '@readmark/core';
import type { ReactNode, Ref } from 'react';
import type { MessageListHandle } from './MessageListHandle';

/** Props of {@link MessageList}. */
export interface MessageListProps<TMessage extends ReceiptMessage> {
  /** The conversation shown; only its messages are marked read. */
  conversationId: string;
  /**
   * Messages oldest first, each once (replace a message's sending copy with its sent copy). Prepend
   * older history, append new messages. The list draws the array as given: a message given twice is
   * drawn twice (never with a React key clash), so de-duplicate where the app merges its sources.
   */
  messages: readonly TMessage[];
  /**
   * Renders one message. `previous` is the message drawn just above it, the one before it in
   * `messages` (also for the first row of a long history's window), and `undefined` for the oldest
   * message: compare the two for day separators and sender grouping.
   *
   * Keep it stable (module-level or `useCallback`): rows are memoized on it, which is what lets a
   * receipt re-render only the rows it changes; an inline function renders every mounted row again
   * each time the list's parent renders. A row renders again only when its message, its previous
   * message (compared by identity) or `renderMessage` changes: older history prepended renders the
   * formerly oldest row again, and a new copy of a message (or its removal) the row below it too.
   *
   * @example
   * ```tsx
   * const dayOf = (message: V2NIMMessage) => new Date(message.createTime).toDateString();
   * function renderMessage(message: V2NIMMessage, previous: V2NIMMessage | undefined) {
   *   const isNewDay = !previous || dayOf(previous) !== dayOf(message);
   *   const isNewSender = isNewDay || previous.senderId !== message.senderId;
   *   return (
   *     <>
   *       {isNewDay && <DaySeparator time={message.createTime} />}
   *       <Bubble message={message} hasSender={isNewSender} />
   *     </>
   *   );
   * }
   * ```
   */
  renderMessage: (message: TMessage, previous: TMessage | undefined) => ReactNode;
  /**
   * Stable key of a message; defaults to `messageClientId`. A message it gives no key for (it throws
   * or returns no non-empty string) is keyed by its object, so keep such objects between renders.
   */
  getMessageKey?: ((message: TMessage) => string) | undefined;
  /**
   * Height guess (px) before a row is measured; defaults to 64, also for a message it gives no
   * positive number for (NaN, 0, a string). Rows are measured afterwards. Keep it
   * stable (module-level or `useCallback`): a new function makes the virtualizer re-estimate every row.
   */
  estimateSize?: ((message: TMessage) => number) | undefined;
  /** Called when the user scrolls near the top, once per oldest message, to load older history. */
  onLoadOlder?: (() => void) | undefined;
  /**
   * True while the older history `onLoadOlder` asked for is loading: a localized "Loading older
   * messages…" shows over the top of the list and is said to screen readers once a load has lasted
   * 200 ms (the kit's stylesheet fades it in then), so a fast load is neither seen nor said. The
   * rows do not move for it.
   */
  isLoadingOlder?: boolean | undefined;
  /**
   * Draws the "Unread messages" line (以下为新消息, `<UnreadSeparator />`) above the first message
   * of someone else that was unread when the chat opened, and opens the list there instead of at
   * the newest message; defaults to false. The line is placed by `useUnreadSeparator` (the
   * account's read time as the chat opened, kept while the list marks what the reader sees; teams
   * need the app to call NIM's `markConversationRead`). It is drawn in the message's row, above
   * your `renderMessage` content, which does not render again for it.
   *
   * The list opens at it once per opening (a mount, or another `conversationId`), when its place is
   * first known, and only while the reader has not moved: still at the end and no message added
   * since the chat opened. The read time comes after a round trip (NIM's waits up to 5 s for the
   * login sync): a reader who scrolled up meanwhile, or whom the list followed down to new messages,
   * stays where they are, and the line is there when they reach it. Older unread history loaded
   * later moves the line, not the reader. Opened there, the new-messages pill counts the unread
   * messages of others from the line to the end (not said to screen readers: the line is) and
   * takes the reader to the end. For a list of your own, use `useUnreadSeparator` and
   * `UnreadSeparator` directly.
   */
  unreadLine?: boolean | undefined;
  /**
   * True while the chat's first page of messages is being fetched as it opens (not while older
   * history loads: that is `isLoadingOlder`). With `unreadLine`, the line, and where the list opens,
   * wait for the messages the chat opens with, so that they are not taken for messages arriving
   * while it is open (which start no line). Given as `false` (not left out), it also tells the list
   * that a chat showing no message is empty, so screen readers hear its first messages as new
   * (left out, the first messages of an empty list are taken for the history it opens with).
   */
  isLoading?: boolean | undefined;
  /** Whether messages seen in the list are marked read (sending receipts); defaults to true. */
  isMarkingRead?: boolean | undefined;
  /**
   * Whether a new message sent by this account (its `senderId` is the engine's `accountId`), appended
   * while the reader is scrolled up, brings the list to the end, as chat apps do; defaults to true.
   * Older history loaded above and a new copy of a message already shown (the sent copy of a sending
   * one) never scroll. Turn it off when the app scrolls the list itself after a send.
   *
   * A message the account sent from another of its devices (NIM syncs it with the same `senderId`)
   * counts too, since nothing in the message tells the devices apart. Give a function to decide per
   * message instead, e.g. `(message) => sentHere.has(message.messageClientId)` with the ids of what
   * this device sent; a function that throws counts as `false`.
   */
  isScrollingToOwnMessages?: boolean | ((message: TMessage) => boolean) | undefined;
  /**
   * How long (ms) a row must stay at least half visible before it counts as read; defaults to 300,
   * so messages flung past while scrolling are not marked. 0 marks at first sight.
   */
  readDwellMs?: number | undefined;
  /**
   * Time and timers for `readDwellMs`; defaults to the engine's clock (its `clock` option), so
   * tests that give the engine a fake clock drive the dwell with it too.
   */
  clock?: Clock | undefined;
  /** Extra class on the list's frame (give it a height); the default look comes from `.readmark-message-list`. */
  className?: string | undefined;
  /**
   * Accessible name of the scrollable region; defaults to the localized "Messages". Give each list
   * its own name when a page shows several (e.g. "Chat with Bob"), so screen readers can tell them apart.
   */
  label?: string | undefined;
  /**
   * Receives the list's {@link MessageListHandle} (scroll to a message, to the end), as a ref object
   * from `useRef<MessageListHandle>(null)` or a callback. A prop rather than `ref`, so the list stays
   * a plain function component on React 18 and 19 alike.
   */
  listRef?: Ref<MessageListHandle> | undefined;
}
