/** At most this many characters of a message name a button ("Recall message: …"). */
const MAX_LENGTH = 40;

/**
 * A message cut short for an accessible name or an announcement: on one line (runs of white space,
 * line breaks included, become one space) and at most {@link MAX_LENGTH} characters as a reader
 * sees them (graphemes, so a flag or a family emoji is never split), with "…" when cut. A screen
 * reader's list of buttons then says a few words per message, not a 6,000-character one. (The kit
 * cuts the sheet's quote the same way, but does not export its helper.)
 */
export function messageExcerpt(text: string | undefined, maxLength = MAX_LENGTH): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  // Read lazily: a long message is not segmented past the cut. Code points where Intl.Segmenter
  // is missing (Firefox before 125).
  const characters: Iterable<string | Intl.SegmentData> =
    typeof Intl.Segmenter === 'function' ? new Intl.Segmenter().segment(line) : line;
  let excerpt = '';
  let count = 0;
  for (const character of characters) {
    if (count++ === maxLength) return `${excerpt.trimEnd()}…`;
    excerpt += typeof character === 'string' ? character : character.segment;
  }
  return line;
}
