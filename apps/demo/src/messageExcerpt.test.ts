import { describe, expect, it } from 'vitest';
import { messageExcerpt } from './messageExcerpt';

describe('messageExcerpt', () => {
  it('keeps a short message whole, on one line', () => {
    expect(messageExcerpt('  Lunch\n at   noon? ')).toBe('Lunch at noon?');
    expect(messageExcerpt(undefined)).toBe('');
  });

  it('cuts a long message to 40 characters and an ellipsis', () => {
    const excerpt = messageExcerpt('word '.repeat(1_300));
    expect(excerpt.endsWith('…')).toBe(true);
    expect([...excerpt].length).toBeLessThanOrEqual(41);
  });

  it('counts what a reader sees: a flag or a family emoji is one character, never split', () => {
    const family = '👨‍👩‍👧';
    const excerpt = messageExcerpt(`${family}🇨🇳`.repeat(30));
    expect(excerpt).toBe(`${`${family}🇨🇳`.repeat(20)}…`);
    expect(messageExcerpt('中文消息'.repeat(20), 6)).toBe('中文消息中文…');
  });
});
