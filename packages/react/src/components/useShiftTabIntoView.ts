import { type RefObject, useEffect } from 'react';
import { listenAll } from './listenAll';
import { focusControlInView } from './tabIntoView';

/**
 * Shift+Tab into a virtualized scroller from after it (an app's composer, the new-messages pill)
 * goes to the last control of its rows in view, or to the scroller itself when none is, and the
 * list stays where the reader left it. The browser picked the last control rendered, in a row below
 * the view (the overscan), and scrolled down to it before any focus event. Only the focus move of
 * such a keypress is redirected: the app's own `focus()` calls (a "jump to message") and clicks
 * are not. `isShown`: whether the scroller is rendered, for one that comes and goes.
 */
export function useShiftTabIntoView(
  scrollRef: RefObject<HTMLElement | null>,
  isShown = true,
): void {
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!isShown || !scroller) return;
    /** Where the list was as a Shift+Tab from outside it was pressed, until its task is over. */
    let scrollTop: number | undefined;
    return listenAll([
      [
        scroller.ownerDocument,
        'keydown',
        (event: KeyboardEvent) => {
          if (event.key !== 'Tab' || !event.shiftKey || scroller.contains(event.target as Node)) {
            return;
          }
          scrollTop = scroller.scrollTop;
          // The browser moves the focus in the keypress's own task, if at all.
          setTimeout(() => {
            scrollTop = undefined;
          });
        },
        // Seen even when the app's field stops the keypress from reaching the document.
        { capture: true },
      ],
      [
        scroller,
        'focusin',
        () => {
          if (scrollTop === undefined) return;
          // Put back before looking for what is in view: Chromium has already scrolled to its pick.
          scroller.scrollTop = scrollTop;
          // Cleared first: the focus moved below comes back here.
          scrollTop = undefined;
          if (!focusControlInView(scroller, true)) scroller.focus({ preventScroll: true });
        },
      ],
    ]);
  }, [scrollRef, isShown]);
}
