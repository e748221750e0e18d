/**
 * A row counts as seen when at least this fraction of its height is inside the viewport; a row taller
 * than the list, when it covers this fraction of the list.
 */
export const MIN_VISIBLE_FRACTION = 0.5;

/** A vertical extent; a row's and the viewport's in the same coordinates (e.g. client rects). */
export interface Box {
  top: number;
  height: number;
}

/**
 * Whether at least half of `row` is inside `viewport`, or, for a row taller than the list, whether it
 * fills at least half of the list: half of a long pasted log never fits, and such a message stayed
 * unread for good (a team message is acknowledged on its own, so no later one covers it).
 * `viewport` is the part of the list inside the window; `listHeight` the list's whole height, so a
 * list peeking in by a sliver marks nothing (against the sliver, any row would be "taller"). MessageList
 * asks it for the virtualizer's rendered rows with their real boxes (one calculation per row on
 * screen instead of one IntersectionObserver per row). A row without height never counts, nor does
 * anything in a viewport without height.
 */
export function isMostlyVisible(row: Box, viewport: Box, listHeight: number): boolean {
  if (row.height <= 0 || viewport.height <= 0) return false;
  const visible =
    Math.min(row.top + row.height, viewport.top + viewport.height) -
    Math.max(row.top, viewport.top);
  return visible >= Math.min(row.height, listHeight) * MIN_VISIBLE_FRACTION;
}
