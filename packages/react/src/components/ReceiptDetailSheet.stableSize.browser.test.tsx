import { screen, waitFor, within } from '@testing-library/dom';
import type { CSSProperties } from 'react';
import { afterEach, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { nextFrame, Providers, renderApp, settle, teamWithMessage } from './testWorld.test';

/*
 * The centred sheet (a desktop, a phone held sideways) keeps its size while it is open, as the
 * phone's bottom sheet does: held by its top with the height of its content, its bottom edge jumped
 * up by a member row each time a member read (341 → 266 → 184 px at 667 x 375; 528 → 227 px at
 * 1280 x 800 once "Everyone has read this" showed), and with each tab switch and search.
 */

const world = listWorldPerTest();
const memberIds = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace'];

afterEach(async () => {
  await page.viewport(1024, 768);
});

/** `accountId` reads Alice's message in team t1 on a device of theirs; the page then settles. */
async function readBy(accountId: string) {
  const reader = world.server.login(accountId);
  const [received] = await world.history(reader, `${accountId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
  await settle(world.server);
}

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
  [667, 375],
] as const) {
  it(`centred (${width} x ${height}), keeps its box as members read, tabs switch and a search narrows the list`, async () => {
    await page.viewport(width, height);
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 0,
      memberIds,
    });
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <ReceiptDetailSheet
          message={message}
          isOpen
          onClose={() => {}}
          messageExcerpt="Lunch at noon?"
        />
      </Providers>,
    );
    const dialog = await screen.findByRole('dialog');
    const panel = await within(dialog).findByRole('tabpanel', { name: 'Unread (6)' });
    await waitFor(() => expect(panel.querySelectorAll('.readmark-member')).toHaveLength(6));
    await nextFrame();
    const boxOf = () => {
      const { top, bottom, left, right } = dialog.getBoundingClientRect();
      return { top: Math.round(top), bottom: Math.round(bottom), left, right };
    };
    const opened = boxOf();
    // The centred dialog, not a bottom sheet, all on screen.
    expect(opened.top).toBeGreaterThan(0);
    expect(opened.bottom).toBeLessThan(innerHeight);

    // Members read while it is open: Unread empties, row by row.
    for (const [index, accountId] of memberIds.entries()) {
      await readBy(accountId);
      await within(dialog).findByRole('tab', { name: `Unread (${5 - index})` });
      await nextFrame();
      expect.soft(boxOf(), `after ${accountId} read`).toEqual(opened);
    }
    await within(dialog).findByText('Everyone has read this');
    expect(boxOf()).toEqual(opened);

    // The other tab, and a search that leaves one member.
    await userEvent.click(within(dialog).getByRole('tab', { name: 'Read (6)' }));
    await within(dialog).findByText('grace');
    await nextFrame();
    expect(boxOf()).toEqual(opened);
    await userEvent.type(within(dialog).getByRole('searchbox'), 'erin');
    await waitFor(() => expect(within(dialog).queryByText('bob')).toBeNull());
    await nextFrame();
    expect(boxOf()).toEqual(opened);

    // The connection drops and comes back: the offline line above the list comes and goes.
    world.server.dropConnection('alice');
    await within(dialog).findByText('Offline: the lists may be out of date');
    await nextFrame();
    expect(boxOf()).toEqual(opened);
    world.server.restoreConnection('alice');
    await waitFor(() =>
      expect(within(dialog).queryByText('Offline: the lists may be out of date')).toBeNull(),
    );
    await nextFrame();
    expect(boxOf()).toEqual(opened);
  });
}

it('centred, its member list takes the height it is given (--readmark-sheet-list-height) when the screen has room', async () => {
  await page.viewport(1280, 800);
  const ids = Array.from({ length: 40 }, (_, index) => `m${index + 1}`);
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    readers: 0,
    memberIds: ids,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div style={{ '--readmark-sheet-list-height': '10rem' } as CSSProperties}>
        <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
      </div>
    </Providers>,
  );
  const dialog = await screen.findByRole('dialog');
  const list = await within(dialog).findByRole('region', { name: 'Members' });
  await nextFrame();
  // A full list: 10rem tall, and the sheet no taller than it needs around it.
  expect(list.getBoundingClientRect().height).toBeCloseTo(160, 0);
  expect(dialog.scrollHeight).toBeLessThanOrEqual(dialog.clientHeight);
});
