import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { en } from './en';
import type { ReceiptLocale, ReceiptStrings } from './ReceiptStrings';
import { zhCN } from './zhCN';

const ReceiptStringsContext = createContext<ReceiptStrings>(en);

const tables: Record<ReceiptLocale, ReceiptStrings> = { en, 'zh-CN': zhCN };

/** Props of {@link ReceiptStringsProvider}. */
export interface ReceiptStringsProviderProps {
  /** Built-in locale; defaults to `'en'`. Unknown values fall back to English rather than throwing. */
  locale?: ReceiptLocale;
  /** Overrides for any string of the chosen locale. */
  strings?: Partial<ReceiptStrings>;
  children?: ReactNode;
}

/**
 * Supplies the kit's strings to every component below it. `ReceiptProvider` renders one, so apps
 * normally set `locale` / `strings` there; use this directly only to localize components in isolation.
 */
export function ReceiptStringsProvider({
  locale = 'en',
  strings,
  children,
}: ReceiptStringsProviderProps) {
  const value = useMemo<ReceiptStrings>(() => {
    // Own keys only: `tables.constructor` and friends come from Object.prototype.
    const base = Object.hasOwn(tables, locale) ? tables[locale] : en;
    return strings ? { ...base, ...withoutUndefined(strings) } : base;
  }, [locale, strings]);
  return <ReceiptStringsContext.Provider value={value}>{children}</ReceiptStringsContext.Provider>;
}

/** The strings of the nearest {@link ReceiptStringsProvider}; English when there is none. */
export function useReceiptStrings(): ReceiptStrings {
  return useContext(ReceiptStringsContext);
}

// An override of `undefined` (e.g. from a spread of optional props) must not erase a built-in string.
function withoutUndefined(strings: Partial<ReceiptStrings>): Partial<ReceiptStrings> {
  const result: Partial<Record<keyof ReceiptStrings, unknown>> = {};
  for (const key of Object.keys(strings) as (keyof ReceiptStrings)[]) {
    if (strings[key] !== undefined) result[key] = strings[key];
  }
  return result as Partial<ReceiptStrings>;
}
