import { type ReceiptState, selectIsSendingReceipts } from '@readmark/core';
import { useCallback } from 'react';
import { useProvidedEngine } from './useReceiptEngine';
import { useStoreSelector } from './useStoreSelector';

/**
 * The "send read receipts" switch, for a settings toggle: whether this account's receipts go out
 * (with `conversationId`, in that conversation: both the global switch and the conversation's own
 * must be on), and a setter for the same switch, which turns sending off or on everywhere or, with
 * `conversationId`, in that conversation only (`engine.setSendingReceipts`: turning off drops the
 * receipts still waiting; a message seen meanwhile is acknowledged only if it is seen again once
 * sending is back on, e.g. still on screen in a `MessageList`). Re-renders only when
 * the answer changes. The setter throws `ReceiptError` 191004 for a value that is not a boolean or
 * an invalid conversation id.
 */
export function useSendingReceipts(
  conversationId?: string,
): [isSending: boolean, setSending: (isEnabled: boolean) => void] {
  const engine = useProvidedEngine('useSendingReceipts');
  const isSending = useStoreSelector(
    engine.store,
    useCallback(
      (state: ReceiptState) => selectIsSendingReceipts(state, conversationId),
      [conversationId],
    ),
  );
  const setSending = useCallback(
    (isEnabled: boolean) => engine.setSendingReceipts(isEnabled, conversationId),
    [engine, conversationId],
  );
  return [isSending, setSending];
}
