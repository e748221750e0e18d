import { ReceiptProvider, type ResolveMember } from '@readmark/react';
import { type ReactNode, useId } from 'react';
import type { DemoDevice } from './createDemoDevice';
import { useDemoStrings } from './i18n/DemoStringsContext';
import { OfflineSwitch } from './OfflineSwitch';
import { useIsOnline } from './useDeviceState';

/**
 * A labelled region for one device with its own `ReceiptProvider` (its own engine), so each pane
 * behaves like a separate app instance.
 */
export function DevicePane(props: {
  device: DemoDevice;
  title: string;
  subtitle: string;
  resolveMember?: ResolveMember;
  children: ReactNode;
}) {
  const { device, title, subtitle, resolveMember, children } = props;
  const { locale, strings } = useDemoStrings();
  const isOnline = useIsOnline(device);
  const titleId = useId();
  return (
    <ReceiptProvider engine={device.engine} locale={locale} resolveMember={resolveMember}>
      <section className="demo-pane" aria-labelledby={titleId} data-online={isOnline}>
        <header className="demo-pane-header">
          <div>
            <h2 id={titleId}>{title}</h2>
            <p className="demo-pane-subtitle">{subtitle}</p>
          </div>
          <OfflineSwitch device={device} />
        </header>
        {!isOnline && <p className="demo-offline-hint">{strings.offlineHint}</p>}
        {children}
      </section>
    </ReceiptProvider>
  );
}
