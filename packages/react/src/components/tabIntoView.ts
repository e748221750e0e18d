import { type FocusEvent, type KeyboardEvent, type UIEvent, useRef } from 'react';

/**
 * Tab pressed on a virtualized scroller itself goes to the first control of its rows that is in
 * view. The browser would pick the first in the document, in a row rendered above the view (the
 * overscan): a keyboard user at the newest messages was thrown a dozen messages up. Left to the
 * browser when that first control is in view, or when no control is.
 */
export function tabIntoView(event: KeyboardEvent<HTMLElement>): void {
  const scroller = event.currentTarget;
  if (event.key !== 'Tab' || event.shiftKey || event.target !== scroller) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const controls = controlsOf(scroller);
  const first = controls.findIndex((control) => isInView(control, scroller));
  // Some report a tabIndex yet take no focus (a link without href): then the next one in view.
  for (let index = first; index > 0 && index < controls.length; index++) {
    const control = controls[index]!;
    if (!isInView(control, scroller)) return;
    control.focus();
    if (control.ownerDocument.activeElement === control) {
      event.preventDefault();
      return;
    }
  }
}

/**
 * The scroller's `onScroll` and `onFocus` for `shiftTabIntoView`: the position kept at each scroll
 * event is still the one from before a focus's own scroll when that focus arrives (the browser
 * fires scroll events at the next frame).
 */
export function useShiftTabIntoView() {
  const scrollTop = useRef(0);
  return {
    onScroll: (event: UIEvent<HTMLElement>) => {
      scrollTop.current = event.currentTarget.scrollTop;
    },
    onFocus: (event: FocusEvent<HTMLElement>) => shiftTabIntoView(event, scrollTop.current),
  };
}

/**
 * Shift+Tab from after a virtualized scroller (the new-messages pill, the app's composer) lands on
 * the last control of its rows, in a row rendered below the view when the reader has scrolled up,
 * and the browser scrolls the list down to it. Called as focus enters the scroller: when it came
 * from after it to that last control, the scroll goes back to `scrollTop` (where it was before the
 * focus moved) and focus to the last control wholly in view, or to the scroller itself when none is
 * (the stop Shift+Tab makes next).
 */
function shiftTabIntoView(event: FocusEvent<HTMLElement>, scrollTop: number): void {
  const scroller = event.currentTarget;
  const from = event.relatedTarget;
  if (event.target === scroller || !from || scroller.contains(from)) return;
  if (!(scroller.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
  const controls = controlsOf(scroller);
  if (controls.at(-1) !== event.target || scroller.scrollTop === scrollTop) return;
  scroller.scrollTop = scrollTop;
  // Wholly in view and clear of the pill (the scroller's bottom scroll padding while it shows), so
  // focusing it scrolls nothing.
  const view = scroller.getBoundingClientRect();
  const bottom =
    view.bottom - (Number.parseFloat(getComputedStyle(scroller).scrollPaddingBottom) || 0);
  const inView = controls.filter((control) => {
    const box = control.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= bottom;
  });
  (inView.at(-1) ?? scroller).focus();
}

/**
 * What Tab stops at in the rendered rows (a few dozen, of a few elements each): `tabIndex` 0 or
 * more, enabled, laid out.
 */
function controlsOf(scroller: HTMLElement): HTMLElement[] {
  return [...scroller.querySelectorAll<HTMLElement>('*')].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !(element as { disabled?: boolean }).disabled &&
      element.getClientRects().length > 0,
  );
}

function isInView(element: Element, scroller: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  return box.bottom > view.top && box.top < view.bottom;
}
