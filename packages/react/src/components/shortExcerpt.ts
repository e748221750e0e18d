/** At most this many characters of a message are quoted in the sheet. */
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
  // Characters as a reader sees them (graphemes: a flag or a family emoji is several code points),
  // so the cut never splits one into broken glyphs; code points where `Intl.Segmenter` is missing
  // (Firefox before 125), which still never splits 𠮷. Read lazily: a long message is not segmented
  // past the cut.
  const characters: Iterable<string | Intl.SegmentData> =
    typeof Intl.Segmenter === 'function' ? new Intl.Segmenter().segment(line) : line;
  let excerpt = '';
  let count = 0;
  for (const character of characters) {
    if (count++ === MAX_LENGTH) return `${excerpt.trimEnd()}…`;
    excerpt += typeof character === 'string' ? character : character.segment;
  }
  return line || undefined;
}
