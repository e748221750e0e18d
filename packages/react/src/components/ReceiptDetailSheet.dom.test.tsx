/**
 * The sheet in jsdom, where most apps run their component tests: jsdom's `<dialog>` has no
 * `showModal()` or `close()`, and the sheet must still open, show its tabs and give focus back.
 * (Real modal behaviour, Esc and the member list's layout are tested in Chromium.)
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { receiptWorldPerTest } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { BadgeOpensSheet } from './testWorld.test';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});
afterEach(cleanup);

it('opens in jsdom (no showModal there), shows its tabs, and gives focus back when closed', async () => {
  expect(typeof HTMLDialogElement.prototype.showModal).toBe('undefined');
  const alice = world.device('A');
  const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
  render(
    <ReceiptProvider engine={alice.engine}>
      <BadgeOpensSheet message={g1} />
    </ReceiptProvider>,
  );
  await act(() => world.tick(100));
  const badge = screen.getByRole('button', { name: /2 unread/i });
  badge.focus();
  fireEvent.click(badge);
  await act(() => world.tick(100));
  const sheet = screen.getByRole('dialog');
  expect(sheet.hasAttribute('open')).toBe(true);
  expect(screen.getByRole('tab', { name: 'Unread (2)' }).getAttribute('aria-selected')).toBe(
    'true',
  );
  expect(screen.getByRole('tab', { name: 'Read (0)' })).toBeTruthy();

  // Its title bar is no landmark: a `<header>` outside a section is the page's banner, and a sheet
  // rendered at the body's level gave screen readers' landmark lists a second one.
  expect(screen.queryByRole('banner')).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Close' }));
  expect(sheet.hasAttribute('open')).toBe(false);
  expect(document.activeElement).toBe(badge);
});

// A JavaScript app can pass anything; the tabs must still follow the roving-tabindex pattern.
it.each(['Read', 'READ', '', 'members', null])(
  'an initialTab of %j opens on Unread with exactly one tab selected and reachable with Tab',
  async (initialTab) => {
    const alice = world.device('A');
    const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    render(
      <ReceiptProvider engine={alice.engine}>
        <ReceiptDetailSheet
          message={g1}
          isOpen
          onClose={() => {}}
          initialTab={initialTab as unknown as 'read'}
        />
      </ReceiptProvider>,
    );
    await act(() => world.tick(100));
    const tabs = screen.getAllByRole('tab');
    expect(tabs.filter((tab) => tab.getAttribute('aria-selected') === 'true')).toEqual([
      screen.getByRole('tab', { name: 'Unread (2)' }),
    ]);
    expect(tabs.filter((tab) => tab.tabIndex === 0)).toEqual([
      screen.getByRole('tab', { name: 'Unread (2)' }),
    ]);
    expect(screen.getByRole('tabpanel', { name: 'Unread (2)' })).toBeTruthy();
  },
);

it('offline, says it waits for the connection rather than "Loading…", and shows the members once back', async () => {
  const alice = world.device('A');
  const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
  alice.client.disconnect();
  render(
    <ReceiptProvider engine={alice.engine}>
      <ReceiptDetailSheet message={g1} isOpen onClose={() => {}} />
    </ReceiptProvider>,
  );
  await act(() => world.tick(5000));
  expect(screen.getByRole('status').textContent).toBe('Waiting for a connection…');
  expect(screen.queryByText('Loading…')).toBeNull();

  alice.client.reconnect();
  await act(() => world.tick(1000));
  expect(screen.queryByText('Waiting for a connection…')).toBeNull();
  expect(screen.getByRole('tab', { name: 'Unread (2)' })).toBeTruthy();
  expect(screen.getByRole('dialog').getAttribute('data-status')).toBe('ready');
});

it.each([
  ['en', 'Could not load read receipts. Trying again…', 'Waiting for a connection…', 'Unread (2)'],
  ['zh-CN', '已读回执加载失败，正在重试…', '等待网络连接…', '未读2人'],
] as const)(
  'while the engine retries a passing failure by itself (%s), says it is trying again or waits for the connection, never the final failure',
  async (locale, retrying, waiting, unreadTab) => {
    const alice = world.device('A');
    const g1 = await world.send(alice, 'A|2|T', { at: 100, isFlagged: true });
    world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 192004, times: 2 });
    render(
      <ReceiptProvider engine={alice.engine} locale={locale}>
        <ReceiptDetailSheet message={g1} isOpen onClose={() => {}} />
      </ReceiptProvider>,
    );
    await act(() => world.tick(0));
    expect(alice.calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(retrying);
    expect(screen.getByRole('dialog').getAttribute('data-status')).toBe('loading');

    alice.client.disconnect();
    await act(() => world.tick(5000));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(waiting);

    alice.client.reconnect();
    await act(() => world.tick(5000));
    expect(alice.calls.getTeamMessageReceiptDetail).toHaveLength(3);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('tab', { name: unreadTab })).toBeTruthy();
    expect(screen.getByRole('dialog').getAttribute('data-status')).toBe('ready');
  },
);
