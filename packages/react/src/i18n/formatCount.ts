/** Created on first use per language: nothing runs at module scope (SSR-safe, cheap import). */
const formats: Partial<Record<string, Intl.NumberFormat>> = {};

/**
 * `count` as `locale` writes numbers ("1,234" in English and Chinese), for the built-in tables'
 * counts. Plural forms are chosen on the number itself, never on this text.
 */
export function formatCount(locale: 'en' | 'zh-CN', count: number): string {
  // Counts under 1,000 are their digits in both languages: a badge's words are written for every
  // new reader, and Intl's format was a few percent of a receipt burst's time to the screen.
  if (count >= 0 && count < 1000 && Number.isInteger(count)) return String(count);
  let format = formats[locale];
  if (!format) {
    format = new Intl.NumberFormat(locale);
    formats[locale] = format;
  }
  return format.format(count);
}
