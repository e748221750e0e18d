import type { MouseEvent } from 'react';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';

/** The "3 new messages" button shown while the list is scrolled up and messages arrived below. */
export function NewMessagesPill({
  count,
  onClick,
}: {
  count: number;
  /** Also called for Enter and Space (a native button's click). */
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
}) {
  const strings = useReceiptStrings();
  return (
    <button type="button" className="readmark-new-messages" onClick={onClick}>
      <span aria-hidden="true">↓ </span>
      {strings.newMessages(count)}
    </button>
  );
}
