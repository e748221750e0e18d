import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { scrolledUpOverHistory, variedHeightOf } from './scrolledUpOverHistory.test';
import { cleanupApps, createWorld, nextFrame, settle } from './testWorld.test';

/*
 * The reader scrolls while the new-messages pill's smooth scroll to the end is still travelling
 * (a wheel, a key, a press on the scrollbar): the scroll to the end stops and the list stays where
 * the reader took it, also when history is prepended then, as in other chat apps. Before, the
 * virtualizer went on treating the scroll as its own animation (a frame of it and a user's scroll
 * look alike to it) until it reached the end or gave up after 5 s: Chromium's smooth scroll kept
 * going under a wheel or a scrollbar press, a prepend did not keep the reader's place, and each
 * re-measured end sent the list back there.
 *
 * The wheel and the key are Chromium's own input (trusted, through the DevTools protocol and
 * Playwright), so their scroll is the browser's, in the order the browser dispatches it; the
 * scrollbar press is its event only (see that test).
 */

beforeEach(() => {
  window.focus();
});
let world: ReturnType<typeof createWorld>;
const style = document.createElement('style');
style.textContent = '.pill-scroll-list { height: 300px; width: 400px; }';
document.head.append(style);
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const renderMessage = (message: ReceiptMessage) => (
  <div data-testid={message.messageClientId} style={{ height: variedHeightOf(message) }}>
    {message.messageClientId}
  </div>
);
const distanceFromEnd = (scroller: HTMLElement) =>
  scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;

/**
 * Alice's list of 200 messages (about 13,000 px in 300), scrolled to the top, none of them measured
 * but the first screen; Bob's three new messages show the pill.
 */
async function pillShown() {
  world = createWorld();
  const shown = await scrolledUpOverHistory(world, {
    count: 200,
    news: 3,
    className: 'pill-scroll-list',
    renderMessage,
  });
  expect(shown.pill).toHaveAccessibleName('3 new messages');
  return shown;
}

/**
 * For the tests that interrupt the glide: Chromium's smooth scroll is timed, so on a loaded machine
 * one late frame can carry it past the point these tests stop it at, and the scenario cannot even
 * start. A retry runs the whole scenario again; a real regression fails every attempt.
 */
const interruptsTheGlide = { retry: 2 };

/**
 * The reader clicks the pill: the list jumps to two screens above the end and glides the rest.
 * Returns once the glide has gone about 100 px, with most of its way still to go.
 */
async function pillScrollTravelling() {
  const shown = await pillShown();
  const { scroller } = shown;
  await userEvent.click(shown.pill);
  for (let frame = 0; distanceFromEnd(scroller) > 500; frame++) {
    expect(frame, 'the pill scroll sets off').toBeLessThan(60);
    await nextFrame();
  }
  expect(distanceFromEnd(scroller), 'the pill scroll still travelling').toBeGreaterThan(250);
  return shown;
}

/** Where the page's (top frame's) viewport has the point `(x, y)` of this test's frame. */
function pagePoint(x: number, y: number) {
  const frame = window.frameElement?.getBoundingClientRect();
  return { x: (frame?.left ?? 0) + x, y: (frame?.top ?? 0) + y };
}

/** The message at the top of the list's viewport, and how far below the viewport's top it is. */
function rowAtTop(scroller: HTMLElement): { id: string; offset: number } {
  const top = scroller.getBoundingClientRect().top;
  const rows = [...scroller.querySelectorAll<HTMLElement>('[data-testid]')]
    .map((row) => ({ id: row.dataset.testid!, rect: row.getBoundingClientRect() }))
    .filter(({ rect }) => rect.bottom > top + 1)
    .sort((a, b) => a.rect.top - b.rect.top);
  expect(rows.length, 'a row on screen').toBeGreaterThan(0);
  return { id: rows[0]!.id, offset: rows[0]!.rect.top - top };
}

/**
 * Checks each frame for `frames` frames that the message the reader looks at stays where it is on
 * screen, and that the list is not on its way to the end; `during` runs after the first frame.
 */
async function expectReaderStays(
  scroller: HTMLElement,
  frames: number,
  during: () => void = () => {},
) {
  const looking = rowAtTop(scroller);
  const scrollerTop = () => scroller.getBoundingClientRect().top;
  for (let frame = 0; frame < frames; frame++) {
    await nextFrame();
    if (frame === 1) during();
    const row = scroller.querySelector<HTMLElement>(`[data-testid="${looking.id}"]`);
    expect(row, `${looking.id}, the reader's row, frame ${frame}`).not.toBeNull();
    const offset = row!.getBoundingClientRect().top - scrollerTop();
    expect(Math.abs(offset - looking.offset), `${looking.id} moved, frame ${frame}`).toBeLessThan(
      1.5,
    );
    expect(distanceFromEnd(scroller), `off to the end, frame ${frame}`).toBeGreaterThan(200);
  }
}

it(
  'a wheel while the pill scroll travels stops it: the list stays where the reader scrolled, and keeps their place when history is prepended',
  interruptsTheGlide,
  async () => {
    const { scroller, prependHistory } = await pillScrollTravelling();
    const box = scroller.getBoundingClientRect();
    const at = pagePoint(box.left + box.width / 2, box.top + box.height / 2);
    const wheeled = new Promise((resolve) =>
      scroller.addEventListener('wheel', resolve, { once: true, passive: true }),
    );
    // One notch up, as Chromium receives it from a mouse.
    await cdp().send('Input.dispatchMouseEvent', {
      type: 'mouseWheel',
      ...at,
      deltaX: 0,
      deltaY: -120,
    });
    await wheeled;
    await nextFrame();
    await nextFrame();
    // About a second of frames, then history prepended and half a second more.
    await expectReaderStays(scroller, 60);
    await expectReaderStays(scroller, 30, () => prependHistory(20));
    // The news is still below: the pill, by keyboard (Space) this time, sets off for the end again
    // (its own key, on the pill, and the focus it hands to the list stop nothing).
    const pill = screen.getByRole('button', { name: '3 new messages' });
    pill.focus();
    await userEvent.keyboard(' ');
    await waitFor(() => expect(distanceFromEnd(scroller)).toBeLessThanOrEqual(1), {
      timeout: 3000,
    });
    expect(document.activeElement).toBe(scroller);
    await settle(world.server);
  },
);

it(
  'PageUp while the pill scroll travels stops it: the list stays where the key took it',
  interruptsTheGlide,
  async () => {
    const { scroller, prependHistory } = await pillScrollTravelling();
    scroller.focus({ preventScroll: true });
    await userEvent.keyboard('{PageUp}');
    // Chromium animates the key's scroll: wait until it has come to rest.
    let last = Number.NaN;
    for (let frame = 0; scroller.scrollTop !== last; frame++) {
      expect(frame, 'the key scroll comes to rest').toBeLessThan(120);
      last = scroller.scrollTop;
      await nextFrame();
      await nextFrame();
    }
    await expectReaderStays(scroller, 60, () => prependHistory(20));
    await settle(world.server);
  },
);

it(
  'a press on the list itself (where its scrollbar is) while the pill scroll travels stops it there',
  interruptsTheGlide,
  async () => {
    // Headless Chromium draws overlay scrollbars that take no press, so the press is the event
    // Chromium dispatches for one: a pointerdown aimed at the scroller itself.
    const { scroller } = await pillScrollTravelling();
    scroller.dispatchEvent(
      new PointerEvent('pointerdown', { bubbles: true, pointerType: 'mouse', isPrimary: true }),
    );
    await expectReaderStays(scroller, 60);
    await settle(world.server);
  },
);

it('from far up, the pill takes the reader all the way to the newest message, within a second', async () => {
  // The pill pressed at the top of 200 rows none of which was measured: a smooth scroll all the way
  // crawled (each row measured on the way moved the end, and the virtualizer set off again) and gave
  // up thousands of pixels short after 5 s.
  const { scroller, pill } = await pillShown();
  await userEvent.click(pill);
  for (let frame = 0; distanceFromEnd(scroller) > 1; frame++) {
    expect(frame, `${Math.round(distanceFromEnd(scroller))} px from the end`).toBeLessThan(60);
    await nextFrame();
  }
  expect(screen.getByTestId('m203')).toBeVisible();
  await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  await settle(world.server);
});
