/**
 * Building an `Intl.DateTimeFormat` is costly next to using one, so each locale's formatter is made
 * once and shared by every row (a long list would otherwise build one per row render).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "14:05", "2:05 PM" (the locale's form, its hour as the locale writes it: "02:05 PM" is no one's)
 * for a message time; empty for a time that is not a number.
 */
export function formatTime(time: number, locale: string): string {
  if (!Number.isFinite(time)) return '';
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
    formatters.set(locale, formatter);
  }
  return formatter.format(time);
}
