import { useRef } from 'react';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { messageExcerpt } from './messageExcerpt';
import { useIsOnline } from './useDeviceState';
import { bubbleOf, useFocusElsewhereWhenDisabled } from './useFocusElsewhereWhenDisabled';
import { useFocusListWhenRemoved } from './useFocusListWhenRemoved';

/**
 * Under an own message this device failed to send (it went offline on the way, or the server
 * refused it): "Not sent" in words, not only the red tick, and Retry, which sends the same text
 * again as a new message and drops the failed one (`MessageStore.retry`), so the text the composer
 * gave up is never lost. Retry is disabled while the device is offline, where the composer says why.
 */
export function SendFailedNote(props: { device: DemoDevice; message: DemoMessage }) {
  const { device, message } = props;
  const { strings } = useDemoStrings();
  const isOnline = useIsOnline(device);
  const ref = useRef<HTMLButtonElement>(null);

  useFocusListWhenRemoved(ref);
  // Offline, the reader stays at the message, in its bubble, and Tab goes on from there.
  useFocusElsewhereWhenDisabled(ref, !isOnline, bubbleOf);

  const onRetry = () => {
    device.messages.retry(message).catch((error: unknown) => {
      console.warn('[readmark demo] retry', error);
    });
  };

  return (
    <span className="demo-not-sent">
      <span>{strings.notSent}</span>
      <button
        ref={ref}
        type="button"
        className="demo-retry"
        aria-label={strings.retryLabel(messageExcerpt(message.text))}
        disabled={!isOnline}
        onClick={onRetry}
      >
        {strings.retry}
      </button>
    </span>
  );
}
