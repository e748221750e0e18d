/**
 * `--readmark-focus-ring` (docs/theming.md) is the outline of every control of the kit focused from
 * the keyboard, so one variable restyles them all. The markup is the kit's own classes, as the
 * components render them, since only styles.css is under test here.
 */
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.style.removeProperty('--readmark-focus-ring');
});

it('outlines the badge, the sheet, the message list and the new-messages pill with --readmark-focus-ring', async () => {
  document.documentElement.style.setProperty('--readmark-focus-ring', '5px dotted rgb(255, 0, 0)');
  document.body.innerHTML = `
    <button type="button" class="readmark-badge">3 unread</button>
    <div class="readmark-sheet"><button type="button" class="readmark-sheet-close">Close</button></div>
    <div class="readmark-message-list" style="position: relative; height: 200px">
      <section class="readmark-message-scroller" tabindex="0" aria-label="Messages"></section>
      <div aria-live="polite"><button type="button" class="readmark-new-messages">2 new messages</button></div>
    </div>`;
  const outlines: Record<string, string> = {};
  for (let index = 0; index < 4; index++) {
    await userEvent.tab();
    const focused = document.activeElement as HTMLElement;
    const style = getComputedStyle(focused);
    outlines[focused.className] =
      `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
  }
  const ring = '5px dotted rgb(255, 0, 0)';
  expect(outlines).toEqual({
    'readmark-badge': ring,
    'readmark-sheet-close': ring,
    'readmark-message-scroller': ring,
    'readmark-new-messages': ring,
  });
});
