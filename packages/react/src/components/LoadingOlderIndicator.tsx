import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { useSettledValue } from './useSettledValue';
import { visuallyHidden } from './visuallyHidden';

/** How long a load must last before it is shown (by the stylesheet) and said. */
const SAY_AFTER_MS = 200;

/**
 * "Loading older messages…" while the app loads older history (`MessageList`'s `isLoadingOlder`):
 * shown over the top of the list, where the reader who asked for it is, so the rows below do not
 * move, and said by a polite region that is always there (a region inserted with its text is not
 * reliably announced). A load that ends within 200 ms is neither seen (the stylesheet fades it in
 * after that) nor said. A language switch during a load says nothing (the region empties): said
 * again, it would sound like another load.
 */
export function LoadingOlderIndicator({ isLoading, lang }: { isLoading: boolean; lang: string }) {
  const text = useReceiptStrings().loadingOlder;
  const said = useSettledValue(isLoading ? text : undefined, SAY_AFTER_MS, isLoading, {
    language: lang,
  });
  return (
    <>
      <div aria-live="polite" lang={lang} style={visuallyHidden}>
        {said}
      </div>
      {isLoading && (
        <div className="readmark-loading-older" lang={lang} aria-hidden="true">
          {text}
        </div>
      )}
    </>
  );
}
