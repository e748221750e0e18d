/**
 * A row counts as seen when at least this fraction of its height is inside the viewport; a row taller
 * than the viewport, when it covers this fraction of the viewport.
 */
export const MIN_VISIBLE_FRACTION = 0.5;

/** A vertical extent; a row's and the viewport's in the same coordinates (e.g. client rects). */
export interface Box {
  top: number;
  height: number;
}

/**
 * Whether at least half of `row` is inside `viewport`, or, for a row taller than the viewport, whether
 * it fills at least half of it: half of a long pasted log never fits, and such a message stayed unread
 * for good (a team message is acknowledged on its own, so no later one covers it). MessageList asks it
 * for the virtualizer's rendered rows with their real boxes (one calculation per row on screen instead
 * of one IntersectionObserver per row). A row without height never counts, nor does anything in a
 * viewport without height.
 */
export function isMostlyVisible(row: Box, viewport: Box): boolean {
  if (row.height <= 0 || viewport.height <= 0) return false;
  const visible =
    Math.min(row.top + row.height, viewport.top + viewport.height) -
    Math.max(row.top, viewport.top);
  return visible >= Math.min(row.height, viewport.height) * MIN_VISIBLE_FRACTION;
}
