/**
 * Called as React detaches a virtualized list's row (its ref called with null), before it removes
 * the row in the same commit: when the removal takes the focus with it (a control in a row whose
 * member read on the sheet's Unread tab, or whose message was removed), the focus goes to the
 * list's scroller, or, when the scroller goes too (the last unread member read), to its parent if
 * that takes focus: the sheet's tab panel, which says why. It fell to `<body>`: out of a modal
 * sheet, a keyboard or screen-reader user's place lost, the next Tab at the sheet's first control.
 * The sheet's Retry beside a retried load uses it as well, with the panel as the "scroller": when
 * the load it offers to retry succeeds or the connection drops while it has the focus.
 */
export function keepFocusInList(scroller: HTMLElement | null): void {
  const focused = scroller?.ownerDocument.activeElement;
  if (!focused || !scroller?.contains(focused)) return;
  const parent = scroller.parentElement;
  // React removes a commit's elements synchronously: a microtask runs after the removal.
  queueMicrotask(() => {
    if (!focused.isConnected) (scroller.isConnected ? scroller : parent)?.focus();
  });
}
