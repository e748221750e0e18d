import { describe, expect, it } from 'vitest';
import { keptSeenKey } from './keptSeenKey';

const keyOf = (message: { id: string }) => message.id;
const list = (...ids: string[]) => ids.map((id) => ({ id }));
const moved = (seenKey: string, previous: { id: string }[], next: { id: string }[]) =>
  keptSeenKey(seenKey, previous, keyOf, next, keyOf);

describe('keptSeenKey', () => {
  it('moves to the last message before the removed one that is left', () => {
    expect(moved('c', list('a', 'b', 'c', 'n1', 'n2'), list('a', 'b', 'n1', 'n2'))).toBe('b');
    // Several removed at once, the one just before it too.
    expect(moved('c', list('a', 'b', 'c', 'n1'), list('a', 'n1', 'n2'))).toBe('a');
  });

  it('is null when nothing before it is left, undefined when the previous list lacked it too', () => {
    expect(moved('b', list('a', 'b', 'n1'), list('n1'))).toBeNull();
    expect(moved('x', list('a', 'b'), list('a'))).toBeUndefined();
  });
});
