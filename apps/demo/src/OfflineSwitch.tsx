import { useId } from 'react';
import type { DemoDevice } from './createDemoDevice';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { useIsOnline } from './useDeviceState';

/** Takes one device offline (logout) and back (login), like closing a laptop lid. */
export function OfflineSwitch(props: { device: DemoDevice }) {
  const { device } = props;
  const { strings } = useDemoStrings();
  const isOnline = useIsOnline(device);
  const id = useId();
  return (
    <div className="demo-offline" data-online={isOnline}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={!isOnline}
        aria-checked={!isOnline}
        onChange={(event) => {
          void device.setOnline(!event.target.checked);
        }}
      />
      <label htmlFor={id}>{strings.offline}</label>
    </div>
  );
}
