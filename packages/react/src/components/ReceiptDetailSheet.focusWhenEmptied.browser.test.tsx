import { screen, waitFor, within } from '@testing-library/dom';
import type { ReactNode } from 'react';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { Providers, renderApp, settle, teamWithMessage } from './testWorld.test';

/*
 * The member list's scroller is rendered only while it has members. A keyboard or screen-reader user
 * in the list on Unread, as the last unread members read, had the focus fall to <body> with it: out
 * of the modal sheet, their place lost, the next Tab at the sheet's first control.
 */

const world = listWorldPerTest();
const memberIds = ['bob', 'carol', 'dave'];

/** `accountId` reads Alice's message in team t1 on a device of theirs; the page then settles. */
async function readBy(accountId: string) {
  const reader = world.server.login(accountId);
  const [received] = await world.history(reader, `${accountId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
  await settle(world.server);
}

/** Alice's open sheet of a team of three who have not read, on Unread. */
async function openSheet(renderMember?: (member: { name: string }) => ReactNode) {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 0, memberIds });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <ReceiptDetailSheet message={message} isOpen onClose={() => {}} renderMember={renderMember} />
    </Providers>,
  );
  const dialog = await screen.findByRole('dialog');
  const panel = await within(dialog).findByRole('tabpanel', { name: 'Unread (3)' });
  await waitFor(() => expect(panel.querySelectorAll('.readmark-member')).toHaveLength(3));
  return { dialog, panel };
}

it('hands focus to the tab panel, not <body>, when the last unread member reads while the list has it', async () => {
  const { dialog, panel } = await openSheet();
  const list = panel.querySelector<HTMLElement>('.readmark-sheet-list')!;
  list.focus();

  for (const accountId of memberIds) await readBy(accountId);

  await within(dialog).findByRole('tab', { name: 'Unread (0)' });
  expect(panel.querySelector('.readmark-sheet-list')).toBeNull();
  expect(document.activeElement).not.toBe(document.body);
  // The panel, named by its tab ("Unread (0)"), holds the empty text: where the user was.
  expect(document.activeElement).toBe(panel);
  expect(panel.textContent).toContain('Everyone has read');
});

it('hands focus to the list, not <body>, when the member whose row holds it reads', async () => {
  const { panel } = await openSheet((member) => <button type="button">{member.name}</button>);
  within(panel).getByRole('button', { name: 'carol' }).focus();

  await readBy('carol');

  await waitFor(() => expect(within(panel).queryByRole('button', { name: 'carol' })).toBeNull());
  expect(document.activeElement).toBe(panel.querySelector('.readmark-sheet-list'));
});
