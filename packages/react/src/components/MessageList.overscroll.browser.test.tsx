import type { ReceiptMessage } from '@readmark/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import '../styles.css';
import { scrolledUpOverHistory, variedHeightOf } from './scrolledUpOverHistory.test';
import { cleanupApps, createWorld, nextFrame } from './testWorld.test';

/*
 * A wheel (or a swipe) at the list's oldest message stays in the list, as in a chat app: chained to
 * the page it scrolled the page away while older history loaded, and on a phone a swipe down there
 * pulled the page to refresh. The wheel is Chromium's own (trusted, through the DevTools protocol),
 * so the scroll, and any chaining, is the browser's.
 */

beforeEach(() => {
  window.focus();
});
let world: ReturnType<typeof createWorld>;
const style = document.createElement('style');
// A page that scrolls, with the list in its middle.
style.textContent =
  'body { min-height: 3000px; } .overscroll-list { height: 300px; width: 400px; margin-top: 600px; }';
document.head.append(style);
afterEach(() => {
  cleanupApps();
  world?.dispose();
  window.scrollTo(0, 0);
});

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: variedHeightOf(message) }}>{message.messageClientId}</div>
);

it('a wheel up at the oldest message does not scroll the page', async () => {
  world = createWorld();
  const { scroller } = await scrolledUpOverHistory(world, {
    count: 40,
    news: 1,
    className: 'overscroll-list',
    renderMessage,
  });
  window.scrollTo(0, 400);
  await nextFrame();
  expect(scroller.scrollTop).toBe(0);
  const pageTop = window.scrollY;
  expect(pageTop).toBe(400);

  const box = scroller.getBoundingClientRect();
  const frame = window.frameElement?.getBoundingClientRect();
  // The runner may draw the test's frame scaled down.
  const scale = (frame?.width ?? window.innerWidth) / window.innerWidth;
  // Listened for on the window: scrolled first (the listener is passive), a page the wheel chained
  // to has moved the list from under the pointer by the time the event is dispatched.
  const wheeled = new Promise((resolve) =>
    window.addEventListener('wheel', resolve, { once: true, passive: true }),
  );
  await cdp().send('Input.dispatchMouseEvent', {
    type: 'mouseWheel',
    x: (frame?.left ?? 0) + (box.left + box.width / 2) * scale,
    y: (frame?.top ?? 0) + (box.top + box.height / 2) * scale,
    deltaX: 0,
    deltaY: -240,
  });
  await wheeled;
  for (let frames = 0; frames < 20; frames++) await nextFrame();
  expect(scroller.scrollTop).toBe(0);
  expect(window.scrollY).toBe(pageTop);
});
