/**
 * The virtualizer's scroll command under way (null or undefined: none), with the index it goes to
 * (null for an offset). Read from a field virtual-core keeps private (3.19.11, pinned through
 * react-virtual 3.14.26): were it renamed, this answers undefined and the callers fall back to
 * TanStack's own behaviour.
 */
export function scrollCommandOf(virtualizer: object): { index: number | null } | null | undefined {
  return (virtualizer as { scrollState?: { index: number | null } | null }).scrollState;
}
