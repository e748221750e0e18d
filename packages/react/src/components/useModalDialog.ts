import { type RefObject, useLayoutEffect, useRef } from 'react';

/**
 * Drives a native `<dialog>` from a controlled `isOpen` prop.
 *
 * `showModal()` gives the real modal behaviour for free (inert background, focus kept inside, top layer).
 * Esc is turned into `onClose()` so the parent stays the source of truth, and focus goes back to the
 * element that was focused when the dialog opened (normally the badge), also when the dialog unmounts open.
 */
export function useModalDialog({
  isOpen,
  onClose,
}: {
  isOpen: boolean;
  onClose: () => void;
}): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const isOpenRef = useRef(isOpen);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    isOpenRef.current = isOpen;
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      const active = dialog.ownerDocument.activeElement;
      returnFocusRef.current = isFocusable(active) ? active : null;
      dialog.showModal();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [isOpen]);

  // A layout effect so that unmounting an open sheet restores focus in the same commit.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const handleCancel = (event: Event) => {
      // Keep the dialog controlled: ask the parent to close instead of closing behind its back.
      event.preventDefault();
      onCloseRef.current();
    };
    const handleClose = () => {
      // `close` is dispatched later as a task: a dialog shown again meanwhile (StrictMode remounts
      // effects: cleanup closes it, the next mount reopens it) has not closed at all.
      if (dialog.open) return;
      restoreFocus(returnFocusRef);
      // The browser may close without a cancelable `cancel` (e.g. repeated Esc without user
      // activation); tell the parent so `isOpen` does not stay stale.
      if (isOpenRef.current) onCloseRef.current();
    };
    dialog.addEventListener('cancel', handleCancel);
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('cancel', handleCancel);
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) {
        dialog.close();
        restoreFocus(returnFocusRef);
      }
    };
  }, []);

  return dialogRef;
}

function isFocusable(element: Element | null): element is HTMLElement {
  return element !== null && 'focus' in element && element !== element.ownerDocument.body;
}

function restoreFocus(returnFocusRef: { current: HTMLElement | null }) {
  const target = returnFocusRef.current;
  returnFocusRef.current = null;
  if (target?.isConnected) target.focus();
}
