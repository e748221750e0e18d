import { type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { useProvidedEngine } from '../hooks/useReceiptEngine';
import { useStoreSelector } from '../hooks/useStoreSelector';
import { useUnreadSeparator } from '../hooks/useUnreadSeparator';
import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { keptSeenKey } from './keptSeenKey';
import { LoadingOlderIndicator } from './LoadingOlderIndicator';
import { lastIndexOfKey } from './lastIndexOfKey';
import { listenAll } from './listenAll';
import type { MessageListProps } from './MessageListProps';
import type { RenderRow } from './MessageRow';
import { messageAtEdge } from './messageAtEdge';
import { moveInFeed } from './moveInFeed';
import { NewMessagesAnnouncement } from './NewMessagesAnnouncement';
import { NewMessagesPill } from './NewMessagesPill';
import { newMessagesFrom } from './newMessagesFrom';
import { objectKeys } from './objectKeys';
import { scrollListToEnd } from './scrollListGlide';
import { scrollToEdgeOnKey } from './scrollToEdgeOnKey';
import { tabIntoView } from './tabIntoView';
import { usableKey } from './usableKey';
import { useHistoryWindow } from './useHistoryWindow';
import { type ListCommit, useMessageListHandle } from './useMessageListHandle';
import { END_THRESHOLD, useMessageVirtualizer } from './useMessageVirtualizer';
import { useOpenAtUnreadLine } from './useOpenAtUnreadLine';
import { useShiftTabIntoView } from './useShiftTabIntoView';
import { useVisibleReadMarking } from './useVisibleReadMarking';
import { VirtualRows } from './VirtualRows';
import { withClassName } from './withClassName';

export type { MessageListProps } from './MessageListProps';

/** Distance (px) from the top at which older history is requested. */
const LOAD_OLDER_THRESHOLD = 80;
const DEFAULT_READ_DWELL_MS = 300;

const defaultKey = (message: ReceiptMessage) => message.messageClientId;

/**
 * A virtualized chat message list (@tanstack/react-virtual) with variable row heights, anchored at the
 * end: it opens at the newest message, follows new messages while at the bottom, keeps its place when
 * older history is prepended, and shows a "new messages" pill when scrolled up.
 *
 * It marks incoming messages read only when at least half of the row has been visible for
 * `readDwellMs` while the page is visible and focused, re-checking on scroll, resize, new messages,
 * visibility and focus changes. With `unreadLine` it draws "Unread messages" above the first message
 * that was unread when the chat opened, and opens there, the pill counting the unread below.
 */
export function MessageList<TMessage extends ReceiptMessage>({
  conversationId,
  messages: rawMessages,
  renderMessage,
  getMessageKey: rawGetMessageKey = defaultKey,
  estimateSize,
  onLoadOlder,
  isLoadingOlder,
  unreadLine,
  isLoading,
  isMarkingRead = true,
  isScrollingToOwnMessages = true,
  readDwellMs = DEFAULT_READ_DWELL_MS,
  clock,
  className,
  label,
  listRef,
}: MessageListProps<TMessage>) {
  const engine = useProvidedEngine('<MessageList>');
  // Bad data must not throw during render: entries that are not objects are keyed `''` and left out
  // of the rows (the history window checks its own part; see useHistoryWindow), and keyless
  // messages are keyed by object. The app's own array is kept: a filtered copy of a long history
  // cost 0.8 MB per 100,000 messages, again on every new message.
  const allMessages = useMemo(() => {
    try {
      if (Array.isArray(rawMessages)) return rawMessages;
    } catch {
      // A list that cannot be read: a revoked Proxy (an Immer draft kept after its producer ended)
      // throws a TypeError even for `Array.isArray`. It shows as no messages.
    }
    return [];
  }, [rawMessages]);
  // A keyless message is keyed by the object itself: a key from its position moved with every
  // prepend, and the pill then counted the last message seen as gone.
  const [keyOfKeyless] = useState(() => objectKeys<TMessage>());
  const getMessageKey = useCallback(
    (message: TMessage): string =>
      typeof message !== 'object' || message === null
        ? ''
        : (usableKey(rawGetMessageKey, message) ?? keyOfKeyless(message)),
    [rawGetMessageKey, keyOfKeyless],
  );
  // A long history is virtualized from its newest messages, growing as the reader scrolls up.
  const [messages, extendHistory, aboveMessages, windowStart] = useHistoryWindow(
    allMessages,
    getMessageKey,
    conversationId,
  );
  const strings = useReceiptStrings();
  const lang = useReceiptLanguage();
  const labelId = useId();
  const scrollRef = useRef<HTMLElement | null>(null);

  const [virtualizer, measureRow] = useMessageVirtualizer(
    scrollRef,
    messages,
    conversationId,
    getMessageKey,
    estimateSize,
  );

  // The last commit's messages and what goes with them (see ListCommit): the frame handler and the
  // handle read them, and the pill's count looks back at the messages the reader saw.
  const latest = useRef<ListCommit<TMessage>>([
    allMessages,
    getMessageKey,
    extendHistory,
    onLoadOlder,
    messages,
  ]);
  useClientLayoutEffect(() => {
    latest.current = [allMessages, getMessageKey, extendHistory, onLoadOlder, messages];
  });
  const scrollToMessage = useMessageListHandle(listRef, scrollRef, virtualizer, latest);
  // Shift+Tab from the composer into the rows in view, not into those rendered below them.
  useShiftTabIntoView(scrollRef);

  // --- "at the end" and the new-messages pill ---
  // The conversation the last commit showed: a new object each time another one is shown, set as
  // that commits (below).
  const shownRef = useRef({ conversationId });
  const isSwitchingConversation = shownRef.current.conversationId !== conversationId;
  // Where the reader left the end: the showing of a conversation they are scrolled up in, `null`
  // at the end. Another conversation opens at its end with everything seen: the state kept from the
  // one before, scrolled up there, showed and announced its whole history as new for one render.
  // It is at its end because this state names another showing, not by resetting it as it renders
  // (a state update during render ran the list's render twice for every switch).
  const [scrolledUpIn, setScrolledUpIn] = useState<object | null>(null);
  const isAtEnd = isSwitchingConversation || scrolledUpIn !== shownRef.current;
  const isAtEndRef = useRef(isAtEnd);
  // Where a frame last found the list at the end: moving up from there is what leaves it (before
  // the first such frame, any distance from the end does).
  const atEndScrollTopRef = useRef(Number.POSITIVE_INFINITY);
  // The last message the reader saw (`null`: none of those they saw is left). Read only while
  // scrolled away from the end: set as the list leaves it (see handleFrame).
  const [seenLastKey, setSeenLastKey] = useState<string | null>();
  // The last message seen when the list jumped to its unread line (`null`: the line is above the
  // first message; see useOpenAtUnreadLine), for the next frame only: leaving the end, it is the
  // last seen rather than the newest, so the pill counts the unread messages below the line. A
  // jump that did not leave the end (the line in the last screen) leaves it to no frame.
  const seenAtOpeningRef = useRef<string | null>(undefined);
  // Whether a row of the conversation left behind held the focus, which leaves with it.
  const hadFocusRef = useRef(false);
  if (isSwitchingConversation) {
    const scroller = scrollRef.current;
    hadFocusRef.current = !!scroller?.contains(scroller.ownerDocument.activeElement);
  }
  // Another conversation starts at its end, with its own older history to ask for. Effects run
  // again for the same one (a hidden `<Activity>` shown again, StrictMode) reset nothing: reset, a
  // list at its end that took messages while hidden counted itself scrolled up (the pill showed
  // them), and one near its top asked for the same older history again.
  // The oldest message older history was last asked for: once per oldest message.
  const loadOlderForKeyRef = useRef<string | undefined>(undefined);
  useClientLayoutEffect(() => {
    if (shownRef.current.conversationId === conversationId) return;
    shownRef.current = { conversationId };
    loadOlderForKeyRef.current = undefined;
    isAtEndRef.current = true;
    atEndScrollTopRef.current = Number.POSITIVE_INFINITY;
    // The focus goes on to the list rather than to <body>, where the next Tab starts over.
    const scroller = scrollRef.current;
    const document = scroller?.ownerDocument;
    if (
      hadFocusRef.current &&
      document &&
      (document.activeElement ?? document.body) === document.body
    ) {
      scroller.focus({ preventScroll: true });
    }
    hadFocusRef.current = false;
  }, [conversationId]);
  // The messages shown before, their key getter and conversation.
  const shownBeforeRef = useRef([allMessages, getMessageKey, conversationId] as const);
  // Messages appended while the reader is at the end are followed. The virtualizer judges that from
  // the last scroll event it read, and this list from the frame after it; the browser can move the
  // scroller there (a smooth scroll's last step, the app's own write) and an append be rendered
  // before either has run, and the append was not followed: the other member's messages were
  // counted in the pill, the reader's own glided to. Judged here, for any change of the messages in
  // the same conversation, from where the scroller really is before the rows change (a reader at
  // the end stays there whatever changed): the scroller's position then, or `undefined`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: judged once per new messages array, with the rest as it is then
  const atEndBeforeChangeFrom = useMemo(() => {
    const element = scrollRef.current;
    if (!isAtEndRef.current && element && shownBeforeRef.current[2] === conversationId) {
      const { scrollTop, scrollHeight, clientHeight } = element;
      if (clientHeight > 0 && scrollHeight - clientHeight - scrollTop <= END_THRESHOLD) {
        return scrollTop;
      }
    }
  }, [allMessages]);
  // Where the pill's count starts: the index after the last message seen; -1 when it counts nothing.
  let unseenFrom = -1;
  // Looked for only while scrolled away, and from the end: the last seen message is among the
  // newest, so a render while scrolling through a long history does not walk all of it.
  if (
    !isAtEnd &&
    seenLastKey !== undefined &&
    // Not in the render of such a change: the list goes to the end as it commits.
    (atEndBeforeChangeFrom === undefined || shownBeforeRef.current[0] === allMessages)
  ) {
    const index = lastIndexOfKey(allMessages, getMessageKey, seenLastKey);
    if (index >= 0 || seenLastKey === null) {
      unseenFrom = index + 1;
    } else {
      // The last message seen left the list (recalled, deleted): counting stopped nowhere and the
      // pill vanished. The mark moves back to the last message before it that is left, and this
      // render starts again from there.
      const [previous, previousKeyOf] = latest.current;
      const keptKey = keptSeenKey(seenLastKey, previous, previousKeyOf, allMessages, getMessageKey);
      if (keptKey !== undefined) setSeenLastKey(keptKey);
    }
  }
  // The pill counts others' messages after the last one seen (my own sends are not news to me),
  // but not those this account has read on another device meanwhile (NIM's multi-device read
  // time, SPEC P11): the pill shrinks as they are read there. They are found once per render, and
  // the selector only leaves out those read, reading no key (it counted them again on each store
  // change). Subscribed only while scrolled up with others' messages below the last one seen (a
  // reader scrolled up through history, with nothing to count, runs no selector for each receipt),
  // and the list renders again only when the count changes, so receipts and reads elsewhere render
  // no list otherwise (bench metric 1). One-to-one only: the engine keeps no read time of team
  // conversations, so theirs stays 0 and counts nothing out.
  const news =
    unseenFrom < 0 ? [] : newMessagesFrom(allMessages, getMessageKey, engine.accountId, unseenFrom);
  const newMessageCount = useStoreSelector(
    engine.store,
    (state) => {
      const readTime = selectSelfReadTime(state, conversationId);
      return news.filter((message) => !(message.createTime <= readTime)).length;
    },
    Object.is,
    news.length > 0,
  );

  // --- the "Unread messages" line, and opening at it ---
  // Off (no options), the hook asks nothing and sets no state: a list without the line renders as
  // it did before there was one.
  const { firstUnreadKey } = useUnreadSeparator(
    conversationId,
    unreadLine ? { messages: allMessages, getMessageKey, isLoading } : undefined,
  );
  useOpenAtUnreadLine(
    conversationId,
    firstUnreadKey,
    !!unreadLine && !isLoading,
    isAtEndRef,
    atEndScrollTopRef,
    seenAtOpeningRef,
    latest,
    scrollToMessage,
  );

  // --- marking read from what is really on screen ---
  const checkVisible = useVisibleReadMarking({
    scrollRef,
    virtualizer,
    messages,
    getMessageKey,
    conversationId,
    isEnabled: isMarkingRead,
    dwellMs: readDwellMs,
    clock,
  });

  const handleFrame = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    // The virtualizer's own numbers (its scroll listener runs before this one): reading the
    // element's scrollHeight here forced a layout in the middle of every scroll frame.
    // Set only when it changes: setting the same value still re-ran this component once per scroll
    // frame (React cannot skip it early while the list's last render is pending cleanup), doubling
    // the list renders while scrolling (bench metric 3).
    const scrollTop = virtualizer.scrollOffset ?? element.scrollTop;
    let isNowAtEnd = virtualizer.isAtEnd(END_THRESHOLD);
    if (isNowAtEnd) {
      atEndScrollTopRef.current = scrollTop;
    } else if (isAtEndRef.current && scrollTop >= atEndScrollTopRef.current) {
      // The list grew below a reader at the end who did not scroll up: a message appended before
      // the virtualizer had read back its follow of the one before is not followed, and "at the
      // end" went false for a frame or two, flashing (and announcing) the pill. Only moving up
      // leaves the end; the list catches up here.
      isNowAtEnd = true;
      atEndScrollTopRef.current = scrollTop;
      // Not while hidden (`display: none`), where the browser drops the write; shown again, a
      // resize brings this frame back.
      if (element.clientHeight > 0) virtualizer.scrollToEnd();
    }
    const [all, keyOf, extend, loadOlder] = latest.current;
    const seenAtOpening = seenAtOpeningRef.current;
    seenAtOpeningRef.current = undefined;
    if (isNowAtEnd !== isAtEndRef.current) {
      isAtEndRef.current = isNowAtEnd;
      setScrolledUpIn(isNowAtEnd ? null : shownRef.current);
      // Leaving the end, the reader has seen up to the newest message of the last commit (or, by
      // the jump to the unread line, up to the line). Marked here, not during every render at the
      // end: that render-time update ran the whole list twice for each new message (and each
      // send) while at the end.
      if (!isNowAtEnd) {
        const newest = messageAtEdge(all, keyOf, true);
        setSeenLastKey(seenAtOpening !== undefined ? seenAtOpening : newest && keyOf(newest));
      }
    }
    if (extend) {
      // Older messages the app already gave are added to the window a little before the reader
      // reaches its top, so scrolling up never stops at it.
      if (scrollTop <= element.clientHeight * 2) extend();
    } else {
      const oldest = messageAtEdge(all, keyOf, false);
      if (loadOlder && oldest && scrollTop <= LOAD_OLDER_THRESHOLD) {
        const firstKey = keyOf(oldest);
        // Ask once per oldest message: repeated scroll events must not pile up requests.
        if (loadOlderForKeyRef.current !== firstKey) {
          loadOlderForKeyRef.current = firstKey;
          loadOlder();
        }
      }
    }
    checkVisible();
  }, [checkVisible, virtualizer]);

  // One update per animation frame, for scrolls, resizes and renders alike: scroll events come
  // several per frame, and each update reads layout; read in the frame callback it costs no extra
  // layout, and a scroll frame that also renders rows still runs one update (bench metric 3). Resizes
  // are deferred too: state set inside a ResizeObserver callback would re-layout within the same
  // observation and trigger "ResizeObserver loop" warnings.
  const frameRef = useRef(0);
  const scheduleFrame = useCallback(() => {
    const win = scrollRef.current?.ownerDocument.defaultView;
    if (frameRef.current !== 0 || !win) return;
    frameRef.current = win.requestAnimationFrame(() => {
      frameRef.current = 0;
      handleFrame();
    });
  }, [handleFrame]);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const win = element.ownerDocument.defaultView;
    const stopListening = listenAll([[element, 'scroll', scheduleFrame, { passive: true }]]);
    const resizeObserver =
      win && 'ResizeObserver' in win ? new win.ResizeObserver(scheduleFrame) : undefined;
    resizeObserver?.observe(element);
    return () => {
      win?.cancelAnimationFrame(frameRef.current);
      frameRef.current = 0;
      stopListening();
      resizeObserver?.disconnect();
    };
  }, [scheduleFrame]);

  const scrollToLatest = () => scrollListToEnd(scrollRef.current, virtualizer);

  // A message the reader sends while scrolled up would land out of view with no sign of it (own
  // messages are not news, so the pill leaves them out): the list goes to the end, as chat apps do.
  // Only for a message new at the end: history loaded above keeps the last message, and a new copy
  // of one already shown (the sent copy of a sending one, re-sorted or not) was there before.
  // The pill's scroll: smooth, unless the reader asks for reduced motion.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for a new messages array; the rest is read as it is then
  useClientLayoutEffect(() => {
    const [previous, previousKeyOf, previousConversationId] = shownBeforeRef.current;
    shownBeforeRef.current = [allMessages, getMessageKey, conversationId];
    const last = messageAtEdge(allMessages, getMessageKey, true);
    const element = scrollRef.current;
    // A change the reader was at the end for (see atEndBeforeChangeFrom), unless they scrolled since.
    if (atEndBeforeChangeFrom !== undefined && element?.scrollTop === atEndBeforeChangeFrom) {
      virtualizer.scrollToEnd();
      isAtEndRef.current = true;
      atEndScrollTopRef.current = atEndBeforeChangeFrom;
      setScrolledUpIn(null);
    }
    if (
      isScrollingToOwnMessages === false ||
      isAtEndRef.current ||
      previousConversationId !== conversationId ||
      last?.senderId !== engine.accountId
    ) {
      return;
    }
    const key = getMessageKey(last);
    // From the end: a copy shown before is among the newest. A whole pass only for a new message.
    for (let index = previous.length - 1; index >= 0; index--) {
      if (previousKeyOf(previous[index]!) === key) return;
    }
    if (
      typeof isScrollingToOwnMessages === 'function' &&
      !isTrueFor(isScrollingToOwnMessages, last)
    ) {
      return;
    }
    scrollToLatest();
  }, [allMessages]);

  const renderRow = renderMessage as RenderRow;
  return (
    <div
      className={withClassName('readmark-message-list', className)}
      data-at-end={isAtEnd}
      // The frame takes the app's size (via className); the scroller fills it and the pill floats over it.
      style={{ position: 'relative', display: 'flex', flexDirection: 'column' }}
    >
      {/*
       * The list's name, in the kit's language unless the app gave its own. Not an aria-label on the
       * scroller: a lang there would pass to the rows, the app's messages in the page's language.
       */}
      <span id={labelId} lang={label ? undefined : lang} hidden>
        {label || strings.messageListLabel}
      </span>
      <section
        ref={scrollRef}
        aria-labelledby={labelId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable to scroll it by keyboard
        tabIndex={0}
        className="readmark-message-scroller"
        style={{ flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowAnchor: 'none' }}
        // Home and End at once, by index: the browser's animated Home stopped screens short. Tab
        // into the rows in view, not into those rendered above it. In the rows, the feed's keys.
        onKeyDown={(event) => {
          moveInFeed(event, virtualizer);
          scrollToEdgeOnKey(event, virtualizer);
          tabIntoView(event);
        }}
      >
        {/*
         * The virtualizer writes this container's height. A WAI-ARIA feed of one article per
         * message (APG "Feed"): the pattern made for a scrolled list that virtualization and
         * loading add to and take from at either end, so screen readers can tell "message 57 of
         * 1,200" with most rows not in the document, move from message to message in browse mode,
         * and wait (`aria-busy`) while older history loads. Not a live region: rows mounted by
         * scrolling would be read as news (new messages are announced on their own, below). The
         * scroller around it stays the focusable, named region it scrolls by keyboard in, and the
         * feed takes no name of its own: labelled by the same text, "Messages" was said twice on
         * entering the list. A feed must own articles, so an empty list is none, nor has its state.
         * Each article takes the focus (not a Tab stop) and the feed's keys move it (moveInFeed).
         */}
        <div
          ref={virtualizer.containerRef}
          {...(messages.length > 0 && {
            role: 'feed',
            'aria-busy': isLoadingOlder === true,
          })}
          className="readmark-message-rows"
          style={{ position: 'relative', width: '100%' }}
        >
          <VirtualRows
            virtualizer={virtualizer}
            renderedWith={virtualizer.renderedWith}
            messages={messages}
            // Places among the app's whole history, not the window's, counting no entry the window
            // leaves out (bad data), so the newest is "n of n"; entries above the window are not
            // read, so bad ones there count until it grows over them. The total is unknown (-1,
            // the feed's convention) while older history can still be loaded.
            firstPosition={windowStart + 1}
            setSize={onLoadOlder ? -1 : windowStart + messages.length}
            above={aboveMessages}
            getMessageKey={getMessageKey}
            measureRow={measureRow}
            renderRow={renderRow}
            unreadKey={firstUnreadKey}
            onRendered={scheduleFrame}
          />
        </div>
      </section>
      <NewMessagesAnnouncement
        count={newMessageCount}
        lang={lang}
        messages={allMessages}
        keyOf={getMessageKey}
        accountId={engine.accountId}
        conversationId={conversationId}
        isFollowing={isAtEnd || atEndBeforeChangeFrom !== undefined}
        hasLoaded={isLoading === false}
      />
      {newMessageCount > 0 && (
        <NewMessagesPill
          count={newMessageCount}
          lang={lang}
          scrollRef={scrollRef}
          onClick={scrollToLatest}
        />
      )}
      {/* After the new-messages region, which stays the list's first polite region (as before). */}
      <LoadingOlderIndicator isLoading={isLoadingOlder === true} lang={lang} />
    </div>
  );
}

/** The app's predicate, which must not break the list: a throw counts as `false`. */
function isTrueFor<T>(predicate: (value: T) => boolean, value: T): boolean {
  try {
    return predicate(value) === true;
  } catch {
    return false;
  }
}
