import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';

/*
 * The message list zoomed to 400% (WCAG 1.4.10 Reflow: 320 CSS px wide) with the user's own text
 * spacing (1.4.12: line height 1.5, letters 0.12em, words 0.16em apart).
 */

const world = listWorldPerTest();
const textSpacing = document.createElement('style');
textSpacing.textContent =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }';
afterEach(async () => {
  textSpacing.remove();
  await page.viewport(1024, 768);
});

it('at 320 px with text spacing, the new-messages pill keeps to one line over the list', async () => {
  await page.viewport(320, 256);
  document.head.append(textSpacing);
  const { scroller, pill } = await scrolledUpWithPill(world, {
    messageCount: 20,
    newCount: 12,
    height: 240,
  });

  const lineHeight = Number.parseFloat(getComputedStyle(pill).lineHeight);
  const box = pill.getBoundingClientRect();
  const list = scroller.getBoundingClientRect();
  // "↓ 12 new messages" fits in the list's 300-odd px on one line; the pill's `left: 50%` left it
  // only half of them, so it wrapped to two lines and covered twice the rows.
  expect(box.height).toBeLessThan(2 * lineHeight);
  expect(box.left).toBeGreaterThanOrEqual(list.left);
  expect(box.right).toBeLessThanOrEqual(list.right);
});
