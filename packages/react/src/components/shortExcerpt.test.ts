import { describe, expect, it } from 'vitest';
import { shortExcerpt } from './shortExcerpt';

describe('shortExcerpt', () => {
  it('puts the text on one line', () => {
    expect(shortExcerpt('  Lunch at noon?\n\n\tBring cash.  ')).toBe('Lunch at noon? Bring cash.');
  });

  it('cuts after 100 characters, never inside a character of two UTF-16 units', () => {
    expect(shortExcerpt('a'.repeat(100))).toBe('a'.repeat(100));
    expect(shortExcerpt('a'.repeat(101))).toBe(`${'a'.repeat(100)}…`);
    // 150 characters of two units each: 100 of them whole, then "…".
    expect(shortExcerpt('𠮷'.repeat(150))).toBe(`${'𠮷'.repeat(100)}…`);
    expect(shortExcerpt('😀'.repeat(100))).toBe('😀'.repeat(100));
    // The cut does not leave a space before "…".
    expect(shortExcerpt(`${'a'.repeat(99)} bcd`)).toBe(`${'a'.repeat(99)}…`);
  });

  it('is undefined for no text or anything but a string, never a throw', () => {
    for (const value of ['', ' \n ', undefined, null, 42, {}, ['text']]) {
      expect(shortExcerpt(value), String(value)).toBeUndefined();
    }
  });
});
