const pluralRulesCache = new Map<string, Intl.PluralRules>();

/**
 * Picks the plural form of `count` for `locale` through `Intl.PluralRules`.
 * Rules are created lazily and cached per locale: nothing runs at module scope (SSR-safe, cheap import).
 */
export function pluralize(
  locale: string,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  let rules = pluralRulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRulesCache.set(locale, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}
