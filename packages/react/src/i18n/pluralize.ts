/** Created on first use: nothing runs at module scope (SSR-safe, cheap import). */
let englishRules: Intl.PluralRules | undefined;

/**
 * `one` or `other`, the English plural form of `count`, through `Intl.PluralRules` ("1 member",
 * "0 members"). English is the only built-in locale with plural forms (Chinese places counts
 * directly); an app's own strings can use its own locale's rules.
 */
export function pluralize(count: number, one: string, other: string): string {
  englishRules ??= new Intl.PluralRules('en');
  return englishRules.select(count) === 'one' ? one : other;
}
