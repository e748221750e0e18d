import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ReceiptProvider } from '../ReceiptProvider';
import { listWorldPerTest } from './listWorldPerTest.test';
import type { ReceiptDetailMember } from './ReceiptDetailMember';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { renderApp, settle, teamWithMessage, untilStill } from './testWorld.test';

/**
 * Render counts of the sheet's member rows: typing in the search, a member reading while the sheet
 * is open and scrolling render only the rows that change or mount. (Every mounted row was rendered
 * again for each of them: 28 rows per keystroke in this team.)
 */
const world = listWorldPerTest();
const memberIds = Array.from({ length: 40 }, (_, index) => `member${index + 1}`);
let memberRenders = 0;
// Stable, as the docs ask: rows are memoized on it.
const renderMember = (member: ReceiptDetailMember) => {
  memberRenders++;
  return <span>{member.name}</span>;
};

/** The sheet, open until it asks to close. */
function Sheet({ engine, message }: { engine: ReceiptEngine; message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(true);
  return (
    <ReceiptProvider engine={engine}>
      <ReceiptDetailSheet
        message={message}
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        renderMember={renderMember}
      />
    </ReceiptProvider>
  );
}

/** Alice's sheet for her message to a team of 40, 4 of whom have read it, opened on Unread. */
async function openSheet() {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 4, memberIds });
  const engine = world.engineFor(alice);
  renderApp(<Sheet engine={engine} message={message} />);
  await waitFor(() => expect(screen.getByRole('tab', { name: 'Unread (36)' })).toBeTruthy());
  await quiet();
  memberRenders = 0;
}

async function quiet() {
  await settle(world.server);
  await untilStill(() => memberRenders);
}

const accountsShown = () =>
  new Set(
    [...document.querySelectorAll<HTMLElement>('.readmark-member')].map(
      (row) => row.dataset.accountId,
    ),
  );

describe('ReceiptDetailSheet render counts', () => {
  it('typing in the search renders no row that stays', async () => {
    await openSheet();
    // "member" matches everyone, "member1" fewer: no row appears that was not mounted already.
    await userEvent.type(screen.getByRole('searchbox'), 'member1');
    await quiet();
    expect(screen.getByRole('tab', { name: 'Unread (36)' })).toBeTruthy();
    expect(accountsShown().size).toBe(10);
    expect(memberRenders).toBe(0);
  });

  it('a member reading while it is open renders none of the other rows', async () => {
    await openSheet();
    const before = accountsShown();
    // The first unread row: every row after it moves up one place.
    expect(before.has('member5')).toBe(true);
    const reader = world.server.login('member5');
    const [copy] = await world.history(reader, 'member5|2|t1');
    await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Unread (35)' })).toBeTruthy());
    await quiet();
    const mounted = [...accountsShown()].filter((id) => !before.has(id)).length;
    expect(memberRenders).toBe(mounted);
  });

  it('scrolling renders only the rows that scroll in', async () => {
    await openSheet();
    const before = accountsShown();
    const list = document.querySelector('.readmark-sheet-list') as HTMLElement;
    list.scrollTop += 100;
    await quiet();
    const mounted = [...accountsShown()].filter((id) => !before.has(id)).length;
    expect(mounted).toBeGreaterThan(0);
    expect(memberRenders).toBe(mounted);
  });
});
