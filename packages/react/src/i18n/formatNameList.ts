const listFormat = (locale?: string) => new Intl.ListFormat(locale, { type: 'conjunction' });

/**
 * Names joined into one list the way `locale` writes it (`Intl.ListFormat`, conjunction): "Bob,
 * Carol, and Dave" in English, "Bob、Carol和Dave" in Chinese. The built-in `announceRead` strings
 * use it to name several readers in one sentence; an app's own strings can pass their own locale.
 * `locale` is taken as the provider's is (`_` or `-`); a malformed one uses the platform's language.
 */
export function formatNameList(locale: string, names: readonly string[]): string {
  let format: Intl.ListFormat;
  try {
    format = listFormat(locale.replaceAll('_', '-'));
  } catch {
    // The announcement that calls it runs in an effect: a RangeError there took the tree down.
    format = listFormat();
  }
  return format.format(names);
}
