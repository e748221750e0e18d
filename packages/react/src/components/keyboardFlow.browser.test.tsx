import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/** Sixty members, so the member list scrolls and is virtualized. */
const memberIds = Array.from({ length: 60 }, (_, index) => `m${index + 1}`);
const names = Object.fromEntries(memberIds.map((id, index) => [id, `Member ${index + 1}`]));
names.m7 = 'Carla';

let world: World;
beforeEach(() => {
  // Vitest runs tests in an iframe; give it focus so real key presses reach it.
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

function Chat({ message }: { message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <main>
      <button type="button">Previous message</button>
      <p>
        Lunch? <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
      </p>
      <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />
      <button type="button">Reply</button>
    </main>
  );
}

const focused = () => document.activeElement as HTMLElement;

describe('keyboard only', () => {
  it('reaches the badge, opens the sheet, switches tabs, searches, scrolls the members, closes and returns focus', async () => {
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 2,
      memberIds,
    });
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <Chat message={message} />
      </Providers>,
    );
    const badge = await screen.findByRole('button', { name: '58 unread of 60 members' });

    // Tab from the top of the page: the previous button, then the badge.
    await userEvent.tab();
    expect(focused()).toHaveAccessibleName('Previous message');
    await userEvent.tab();
    expect(focused()).toBe(badge);

    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
    // The modal takes focus (its first control) and leaves the page behind it inert.
    expect(dialog.contains(focused())).toBe(true);
    expect(focused()).toHaveAccessibleName('Close');
    const sheet = within(dialog);

    // One tab stop for the tab list: the selected tab.
    await userEvent.tab();
    const unreadTab = await sheet.findByRole('tab', { name: 'Unread (58)' });
    expect(focused()).toBe(unreadTab);
    await userEvent.keyboard('{ArrowRight}');
    const readTab = sheet.getByRole('tab', { name: 'Read (2)' });
    expect(focused()).toBe(readTab);
    expect(readTab).toHaveAttribute('aria-selected', 'true');
    expect(sheet.getByRole('tabpanel', { name: 'Read (2)' })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}'); // wraps around
    expect(focused()).toBe(unreadTab);
    expect(unreadTab).toHaveAttribute('aria-selected', 'true');

    // Search by typing.
    await userEvent.tab();
    expect(focused()).toBe(sheet.getByRole('searchbox', { name: 'Search members' }));
    await userEvent.keyboard('carla');
    await waitFor(() =>
      expect(
        within(sheet.getByRole('list'))
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['CCarla']),
    );
    await userEvent.keyboard('{Backspace>5/}');
    await waitFor(() =>
      expect(within(sheet.getByRole('list')).getAllByRole('listitem')[0]).toHaveAttribute(
        'aria-setsize',
        '58',
      ),
    );

    // Move through the members: the list is a focusable region scrolled by the keyboard.
    await userEvent.tab();
    const region = sheet.getByRole('region', { name: 'Members' });
    expect(focused()).toBe(region);
    expect(sheet.queryByText('Member 60')).toBeNull(); // virtualized: not rendered yet
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(sheet.getByText('Member 60')).toBeVisible());
    expect(region.scrollTop).toBeGreaterThan(0);

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(focused()).toBe(badge);
  });
});
