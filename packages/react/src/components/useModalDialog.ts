import { type RefObject, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { listenAll } from './listenAll';
import { isTabStop } from './tabIntoView';

/**
 * Shows a native `<dialog>` as a modal for as long as its component is mounted: the sheet mounts
 * it when it opens and unmounts it when it closes, so a closed sheet leaves no element behind.
 *
 * `showModal()` gives the real modal behaviour for free (inert background, top layer), and Tab and
 * Shift+Tab go round its controls, never out of it (`keepTabInside`).
 * Esc is turned into `onClose()` so the parent stays the source of truth, and focus goes back to the
 * element that was focused when the dialog opened (normally the badge) as the dialog unmounts.
 * If that element has left the document meanwhile (a virtualized list unmounted the badge's row), focus
 * goes to its nearest ancestor, as it was when the dialog opened, that is still in the document and
 * takes focus (e.g. the message list's scroller), not to `<body>`: the keyboard user goes on from
 * where they were. That holds too when the element leaves in the very commit that unmounts the
 * dialog (a row holding both the badge and the sheet). Only when none is left does focus stay where
 * the browser puts it. An open dialog that stops being drawn (an ancestor given `display: none` by
 * the app) stays open but not modal until it is drawn again, since a modal nobody sees left the page
 * inert.
 */
export function useModalDialog(onClose: () => void): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const returnFocusRef = useRef<readonly HTMLElement[]>([]);
  const onCloseRef = useRef(onClose);
  useClientLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  // A layout effect, so that focus goes back in the commit that closes (unmounts) the sheet.
  useClientLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // Shown again on the same opening keeps its opener (see the cleanup below).
    if (returnFocusRef.current.length === 0) {
      returnFocusRef.current = focusReturnTargets(dialog.ownerDocument.activeElement);
    }
    showModal(dialog);
    const handleCancel = (event: Event) => {
      // Keep the dialog controlled: ask the parent to close instead of closing behind its back.
      event.preventDefault();
      onCloseRef.current();
    };
    const handleClose = () => {
      // `close` is dispatched later as a task: a dialog shown again meanwhile (StrictMode remounts
      // effects: cleanup closes it, the next mount reopens it) has not closed at all.
      if (dialog.open) return;
      isHiddenOpen = false;
      restoreFocus(returnFocusRef);
      // The browser may close without a cancelable `cancel` (e.g. repeated Esc without user
      // activation); tell the parent so `isOpen` does not stay stale.
      onCloseRef.current();
    };
    const stopListening = listenAll([
      [dialog, 'cancel', handleCancel],
      [dialog, 'close', handleClose],
      // On the document, after the bubbling phase's own handlers (React's, the app's rows'): a Tab
      // one of them took (`preventDefault`) is theirs.
      [dialog.ownerDocument, 'keydown', (event: KeyboardEvent) => keepTabInside(dialog, event)],
    ]);
    // An open modal the app hides (`display: none` on a part of its page, another tab of its own)
    // is not drawn, yet it kept the rest of the page inert: a page that looked normal and took no
    // click. Its box goes and comes back, which a resize observer sees: while hidden it is open
    // without being modal, and shown again it is modal again, as in a hidden `<Activity>`.
    let isHiddenOpen = false;
    const hiddenObserver =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            if (!dialog.open || isHiddenOpen !== dialog.getClientRects().length > 0) return;
            // Its `close` event finds it open again, and is ignored.
            dialog.close();
            isHiddenOpen = !isHiddenOpen;
            if (isHiddenOpen) dialog.show();
            else dialog.showModal();
          })
        : undefined;
    hiddenObserver?.observe(dialog);
    return () => {
      stopListening();
      hiddenObserver?.disconnect();
      if (dialog.open) {
        const opener = returnFocusRef.current;
        close(dialog);
        restoreFocus(returnFocusRef);
        // Torn down with the sheet kept (a hidden `<Activity>`, StrictMode), the effects run again on
        // the same opening and show it again: closed then, focus still goes back to its opener, which
        // hidden could not take it now.
        returnFocusRef.current = opener;
      }
    };
  }, []);

  return dialogRef;
}

/**
 * Tab from the dialog's last stop goes to its first, and Shift+Tab from its first (or from the
 * dialog itself) to its last: the focus stays in the modal. Chromium took it out of the page to the
 * browser's own controls (its address bar), or to `<body>`, and only the next Tab brought it back.
 * A stop in a virtualized list is found among its rendered rows; the list itself then puts a
 * Shift+Tab that lands in it on the last control in view (`useShiftTabIntoView`).
 */
function keepTabInside(dialog: HTMLDialogElement, event: KeyboardEvent) {
  const { key, shiftKey } = event;
  if (key !== 'Tab' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  // The element with the focus, also inside a shadow root; nothing to do for a key outside.
  const path = event.composedPath();
  const focused = path[0] as Node;
  if (!path.includes(dialog)) return;
  // Only drawn stops count; without layout (jsdom) nothing is drawn, and the browser's move stands.
  const stops = [...dialog.querySelectorAll<HTMLElement>('*')].filter(
    (element) => isTabStop(element) && element.getClientRects().length > 0,
  );
  // With a stop after the focus in Tab's direction (inside it counts as after), the browser's move
  // stands: DOCUMENT_POSITION_PRECEDING (2), DOCUMENT_POSITION_FOLLOWING (4).
  const direction = shiftKey ? 2 : 4;
  if (stops.some((stop) => focused.compareDocumentPosition(stop) & direction)) return;
  // Round to the first stop, or back to the last (a member list then takes it to its last control
  // in view, where the reader left it: `useShiftTabIntoView`). A stop that takes no focus (a link
  // without `href` reports a `tabIndex` of 0) is passed by, as Tab passes it; one whose focus a
  // list hands on (to its last control in view) has taken it.
  const document = dialog.ownerDocument;
  const before = document.activeElement;
  for (const stop of shiftKey ? stops.reverse() : stops) {
    stop.focus();
    if (document.activeElement !== before) {
      event.preventDefault();
      return;
    }
  }
}

/*
 * jsdom (where most apps' component tests run) has `<dialog>` and its `open` attribute but neither
 * `showModal()` nor `close()`: there the sheet opens as a plain open dialog, and closes (its focus
 * going back as in a browser) by leaving the document, instead of throwing.
 */
function showModal(dialog: HTMLDialogElement) {
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.open = true;
}

function close(dialog: HTMLDialogElement) {
  if (typeof dialog.close === 'function') dialog.close();
  else dialog.open = false;
}

/**
 * Where focus may go back to, best first: the element focused when the dialog opens, then its
 * ancestors below `<body>`. The chain is taken now because an element that leaves the document
 * later no longer knows where it was.
 */
function focusReturnTargets(active: Element | null): HTMLElement[] {
  const targets: HTMLElement[] = [];
  const body = active?.ownerDocument.body;
  if (!active || active === body) return targets;
  for (let element: Element | null = active; element && element !== body; ) {
    if ('focus' in element) targets.push(element as HTMLElement);
    element = element.parentElement;
  }
  return targets;
}

/**
 * Focuses the first target still in the document that takes focus, and checks again once the
 * current commit is over: when a whole row unmounts with the badge and the open sheet in it (a
 * virtualized list dropping the row), this runs in the sheet's cleanup while the badge is still in
 * the document, and React removes the row right after, which drops focus to `<body>`. The check then
 * goes on to the nearest ancestor still there, unless something else has taken focus meanwhile.
 */
function restoreFocus(returnFocusRef: { current: readonly HTMLElement[] }) {
  const targets = returnFocusRef.current;
  returnFocusRef.current = [];
  const focused = focusFirstConnected(targets);
  if (!focused) return;
  // The browser gives a closing dialog's focus back without scrolling, so the badge could be far
  // off screen (the page swiped under the sheet, a list that followed new messages meanwhile): the
  // keyboard user's next key went to something they could not see (WCAG 2.4.11).
  focused.scrollIntoView?.({ block: 'nearest' });
  // React removes the DOM nodes of a commit synchronously, so a microtask runs after the removal.
  queueMicrotask(() => {
    if (!focused.isConnected && hasLostFocus(focused.ownerDocument)) focusFirstConnected(targets);
  });
}

/**
 * Focuses the first of `targets` in the document that takes focus, and returns it. An ancestor that
 * cannot take focus (no tabindex, disabled, hidden, inert) ignores `focus()`, so each one is tried
 * in turn.
 */
function focusFirstConnected(targets: readonly HTMLElement[]): HTMLElement | undefined {
  for (const target of targets) {
    if (!target.isConnected) continue;
    target.focus();
    if (target.ownerDocument.activeElement === target) return target;
  }
  return undefined;
}

/** Whether focus has fallen out of every element (browsers then report `<body>`, or nothing). */
function hasLostFocus(document: Document): boolean {
  const active = document.activeElement;
  return !active || active === document.body;
}
