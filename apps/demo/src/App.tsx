import { useEffect, useId, useState } from 'react';
import type { DemoWorld } from './createDemoWorld';
import type { DemoOptions, DemoTab } from './demoOptions';
import { DemoStringsProvider, useDemoStrings } from './i18n/DemoStringsContext';
import { type DemoLocale, getDemoStrings } from './i18n/demoStrings';
import { LanguageSelect } from './LanguageSelect';
import { OneToOneTab } from './OneToOneTab';
import { TabBar } from './TabBar';
import { TeamTab } from './TeamTab';

/** The demo page: header, language switch and the one-to-one and team tabs. */
export function App(props: { world: DemoWorld; options: DemoOptions }) {
  const { world, options } = props;
  const [locale, setLocale] = useState<DemoLocale>(options.locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = getDemoStrings(locale).title;
  }, [locale]);

  return (
    <DemoStringsProvider locale={locale}>
      <DemoPage world={world} initialTab={options.tab} onLocaleChange={setLocale} />
    </DemoStringsProvider>
  );
}

function DemoPage(props: {
  world: DemoWorld;
  initialTab: DemoTab;
  onLocaleChange: (locale: DemoLocale) => void;
}) {
  const { world, initialTab, onLocaleChange } = props;
  const { strings } = useDemoStrings();
  const [tab, setTab] = useState<DemoTab>(initialTab);
  const idPrefix = useId();
  const tabs = [
    { id: 'p2p' as const, label: strings.tabP2P },
    { id: 'team' as const, label: strings.tabTeam },
  ];

  return (
    <div className="demo">
      <header className="demo-header">
        <div>
          <h1>{strings.title}</h1>
          <p className="demo-subtitle">{strings.subtitle}</p>
        </div>
        <LanguageSelect onChange={onLocaleChange} />
      </header>
      <main>
        {/* In the main landmark: the tabs switch the main content, so they belong with it. */}
        <TabBar
          idPrefix={idPrefix}
          label={strings.tabs}
          tabs={tabs}
          selected={tab}
          onSelect={setTab}
        />
        <div
          role="tabpanel"
          id={`${idPrefix}-panel-p2p`}
          aria-labelledby={`${idPrefix}-tab-p2p`}
          hidden={tab !== 'p2p'}
          className="demo-panel"
        >
          <OneToOneTab world={world} />
        </div>
        <div
          role="tabpanel"
          id={`${idPrefix}-panel-team`}
          aria-labelledby={`${idPrefix}-tab-team`}
          hidden={tab !== 'team'}
          className="demo-panel"
        >
          <TeamTab world={world} />
        </div>
      </main>
    </div>
  );
}
