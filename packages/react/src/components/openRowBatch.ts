import type { VirtualCorePrivate } from './virtualCorePrivate';

/**
 * Rows measured as their refs attach in one commit (a mount: every row on screen) are resized
 * together. One by one, each resize wrote the rows' positions and then read the scroller's height,
 * so every next row's measurement laid the page out again: two layouts per row, half of a long
 * chat's mount (bench metric 4). Returns the function that closes the batch (notifying once if a
 * size changed), or undefined when a batch is already open or cannot be opened (TanStack's batch is
 * private: were it renamed, rows are measured one by one).
 */
export function openRowBatch(virtualizer: object): (() => void) | undefined {
  const batching = virtualizer as VirtualCorePrivate;
  if (batching._resizeBatch !== null || typeof batching._noteClampMax !== 'function') return;
  const batch: { sync: boolean; notify?: boolean } = { sync: false };
  batching._resizeBatch = batch;
  return () => {
    if (batching._resizeBatch !== batch) return;
    batching._resizeBatch = null;
    if (!batch.notify) return;
    // What TanStack's ResizeObserver callback does after its batch.
    batching.notify?.(batch.sync);
    batching._noteClampMax?.();
    batching._flushHoldIfReady?.(true);
    batching._retryClampedAdjustment?.();
  };
}
