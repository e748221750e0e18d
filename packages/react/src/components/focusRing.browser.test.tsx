/**
 * `--readmark-focus-ring` (docs/theming.md) is the outline of every control of the kit focused from
 * the keyboard, so one variable restyles them all: the badge, the sheet's controls, the message
 * list and its new-messages pill, as the components render them.
 */
import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../styles.css';
import { MessageList } from './MessageList';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  nextFrame,
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
  // The list's ring is drawn by its frame, over the rows (see the next test).
  await outlineAfterTabFrom(scroller);
  const frameRing = getComputedStyle(scroller.parentElement!, '::after');
  expect(`${frameRing.outlineWidth} ${frameRing.outlineStyle} ${frameRing.outlineColor}`).toBe(
    ring,
  );
  expect(await outlineAfterTabFrom(pill)).toBe(ring);
});

it('outlines a message the keyboard focused with --readmark-focus-ring, and not one clicked', async () => {
  world = createWorld();
  const { scroller } = await scrolledUpWithPill(world);
  const [first, second] = scroller.querySelectorAll('article');
  await userEvent.click(page.elementLocator(first!));
  expect(document.activeElement).toBe(first);
  expect(getComputedStyle(first!).outlineStyle).toBe('none');
  await userEvent.keyboard('{PageDown}');
  expect(document.activeElement).toBe(second);
  expect(focusedOutline()).toBe(ring);
});

/**
 * Whether the page, in a real screenshot of the test frame, shows red anywhere within 2 CSS px of
 * (x, y) towards the right and down (the frame may be scaled, which blends a thin line's edges).
 */
async function isRedNear(x: number, y: number): Promise<boolean> {
  const image = new Image();
  image.src = `data:image/png;base64,${await page.screenshot({ save: false })}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0);
  const scale = image.width / innerWidth;
  const { data } = context.getImageData(Math.floor(x * scale), Math.floor(y * scale), 3, 3);
  for (let index = 0; index < data.length; index += 4) {
    if (data[index]! > 200 && data[index + 1]! < 60 && data[index + 2]! < 60) return true;
  }
  return false;
}

it("draws the message list's ring over rows that have a background of their own", async () => {
  document.documentElement.style.setProperty('--readmark-focus-ring', '2px solid rgb(255, 0, 0)');
  world = createWorld();
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 20; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `message ${index}` });
  }
  const messages = await world.history(bob, 'bob|1|alice');
  // Full-width rows with their own fill, as a highlighted or striped chat draws them.
  const renderRow = (message: ReceiptMessage) => (
    <div style={{ height: 48, background: 'rgb(0, 128, 0)', color: 'white' }}>
      {(message as { text?: string }).text}
    </div>
  );
  renderApp(
    <Providers engine={world.engineFor(bob)}>
      <button type="button">Before</button>
      <div style={{ height: 300, width: 400 }}>
        <MessageList conversationId="bob|1|alice" messages={messages} renderMessage={renderRow} />
      </div>
    </Providers>,
  );
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  screen.getByRole('button', { name: 'Before' }).focus();
  await userEvent.tab();
  expect(document.activeElement).toBe(scroller);
  await nextFrame();
  await nextFrame();
  const box = scroller.getBoundingClientRect();
  // The ring's left and top edges lie inside the list, where the rows' green is.
  expect(await isRedNear(box.left, box.top + box.height / 2), 'left edge').toBe(true);
  expect(await isRedNear(box.left + 200, box.top), 'top edge').toBe(true);
  expect(await isRedNear(box.left + 20, box.top + box.height / 2), 'a row').toBe(false);
});
