/**
 * The sheet's polite announcements: the first new readers at once, then at most one announcement
 * per interval, by name up to three, else as a count, so 150 readers in three seconds do not queue
 * 150 sentences in a screen reader.
 */
import { act, renderHook } from '@testing-library/react';
import * as React from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_INTERVAL_MS, REPEAT_DELAY_MS, useReadAnnouncement } from './useReadAnnouncement';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const describeNames = (accountIds: readonly string[]) => `${accountIds.join(' and ')} read`;
const describeCount = (count: number) => `${count} more read`;
/** Every account these tests use: whoever has not read is unread. */
const everyone = [
  ...['a', 'b', 'c', 'd', 'e', 'alice', 'bob1', 'bob2'],
  ...Array.from({ length: 150 }, (_, index) => `m${index}`),
];
const unreadOf = (read: readonly string[]) => everyone.filter((id) => !read.includes(id));

function announcements(initial: readonly string[], isReady = true) {
  const view = renderHook(
    ({ list, ready }) =>
      useReadAnnouncement(list, unreadOf(list), ready, describeNames, describeCount, 'en'),
    { initialProps: { list: initial, ready: isReady } },
  );
  return {
    view,
    read: (list: readonly string[]) => view.rerender({ list, ready: true }),
    current: () => view.result.current,
  };
}

describe('useReadAnnouncement', () => {
  it('does not announce the list it opened with', () => {
    const { current } = announcements(['a', 'b']);
    expect(current()).toBe('');
  });

  it('announces the first new reader at once, then gathers the next ones for the interval', () => {
    const { read, current } = announcements(['a']);
    read(['a', 'b']);
    expect(current()).toBe('b read');
    read(['a', 'b', 'c']);
    read(['a', 'b', 'c', 'd']);
    expect(current()).toBe('b read'); // not yet: one announcement per interval
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    expect(current()).toBe('c and d read');
    // A quiet interval ends the gathering: the next reader is announced at once again.
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    read(['a', 'b', 'c', 'd', 'e']);
    expect(current()).toBe('e read');
  });

  it('withdraws what it said once an interval ends with nobody new, and says the next reader at once', () => {
    const { read, current } = announcements(['a']);
    read(['a', 'b']);
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS - 1));
    expect(current()).toBe('b read');
    act(() => vi.advanceTimersByTime(1));
    // Not left for a screen reader user browsing the sheet to come upon later.
    expect(current()).toBe('');
    read(['a', 'b', 'c']);
    expect(current()).toBe('c read');
  });

  it('more than three readers in one interval are announced as a count', () => {
    const { read, current } = announcements([]);
    const members = Array.from({ length: 150 }, (_, index) => `m${index}`);
    read(members.slice(0, 1));
    expect(current()).toBe('m0 read');
    for (let count = 2; count <= 150; count++) read(members.slice(0, count));
    expect(current()).toBe('m0 read');
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    expect(current()).toBe('149 more read');
  });

  it('150 readers at once are one count, not the last three names', () => {
    const { read, current } = announcements([]);
    read(Array.from({ length: 150 }, (_, index) => `m${index}`));
    expect(current()).toBe('150 more read');
  });

  it('after a language switch shows nothing of the old language; the next readers are said in the new one', () => {
    const say = {
      en: [describeNames, describeCount],
      fr: [(ids: readonly string[]) => `${ids.join(' et ')} ont lu`, (n: number) => `${n} de plus`],
    } as const;
    const view = renderHook(
      ({ list, language }: { list: readonly string[]; language: 'en' | 'fr' }) =>
        useReadAnnouncement(
          list,
          unreadOf(list),
          true,
          say[language][0],
          say[language][1],
          language,
        ),
      { initialProps: { list: ['a'], language: 'en' } },
    );
    view.rerender({ list: ['a', 'b'], language: 'en' });
    expect(view.result.current).toBe('b read');
    view.rerender({ list: ['a', 'b', 'c'], language: 'en' }); // gathered for the interval's end
    view.rerender({ list: ['a', 'b', 'c'], language: 'fr' });
    expect(view.result.current).toBe('');
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    expect(view.result.current).toBe('c ont lu');
    // And back: the French sentence is withdrawn, and the English one before it is not said again.
    view.rerender({ list: ['a', 'b', 'c'], language: 'en' });
    expect(view.result.current).toBe('');
    view.rerender({ list: ['a', 'b', 'c'], language: 'fr' });
    expect(view.result.current).toBe('');
  });

  it('a language switch while a repeated sentence waits to be said again says it in the new language', () => {
    const say = {
      en: [describeNames, describeCount],
      fr: [(ids: readonly string[]) => `${ids.join(' et ')} ont lu`, (n: number) => `${n} de plus`],
    } as const;
    const members = Array.from({ length: 9 }, (_, index) => `m${index}`);
    const view = renderHook(
      ({ list, language }: { list: readonly string[]; language: 'en' | 'fr' }) =>
        useReadAnnouncement(
          list,
          unreadOf(list),
          true,
          say[language][0],
          say[language][1],
          language,
        ),
      { initialProps: { list: [] as readonly string[], language: 'en' } },
    );
    view.rerender({ list: members.slice(0, 1), language: 'en' });
    view.rerender({ list: members.slice(0, 5), language: 'en' });
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    expect(view.result.current).toBe('4 more read');
    view.rerender({ list: members.slice(0, 9), language: 'en' });
    // The same sentence again: the region empties, to say it once it has been empty a moment.
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    expect(view.result.current).toBe('');
    view.rerender({ list: members.slice(0, 9), language: 'fr' });
    act(() => vi.advanceTimersByTime(REPEAT_DELAY_MS));
    // Never the English sentence under the French `lang`, and the four readers are not lost.
    expect(view.result.current).toBe('4 de plus');
  });

  it('members a changed filter brings into view are not announced; a member who then reads is', () => {
    const view = renderHook(
      ({ read, unread }) =>
        useReadAnnouncement(read, unread, true, describeNames, describeCount, 'en'),
      { initialProps: { read: ['a'] as readonly string[], unread: ['b'] as readonly string[] } },
    );
    // The filter now also shows c, who had read, and d, who has not: nobody moved.
    view.rerender({ read: ['a', 'c'], unread: ['b', 'd'] });
    expect(view.result.current).toBe('');
    view.rerender({ read: ['a', 'b', 'c'], unread: ['d'] });
    expect(view.result.current).toBe('b read');
  });

  it('closing forgets what was gathered: nothing is announced after it', () => {
    const { view, read, current } = announcements(['a']);
    read(['a', 'b']);
    read(['a', 'b', 'c']);
    view.rerender({ list: ['a', 'b', 'c'], ready: false });
    expect(current()).toBe('');
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS * 2));
    expect(current()).toBe('');
  });

  // React 19's <Activity> tears effects down while hidden and runs them again on the same state.
  const { Activity } = React as {
    Activity?: React.ComponentType<{ mode: 'visible' | 'hidden'; children: React.ReactNode }>;
  };
  it.skipIf(Activity === undefined)(
    'hidden and shown again while an interval runs, it still announces later readers',
    () => {
      const ActivityBoundary = Activity!;
      let mode: 'visible' | 'hidden' = 'visible';
      const view = renderHook(
        ({ list }: { list: readonly string[] }) =>
          useReadAnnouncement(list, unreadOf(list), true, describeNames, describeCount, 'en'),
        {
          initialProps: { list: ['a'] as readonly string[] },
          wrapper: ({ children }) => <ActivityBoundary mode={mode}>{children}</ActivityBoundary>,
        },
      );
      view.rerender({ list: ['a', 'b'] });
      expect(view.result.current).toBe('b read'); // an interval now runs
      mode = 'hidden';
      view.rerender({ list: ['a', 'b'] });
      mode = 'visible';
      view.rerender({ list: ['a', 'b'] });
      act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS * 2));
      view.rerender({ list: ['a', 'b', 'c'] });
      // No interval runs any more: said at once (a timer left marked as running held it back).
      expect(view.result.current).toBe('c read');
    },
  );
});

/**
 * A live region announces changes only: the same sentence twice in a row (two batches of as many
 * readers, two members of one display name) must still change the region's text each time.
 */
describe('useReadAnnouncement, the same sentence twice in a row', () => {
  /** Every text the region shows, in order, without repeats (a repeat is no change in the DOM). */
  function regionTexts(initial: readonly string[], nameOf = (accountId: string) => accountId) {
    const texts: string[] = [];
    const view = renderHook(
      ({ list }) => {
        const text = useReadAnnouncement(
          list,
          unreadOf(list),
          true,
          (ids) => `${ids.map(nameOf).join(' and ')} read`,
          describeCount,
          'en',
        );
        if (texts.at(-1) !== text) texts.push(text);
        return text;
      },
      { initialProps: { list: initial } },
    );
    return { read: (list: readonly string[]) => view.rerender({ list }), texts };
  }

  it('a second batch of as many readers as the first is said again', () => {
    const members = Array.from({ length: 9 }, (_, index) => `m${index}`);
    const { read, texts } = regionTexts([]);
    read(members.slice(0, 1));
    read(members.slice(0, 5));
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    read(members.slice(0, 9));
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    act(() => vi.advanceTimersByTime(REPEAT_DELAY_MS));
    expect(texts).toEqual(['', 'm0 read', '4 more read', '', '4 more read']);
  });

  it('two members with one display name reading one after the other are both said', () => {
    const { read, texts } = regionTexts(['alice'], (accountId) =>
      accountId.startsWith('bob') ? 'Bob' : accountId,
    );
    read(['alice', 'bob1']);
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS * 2)); // a quiet interval ends
    read(['alice', 'bob1', 'bob2']);
    act(() => vi.advanceTimersByTime(REPEAT_DELAY_MS));
    expect(texts).toEqual(['', 'Bob read', '', 'Bob read']);
  });

  it('keeps one announcement per interval, counted from when the repeated sentence is said', () => {
    const { read, texts } = regionTexts(['a'], (accountId) =>
      accountId.startsWith('bob') ? 'Bob' : accountId,
    );
    read(['a', 'bob1']);
    // Gathered while 'Bob read' is still there: at the interval's end the region empties, and the
    // sentence is said again REPEAT_DELAY_MS later.
    read(['a', 'bob1', 'bob2']);
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS));
    act(() => vi.advanceTimersByTime(REPEAT_DELAY_MS));
    read(['a', 'bob1', 'bob2', 'c']);
    act(() => vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS - 1));
    expect(texts.at(-1)).toBe('Bob read');
    act(() => vi.advanceTimersByTime(1));
    expect(texts).toEqual(['', 'Bob read', '', 'Bob read', 'c read']);
  });
});
