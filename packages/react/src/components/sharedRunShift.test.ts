import { describe, expect, it } from 'vitest';
import { sharedRunShift } from './sharedRunShift';

const keyOf = (message: { id: string }) => message.id;
const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('sharedRunShift', () => {
  it('is 0 when messages are only appended or replaced by updated copies', () => {
    expect(sharedRunShift({ previous: list('a', 'b'), next: list('a', 'b', 'c'), keyOf })).toBe(0);
    expect(sharedRunShift({ previous: list('a', 'b'), next: list('a', 'b'), keyOf })).toBe(0);
  });

  it('counts prepended older messages, also with new ones appended in the same change', () => {
    expect(
      sharedRunShift({ previous: list('c', 'd'), next: list('a', 'b', 'c', 'd'), keyOf }),
    ).toBe(2);
    expect(
      sharedRunShift({ previous: list('b', 'c'), next: list('a', 'b', 'c', 'd'), keyOf }),
    ).toBe(1);
  });

  it('is negative when the oldest messages were dropped', () => {
    expect(sharedRunShift({ previous: list('a', 'b', 'c'), next: list('c', 'd'), keyOf })).toBe(-2);
  });

  it('is undefined when the shared messages are not one unbroken run', () => {
    expect(sharedRunShift({ previous: list('a', 'b', 'c'), next: list('a', 'c'), keyOf })).toBe(
      undefined,
    );
    expect(sharedRunShift({ previous: list('a', 'c'), next: list('a', 'b', 'c'), keyOf })).toBe(
      undefined,
    );
    expect(sharedRunShift({ previous: list('a', 'b'), next: list('x', 'y'), keyOf })).toBe(
      undefined,
    );
    expect(sharedRunShift({ previous: [], next: list('a'), keyOf })).toBe(undefined);
  });
});
