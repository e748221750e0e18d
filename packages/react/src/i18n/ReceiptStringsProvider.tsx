import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { en } from './en';
import type { ReceiptLocale, ReceiptStrings } from './ReceiptStrings';
import { zhCN } from './zhCN';

const ReceiptStringsContext = createContext<ReceiptStrings>(en);

const tables: Record<ReceiptLocale, ReceiptStrings> = { en, 'zh-CN': zhCN };

/** Props of {@link ReceiptStringsProvider}. */
export interface ReceiptStringsProviderProps {
  /**
   * Built-in locale; defaults to `'en'`. Any BCP 47 tag works (e.g. `navigator.language`): case and
   * `_` do not matter, and every Simplified Chinese tag (`zh`, `zh-cn`, `zh-Hans`, `zh_SG`) picks
   * `'zh-CN'`. Others, Traditional Chinese (`zh-TW`, `zh-Hant`) included, fall back to English
   * rather than throwing; give them a whole `strings` table.
   */
  locale?: ReceiptLocale | (string & {});
  /** Overrides for any string of the chosen locale. */
  strings?: Partial<ReceiptStrings>;
  children?: ReactNode;
}

/**
 * Supplies the kit's strings to every component below it. `ReceiptProvider` renders one, so apps
 * normally set `locale` / `strings` there; nest this inside it to give part of the tree other
 * strings or another language (the components still need the `ReceiptProvider`'s engine).
 */
export function ReceiptStringsProvider({
  locale = 'en',
  strings,
  children,
}: ReceiptStringsProviderProps) {
  const value = useMemo<ReceiptStrings>(() => {
    const base = tableFor(locale);
    return strings ? { ...base, ...withoutUndefined(strings) } : base;
  }, [locale, strings]);
  return <ReceiptStringsContext.Provider value={value}>{children}</ReceiptStringsContext.Provider>;
}

/** The built-in table for a language tag: see {@link ReceiptStringsProviderProps.locale}. */
function tableFor(locale: unknown): ReceiptStrings {
  if (typeof locale !== 'string') return en;
  // Own keys only: `tables.constructor` and friends come from Object.prototype.
  if (Object.hasOwn(tables, locale)) return tables[locale as ReceiptLocale];
  try {
    // The platform knows which script a tag means: `zh` and `zh-SG` are Hans, `zh-TW` is Hant.
    const { language, script } = new Intl.Locale(locale.replaceAll('_', '-')).maximize();
    return language === 'zh' && script === 'Hans' ? zhCN : en;
  } catch {
    return en; // not a well-formed tag (`Intl.Locale` throws a RangeError)
  }
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
