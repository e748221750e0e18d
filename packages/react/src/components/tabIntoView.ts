import type { KeyboardEvent } from 'react';

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
  const view = scroller.getBoundingClientRect();
  let isFirst = true;
  // The rendered rows only: a few dozen, of a few elements each. `tabIndex` is 0 or more on what
  // Tab stops at (buttons, links, fields, `tabindex="0"`), -1 on the rest.
  for (const element of scroller.querySelectorAll<HTMLElement>('*')) {
    if (element.tabIndex < 0 || (element as { disabled?: boolean }).disabled) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.bottom > view.top && box.top < view.bottom) {
      if (isFirst) return;
      // Some report 0 yet take no focus (a link without href): then the next one in view.
      element.focus();
      if (element.ownerDocument.activeElement !== element) continue;
      event.preventDefault();
      return;
    }
    isFirst = false;
  }
}
