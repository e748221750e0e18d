import type { VirtualItem } from '@tanstack/react-virtual';

/** A row counts as seen when at least this fraction of its height is inside the viewport. */
export const MIN_VISIBLE_FRACTION = 0.5;

/**
 * Indexes of the rows that are at least half visible in a scroll viewport, computed from the
 * virtualizer's rendered items and the scroll geometry (one calculation for the whole list instead of
 * one IntersectionObserver per row). Rows whose size is still an estimate are skipped: they will be
 * measured and re-checked on the next render.
 */
export function visibleIndexes({
  items,
  scrollTop,
  viewportHeight,
  isMeasured,
}: {
  items: readonly VirtualItem[];
  scrollTop: number;
  viewportHeight: number;
  isMeasured: (item: VirtualItem) => boolean;
}): number[] {
  if (viewportHeight <= 0) return [];
  const viewportEnd = scrollTop + viewportHeight;
  const result: number[] = [];
  for (const item of items) {
    if (item.size <= 0 || !isMeasured(item)) continue;
    const visible = Math.min(item.end, viewportEnd) - Math.max(item.start, scrollTop);
    if (visible >= item.size * MIN_VISIBLE_FRACTION) result.push(item.index);
  }
  return result;
}
