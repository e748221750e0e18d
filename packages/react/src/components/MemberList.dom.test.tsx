/**
 * What the member list's status region says while the user types a search (no layout involved, so
 * jsdom with fake timers): once they pause, never once per keystroke, and never an outdated count.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { MemberList } from './MemberList';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const carol = { accountId: 'carol', name: 'Carol', isRead: false };
const list = (searchSummary: string | undefined) => (
  <MemberList
    members={[carol]}
    label="Unread"
    emptyText="No matching members"
    searchSummary={searchSummary}
  />
);

it('says what a search found once the typing pauses for 500 ms, never an outdated count', () => {
  const { rerender } = render(list(undefined));
  const status = screen.getByRole('status');
  rerender(list('2 matching members')); // "c"
  act(() => vi.advanceTimersByTime(300));
  rerender(list('1 matching member')); // "ca": typed before the pause
  act(() => vi.advanceTimersByTime(499));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(1));
  expect(status.textContent).toBe('1 matching member');
  // Typing again: the count said before is gone at once, the new one comes after the pause.
  rerender(list('3 matching members'));
  expect(status.textContent).toBe('');
  act(() => vi.advanceTimersByTime(500));
  expect(status.textContent).toBe('3 matching members');
  expect(screen.getByRole('status')).toBe(status);
});
