/**
 * What the member list's status region says while the user types a search (no layout involved, so
 * jsdom with fake timers): once they pause, never once per keystroke, never an outdated count, and
 * once per pause in the reading when members read under a search they made, not once per reader.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ReceiptStringsProvider } from '../i18n/ReceiptStringsProvider';
import { MemberList } from './MemberList';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const carol = { accountId: 'carol', name: 'Carol', isRead: false };
/** The list on the Unread tab under the search `query`. */
const list = (query: string, searchSummary: string | undefined) => (
  <MemberList
    members={[carol]}
    label="Unread"
    emptyText="No matching members"
    showing={`unread\n${query}`}
    searchSummary={searchSummary}
  />
);

it('says what a search found once the typing pauses for 500 ms, even when each key gave the same count', () => {
  const { rerender } = render(list('', undefined));
  const status = screen.getByRole('status');
  rerender(list('m', '148 matching members'));
  act(() => vi.advanceTimersByTime(300));
  rerender(list('me', '148 matching members')); // typed before the pause, the same count
  act(() => vi.advanceTimersByTime(300));
  rerender(list('mem', '148 matching members'));
  act(() => vi.advanceTimersByTime(499));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(1));
  expect(status.textContent).toBe('148 matching members');
  // Typing again: the count said before is gone at once, the new one comes after the pause.
  rerender(list('mem1', '10 matching members'));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(500));
  expect(status.textContent).toBe('10 matching members');
  expect(screen.getByRole('status')).toBe(status);
});

it('takes a count changed by members reading out at once and says the new one once no one has read for 5 s', () => {
  const { rerender } = render(list('mem1', '10 matching members'));
  const status = screen.getByRole('status');
  act(() => vi.advanceTimersByTime(500));
  expect(status.textContent).toBe('10 matching members');
  expect(vi.getTimerCount()).toBe(0); // said: nothing waits until the list changes
  rerender(list('mem1', '9 matching members')); // a member read: the unread tab lost one
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(3_000));
  rerender(list('mem1', '8 matching members')); // another one, 3 s later
  act(() => vi.advanceTimersByTime(4_999));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(1));
  expect(status.textContent).toBe('8 matching members');
  // Typing again is the user's: said after the usual pause, not the readers' 5 s.
  rerender(list('mem12', '1 matching member'));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(500));
  expect(status.textContent).toBe('1 matching member');
});

it('says nothing on a language switch, also after 5 s, and says a later count in the new language', () => {
  const inLanguage = (locale: 'en' | 'zh-CN', summary: string) => (
    <ReceiptStringsProvider locale={locale}>{list('mem1', summary)}</ReceiptStringsProvider>
  );
  const { rerender } = render(inLanguage('en', '3 matching members'));
  const status = screen.getByRole('status');
  act(() => vi.advanceTimersByTime(500));
  expect(status.textContent).toBe('3 matching members');
  // The sheet writes its count in the new language: not news, so not said again.
  rerender(inLanguage('zh-CN', '找到3名成员'));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(10_000));
  expect(status.textContent).toBe('');
  // A member reads: the new count is said, in Chinese, once no one has read for 5 s.
  rerender(inLanguage('zh-CN', '找到2名成员'));
  act(() => vi.advanceTimersByTime(5_000));
  expect(status.textContent).toBe('找到2名成员');
});

it('says a search made again after clearing it once the typing pauses again, not at once', () => {
  const { rerender } = render(list('car', '1 matching member'));
  const status = screen.getByRole('status');
  act(() => vi.advanceTimersByTime(500));
  expect(status.textContent).toBe('1 matching member');
  rerender(list('', undefined));
  expect(status.textContent).toBe('');
  rerender(list('car', '1 matching member'));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(499));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(1));
  expect(status.textContent).toBe('1 matching member');
});

it('starts no timer and renders nothing more while there is no search to speak of', () => {
  let renders = 0;
  render(
    <Profiler id="members" onRender={() => void renders++}>
      {list('', undefined)}
    </Profiler>,
  );
  expect(renders).toBe(1);
  expect(vi.getTimerCount()).toBe(0);
  act(() => vi.advanceTimersByTime(5_000));
  expect(renders).toBe(1);
});
