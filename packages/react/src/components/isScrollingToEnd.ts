/**
 * Whether the virtualizer's scroll command under way goes to the end (following an append, or a
 * `scrollToEnd`). Read from a field virtual-core keeps private (3.19.11, pinned through
 * react-virtual 3.14.26), in this one place: were it renamed, this answers false and the callers fall
 * back to TanStack's own behaviour.
 */
export function isScrollingToEnd(virtualizer: object): boolean {
  const { scrollState } = virtualizer as { scrollState?: { toEnd?: boolean } | null };
  return scrollState?.toEnd === true;
}
