import { describe, expect, it, vi } from 'vitest';
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

  it('counts what a reader sees as one character, so the cut never leaves half a flag or family', () => {
    const flag = '🇨🇳'; // two code points
    const family = '👨‍👩‍👧'; // five: three people joined by two zero-width joiners
    expect(shortExcerpt(`${'x'.repeat(99)}${flag}`)).toBe(`${'x'.repeat(99)}${flag}`);
    expect(shortExcerpt(`${'x'.repeat(99)}${flag}y`)).toBe(`${'x'.repeat(99)}${flag}…`);
    expect(shortExcerpt(`${'x'.repeat(99)}${family}${family}`)).toBe(`${'x'.repeat(99)}${family}…`);
    expect(shortExcerpt(flag.repeat(150))).toBe(`${flag.repeat(100)}…`);
  });

  it('cuts at code points where Intl.Segmenter is missing', () => {
    vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined });
    try {
      expect(shortExcerpt('𠮷'.repeat(150))).toBe(`${'𠮷'.repeat(100)}…`);
      // A flag counts two there: 101 code points in 100 characters.
      expect(shortExcerpt(`${'x'.repeat(98)}🇨🇳y`)).toBe(`${'x'.repeat(98)}🇨🇳…`);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('is undefined for no text or anything but a string, never a throw', () => {
    for (const value of ['', ' \n ', undefined, null, 42, {}, ['text']]) {
      expect(shortExcerpt(value), String(value)).toBeUndefined();
    }
  });
});
