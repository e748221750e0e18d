import type { MessageListScrollBehavior } from './MessageListHandle';
import type { RowVirtualizer } from './useRowVirtualizer';

/** How many screens a glide covers at most; from further away the list jumps that near first. */
const GLIDE_SCREENS = 2;

/**
 * Whether scrolls should glide: not when the reader asks the system for reduced motion, nor where
 * that cannot be asked.
 */
export function isGliding(
  element: HTMLElement,
  behavior: MessageListScrollBehavior | undefined,
): boolean {
  const view = element.ownerDocument.defaultView;
  return (
    behavior !== 'auto' && !(view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true)
  );
}

/**
 * Jumps to within `GLIDE_SCREENS` of `target` (an offset) before a glide there: from far away a
 * smooth scroll crawled, every row it passed was measured on the way, each measurement moved the
 * target, and the virtualizer set off again (about 1,000 px/s; after its 5 s limit it stopped
 * thousands of pixels short). Chat apps jump, then glide the rest.
 */
export function jumpNear(
  element: HTMLElement,
  virtualizer: RowVirtualizer<HTMLElement, HTMLElement>,
  target: number,
): void {
  const reach = element.clientHeight * GLIDE_SCREENS;
  const from = element.scrollTop;
  if (Math.abs(from - target) > reach) {
    virtualizer.scrollToOffset(from < target ? target - reach : target + reach);
  }
}

/**
 * Scrolls to the newest message: gliding (jumping near first) unless `behavior` is 'auto' or the
 * reader prefers reduced motion. The new-messages pill's scroll, and the handle's `scrollToEnd`.
 */
export function scrollListToEnd(
  element: HTMLElement | null,
  virtualizer: RowVirtualizer<HTMLElement, HTMLElement>,
  behavior?: MessageListScrollBehavior,
): void {
  if (element && isGliding(element, behavior)) {
    jumpNear(element, virtualizer, element.scrollHeight - element.clientHeight);
    virtualizer.scrollToEnd({ behavior: 'smooth' });
  } else {
    virtualizer.scrollToEnd({ behavior: 'auto' });
  }
}
