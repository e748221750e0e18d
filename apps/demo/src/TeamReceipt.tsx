import { type ReceiptState, selectMessageStatus } from '@readmark/core';
import { ReadTick, UnreadBadge, useReceiptEngine, useStoreSelector } from '@readmark/react';
import { useCallback } from 'react';
import type { DemoMessage } from './createMessageStore';

/**
 * The receipt indicator of an own team message: the kit's tick while it is sending or if the send
 * failed (the badge has no counts then and shows nothing), the badge once the server has it. An
 * unflagged message has neither; a refused one is marked by the bubble's "Not sent" note
 * (`SendFailedNote`), as every failed message is.
 */
export function TeamReceipt(props: { message: DemoMessage; onOpen: () => void }) {
  const { message, onOpen } = props;
  const engine = useReceiptEngine();
  // The status alone: counts moving re-render the badge, not this switch between tick and badge.
  const status = useStoreSelector(
    engine.store,
    useCallback((state: ReceiptState) => selectMessageStatus(state, message), [message]),
  );
  if (status === 'sending' || status === 'failed') return <ReadTick message={message} />;
  if (status !== undefined) return <UnreadBadge message={message} onOpen={onOpen} />;
  return null;
}
