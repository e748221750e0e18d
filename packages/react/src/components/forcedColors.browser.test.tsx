/**
 * Windows' high-contrast themes (`forced-colors: active`) replace every colour with a few system
 * colours, so whatever the kit tells apart by colour alone must also differ in something they keep.
 */
import { screen } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../styles.css';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
} from './testWorld.test';

let world: ReturnType<typeof createWorld>;
beforeEach(async () => {
  window.focus();
  await emulateForcedColors('active');
});
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  await emulateForcedColors('none');
});

/** Chromium's own emulation, so the stylesheet's media query and the forced palette both apply. */
async function emulateForcedColors(value: 'active' | 'none') {
  await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
}

/** The drawn part of an element's bottom edge, or none. */
function bottomEdge(element: Element) {
  const style = getComputedStyle(element);
  return style.borderBottomStyle === 'none' || style.borderBottomWidth === '0px'
    ? 'none'
    : style.borderBottomColor;
}

it('the selected tab stays marked, and the badge is drawn as a button', async () => {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol', 'dave', 'erin'],
    readers: 1,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <BadgeOpensSheet message={message} />
    </Providers>,
  );
  const badge = await screen.findByRole('button', { name: '3 unread of 4 members' });
  expect(matchMedia('(forced-colors: active)').matches).toBe(true);
  // A button in a high-contrast theme shows its edge; text alone would read as a label.
  expect(bottomEdge(badge)).not.toBe('none');
  expect(getComputedStyle(badge).borderBottomColor).not.toBe(
    getComputedStyle(badge).backgroundColor,
  );

  await userEvent.click(badge);
  const selected = await screen.findByRole('tab', { name: 'Unread (3)', selected: true });
  const other = screen.getByRole('tab', { name: 'Read (1)', selected: false });
  // Colour alone told them apart before; the forced palette makes both tabs' text the same colour.
  expect(bottomEdge(selected)).not.toBe(bottomEdge(other));
  expect(bottomEdge(selected)).not.toBe(getComputedStyle(selected).backgroundColor);
  // The other tab's edge is not drawn at all: it blends into the sheet.
  const sheetBackground = getComputedStyle(screen.getByRole('dialog')).backgroundColor;
  expect([sheetBackground, 'none']).toContain(bottomEdge(other));
});

it('the new-messages pill keeps its edge over the messages it floats on', async () => {
  world = createWorld();
  const { pill } = await scrolledUpWithPill(world);
  expect(bottomEdge(pill)).not.toBe('none');
  expect(getComputedStyle(pill).borderTopColor).not.toBe(getComputedStyle(pill).backgroundColor);
});

/** Alice's sheet of a team message Bob has read and Carol has not, opened from its badge. */
async function openSheetOfTwo() {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 1,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <BadgeOpensSheet message={message} />
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '1 unread of 2 members' }));
}

it("the tab bar's divider stays whole under the other tabs, whose edge is painted in Canvas", async () => {
  await openSheetOfTwo();
  const other = await screen.findByRole('tab', { name: 'Read (1)', selected: false });
  const bar = screen.getByRole('tablist');
  const divider =
    bar.getBoundingClientRect().bottom - Number.parseFloat(getComputedStyle(bar).borderBottomWidth);
  expect(other.getBoundingClientRect().bottom).toBeLessThanOrEqual(divider);
});

it("a member's default avatar keeps its disc, drawn as an outline", async () => {
  await openSheetOfTwo();
  const avatar = (await screen.findByRole('dialog')).querySelector(
    '.readmark-member .readmark-avatar',
  )!;
  const style = getComputedStyle(avatar);
  expect(style.outlineStyle).toBe('solid');
  expect(style.outlineColor).not.toBe(style.backgroundColor);
  // And it takes no room: the avatar is as large as without the forced palette.
  expect(avatar.getBoundingClientRect().width).toBe(28);
});
