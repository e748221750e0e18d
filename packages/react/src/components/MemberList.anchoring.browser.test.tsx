import { screen, waitFor, within } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import type { ReceiptDetailTab } from './DetailTabs';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MemberList } from './MemberList';
import type { ReceiptDetailMember } from './ReceiptDetailMember';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { frames, Providers, renderApp, settle, teamWithMessage } from './testWorld.test';

/*
 * Members read while the sheet is open: on Unread they leave the list, on Read they join it. The
 * rows the reader is looking at stay where they are on screen (scrollTop alone stayed, so the rows
 * under it moved: Member 017 at the top became Member 069 in ten seconds of reads).
 */

const world = listWorldPerTest();
const memberIds = Array.from(
  { length: 120 },
  (_, index) => `m${String(index + 1).padStart(3, '0')}`,
);

/** `accountId` reads Alice's message in team t1 on a device of theirs; the page then settles. */
async function readBy(accountId: string) {
  const reader = world.server.login(accountId);
  const [received] = await world.history(reader, `${accountId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
  await settle(world.server);
}

/** Alice's open sheet on `tab`, `readers` of the team of 120 having read; its list scrolled down. */
async function scrolledSheet(tab: ReceiptDetailTab, readers: number, tabName: string) {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers, memberIds });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <ReceiptDetailSheet message={message} isOpen onClose={() => {}} initialTab={tab} />
    </Providers>,
  );
  const panel = await screen.findByRole('tabpanel', { name: tabName });
  const list = await waitFor(() => {
    const scroller = panel.querySelector<HTMLElement>('.readmark-sheet-list');
    expect(scroller).not.toBeNull();
    return scroller!;
  });
  list.scrollTop = 1500;
  await frames(4);
  return list;
}

/** The top of each row in view, by account id, relative to the page. */
function rowTopsInView(list: HTMLElement): Map<string, number> {
  const view = list.getBoundingClientRect();
  const tops = new Map<string, number>();
  for (const row of list.querySelectorAll<HTMLElement>('.readmark-member')) {
    const box = row.getBoundingClientRect();
    if (box.bottom > view.top && box.top < view.bottom) tops.set(row.dataset.accountId!, box.top);
  }
  return tops;
}

it('on Unread, the rows in view stay where they are as members above them read and leave', async () => {
  const list = await scrolledSheet('unread', 0, 'Unread (120)');
  const before = rowTopsInView(list);
  expect(before.has('m001')).toBe(false);
  expect(before.size).toBeGreaterThan(4);

  // Ten members above the view read, one after another.
  for (const accountId of memberIds.slice(0, 10)) await readBy(accountId);
  await within(list.closest('dialog')!).findByRole('tab', { name: 'Unread (110)' });
  await frames(4);

  expect(rowTopsInView(list)).toEqual(before);
});

it('on Read, the rows in view stay where they are as more members read', async () => {
  const list = await scrolledSheet('read', 80, 'Read (80)');
  const before = rowTopsInView(list);
  expect(before.size).toBeGreaterThan(4);

  for (const accountId of memberIds.slice(80, 90)) await readBy(accountId);
  await within(list.closest('dialog')!).findByRole('tab', { name: 'Read (90)' });
  await frames(4);

  expect(rowTopsInView(list)).toEqual(before);
});

/** The list alone over `members`, for orders the memory server never gives (it lists by reading). */
function renderMembers(members: readonly ReceiptDetailMember[]) {
  const ui = (shown: readonly ReceiptDetailMember[]) => (
    <MemberList members={shown} label="Read" emptyText="Nobody has read this yet" />
  );
  const app = renderApp(ui(members));
  return {
    list: app.container.querySelector<HTMLElement>('.readmark-sheet-list')!,
    rerender: (shown: readonly ReceiptDetailMember[]) => app.rerender(ui(shown)),
  };
}

const member = (accountId: string): ReceiptDetailMember => ({
  accountId,
  name: accountId,
  isRead: true,
});
const members = memberIds.slice(20).map(member);
const earlier = memberIds.slice(0, 20).map(member);

it('scrolled down, the rows in view stay where they are as members are inserted above them', async () => {
  const { list, rerender } = renderMembers(members);
  list.scrollTop = 1500;
  await frames(4);
  const before = rowTopsInView(list);

  rerender([...earlier.slice(0, 5), ...members]);
  await frames(4);

  expect(rowTopsInView(list)).toEqual(before);
});

it('at the top, a member inserted first shows at the top, as CSS scroll anchoring does', async () => {
  const { list, rerender } = renderMembers(members);
  await frames(4);

  rerender([earlier[0]!, ...members]);
  await frames(4);

  expect(list.scrollTop).toBe(0);
  expect([...rowTopsInView(list).keys()][0]).toBe('m001');
});

it('a new search and another tab start at the top of their list, not where the last one was scrolled', async () => {
  const list = await scrolledSheet('unread', 60, 'Unread (60)');
  expect(list.scrollTop).toBeGreaterThan(1000);
  // m061 to m120 are unread (the first 60 read): m070 to m079 match, m070 first.
  await userEvent.type(screen.getByRole('searchbox'), 'm07');
  await frames(3);
  expect(list.scrollTop).toBe(0);
  expect([...rowTopsInView(list).keys()][0]).toBe('m070');

  await userEvent.clear(screen.getByRole('searchbox'));
  await frames(3);
  list.scrollTop = 1500;
  await frames(3);
  await userEvent.click(screen.getByRole('tab', { name: 'Read (60)' }));
  await frames(3);
  const readList = screen
    .getByRole('tabpanel', { name: 'Read (60)' })
    .querySelector<HTMLElement>('.readmark-sheet-list')!;
  expect(readList.scrollTop).toBe(0);
  expect([...rowTopsInView(readList).keys()][0]).toBe('m001');
});
