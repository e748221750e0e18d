import { ReceiptError } from '@readmark/core';

const listFormat = (locale?: string) => new Intl.ListFormat(locale, { type: 'conjunction' });

/**
 * Names joined into one list the way `locale` writes it (`Intl.ListFormat`, conjunction): "Bob,
 * Carol, and Dave" in English, "Bob、Carol和Dave" in Chinese. The built-in `announceRead` strings
 * use it to name several readers in one sentence; an app's own strings can pass their own locale.
 * `locale` is taken as the provider's is (`_` or `-`); a malformed one, or one that is not a string,
 * uses the platform's language.
 * @throws {ReceiptError} 191004 (invalid parameter) when `names` is not an array of strings.
 */
export function formatNameList(locale: string, names: readonly string[]): string {
  let format: Intl.ListFormat;
  try {
    format = listFormat(locale.replaceAll('_', '-'));
  } catch {
    // The announcement that calls it runs in an effect: a RangeError there took the tree down.
    format = listFormat();
  }
  try {
    // Not any iterable: the formatter would spell out a string ("B, o, and b") and take `undefined`
    // as no names. Within an array, it refuses what is not a string (a hole included) itself.
    // Asked inside the try: `Array.isArray` itself throws a TypeError for a revoked Proxy.
    if (Array.isArray(names)) return format.format(names);
  } catch {}
  // NIM's code, as every public function of the kit rejects bad input (SPEC E3), not a TypeError.
  // The kit's own calls pass resolved names, always strings; an app's override that throws here
  // gets the built-in sentence instead.
  throw new ReceiptError(191004, '`formatNameList` takes an array of strings as `names`');
}
