import type { VirtualItem, Virtualizer } from '@tanstack/react-virtual';

/**
 * The lists' `shouldAdjustScrollPositionOnItemSizeChange`: whether a row whose height changed
 * moves the scroll position by the change, so that what the reader sees stays where it is. TanStack's
 * own rule, except that a row entirely above the view always does: TanStack skips it while the last
 * scroll went up (for about 150 ms after it), and an image loading in such a row just after the
 * reader scrolled up pushed everything they were reading down by its height.
 */
export function isEntirelyAboveView<TScroll extends Element, TItem extends Element>(
  item: VirtualItem,
  _delta: number,
  virtualizer: Virtualizer<TScroll, TItem>,
): boolean {
  const offset = virtualizer.scrollOffset ?? 0;
  const measured = virtualizer.itemSizeCache.get(item.key);
  // First measurement: the whole estimate was above a row that starts above the view (TanStack's
  // rule). Again: only a row that ends above it, since one across the top edge grows below it.
  return measured === undefined ? item.start < offset : item.start + measured <= offset;
}
