import { describe, expect, it } from 'vitest';
import { commonEnds } from './commonEnds';

const keyOf = (message: { id: string }) => message.id;
const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('commonEnds', () => {
  it('finds what is kept around a message removed or inserted in the middle', () => {
    expect(
      commonEnds({ previous: list('a', 'b', 'c', 'd'), next: list('a', 'b', 'd'), keyOf }),
    ).toEqual({ prefix: 2, suffix: 1 });
    expect(commonEnds({ previous: list('a', 'c'), next: list('a', 'b', 'c'), keyOf })).toEqual({
      prefix: 1,
      suffix: 1,
    });
  });

  it('never counts a message twice and is 0/0 for unrelated lists', () => {
    expect(commonEnds({ previous: list('a', 'a'), next: list('a', 'a', 'a'), keyOf })).toEqual({
      prefix: 2,
      suffix: 0,
    });
    expect(commonEnds({ previous: list('a'), next: list('x', 'y'), keyOf })).toEqual({
      prefix: 0,
      suffix: 0,
    });
  });
});
