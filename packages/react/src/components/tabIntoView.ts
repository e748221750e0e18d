import type { KeyboardEvent } from 'react';

/**
 * Tab pressed on a virtualized scroller itself goes to the first control of its rows that is in
 * view. The browser would pick the first in the document, in a row rendered above the view (the
 * overscan): a keyboard user at the newest messages was thrown a dozen messages up. Left to the
 * browser when no control is in view.
 */
export function tabIntoView(event: KeyboardEvent<HTMLElement>): void {
  const scroller = event.currentTarget;
  if (event.key !== 'Tab' || event.shiftKey || event.target !== scroller) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (focusControlInView(scroller)) event.preventDefault();
}

/**
 * Focuses the first control of `scroller`'s rows that is in its view, or with `isLast` the last one
 * without scrolling, and returns whether one took the focus. The view leaves out the scroller's
 * `scroll-padding` (the new-messages pill's room): a control under the pill is not in view.
 */
export function focusControlInView(scroller: HTMLElement, isLast?: boolean): boolean {
  const view = scroller.getBoundingClientRect();
  const style = getComputedStyle(scroller);
  const top = view.top + (parseFloat(style.scrollPaddingTop) || 0);
  const bottom = view.bottom - (parseFloat(style.scrollPaddingBottom) || 0);
  // The rendered rows only: a few dozen, of a few elements each. `tabIndex` is 0 or more on what
  // Tab stops at (buttons, links, fields, `tabindex="0"`), -1 on the rest.
  const elements = [...scroller.querySelectorAll<HTMLElement>('*')];
  if (isLast) elements.reverse();
  for (const element of elements) {
    if (element.tabIndex < 0 || (element as { disabled?: boolean }).disabled) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.bottom > top && box.top < bottom) {
      // Backward, the list has been put back where the reader left it: it must not move again.
      // Forward, a control partly out of view is brought in.
      element.focus({ preventScroll: isLast });
      // Some report 0 yet take no focus (a link without href): then the next one in view.
      if (element.ownerDocument.activeElement === element) return true;
    }
  }
  return false;
}
