import { screen, within } from '@testing-library/dom';
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
