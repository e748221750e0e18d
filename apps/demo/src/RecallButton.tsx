import { useRef } from 'react';
import type { DemoDevice } from './createDemoDevice';
import type { DemoMessage } from './createMessageStore';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { messageExcerpt } from './messageExcerpt';
import { useIsOnline } from './useDeviceState';
import { bubbleOf, useFocusElsewhereWhenDisabled } from './useFocusElsewhereWhenDisabled';
import { useFocusListWhenRemoved } from './useFocusListWhenRemoved';

/**
 * "Recall" on one of my sent messages: `revokeMessage` through the device's message store. The
 * message leaves every pane when the server's revoke notification arrives. Disabled only while
 * the device is offline: disabling it in flight would drop its focus, and a second recall of the
 * same message is a no-op on the server anyway.
 */
export function RecallButton(props: { device: DemoDevice; message: DemoMessage }) {
  const { device, message } = props;
  const { strings } = useDemoStrings();
  const isOnline = useIsOnline(device);
  const ref = useRef<HTMLButtonElement>(null);

  useFocusListWhenRemoved(ref);
  // Offline, the reader stays at the message, in its bubble, and Tab goes on from there.
  useFocusElsewhereWhenDisabled(ref, !isOnline, bubbleOf);

  const onClick = () => {
    device.messages.revoke(message).catch((error: unknown) => {
      // E.g. the device went offline on the way: the message stays and can be recalled again.
      console.warn('[readmark demo] revokeMessage', error);
    });
  };

  return (
    <button
      ref={ref}
      type="button"
      className="demo-recall"
      aria-label={strings.recallLabel(messageExcerpt(message.text))}
      disabled={!isOnline}
      onClick={onClick}
    >
      {strings.recall}
    </button>
  );
}
