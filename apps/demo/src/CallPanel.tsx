import { useId, useSyncExternalStore } from 'react';
import type { CallCounter, CountedMethod } from './callCounter';
import { useDemoStrings } from './i18n/DemoStringsContext';

/**
 * Counts transport calls per device and method, with the messages they carried, so users see the
 * engine coalesce P2P receipts and batch team receipts (at most 50 per call).
 */
export function CallPanel(props: {
  counter: CallCounter;
  devices: ReadonlyArray<{ deviceId: string; label: string }>;
  methods: readonly CountedMethod[];
}) {
  const { counter, devices, methods } = props;
  const { strings } = useDemoStrings();
  const counts = useSyncExternalStore(counter.subscribe, counter.getSnapshot, counter.getSnapshot);
  const titleId = useId();

  const cell = (deviceId: string, method: CountedMethod) =>
    counts[deviceId]?.[method] ?? { calls: 0, items: 0 };

  return (
    <section className="demo-calls" aria-labelledby={titleId}>
      <header className="demo-calls-header">
        <h2 id={titleId}>{strings.callsTitle}</h2>
        <button type="button" className="demo-secondary" onClick={() => counter.reset()}>
          {strings.callsReset}
        </button>
      </header>
      <p className="demo-calls-hint">{strings.callsHint}</p>
      <div className="demo-calls-scroll">
        <table>
          <caption className="demo-visually-hidden">{strings.callsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{strings.callsMethod}</th>
              {devices.map((device) => (
                <th scope="col" key={device.deviceId}>
                  {device.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {methods.map((method) => (
              <tr key={method}>
                <th scope="row">
                  <code>{withWordBreaks(method)}</code>
                </th>
                {devices.map((device) => {
                  const tally = cell(device.deviceId, method);
                  return (
                    <td key={device.deviceId} data-calls={tally.calls}>
                      {strings.callsCount(tally)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Lets long camelCase method names wrap between words instead of mid-word. */
function withWordBreaks(name: string) {
  return name
    .split(/(?=[A-Z])/)
    .flatMap((part, index) => (index === 0 ? [part] : [<wbr key={part} />, part]));
}
