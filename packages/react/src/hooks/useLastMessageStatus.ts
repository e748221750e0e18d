import {
  type LastMessageStatus,
  lastMessageIndicatorMessage,
  messageConversationId,
  type ReceiptLastMessage,
  type ReceiptState,
  selectIsPeerRead,
} from '@readmark/core';
import { useCallback, useEffect } from 'react';
import { useProvidedEngine } from './useReceiptEngine';
import { useShallowStable } from './useShallowStable';
import { useStoreSelector } from './useStoreSelector';

/**
 * The read indicator of a conversation-list row (SPEC U7, scenario 35), from the conversation's
 * `lastMessage` (a `V2NIMLastMessage` passes straight in): 'read' once the peer has read my last
 * message, 'sent' before, and undefined when the row shows no indicator (the last message is not
 * mine, not a sent P2P message, a notification or call, or was revoked).
 *
 * While mounted it seeds the conversation's receipt time from the transport, once per conversation
 * and engine (as NetEase's UIKit does for every listed conversation, SPEC U6; not this account's own
 * read time, which only sending receipts needs), and re-renders only when the indicator changes.
 * A new `lastMessage` object with the same content (NIM's `onConversationChanged` builds new ones)
 * runs no selector again: the row's selector is kept while the message's fields are equal.
 */
export function useLastMessageStatus(
  lastMessage: ReceiptLastMessage | undefined,
): LastMessageStatus | undefined {
  const engine = useProvidedEngine('useLastMessageStatus');
  const message = useShallowStable(lastMessageIndicatorMessage(engine.accountId, lastMessage));
  // A string compared by Object.is: a store update allocates nothing per row.
  const select = useCallback(
    (state: ReceiptState) =>
      message && ((selectIsPeerRead(state, message) ? 'read' : 'sent') as LastMessageStatus),
    [message],
  );
  // A row that shows no indicator has no subscription and loads nothing.
  const status = useStoreSelector(engine.store, select, Object.is, message !== undefined);
  const conversationId = message ? messageConversationId(engine.accountId, message) : '';
  useEffect(() => {
    if (conversationId) void engine.loadConversation(conversationId, { isPeerOnly: true });
  }, [engine, conversationId]);
  return status;
}
