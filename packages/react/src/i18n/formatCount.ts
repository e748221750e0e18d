/** Created on first use per language: nothing runs at module scope (SSR-safe, cheap import). */
const formats: Partial<Record<string, Intl.NumberFormat>> = {};

/**
 * `count` as `locale` writes numbers ("1,234" in English and Chinese), for the built-in tables'
 * counts. Plural forms are chosen on the number itself, never on this text.
 */
export function formatCount(locale: 'en' | 'zh-CN', count: number): string {
  let format = formats[locale];
  if (!format) {
    format = new Intl.NumberFormat(locale);
    formats[locale] = format;
  }
  return format.format(count);
}
