import { type RefObject, useLayoutEffect } from 'react';

/**
 * A button that leaves with its message (Recall, Retry): if it had focus as it left, hand it to the
 * message list it sat in (the kit's scroller, which is focusable) rather than dropping keyboard users
 * on `<body>`.
 */
export function useFocusListWhenRemoved(ref: RefObject<HTMLElement | null>): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the element of the first commit is the one that leaves
  useLayoutEffect(() => {
    const button = ref.current;
    const list = button?.closest<HTMLElement>('.readmark-message-scroller');
    return () => {
      if (button && document.activeElement === button) list?.focus({ preventScroll: true });
    };
  }, []);
}
