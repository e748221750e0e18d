import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTime } from './formatTime';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('formatTime', () => {
  it('builds one formatter per locale however many times it formats', () => {
    const { DateTimeFormat } = Intl;
    // Counts constructions and still builds real formatters. It must stay a `function` (an arrow
    // cannot be called with `new`); the `this` parameter keeps Biome from rewriting it as one.
    const construct = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      this: unknown,
      ...args
    ) {
      return new DateTimeFormat(...args);
    });
    const time = Date.UTC(2024, 0, 1, 9, 5);
    const english = Array.from({ length: 50 }, () => formatTime(time, 'en-GB'));
    const chinese = formatTime(time, 'zh-Hans-CN');
    formatTime(time + 60_000, 'en-GB');
    expect(construct).toHaveBeenCalledTimes(2);
    expect(new Set(english).size).toBe(1);
    expect(english[0]).toBe(new DateTimeFormat('en-GB', { timeStyle: 'short' }).format(time));
    expect(chinese).toMatch(/\d{2}:\d{2}/);
  });

  it('writes the hour as the locale does: 9:05 AM in American English (not 09:05 AM), 09:05 in British and Chinese', () => {
    const time = new Date(2024, 0, 1, 9, 5).getTime();
    expect(formatTime(time, 'en-US')).toMatch(/^9:05\s+AM$/u);
    expect(formatTime(time, 'en-GB')).toBe('09:05');
    expect(formatTime(time, 'zh-CN')).toBe('09:05');
  });

  it('shows nothing for a time that is not a number', () => {
    expect(formatTime(Number.NaN, 'en')).toBe('');
    expect(formatTime(Number.POSITIVE_INFINITY, 'en')).toBe('');
  });
});
