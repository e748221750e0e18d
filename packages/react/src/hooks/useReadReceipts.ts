import { type ReceiptMessage, selectIsPeerRead, selectWatermarks } from '@readmark/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useReceiptEngine } from './useReceiptEngine';
import { shallowEqual, useStoreSelector } from './useStoreSelector';

/** What {@link useReadReceipts} returns. */
export interface ReadReceipts {
  /** How far the peer has read my messages (createTime of the newest one acknowledged). */
  peerReadTime: number;
  /** How far I, on any of my devices, have read the peer's messages. */
  selfReadTime: number;
  /** SPEC P6: true for my P2P messages the peer has read (inclusive), and always in self-chat. */
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
  const engine = useReceiptEngine();
  const watermarks = useStoreSelector(
    engine.store,
    (state) => selectWatermarks(state, String(conversationId)),
    shallowEqual,
  );

  // The engine seeds P2P conversations only: a team conversation's id is ignored there.
  useEffect(() => {
    void engine.loadConversation(conversationId);
  }, [engine, conversationId]);

  const { peerReadTime, selfReadTime } = watermarks;
  // Depends on peerReadTime so consumers that memoize on it see a new function when reads change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: peerReadTime is the trigger, read via the store
  const isPeerRead = useCallback(
    (message: ReceiptMessage) => selectIsPeerRead(engine.store.getState(), message),
    [engine, peerReadTime],
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
