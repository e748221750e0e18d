import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  settle,
  teamWithMessage,
  twelveMembers,
} from './testWorld.test';
import { ANNOUNCE_INTERVAL_MS } from './useReadAnnouncement';

/*
 * WCAG 4.1.3: the search's status says how many members the list shows, never a count it showed
 * before: not the Unread tab's once the Read tab is picked, not the count before members read under
 * the search. And still once per pause, not once per reader.
 */
let world: ReturnType<typeof createWorld>;
beforeEach(() => {
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

/** Bob and Member 01 … Member 12. */
const names: Record<string, string> = {
  bob: 'Bob',
  ...Object.fromEntries(
    twelveMembers.map((id, index) => [id, `Member ${String(index + 1).padStart(2, '0')}`]),
  ),
};

/** `accountId` reads Alice's message in team t1 on a device of theirs; the server then settles. */
async function readBy(accountId: string) {
  const reader = world.server.login(accountId);
  const [received] = await world.history(reader, `${accountId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
  await settle(world.server);
}

/** Alice's open sheet for her message to Bob and the twelve, which Bob has read. */
async function openSheet(locale: ReceiptLocale) {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', ...twelveMembers],
    readers: 1,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)} locale={locale} names={names}>
      <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
    </Providers>,
  );
  const dialog = await screen.findByRole('dialog');
  const panel = await within(dialog).findByRole('tabpanel');
  await waitFor(() => expect(within(panel).getAllByRole('listitem').length).toBeGreaterThan(0));
  const status = within(dialog).getByRole('status');
  /** Every text the status region held, in order: what a screen reader was given to say. */
  const said: string[] = [];
  new MutationObserver(() => {
    if (status.textContent !== said.at(-1)) said.push(status.textContent ?? '');
  }).observe(status, { subtree: true, childList: true, characterData: true });
  return { dialog, status, said, search: within(dialog).getByRole('searchbox') };
}

const shown = (dialog: HTMLElement) =>
  within(within(dialog).getByRole('tabpanel')).queryAllByRole('listitem').length;

it('says the count of the tab picked under a search, not the tab it was typed on', async () => {
  const { dialog, status, said, search } = await openSheet('en');
  await userEvent.type(search, 'b'); // Member … and Bob
  await waitFor(() => expect(status.textContent).toBe('12 matching members'));

  await userEvent.click(within(dialog).getByRole('tab', { name: 'Read (1)' }));
  await waitFor(() => expect(shown(dialog)).toBe(1));
  // The Unread tab's count is gone with its list; the Read tab's is said once the user pauses.
  expect(status.textContent).toBe('');
  await waitFor(() => expect(status.textContent).toBe('1 matching member'));

  await userEvent.click(within(dialog).getByRole('tab', { name: 'Unread (12)' }));
  await waitFor(() => expect(status.textContent).toBe('12 matching members'));
  expect(said).toEqual(['12 matching members', '', '1 matching member', '', '12 matching members']);
});

it('says the count left once members stop reading under the search, once, not per reader', async () => {
  const { dialog, status, said, search } = await openSheet('zh-CN');
  await userEvent.type(search, 'Member 1'); // Member 10, 11 and 12
  await waitFor(() => expect(status.textContent).toBe('找到3名成员'));

  await readBy('member10');
  await waitFor(() => expect(shown(dialog)).toBe(2));
  expect(status.textContent).toBe(''); // never "3" over a list of two
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // longer than the typing pause
  expect(status.textContent).toBe('');
  await readBy('member11');
  await waitFor(() => expect(shown(dialog)).toBe(1));
  await waitFor(() => expect(status.textContent).toBe('找到1名成员'), {
    timeout: ANNOUNCE_INTERVAL_MS + 2_000,
  });
  // One count for the two readers: "找到2名成员" was never said.
  expect(said).toEqual(['找到3名成员', '', '找到1名成员']);
});
