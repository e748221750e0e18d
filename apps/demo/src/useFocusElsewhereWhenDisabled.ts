import { type RefObject, useLayoutEffect } from 'react';

/**
 * A control disabled while it has the focus (Send once its text is sent, what the device going
 * offline disables) loses it at the browser's next rendering update, to `<body>`: the next Tab
 * starts over at the top of the page. Right after the commit that disables it the control still
 * has it, so it is handed on then, to `getTarget(control)` (the composer's box, the bubble around
 * Recall), where the reader can go on from.
 */
export function useFocusElsewhereWhenDisabled(
  ref: RefObject<HTMLElement | null>,
  isDisabled: boolean,
  getTarget: (control: HTMLElement) => HTMLElement | null | undefined,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the change to disabled matters; the ref and target are read then
  useLayoutEffect(() => {
    const control = ref.current;
    if (!isDisabled || !control || control.ownerDocument.activeElement !== control) return;
    getTarget(control)?.focus({ preventScroll: true });
  }, [isDisabled]);
}

/** The bubble a message's action sits in (focusable from script: `tabIndex` -1). */
export function bubbleOf(control: HTMLElement): HTMLElement | null {
  return control.closest<HTMLElement>('.demo-bubble');
}
