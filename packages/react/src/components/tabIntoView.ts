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
  // The rendered rows only: a few dozen, of a few elements each.
  return focusFirst(scroller, isLast, (element) => {
    const box = element.getBoundingClientRect();
    return (box.width > 0 || box.height > 0) && box.bottom > top && box.top < bottom;
  });
}

/**
 * Focuses the first element in `root` (with `isLast` the last one, without scrolling) that Tab
 * stops at and `isWanted` takes, and returns whether one took the focus. Backward, a list has been
 * put back where the reader left it: it must not move again; forward, a control partly out of view
 * is brought in.
 */
export function focusFirst(
  root: ParentNode,
  isLast: boolean | undefined,
  isWanted: (element: HTMLElement) => boolean,
): boolean {
  const elements = [...root.querySelectorAll<HTMLElement>('*')];
  if (isLast) elements.reverse();
  for (const element of elements) {
    if (!isTabStop(element) || !isWanted(element)) continue;
    element.focus({ preventScroll: isLast });
    // Some report 0 yet take no focus (a link without href, something inert or hidden): then the
    // next one.
    if (element.ownerDocument.activeElement === element) return true;
  }
  return false;
}

/**
 * True for what Tab stops at: a `tabIndex` of 0 or more (buttons, links, fields, `tabindex="0"`;
 * -1 on the rest), not disabled. Some report 0 yet take no focus (see {@link focusFirst}).
 */
export function isTabStop(element: HTMLElement): boolean {
  return element.tabIndex >= 0 && !(element as { disabled?: boolean }).disabled;
}
