import { describe, expect, it } from 'vitest';
import { sharedRunShift } from './sharedRunShift';

const keyOf = (message: { id: string }) => message.id;
const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('sharedRunShift', () => {
  it('is 0 when messages are only appended or replaced by updated copies', () => {
    expect(sharedRunShift(list('a', 'b'), list('a', 'b', 'c'), keyOf)).toBe(0);
    expect(sharedRunShift(list('a', 'b'), list('a', 'b'), keyOf)).toBe(0);
  });

  it('counts prepended older messages, also with new ones appended in the same change', () => {
    expect(sharedRunShift(list('c', 'd'), list('a', 'b', 'c', 'd'), keyOf)).toBe(2);
    expect(sharedRunShift(list('b', 'c'), list('a', 'b', 'c', 'd'), keyOf)).toBe(1);
  });

  it('is negative when the oldest messages were dropped', () => {
    expect(sharedRunShift(list('a', 'b', 'c'), list('c', 'd'), keyOf)).toBe(-2);
  });

  it('is undefined when the shared messages are not one unbroken run', () => {
    expect(sharedRunShift(list('a', 'b', 'c'), list('a', 'c'), keyOf)).toBe(undefined);
    expect(sharedRunShift(list('a', 'c'), list('a', 'b', 'c'), keyOf)).toBe(undefined);
    expect(sharedRunShift(list('a', 'b'), list('x', 'y'), keyOf)).toBe(undefined);
    expect(sharedRunShift([], list('a'), keyOf)).toBe(undefined);
  });

  it('is undefined when the shared run is reordered inside, though its ends match', () => {
    expect(sharedRunShift(list('a', 'b', 'c', 'd'), list('x', 'a', 'c', 'b', 'd'), keyOf)).toBe(
      undefined,
    );
    expect(sharedRunShift(list('x', 'a', 'b', 'c'), list('a', 'c', 'b', 'y'), keyOf)).toBe(
      undefined,
    );
  });

  it('is undefined when a message left the run for a new place (re-sorted to the end or the front)', () => {
    // The oldest message re-sorted to the end: not "two older messages prepended to it".
    expect(sharedRunShift(list('a', 'b', 'c'), list('b', 'c', 'a'), keyOf)).toBe(undefined);
    expect(sharedRunShift(list('a', 'b', 'c', 'd'), list('c', 'd', 'a'), keyOf)).toBe(undefined);
    // The newest moved to the front.
    expect(sharedRunShift(list('a', 'b', 'c'), list('c', 'a', 'b'), keyOf)).toBe(undefined);
  });

  it('still shifts when the messages that came and the messages that went are different ones', () => {
    // A prepend while the newest message was removed, and the oldest dropped while one arrived.
    expect(sharedRunShift(list('a', 'b', 'c'), list('x', 'a', 'b'), keyOf)).toBe(1);
    expect(sharedRunShift(list('a', 'b', 'c'), list('b', 'c', 'y'), keyOf)).toBe(-1);
  });

  it('compares a replaced copy by key and the same object by identity, calling keyOf only for copies', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const calls: string[] = [];
    const countingKeyOf = (message: { id: string }) => {
      calls.push(message.id);
      return message.id;
    };
    expect(sharedRunShift([a, b], [a, { id: 'b' }, { id: 'c' }], countingKeyOf)).toBe(0);
    // The first key of each side to find the run, then only b's two copies.
    expect(calls).toEqual(['a', 'a', 'b', 'b']);
  });
});
