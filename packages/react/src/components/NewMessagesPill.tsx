import type { MouseEvent } from 'react';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';

/** The "3 new messages" button shown while the list is scrolled up and messages arrived below. */
export function NewMessagesPill({
  count,
  lang,
  onClick,
}: {
  count: number;
  /** The kit's language (the pill sits in the list, among the app's messages). */
  lang: string;
  /** Also called for Enter and Space (a native button's click). */
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
}) {
  const strings = useReceiptStrings();
  return (
    <button type="button" className="readmark-new-messages" lang={lang} onClick={onClick}>
      <span aria-hidden="true">↓ </span>
      {strings.newMessages(count)}
    </button>
  );
}
