import { type RefObject, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { lastIndexOfKey } from './lastIndexOfKey';
import type { MessageListHandle } from './MessageListHandle';
import { messageAtEdge } from './messageAtEdge';
import type { ListCommit } from './useMessageListHandle';

/**
 * Opens `MessageList` at its "Unread messages" line (`unreadLine`) instead of at the newest message:
 * once per opening of a conversation, when the line's place is first known, and only while the
 * reader has not moved: the list still at its end, and its newest message still the one it opened
 * with. The line comes after a round trip (NIM's read time waits up to 5 s for the login sync), and
 * by then the reader may have scrolled up, or the list may have followed new messages (or the
 * reader's own) down past the line, still at its end: neither is pulled back. Older unread history
 * loaded later moves the line, never the reader.
 *
 * The jump leaves the messages from the line on unseen: it gives `seenAtOpeningRef` the last message
 * before the line (`null`: the line is above the first message), which the list's next frame takes,
 * leaving its end, as the last message the reader saw, so the new-messages pill counts them.
 *
 * `isReady` is false while the line is off or the chat's first page loads (`isLoading`): the opening
 * is taken at the first commit after, with the newest message it then shows.
 */
export function useOpenAtUnreadLine<TMessage>(
  conversationId: string,
  firstUnreadKey: string | undefined,
  isReady: boolean,
  isAtEndRef: RefObject<boolean>,
  atEndScrollTopRef: RefObject<number>,
  seenAtOpeningRef: RefObject<string | null | undefined>,
  latest: RefObject<ListCommit<TMessage>>,
  scrollToMessage: MessageListHandle['scrollToMessage'],
): void {
  // The opening: its conversation, the key of the newest message it opened with (undefined for
  // none), and whether the line has had its one chance. Kept in a ref, so effects run again for the
  // same opening (StrictMode, a hidden <Activity> shown again) take it neither again nor twice.
  const openingRef =
    useRef<[conversationId: string, newestKey: string | undefined, isDone: boolean]>(undefined);
  // Before paint: the commit that first knows the line's place is never shown at the end. After
  // the list's own layout effects (the first page taken to the end), so the jump is the last word.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs and the handle's function read the list's last commit
  useClientLayoutEffect(() => {
    if (!isReady) return;
    const [all, keyOf] = latest.current;
    const newest = messageAtEdge(all, keyOf, true);
    const newestKey = newest && keyOf(newest);
    let opening = openingRef.current;
    if (opening?.[0] !== conversationId) {
      opening = openingRef.current = [conversationId, newestKey, false];
    }
    if (firstUnreadKey && !opening[2]) {
      opening[2] = true;
      if (isAtEndRef.current && newestKey === opening[1]) {
        scrollToMessage(firstUnreadKey, { align: 'start' });
        // The jump leaves the end as a scroll up does: from where the list was last at its end
        // (the top of the empty list that the first page filled), a jump down read as growth
        // below a reader at the end, and the list went back there.
        atEndScrollTopRef.current = Number.POSITIVE_INFINITY;
        // Back from the line past entries that are not messages (keyed '').
        let index = lastIndexOfKey(all, keyOf, firstUnreadKey);
        while (--index >= 0 && !keyOf(all[index]!));
        seenAtOpeningRef.current = index < 0 ? null : keyOf(all[index]!);
      }
    }
  }, [conversationId, firstUnreadKey, isReady]);
}
