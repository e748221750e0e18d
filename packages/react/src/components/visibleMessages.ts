/** A row counts as seen when at least this fraction of its height is inside the viewport. */
export const MIN_VISIBLE_FRACTION = 0.5;

/** Where a rendered row is, in the same coordinates as the viewport (e.g. client rects). */
export interface RowBox {
  index: number;
  top: number;
  height: number;
}

/**
 * Indexes of the rows at least half inside the viewport. MessageList feeds it the virtualizer's
 * rendered items with their real boxes (one calculation for the whole list instead of one
 * IntersectionObserver per row); rows without height are skipped.
 */
export function visibleIndexes({
  rows,
  viewportTop,
  viewportHeight,
}: {
  rows: readonly RowBox[];
  viewportTop: number;
  viewportHeight: number;
}): number[] {
  if (viewportHeight <= 0) return [];
  const viewportEnd = viewportTop + viewportHeight;
  const result: number[] = [];
  for (const row of rows) {
    if (row.height <= 0) continue;
    const visible = Math.min(row.top + row.height, viewportEnd) - Math.max(row.top, viewportTop);
    if (visible >= row.height * MIN_VISIBLE_FRACTION) result.push(row.index);
  }
  return result;
}
