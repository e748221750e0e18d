import type { RefObject } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';

/**
 * Gives the rows of a `MessageList` the language of the page around the list. The list's frame
 * declares the kit's language (`lang`), so its name, pill and announcement are read in the kit's
 * voice; the rows inside it are the app's messages, which would inherit that language and be read
 * in a Chinese voice on an English page. The rows' container takes back the `lang` of the nearest
 * ancestor outside the list that has one (or "unknown", `lang=""`, as a page without any is), kept
 * current when the app changes a `lang` later (an i18n library setting `<html lang>` after the first
 * render). Written to the DOM, not rendered: the server cannot know it, and a re-render of the list
 * for it would cost every row a check. A tick or badge in a row declares the kit's language itself.
 * @param scrollRef The list's scroller, whose first child holds the rows and whose parent is the frame.
 */
export function useRowsInSurroundingLanguage(scrollRef: RefObject<HTMLElement | null>): void {
  // The kit's own language does not matter here, so a new locale does not run it again.
  useClientLayoutEffect(() => {
    const rows = scrollRef.current?.firstElementChild;
    const around = scrollRef.current?.parentElement?.parentElement;
    if (!rows || !around) return;
    const update = () => {
      let value = '';
      // Past a shadow root to its host, as the browser's inheritance goes (an app in a shadow root
      // takes its host's language). Each root on the way is watched: a document's observer hears
      // nothing inside a shadow root.
      for (let node: Element | undefined = around; node; ) {
        const root = node.getRootNode();
        observer.observe(root, { attributeFilter: ['lang'], subtree: true });
        const declared = node.closest('[lang]');
        if (declared) {
          value = declared.getAttribute('lang')!;
          break;
        }
        node = (root as Partial<ShadowRoot>).host;
      }
      // Only on a change: the write is itself a mutation the observer reports.
      if (rows.getAttribute('lang') !== value) rows.setAttribute('lang', value);
    };
    const observer = new MutationObserver(update);
    update();
    return () => observer.disconnect();
  }, [scrollRef]);
}
