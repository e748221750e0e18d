/**
 * Names joined into one list the way `locale` writes it (`Intl.ListFormat`, conjunction): "Bob,
 * Carol, and Dave" in English, "Bob、Carol和Dave" in Chinese. The built-in `announceRead` strings
 * use it to name several readers in one sentence; an app's own strings can pass their own locale.
 */
export function formatNameList(locale: string, names: readonly string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
