/**
 * The fields of virtual-core's `Virtualizer` that it keeps private and the kit reads, in one place
 * (3.19.11, pinned through react-virtual 3.14.26). Were they renamed, each reader finds them absent
 * and TanStack decides alone.
 */
export interface VirtualCorePrivate {
  /** Where the virtualizer takes the scroll to be (layout coordinates). */
  scrollOffset: number | null;
  /**
   * The scroll command under way, if any: the index it goes to (null for an offset), whether it
   * goes to the end, and for a smooth one its phase and the offset it last aimed at.
   */
  scrollState?: {
    index: number | null;
    toEnd?: boolean;
    phase?: string;
    lastTargetOffset?: number;
  } | null;
  /**
   * What the next update does to keep the view: `anchor` (rows added above moved the offset by
   * `delta`, the element's write pending) or `follow` (an append followed to the end).
   */
  pendingScrollAnchor?: { kind?: string; delta?: number } | null;
  /**
   * TanStack's own batch of row resizes, as its ResizeObserver callback uses it: resizes made
   * inside it only note that something changed (see openRowBatch).
   */
  _resizeBatch?: { sync: boolean; notify?: boolean } | null;
  notify?: (sync: boolean) => void;
  _noteClampMax?: () => void;
  _flushHoldIfReady?: (isAfterResize: boolean) => void;
  _retryClampedAdjustment?: () => void;
  /** Whether the row at an index is measured while a smooth scroll travels. */
  shouldMeasureDuringScroll?: (index: number) => boolean;
}

/** The virtualizer's scroll command under way (null or undefined: none). */
export function scrollCommandOf(virtualizer: object): VirtualCorePrivate['scrollState'] {
  return (virtualizer as VirtualCorePrivate).scrollState;
}

/** Whether the scroll command under way goes to the end (following an append, or `scrollToEnd`). */
export function isScrollingToEnd(virtualizer: object): boolean {
  return (virtualizer as VirtualCorePrivate).scrollState?.toEnd === true;
}
