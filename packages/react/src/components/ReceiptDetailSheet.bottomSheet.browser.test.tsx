import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import '../styles.css';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  nextFrame,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';

/*
 * The sheet on a phone held upright is a bottom sheet (as in WhatsApp, Stream, Sendbird and
 * NetEase's own kit), and on a desktop the centred dialog it was; in real Chromium at each size.
 */

let world: World;
beforeEach(() => {
  window.focus();
});
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  await emulateReducedMotion('no-preference');
  await page.viewport(1024, 768);
});

async function emulateReducedMotion(value: 'reduce' | 'no-preference') {
  await cdp().send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-reduced-motion', value }],
  });
}

/** Alice's flagged message to a team of 12, 2 of whom read it; its sheet opened from the badge. */
async function openSheet() {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '10 unread of 12 members' }));
  const dialog = (await screen.findByRole('dialog')) as HTMLDialogElement;
  await within(dialog).findByText('member3');
  return dialog;
}

/** The sheet's box once its slide-up (if any) is over. */
async function settledBox(dialog: HTMLElement) {
  await Promise.all(dialog.getAnimations().map((animation) => animation.finished));
  await nextFrame();
  return dialog.getBoundingClientRect();
}

it('on a phone (390 x 844) is a bottom sheet: on the bottom edge, full width, rounded on top, the chat’s top still in sight', async () => {
  await page.viewport(390, 844);
  const dialog = await openSheet();
  const box = await settledBox(dialog);
  expect(box.bottom).toBeCloseTo(innerHeight, 0);
  expect(box.left).toBeCloseTo(0, 0);
  expect(box.right).toBeCloseTo(innerWidth, 0);
  expect(box.top).toBeGreaterThan(0);
  const style = getComputedStyle(dialog);
  expect(style.borderTopLeftRadius).toBe('12px');
  expect(style.borderBottomLeftRadius).toBe('0px');
  // Still the modal dialog: focus inside, Esc closes it and focus goes back to the badge.
  expect(dialog.matches(':modal')).toBe(true);
  expect(dialog.contains(document.activeElement)).toBe(true);
  await userEvent.keyboard('{Escape}');
  expect(dialog.open).toBe(false);
  expect(document.activeElement?.classList.contains('readmark-badge')).toBe(true);
});

it('on a short phone (375 x 520) at its tallest (150 members), leaves the top of the chat in sight', async () => {
  await page.viewport(375, 520);
  world = createWorld();
  const memberIds = Array.from({ length: 150 }, (_, index) => `m${index + 1}`);
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 3, memberIds });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '147 unread of 150 members' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText('m4');
  const box = await settledBox(dialog);
  expect(box.bottom).toBeCloseTo(innerHeight, 0);
  // 10% of the height here (--readmark-sheet-peek: min(4rem, 10vh), less the sheet's top border);
  // the member list scrolls inside the sheet.
  expect(box.top).toBeGreaterThanOrEqual(50);
});

it('on a phone slides up, and appears at once when the user asks for reduced motion', async () => {
  await page.viewport(390, 844);
  const slides = await openSheet();
  expect(
    slides.getAnimations().map((animation) => (animation as CSSAnimation).animationName),
  ).toEqual(['readmark-slide-up']);
  cleanupApps();
  world.dispose();
  await emulateReducedMotion('reduce');
  const still = await openSheet();
  expect(still.getAnimations()).toEqual([]);
});

it('on a desktop (1024 x 768) stays a centred dialog, clear of the bottom edge, without a slide', async () => {
  await page.viewport(1024, 768);
  const dialog = await openSheet();
  const box = await settledBox(dialog);
  expect(box.left).toBeCloseTo(innerWidth - box.right, 0);
  expect(box.width).toBeLessThan(innerWidth / 2);
  expect(box.bottom).toBeLessThan(innerHeight - 16);
  expect(getComputedStyle(dialog).borderBottomLeftRadius).toBe('12px');
  expect(dialog.getAnimations()).toEqual([]);
});

it('on a phone (375 x 667), its close button, tabs and search stay put while it loads, as tabs switch and as a search narrows the list', async () => {
  await page.viewport(375, 667);
  world = createWorld();
  // 148 of 149 members read: Unread lists one member, Read a full list.
  const memberIds = Array.from({ length: 149 }, (_, index) => `m${index + 1}`);
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    readers: 148,
    memberIds,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  const badge = await screen.findByRole('button', { name: '1 unread of 149 members' });
  // The member lists take a while to come: the sheet opens on its loading state.
  world.server.setFaults({ latencyMs: [1500, 1500] });
  await userEvent.click(badge);
  const dialog = await screen.findByRole('dialog');
  const close = within(dialog).getByRole('button', { name: 'Close' });
  const unreadTab = within(dialog).getByRole('tab', { name: 'Unread (1)' });
  const readTab = within(dialog).getByRole('tab', { name: 'Read (148)' });
  const search = within(dialog).getByRole('searchbox');
  const tablist = within(dialog).getByRole('tablist');
  // Where it rests, once slid up.
  for (const animation of dialog.getAnimations()) animation.finish();
  await nextFrame();
  const topOf = (element: Element) => Math.round(element.getBoundingClientRect().top);
  const where = () => ({
    close: topOf(close),
    tabs: topOf(tablist),
    search: topOf(search),
  });
  expect(within(dialog).getByRole('status')).toHaveProperty('textContent', 'Loading…');
  const loading = where();
  // Still a bottom sheet, the top of the chat in sight above it.
  const box = dialog.getBoundingClientRect();
  expect(box.bottom).toBeCloseTo(innerHeight, 0);
  expect(box.top).toBeGreaterThanOrEqual(innerHeight * 0.1 - 1);

  // Loaded: the one unread member. The close button was 300 px lower while it loaded.
  await within(dialog).findByText('m149', {}, { timeout: 10_000 });
  world.server.setFaults({});
  await nextFrame();
  expect.soft(where()).toEqual(loading);

  // The 148 members who read, and back: the tab just tapped stays under the finger.
  await userEvent.click(readTab);
  await within(dialog).findByText('m1');
  await nextFrame();
  expect.soft(where()).toEqual(loading);
  await userEvent.click(unreadTab);
  await within(dialog).findByText('m149');
  await nextFrame();
  expect.soft(where()).toEqual(loading);

  // A search on Read that leaves one member: the box typed in stays under the finger.
  await userEvent.click(readTab);
  await within(dialog).findByText('m1');
  await userEvent.type(search, 'm148');
  await waitFor(() => expect(within(dialog).queryByText('m1')).toBeNull());
  await nextFrame();
  expect(within(dialog).getByText('m148')).toBeTruthy();
  expect.soft(where()).toEqual(loading);
});
