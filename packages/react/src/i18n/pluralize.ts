/**
 * `one` or `other`, the English plural form of `count` ("1 member", "0 members"). English is the
 * only built-in locale with plural forms (Chinese places counts directly); an app's own strings can
 * use its own locale's rules. CLDR's English rule ("one" for a whole 1, the sign ignored) is what
 * `Intl.PluralRules('en')` applies to these whole counts; checked directly, it needs no `Intl`
 * object at all.
 */
export function pluralize(count: number, one: string, other: string): string {
  return Math.abs(count) === 1 ? one : other;
}
