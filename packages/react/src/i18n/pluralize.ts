/**
 * `one` or `other`, the English plural form of `count` ("1 member", "0 members"). English is the
 * only built-in locale with plural forms (Chinese places counts directly); an app's own strings can
 * use its own locale's rules.
 *
 * CLDR's English rule, `one` for `i = 1 and v = 0`, is exactly ±1 for the whole numbers the kit
 * counts, as `Intl.PluralRules('en')` answers: asking it cost every badge's label a call into ICU,
 * at each new reader (bench metric 2 renders twenty of them per burst).
 */
export function pluralize(count: number, one: string, other: string): string {
  return Math.abs(count) === 1 ? one : other;
}
