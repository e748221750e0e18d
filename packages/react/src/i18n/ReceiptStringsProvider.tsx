import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useShallowStable } from '../hooks/useShallowStable';
import { en } from './en';
import type { ReceiptLocale, ReceiptStringOverrides, ReceiptStrings } from './ReceiptStrings';
import { zhCN } from './zhCN';

/** The strings in use and the BCP 47 tag of the language they are written in. */
interface ReceiptLanguage {
  strings: ReceiptStrings;
  lang: string;
}

const english: ReceiptLanguage = { strings: en, lang: 'en' };
const chinese: ReceiptLanguage = { strings: zhCN, lang: 'zh-CN' };

const ReceiptStringsContext = createContext<ReceiptLanguage>(english);

/** Props of {@link ReceiptStringsProvider}. */
export interface ReceiptStringsProviderProps {
  /**
   * Built-in locale; without it, the strings of the provider around this one (a nested provider
   * only overriding a few `strings` keeps the language), else `'en'`. Any BCP 47 tag works (e.g. `navigator.language`): case and
   * `_` do not matter, and every Simplified Chinese tag (`zh`, `zh-cn`, `zh-Hans`, `zh_SG`) picks
   * `'zh-CN'`. Others, Traditional Chinese (`zh-TW`, `zh-Hant`) included, fall back to English
   * rather than throwing; give them a whole `strings` table.
   *
   * It also sets the language the components declare for their text (`lang`, WCAG 3.1.2): that of
   * the built-in table in use, `en` or `zh-CN`; with `strings` giving every key (a whole
   * translation, `locale="de"` with a German table typed as `ReceiptStrings`), `locale` itself,
   * `_` written as `-`.
   */
  locale?: ReceiptLocale | (string & {}) | undefined;
  /**
   * Overrides for any string of the chosen locale. One of another type than the built-in entry
   * (text where a function is expected, from a JavaScript app) is ignored, as is `undefined`.
   * Overrides of some keys are taken as written in the built-in table's language; a table of every
   * key as written in the language `locale` names.
   */
  strings?: ReceiptStringOverrides | undefined;
  children?: ReactNode | undefined;
}

/**
 * Supplies the kit's strings to every component below it. `ReceiptProvider` renders one, so apps
 * normally set `locale` / `strings` there; nest this inside it to give part of the tree other
 * strings or another language (the components still need the `ReceiptProvider`'s engine).
 */
export function ReceiptStringsProvider({ locale, strings, children }: ReceiptStringsProviderProps) {
  const around = useContext(ReceiptStringsContext);
  // `strings={{ badgeAllRead: 'Seen by all' }}` is a new object in every render of the app: kept
  // while its entries are the same, or every tick and badge below would render with the app.
  const stableStrings = useShallowStable(strings);
  const value = useMemo<ReceiptLanguage>(() => {
    const [base, tag] = locale === undefined ? [around] : languageFor(locale);
    if (!stableStrings) return base;
    const overrides = overridesOfMatchingType(base.strings, stableStrings);
    return {
      strings: { ...base.strings, ...overrides },
      // A whole table is the app's translation, into the language `locale` names; with a few
      // overrides the text is still the built-in table's (an English app's tweaks under
      // `locale={navigator.language}` must not be read in a French voice).
      lang: tag && Object.keys(base.strings).every((key) => key in overrides) ? tag : base.lang,
    };
  }, [around, locale, stableStrings]);
  return <ReceiptStringsContext.Provider value={value}>{children}</ReceiptStringsContext.Provider>;
}

/**
 * The built-in table for a language tag and the language its text is in, with the tag as the app
 * wrote it (`_` as `-`), when well formed: see {@link ReceiptStringsProviderProps.locale}.
 */
function languageFor(locale: unknown): [ReceiptLanguage, tag?: string] {
  try {
    // The platform knows which script a tag means: `zh` and `zh-SG` are Hans, `zh-TW` is Hant.
    // The built-in names take the same path (`zh-CN` is Hans, `en` is not Chinese). A non-string
    // throws a TypeError. The app's own spelling is kept: `Intl.Locale` rewrites some tags (`iw`
    // as `he`) differently across ICU versions, and the server's and the browser's must agree.
    const tag = (locale as string).replaceAll('_', '-');
    const { language, script } = new Intl.Locale(tag).maximize();
    return [language === 'zh' && script === 'Hans' ? chinese : english, tag];
  } catch {
    return [english]; // not a well-formed tag (`Intl.Locale` throws a RangeError)
  }
}

/** The strings of the nearest {@link ReceiptStringsProvider}; English when there is none. */
export function useReceiptStrings(): ReceiptStrings {
  return useContext(ReceiptStringsContext).strings;
}

/**
 * The BCP 47 tag of the language of {@link useReceiptStrings}' text (`en`, `zh-CN`, or the
 * `locale` of an app's own translation), for a `lang` attribute: the kit's components set it on
 * their text, so a screen reader reads "已读" in a Chinese voice on an English page (WCAG 3.1.2).
 * Set it on your own components that show the kit's strings.
 */
export function useReceiptLanguage(): string {
  return useContext(ReceiptStringsContext).lang;
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
  strings: ReceiptStringOverrides,
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
