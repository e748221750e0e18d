import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { type ReactNode, useState } from 'react';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { nextFrame, Providers, renderApp, teamWithMessage } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * The modal sheet keeps the keyboard's focus inside it: Tab from its last control goes to its first
 * (Close), Shift+Tab from Close to its last. Chromium let Tab leave the modal for the browser's own
 * controls (the address bar; `<body>` in a page without them) before it came back to Close.
 */

const world = listWorldPerTest();

/** A badge that opens the message's sheet, with the app's member rows. */
function BadgeOpensSheet({
  message,
  renderMember,
}: {
  message: ReceiptMessage;
  renderMember?: ((member: { name: string }) => ReactNode) | undefined;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
      <ReceiptDetailSheet
        message={message}
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        renderMember={renderMember}
      />
    </>
  );
}

/** Alice's sheet for her message to `memberCount` members, none of whom read it, opened from its badge. */
async function openSheet({
  memberCount = 12,
  renderMember,
}: {
  memberCount?: number;
  renderMember?: (member: { name: string }) => ReactNode;
} = {}) {
  const memberIds = Array.from({ length: memberCount }, (_, index) => `member${index + 1}`);
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 0, memberIds });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <button type="button">Before</button>
      <BadgeOpensSheet message={message} renderMember={renderMember} />
      <button type="button">After</button>
    </Providers>,
  );
  const badge = await screen.findByRole('button', {
    name: `${memberCount} unread of ${memberCount} members`,
  });
  badge.focus();
  await userEvent.keyboard('{Enter}');
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText('member1');
  await nextFrame();
  return {
    badge,
    dialog,
    close: within(dialog).getByRole('button', { name: 'Close' }),
    list: within(dialog).getByRole('region', { name: 'Members' }),
  };
}

it('Tab from the member list, its last stop, goes to Close; Shift+Tab from Close goes back to the list', async () => {
  const { dialog, close, list, badge } = await openSheet();
  expect(document.activeElement).toBe(close);
  // Forward through the sheet: Close, the Unread tab, the search box, the member list.
  const stops: (Element | null)[] = [];
  for (let index = 0; index < 4; index++) {
    await userEvent.tab();
    stops.push(document.activeElement);
  }
  expect(stops.map((element) => element?.className)).toEqual([
    'readmark-sheet-tab',
    'readmark-sheet-search',
    'readmark-sheet-list',
    'readmark-sheet-close',
  ]);
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(list);
  // And all the way back round.
  for (let index = 0; index < 4; index++) await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(list);
  // Still the modal: Esc closes it and the badge has the focus again.
  expect(dialog.contains(document.activeElement)).toBe(true);
  await userEvent.keyboard('{Escape}');
  expect(dialog.isConnected).toBe(false);
  expect(document.activeElement).toBe(badge);
});

it('with a search that matches nobody, Tab from the search box, then its last stop, goes to Close', async () => {
  const { dialog, close } = await openSheet();
  const search = within(dialog).getByRole('searchbox');
  await userEvent.click(search);
  await userEvent.keyboard('nobody');
  await within(dialog).findByText('No matching members');
  await userEvent.tab();
  expect(document.activeElement).toBe(close);
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(search);
});

it('with controls in the member rows: Shift+Tab from Close goes to the last one in view, Tab from the last one rendered to Close', async () => {
  const { dialog, close, list } = await openSheet({
    memberCount: 60,
    renderMember: (member) => <button type="button">{member.name}</button>,
  });
  const view = list.getBoundingClientRect();
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  };
  const buttons = () => [...list.querySelectorAll('button')];
  // Rows rendered below the view (overscan) hold buttons too.
  expect(inView(buttons().at(-1)!)).toBe(false);
  const lastInView = buttons().filter(inView).at(-1)!;
  close.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(lastInView);
  expect(list.scrollTop).toBe(0);

  // At the end of the list, its last member's control is the sheet's last stop.
  list.scrollTop = list.scrollHeight;
  await waitFor(() =>
    expect(within(list).queryByRole('button', { name: 'member60' })).not.toBeNull(),
  );
  await nextFrame();
  within(list).getByRole('button', { name: 'member60' }).focus();
  await userEvent.tab();
  expect(document.activeElement).toBe(close);
  expect(dialog.contains(document.activeElement)).toBe(true);
});

it('the tabs keep their arrow keys and one stop, inside the loop', async () => {
  const { dialog, close, list } = await openSheet();
  await userEvent.tab();
  const unread = within(dialog).getByRole('tab', { name: 'Unread (12)' });
  expect(document.activeElement).toBe(unread);
  await userEvent.keyboard('{ArrowRight}');
  const read = within(dialog).getByRole('tab', { name: 'Read (0)' });
  expect(document.activeElement).toBe(read);
  expect(read.getAttribute('aria-selected')).toBe('true');
  // Read is empty: the search box is the last stop.
  await userEvent.tab();
  await userEvent.tab();
  expect(document.activeElement).toBe(close);
  expect(list.isConnected).toBe(false);
  await userEvent.tab();
  expect(document.activeElement).toBe(read);
});

it('Shift+Tab from Close passes by last stops that take no focus (links without href), to the last that does', async () => {
  const { dialog, close } = await openSheet({
    memberCount: 3,
    // A link without `href` reports a tabIndex of 0 yet takes no focus.
    // biome-ignore lint/a11y/useValidAnchor: an app's bad markup is what this test is about
    renderMember: (member) => <a>{member.name}</a>,
  });
  close.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).not.toBe(close);
  expect(dialog.contains(document.activeElement)).toBe(true);
  expect(document.activeElement?.tagName).not.toBe('A');
  // The member list itself, the last stop before Close that takes the focus.
  expect(document.activeElement).toBe(within(dialog).getByRole('region', { name: 'Members' }));
});
