/**
 * Building an `Intl.DateTimeFormat` is costly next to using one, so each locale's formatter is made
 * once and shared by every row (a long list would otherwise build one per row render).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "14:05" (or the locale's form) for a message time; empty for a time that is not a number. */
export function formatTime(time: number, locale: string): string {
  if (!Number.isFinite(time)) return '';
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    formatters.set(locale, formatter);
  }
  return formatter.format(time);
}
