import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { type DemoLocale, type DemoStrings, getDemoStrings } from './demoStrings';

interface DemoStringsValue {
  locale: DemoLocale;
  strings: DemoStrings;
}

const DemoStringsContext = createContext<DemoStringsValue | null>(null);

/** Gives the demo's chrome its language; the kit's components get the same locale separately. */
export function DemoStringsProvider(props: { locale: DemoLocale; children: ReactNode }) {
  const { locale, children } = props;
  const value = useMemo(() => ({ locale, strings: getDemoStrings(locale) }), [locale]);
  return <DemoStringsContext.Provider value={value}>{children}</DemoStringsContext.Provider>;
}

/** The demo's current locale and strings. */
export function useDemoStrings(): DemoStringsValue {
  const value = useContext(DemoStringsContext);
  if (!value) throw new Error('`useDemoStrings` must be used inside `<DemoStringsProvider>`');
  return value;
}
