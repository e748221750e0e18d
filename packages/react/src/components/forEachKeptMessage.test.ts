import { describe, expect, it } from 'vitest';
import { forEachKeptMessage } from './forEachKeptMessage';

const keyOf = (message: { id: string }) => message.id;
const list = (...ids: string[]) => ids.map((id) => ({ id }));
/** The kept messages as "id: previous index -> next index", in index order of `next`. */
function kept(previous: { id: string }[], next: { id: string }[]): string[] {
  const pairs: [number, number][] = [];
  forEachKeptMessage(previous, next, keyOf, (from, to) => pairs.push([from, to]));
  return pairs.sort((a, b) => a[1] - b[1]).map(([from, to]) => `${next[to]!.id}: ${from} -> ${to}`);
}

describe('forEachKeptMessage', () => {
  it('matches what is kept around a message removed or inserted in the middle', () => {
    expect(kept(list('a', 'b', 'c', 'd'), list('a', 'b', 'd'))).toEqual([
      'a: 0 -> 0',
      'b: 1 -> 1',
      'd: 3 -> 2',
    ]);
    expect(kept(list('a', 'c'), list('a', 'b', 'c'))).toEqual(['a: 0 -> 0', 'c: 1 -> 2']);
  });

  it('follows messages re-sorted to a new place, and replaced copies by key', () => {
    // The oldest sent message's server copy sorted after the others.
    expect(kept(list('a', 'b', 'c'), [...list('b', 'c'), { id: 'a' }])).toEqual([
      'b: 1 -> 0',
      'c: 2 -> 1',
      'a: 0 -> 2',
    ]);
    expect(kept(list('a', 'b', 'c', 'd'), list('a', 'c', 'b', 'd'))).toEqual([
      'a: 0 -> 0',
      'c: 2 -> 1',
      'b: 1 -> 2',
      'd: 3 -> 3',
    ]);
  });

  it('reports each message once and nothing for unrelated lists', () => {
    expect(kept(list('a', 'a'), list('a', 'a', 'a'))).toEqual(['a: 0 -> 0', 'a: 1 -> 1']);
    expect(kept(list('a'), list('x', 'y'))).toEqual([]);
    expect(kept([], list('x'))).toEqual([]);
  });
});
