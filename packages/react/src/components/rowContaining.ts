/**
 * The row of a virtualized list (a direct child of `container`) that holds `element`, or null. A
 * shadow host in a row counts as in it: events from inside a shadow root are retargeted to it.
 */
export function rowContaining(
  element: Element | null,
  container: HTMLElement | null,
): HTMLElement | null {
  let row = element;
  while (row && row.parentElement !== container) row = row.parentElement;
  return row as HTMLElement | null;
}
