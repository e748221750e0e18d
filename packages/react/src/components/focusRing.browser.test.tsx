/**
 * `--readmark-focus-ring` (docs/theming.md) is the outline of every control of the kit focused from
 * the keyboard, so one variable restyles them all: the badge, the sheet's controls, the message
 * list and its new-messages pill, as the components render them.
 */
import { screen } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
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

const ring = '5px dotted rgb(255, 0, 0)';
let world: ReturnType<typeof createWorld>;
beforeEach(() => {
  window.focus();
  document.documentElement.style.setProperty('--readmark-focus-ring', ring);
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
  document.documentElement.style.removeProperty('--readmark-focus-ring');
});

/** The outline of the element the keyboard focused last. */
function focusedOutline(): string {
  const style = getComputedStyle(document.activeElement!);
  return `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
}

/** Tabs on from `element`, which is focused first, and returns the outline of what Tab reaches. */
async function outlineAfterTabFrom(element: HTMLElement): Promise<string> {
  element.focus();
  await userEvent.tab({ shift: true });
  await userEvent.tab();
  expect(document.activeElement).toBe(element);
  return focusedOutline();
}

it('outlines the badge and the sheet with --readmark-focus-ring', async () => {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 0,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <button type="button">Before</button>
      <BadgeOpensSheet message={message} />
    </Providers>,
  );
  const badge = await screen.findByRole('button', { name: '2 unread of 2 members' });
  expect(await outlineAfterTabFrom(badge)).toBe(ring);
  await userEvent.keyboard('{Enter}');
  const dialog = await screen.findByRole('dialog');
  // The sheet focuses its first control; Tab moves through the others.
  await userEvent.tab();
  expect(dialog.contains(document.activeElement)).toBe(true);
  expect(focusedOutline()).toBe(ring);
});

it('outlines the message list and its new-messages pill with --readmark-focus-ring', async () => {
  world = createWorld();
  const { scroller, pill } = await scrolledUpWithPill(world);
  expect(await outlineAfterTabFrom(scroller)).toBe(ring);
  expect(await outlineAfterTabFrom(pill)).toBe(ring);
});
