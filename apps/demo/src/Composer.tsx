import { type FormEvent, useId, useRef, useState } from 'react';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { useFocusElsewhereWhenDisabled } from './useFocusElsewhereWhenDisabled';

/** How many messages the burst button sends; enough to show the engine coalescing receipts. */
export const BURST_SIZE = 20;

/**
 * A message box with Send, a burst button and, for teams, the "ask for read receipts" checkbox.
 * Sending is disabled while the device is offline, and a visible hint says why; the box and both
 * buttons are described by it (`aria-describedby`), so a screen reader says it in the box too.
 * What is typed stays in the box. A button disabled under the keyboard focus (going offline, Send
 * once its text is sent) hands it to the box, which stays enabled and says why.
 */
export function Composer(props: {
  recipientName: string;
  isDisabled?: boolean;
  /** Why sending is disabled ("Offline — messages can't be sent"), shown under the box. */
  disabledReason?: string;
  hasReceiptOption?: boolean;
  onSend: (options: { texts: string[]; isReceiptRequested: boolean }) => void;
}) {
  const {
    recipientName,
    isDisabled = false,
    disabledReason,
    hasReceiptOption = false,
    onSend,
  } = props;
  const { strings } = useDemoStrings();
  const [text, setText] = useState('');
  const [isReceiptRequested, setReceiptRequested] = useState(true);
  const inputId = useId();
  const receiptId = useId();
  const hintId = useId();
  const describedBy = isDisabled && disabledReason ? hintId : undefined;
  const inputRef = useRef<HTMLInputElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const burstRef = useRef<HTMLButtonElement>(null);
  const isSendDisabled = isDisabled || text.trim() === '';
  const toInput = () => inputRef.current;
  useFocusElsewhereWhenDisabled(sendRef, isSendDisabled, toInput);
  useFocusElsewhereWhenDisabled(burstRef, isDisabled, toInput);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || isDisabled) return;
    onSend({ texts: [trimmed], isReceiptRequested });
    setText('');
  };

  const onBurst = () => {
    const base = text.trim() || strings.burstMessage;
    onSend({
      texts: Array.from({ length: BURST_SIZE }, (_, i) => `${base} #${i + 1}`),
      isReceiptRequested,
    });
  };

  return (
    <form className="demo-composer" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="demo-visually-hidden">
        {strings.messageLabel(recipientName)}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        autoComplete="off"
        placeholder={strings.messagePlaceholder}
        value={text}
        aria-describedby={describedBy}
        onChange={(event) => setText(event.target.value)}
      />
      <button ref={sendRef} type="submit" disabled={isSendDisabled} aria-describedby={describedBy}>
        {strings.send}
      </button>
      <button
        ref={burstRef}
        type="button"
        className="demo-secondary"
        disabled={isDisabled}
        aria-describedby={describedBy}
        onClick={onBurst}
      >
        {strings.sendMany(BURST_SIZE)}
      </button>
      {describedBy && (
        <p id={hintId} className="demo-composer-hint">
          {disabledReason}
        </p>
      )}
      {hasReceiptOption && (
        <div className="demo-check">
          <input
            id={receiptId}
            type="checkbox"
            checked={isReceiptRequested}
            onChange={(event) => setReceiptRequested(event.target.checked)}
          />
          <label htmlFor={receiptId}>{strings.requestReceipts}</label>
        </div>
      )}
    </form>
  );
}
