/**
 * Support for the list browser tests (named `.test.tsx` so the library build skips it; it holds no
 * tests itself): where rows and the scroller are.
 */

/** Where the row of `key` is, relative to the scroller's viewport (undefined: not rendered). */
export function placeOf(scroller: HTMLElement, key: string) {
  const row = scroller.querySelector(`[data-testid="${key}"]`);
  if (!row) return undefined;
  const view = scroller.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  return { top: box.top - view.top, bottom: box.bottom - view.top, height: box.height };
}

/** How far the scroller is from its end, in px. */
export const distanceFromEnd = (scroller: HTMLElement) =>
  scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
