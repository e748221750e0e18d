import type { KeyboardEvent } from 'react';

/**
 * Home and End pressed on a virtualized scroller itself (not on a control in one of its rows) go to
 * its first or last row at once, by index. The browser's own Home and End scrolls are animated and
 * ended short whenever a row measured on the way moved the scroll position: End in the member list,
 * Home in the message list (rows measured above the view move it by their change). With Ctrl (or
 * Shift) they do the same; with Alt or Meta they are left to the browser and the system, and a key
 * handled already (Control+End, which leaves the message list) is left alone.
 */
export function scrollToEdgeOnKey(
  event: KeyboardEvent<HTMLElement>,
  virtualizer: { options: { count: number }; scrollToIndex(index: number): void },
): void {
  const edge = event.key === 'End' ? virtualizer.options.count - 1 : event.key === 'Home' ? 0 : -1;
  if (
    edge < 0 ||
    event.target !== event.currentTarget ||
    event.altKey ||
    event.metaKey ||
    event.defaultPrevented
  )
    return;
  event.preventDefault();
  // Aligned 'auto': the first row to the top, the last to the bottom.
  virtualizer.scrollToIndex(edge);
}
