import { type RefObject, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';

/** The "3 new messages" button shown while the list is scrolled up and messages arrived below. */
export function NewMessagesPill({
  count,
  lang,
  scrollRef,
  onClick,
}: {
  count: number;
  /** The kit's language (the pill sits in the list, among the app's messages). */
  lang: string;
  /** The list's scroller, which the pill's focus goes to. */
  scrollRef: RefObject<HTMLElement | null>;
  /** Also called for Enter and Space (a native button's click), after the focus moved. */
  onClick: () => void;
}) {
  const strings = useReceiptStrings();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The pill's focus goes to the list it scrolls, with no scroll of its own, rather than to
  // <body>, where keyboard and screen-reader users lose their place: when it is clicked (it
  // unmounts at the end) and when it goes with the focus on it (the count read on another
  // device). Only from a focused pill (Safari does not focus a clicked button).
  const handOverFocus = (button: HTMLButtonElement) => {
    if (button === button.ownerDocument.activeElement) {
      scrollRef.current?.focus({ preventScroll: true });
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the unmount; the button and the scroller's ref stay the same
  useClientLayoutEffect(() => {
    const button = buttonRef.current!;
    return () => handOverFocus(button);
  }, []);
  return (
    <button
      ref={buttonRef}
      type="button"
      className="readmark-new-messages"
      lang={lang}
      onClick={(event) => {
        handOverFocus(event.currentTarget);
        onClick();
      }}
    >
      <span aria-hidden="true">↓ </span>
      {strings.newMessages(count)}
    </button>
  );
}
