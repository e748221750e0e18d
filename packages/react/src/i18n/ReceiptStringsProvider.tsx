import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { en } from './en';
import type { ReceiptLocale, ReceiptStrings } from './ReceiptStrings';
import { zhCN } from './zhCN';

const ReceiptStringsContext = createContext<ReceiptStrings>(en);

/** Props of {@link ReceiptStringsProvider}. */
export interface ReceiptStringsProviderProps {
  /**
   * Built-in locale; without it, the strings of the provider around this one (a nested provider
   * only overriding a few `strings` keeps the language), else `'en'`. Any BCP 47 tag works (e.g. `navigator.language`): case and
   * `_` do not matter, and every Simplified Chinese tag (`zh`, `zh-cn`, `zh-Hans`, `zh_SG`) picks
   * `'zh-CN'`. Others, Traditional Chinese (`zh-TW`, `zh-Hant`) included, fall back to English
   * rather than throwing; give them a whole `strings` table.
   */
  locale?: ReceiptLocale | (string & {});
  /**
   * Overrides for any string of the chosen locale. One of another type than the built-in entry
   * (text where a function is expected, from a JavaScript app) is ignored, as is `undefined`.
   */
  strings?: Partial<ReceiptStrings>;
  children?: ReactNode;
}

/**
 * Supplies the kit's strings to every component below it. `ReceiptProvider` renders one, so apps
 * normally set `locale` / `strings` there; nest this inside it to give part of the tree other
 * strings or another language (the components still need the `ReceiptProvider`'s engine).
 */
export function ReceiptStringsProvider({ locale, strings, children }: ReceiptStringsProviderProps) {
  const around = useContext(ReceiptStringsContext);
  const value = useMemo<ReceiptStrings>(() => {
    const base = locale === undefined ? around : tableFor(locale);
    return strings ? { ...base, ...overridesOfMatchingType(base, strings) } : base;
  }, [around, locale, strings]);
  return <ReceiptStringsContext.Provider value={value}>{children}</ReceiptStringsContext.Provider>;
}

/** The built-in table for a language tag: see {@link ReceiptStringsProviderProps.locale}. */
function tableFor(locale: unknown): ReceiptStrings {
  if (typeof locale !== 'string') return en;
  try {
    // The platform knows which script a tag means: `zh` and `zh-SG` are Hans, `zh-TW` is Hant.
    // The built-in names take the same path (`zh-CN` is Hans, `en` is not Chinese).
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

/**
 * The overrides whose type is that of the built-in entry. The components call function strings
 * while rendering, so text given for one (`badgeUnread: '未读'` from a JavaScript app) would throw a
 * TypeError there; such an override is dropped and the built-in string kept. So is `undefined` (a
 * spread of optional props), and any key the table does not have. A function override that throws
 * or gives no string gives the built-in text for that call: a translation's bug must not take the
 * chat down while it renders.
 */
function overridesOfMatchingType(
  base: ReceiptStrings,
  strings: Partial<ReceiptStrings>,
): Partial<ReceiptStrings> {
  const result: Partial<Record<keyof ReceiptStrings, unknown>> = {};
  for (const key of Object.keys(strings) as (keyof ReceiptStrings)[]) {
    const value: unknown = strings[key];
    const builtIn: unknown = base[key];
    if (!Object.hasOwn(base, key) || typeof value !== typeof builtIn) continue;
    result[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            try {
              const text: unknown = value(...args);
              if (typeof text === 'string') return text;
            } catch {}
            return (builtIn as (...args: unknown[]) => string)(...args);
          }
        : value;
  }
  return result as Partial<ReceiptStrings>;
}
