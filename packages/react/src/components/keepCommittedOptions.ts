import type { Virtualizer, VirtualizerOptions } from '@tanstack/react-virtual';
import type { VirtualCorePrivate } from './virtualCorePrivate';

/** What {@link keepCommittedOptions} gives the virtualizer's owner and its rows component. */
export interface CommittedOptions<TScroll extends Element, TItem extends Element> {
  /** Sets the options a render works with: the owner's own, or those a rows component got as props. */
  render: (options: VirtualizerOptions<TScroll, TItem>) => void;
  /** In the owner's commit, before refs and layout effects: these options are now on screen. */
  commit: (options: VirtualizerOptions<TScroll, TItem>) => void;
}

/**
 * Where `setOptions` leaves the scroll besides the options: older history prepended moves the offset
 * to the rows the reader was on and leaves a write to the element pending, against which the next
 * scroll event is read.
 */
type ScrollState = Pick<VirtualCorePrivate, 'scrollOffset' | 'pendingScrollAnchor'>;

/**
 * Keeps a virtualizer, outside React's renders, at the options of the last commit. Its owner sets
 * its options while rendering (the rows are read from them), but a render need not be committed: a
 * transition or a deferred value yields to the browser halfway, a suspending component holds it
 * back, a newer render throws it away. Meanwhile the page goes on with the rows of the last commit:
 * scrolls re-render the rows alone, ResizeObservers measure rows, the read marking looks at what is
 * shown. Read with the pending render's options (older history prepended in a transition: more
 * messages, other indexes, an offset moved to where the rows will be), the list went blank and threw
 * the reader to its newest messages. So a render that leaves its task without a commit has the
 * committed options set again as the task ends (a microtask, before the browser's next event), with
 * the scroll state from before that render: setting them back computes a scroll anchor of its own,
 * for a move the element never made. React, resuming the render, sets its options again.
 *
 * Only the options and the scroll state are put back: a commit of another part of the page in the
 * same task (a Suspense fallback hiding the list) may have changed the rest of the virtualizer.
 */
export function keepCommittedOptions<TScroll extends Element, TItem extends Element>(
  virtualizer: Virtualizer<TScroll, TItem>,
  afterSet: () => void,
): CommittedOptions<TScroll, TItem> {
  type Options = VirtualizerOptions<TScroll, TItem>;
  const state = virtualizer as unknown as ScrollState;
  let setFrom: Options | undefined;
  let committed: Options | undefined;
  /** The scroll state the committed options left, kept while a render's options are set. */
  let before: ScrollState | undefined;
  let isRestoreQueued = false;
  const set = (options: Options) => {
    if (setFrom === options) return;
    setFrom = options;
    virtualizer.setOptions(options);
    afterSet();
  };
  const restore = () => {
    isRestoreQueued = false;
    if (!before || !committed) return;
    set(committed);
    Object.assign(state, before);
    before = undefined;
  };
  return {
    render: (options) => {
      // The rows alone, rendered for the last commit (a scroll), while another render is pending.
      if (options === committed) return restore();
      // Nothing to go back to before the first commit (nor on a server, which never commits).
      if (committed && setFrom === committed) {
        const { scrollOffset, pendingScrollAnchor } = state;
        before = { scrollOffset, pendingScrollAnchor };
      }
      set(options);
      if (!before || isRestoreQueued) return;
      isRestoreQueued = true;
      queueMicrotask(restore);
    },
    commit: (options) => {
      committed = options;
      before = undefined;
      set(options);
    },
  };
}
