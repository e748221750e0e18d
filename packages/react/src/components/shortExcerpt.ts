/** At most this many characters (code points) of a message are quoted in the sheet. */
const MAX_LENGTH = 100;

/**
 * The app's excerpt of a message as the sheet quotes it: on one line (runs of white space, line
 * breaks included, become one space), cut to {@link MAX_LENGTH} characters with "…", so a screen
 * reader says a few words, not a whole long message, each time the sheet opens. `undefined` for
 * anything but a string with some text (a JavaScript app's number or `null`): then there is no
 * description rather than a throw during render.
 */
export function shortExcerpt(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  // Code points, not UTF-16 units, so the cut never splits an emoji or 𠮷 in half. Only the start
  // is spread: 2 units per code point at most, so it holds over MAX_LENGTH of them if the text does.
  const start = Array.from(line.slice(0, 2 * MAX_LENGTH + 2));
  return start.length > MAX_LENGTH
    ? `${start.slice(0, MAX_LENGTH).join('').trimEnd()}…`
    : line || undefined;
}
