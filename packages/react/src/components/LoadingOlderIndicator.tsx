import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { visuallyHidden } from './visuallyHidden';

/**
 * "Loading older messages…" while the app loads older history (`MessageList`'s `isLoadingOlder`):
 * shown over the top of the list, where the reader who asked for it is, so the rows below do not
 * move, and said once by a polite region that is always there (a region inserted with its text is
 * not reliably announced).
 */
export function LoadingOlderIndicator({ isLoading, lang }: { isLoading: boolean; lang: string }) {
  const text = useReceiptStrings().loadingOlder;
  return (
    <>
      <div aria-live="polite" lang={lang} style={visuallyHidden}>
        {isLoading && text}
      </div>
      {isLoading && (
        <div className="readmark-loading-older" lang={lang} aria-hidden="true">
          {text}
        </div>
      )}
    </>
  );
}
