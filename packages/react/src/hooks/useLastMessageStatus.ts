import {
  type LastMessageStatus,
  lastMessageIndicatorMessage,
  type ReceiptLastMessage,
  type ReceiptMessage,
  type ReceiptMode,
  type ReceiptState,
  selectIsPeerRead,
} from '@readmark/core';
import { useMemo } from 'react';
import { useReceiptView } from './useMessageReceipt';
import { useReceiptEngine } from './useReceiptEngine';

interface IndicatorView {
  mode: ReceiptMode;
  status?: LastMessageStatus;
}

function selectIndicatorView(state: ReceiptState, message: unknown): IndicatorView {
  if (message === undefined) return { mode: 'none' };
  return { mode: 'p2p', status: selectIsPeerRead(state, message) ? 'read' : 'sent' };
}

/**
 * The read indicator of a conversation-list row (SPEC U7, scenario 35), from the conversation's
 * `lastMessage` (a `V2NIMLastMessage` passes straight in): 'read' once the peer has read my last
 * message, 'sent' before, and undefined when the row shows no indicator (the last message is not
 * mine, not a sent P2P message, a notification or call, or was revoked).
 *
 * While mounted it seeds the conversation's receipt time from the transport (as NetEase's UIKit does
 * for every listed conversation, SPEC U6) and re-renders only when the indicator changes.
 */
export function useLastMessageStatus(
  lastMessage: ReceiptLastMessage | undefined,
): LastMessageStatus | undefined {
  const engine = useReceiptEngine();
  const message = useMemo(
    () => lastMessageIndicatorMessage(engine.accountId, lastMessage),
    [engine.accountId, lastMessage],
  );
  // An absent message selects mode 'none': no subscription and nothing loaded.
  return useReceiptView(message as ReceiptMessage, selectIndicatorView).status;
}
