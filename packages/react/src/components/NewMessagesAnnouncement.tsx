import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { useSettledValue } from './useSettledValue';
import { visuallyHidden } from './visuallyHidden';

/** How long the count of new messages must stay the same before it is said. */
const ANNOUNCE_AFTER_MS = 1_000;

/**
 * Tells screen-reader users that messages arrived below while they read further up: a polite
 * region that says the pill's count once a burst has settled, not once per message (a burst of 20
 * changed the pill 20 times in 120 ms). Its own component, so its timer re-renders only it.
 */
export function NewMessagesAnnouncement({ count, lang }: { count: number; lang: string }) {
  const strings = useReceiptStrings();
  const text = count > 0 ? strings.newMessages(count) : undefined;
  const said = useSettledValue(text, ANNOUNCE_AFTER_MS, text);
  return (
    <div aria-live="polite" lang={lang} style={visuallyHidden}>
      {said}
    </div>
  );
}
