import {
  type ReceiptMessage,
  type ReceiptState,
  selectIsPeerRead,
  selectWatermarks,
} from '@readmark/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useProvidedEngine } from './useReceiptEngine';
import { shallowEqual, useStoreSelector } from './useStoreSelector';

/** What {@link useReadReceipts} returns. */
export interface ReadReceipts {
  /** How far the peer has read my messages (createTime of the newest one acknowledged). */
  peerReadTime: number;
  /** How far I, on any of my devices, have read the peer's messages. */
  selfReadTime: number;
  /**
   * SPEC P6: true for my P2P messages the peer has read (inclusive), and always in self-chat. Answers
   * from the store state this render shows, so it agrees with `peerReadTime`, also while hydrating.
   */
  isPeerRead(message: ReceiptMessage): boolean;
  /** Marks messages as seen; see `ReceiptEngine.markRead`. Throws 191004 for a non-array. */
  markRead(messages: readonly ReceiptMessage[]): void;
}

/**
 * One P2P conversation's read state. Seeds both watermarks from the transport (the peer's receipt
 * time, and the account's own read time where the transport gives it) the first time a conversation
 * is used; re-renders only when one of the two watermarks moves, which every receipt
 * in the conversation does. A list that only marks messages read should take `markRead` from
 * `useReceiptEngine()` instead: it is stable and subscribes to nothing.
 */
export function useReadReceipts(conversationId: string): ReadReceipts {
  const engine = useProvidedEngine('useReadReceipts');
  // The store state, kept while the account and this conversation's watermarks stay the same: the
  // watermarks and isPeerRead both answer from the snapshot this render shows. Read from the live
  // store, isPeerRead disagreed with peerReadTime while hydrating (React threw the server's HTML
  // away).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new selector per conversation, so another id is looked up in the current state, not the kept one
  const keepState = useCallback((state: ReceiptState) => state, [conversationId]);
  const state = useStoreSelector(
    engine.store,
    keepState,
    (kept, next) =>
      kept.accountId === next.accountId &&
      shallowEqual(selectWatermarks(kept, conversationId), selectWatermarks(next, conversationId)),
  );

  // The engine seeds P2P conversations only: a team conversation's id is ignored there.
  useEffect(() => {
    void engine.loadConversation(conversationId);
  }, [engine, conversationId]);

  const { peerReadTime, selfReadTime } = selectWatermarks(state, conversationId);
  // A new function whenever a watermark moves, so consumers that memoize on it see reads change.
  const isPeerRead = useCallback(
    (message: ReceiptMessage) => selectIsPeerRead(state, message),
    [state],
  );
  const markRead = useCallback(
    (messages: readonly ReceiptMessage[]) => engine.markRead(messages),
    [engine],
  );
  return useMemo(
    () => ({ peerReadTime, selfReadTime, isPeerRead, markRead }),
    [peerReadTime, selfReadTime, isPeerRead, markRead],
  );
}
