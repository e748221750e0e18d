import { listenAll } from './listenAll';
import { scrollCommandOf } from './virtualCorePrivate';

/** Keys whose default action scrolls the list, from the list or a row in it. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

/** A row's own text field, select or editable content keeps these keys for itself. */
const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/**
 * Stops the virtualizer's scroll to the end (the new-messages pill's, or a followed append), or to a
 * message (a jump of the list's handle), as soon as the reader shows they scroll themselves: a wheel,
 * a touch, a press on the scroller itself (its scrollbar) or a scrolling key in it. The reader stays
 * where they scroll, as in other chat apps.
 *
 * Without this the virtualizer kept treating the scroll as its own until it reached the end or gave
 * up after 5 s (a frame of its smooth scroll and a reader's scroll look alike to it): a prepend did
 * not keep the reader's place, and each new end (rows measured, messages appended) sent the list
 * back there. Nor does Chromium stop a smooth `scrollTo` for a wheel or a scrollbar press (their
 * scroll is applied, then the animation goes on), so the element is also scrolled, instantly, to
 * where it is, which ends the animation; a wheel's own scroll is already applied when its event is
 * dispatched. The other events come before the scroll they cause.
 *
 * Listeners are passive, on the scroller only; returns their removal. Does nothing while no scroll
 * command travels (one check per event).
 */
export function stopScrollToEndOnUserScroll(
  element: HTMLElement,
  virtualizer: { cancelScroll: () => void },
): () => void {
  const stop = () => {
    // Any command: a glide to a message went on under a wheel too, to the message.
    if (!scrollCommandOf(virtualizer)) return;
    element.scrollTo({ top: element.scrollTop, left: element.scrollLeft, behavior: 'instant' });
    virtualizer.cancelScroll();
  };
  const onPointerDown = (event: Event) => {
    // On the scroller itself: its scrollbar (or its bare background), not a row's content.
    if (event.target === element) stop();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || !SCROLL_KEYS.has(event.key)) return;
    const target = event.target as Element | null;
    // Space on a row's button presses it; from the scroller itself it pages.
    if (event.key === ' ' && target !== element) return;
    if (target !== element && target?.closest?.(EDITABLE)) return;
    stop();
  };
  const options = { passive: true };
  return listenAll([
    [element, 'wheel', stop, options],
    [element, 'touchstart', stop, options],
    [element, 'touchmove', stop, options],
    [element, 'pointerdown', onPointerDown, options],
    [element, 'keydown', onKeyDown, options],
  ]);
}
