import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadTick } from './ReadTick';
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

// This file deliberately does not import styles.css: an app that styles the kit itself.
const appCss = `
.app-badge { background: rgb(1, 2, 3); color: rgb(250, 250, 250); }
.app-badge[data-status="all-read"] { background: rgb(0, 128, 0); }
.app-tick[data-status="sent"] { color: rgb(200, 0, 0); }
.app-sheet { border: 3px solid rgb(4, 5, 6); }
`;

let world: World;
beforeEach(() => {
  const style = document.createElement('style');
  style.textContent = appCss;
  style.dataset.test = 'app';
  document.head.append(style);
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
  document.head.querySelector('style[data-test="app"]')?.remove();
});

describe('without styles.css, styled by the app', () => {
  it('takes the app classes and exposes its state as data attributes', async () => {
    expect(getComputedStyle(document.documentElement).getPropertyValue('--readmark-accent')).toBe(
      '',
    );
    world = createWorld();
    const memberIds = Array.from({ length: 200 }, (_, index) => `m${index + 1}`);
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 2,
      memberIds: memberIds.slice(0, 199),
    });
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <ReadTick message={message} className="app-tick" />
        <UnreadBadge message={message} onOpen={() => {}} className="app-badge" />
        <UnreadBadge message={message} />
        <ReceiptDetailSheet message={message} isOpen onClose={() => {}} className="app-sheet" />
      </Providers>,
    );
    const badge = await screen.findByRole('button', { name: '197 unread of 199 members' });
    expect(badge).toHaveAttribute('data-status', 'unread');
    expect(badge).toHaveClass('readmark-badge', 'app-badge');
    expect(getComputedStyle(badge).backgroundColor).toBe('rgb(1, 2, 3)');

    const tick = screen.getByRole('img', { name: 'Sent' });
    expect(tick).toHaveAttribute('data-status', 'sent');
    expect(getComputedStyle(tick).color).toBe('rgb(200, 0, 0)');

    // The plain-text badge keeps its full sentence for screen readers, hidden without any stylesheet.
    const sentence = screen.getByText('197 unread of 199 members', { selector: 'span' });
    expect(sentence.getBoundingClientRect().width).toBeLessThanOrEqual(1);

    const dialog = screen.getByRole('dialog');
    expect(getComputedStyle(dialog).borderTopWidth).toBe('3px');
    // The member list stays a bounded, virtualized scroller: 197 members, a few dozen rows in the DOM.
    const region = await within(dialog).findByRole('region', { name: 'Members' });
    await waitFor(() => expect(within(region).getAllByRole('listitem').length).toBeGreaterThan(3));
    expect(within(region).getAllByRole('listitem').length).toBeLessThan(60);
    expect(region.clientHeight).toBeLessThan(400);
  });
});
