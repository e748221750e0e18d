import { type CDPSession, expect, type Locator, test } from '@playwright/test';
import { bubble, messageList, pane, scrollChat, sendBurstReadByBob, sendMessage } from './helpers';

// A small touch phone: 320 x 568 CSS px (an iPhone SE), touch input, the mobile viewport.
test.use({ viewport: { width: 320, height: 568 }, hasTouch: true, isMobile: true });

/**
 * A one-finger swipe of `dy` px (negative: the finger moves up, the content scrolls down) from
 * (x, y), as Chromium's touch input; it scrolls, flings and chains as a real finger does.
 */
async function swipe(cdp: CDPSession, x: number, y: number, dy: number): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let step = 1; step <= 10; step++) {
    const touchPoints = [{ x, y: y + (dy * step) / 10 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Resolves once the page and `scroller` have kept their scroll positions for 5 frames in a row. */
async function untilScrollSettles(scroller: Locator): Promise<void> {
  await scroller.evaluate(async (element) => {
    const position = () => `${window.scrollY} ${element.scrollTop}`;
    let last = position();
    for (let still = 0; still < 5; ) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      still = position() === last ? still + 1 : 0;
      last = position();
    }
  });
}

/** Resolves once the phone's bottom sheet has slid up: measured before, the sheet was still moving. */
function untilSlidUp(sheet: Locator): Promise<unknown> {
  return sheet.evaluate((element) =>
    Promise.all(element.getAnimations().map((animation) => animation.finished)),
  );
}

/** Swipes up over the middle of `scroller` until it shows its end, then `extra` times more. */
async function swipeToEndAndBeyond(cdp: CDPSession, scroller: Locator, extra = 3) {
  const box = (await scroller.boundingBox())!;
  const x = box.x + box.width / 2;
  const isAtEnd = () =>
    scroller.evaluate(
      (element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 1,
    );
  for (let swipes = 0; swipes < 30 && !(await isAtEnd()); swipes++) {
    await swipe(cdp, x, box.y + box.height * 0.8, -box.height * 0.6);
    await untilScrollSettles(scroller);
  }
  expect(await isAtEnd()).toBe(true);
  for (let swipes = 0; swipes < extra; swipes++) {
    await swipe(cdp, x, box.y + box.height * 0.8, -box.height * 0.6);
    await untilScrollSettles(scroller);
  }
}

test('the member sheet scrolls by touch without moving the page behind it, and closes by touch', async ({
  page,
}) => {
  await page.goto('/?tab=team&latency=0&seed=7&readerDelay=1000-60000&teamSize=40');
  const cdp = await page.context().newCDPSession(page);
  await sendMessage(pane(page, 'Alice'), 'Lunch?');
  const badge = bubble(pane(page, 'Alice'), 'Lunch?').getByRole('button');
  await badge.tap();
  const sheet = page.getByRole('dialog', { name: 'Message receipts' });
  const list = sheet.getByRole('region', { name: 'Members' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await untilSlidUp(sheet);
  const pageScroll = await page.evaluate(() => window.scrollY);

  // Past the end of the member list the swipe used to scroll the page under the modal sheet (by
  // over 1,000 px), so the chat had moved when the sheet closed; a swipe on its title did too.
  await swipeToEndAndBeyond(cdp, list);
  const title = (await sheet.getByRole('heading').boundingBox())!;
  await swipe(cdp, title.x + 4, title.y + title.height / 2, -200);
  await untilScrollSettles(list);
  expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);

  // Under a finger, Close is a 44 x 44 px target (WCAG 2.5.5; 29 x 24 before) that grows no line.
  const close = sheet.getByRole('button', { name: 'Close' });
  const closeBox = (await close.boundingBox())!;
  expect(closeBox.width).toBeGreaterThanOrEqual(44);
  expect(closeBox.height).toBeGreaterThanOrEqual(44);
  const headerHeight = await close.evaluate(
    (element) => element.parentElement!.getBoundingClientRect().height,
  );
  const titleHeight = (await sheet.getByRole('heading').boundingBox())!.height;
  expect(headerHeight).toBeLessThanOrEqual(Math.max(titleHeight, 24) + 1);
  await close.tap();
  await expect(sheet).toBeHidden();
  await expect(badge).toBeFocused();
  await expect(badge).toBeInViewport();
  // A tap on the dimmed page above it closes it too (on a phone it is a bottom sheet: the chat
  // shows only above it). Tapped once the slide-up is over, where the sheet then is.
  await badge.tap();
  await expect(sheet).toBeVisible();
  await untilSlidUp(sheet);
  const box = (await sheet.boundingBox())!;
  expect(box.y + box.height).toBeCloseTo(568, 0);
  await page.touchscreen.tap(box.x + box.width / 2, box.y - 8);
  await expect(sheet).toBeHidden();
});

test('a touch scroll of the list marks a message read as a wheel scroll does', async ({ page }) => {
  await page.goto('/?latency=0');
  const cdp = await page.context().newCDPSession(page);
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  const phone = pane(page, 'Bob · phone');
  // Bob reads the history on his laptop. Stacked on this screen, its list is below Alice's pane:
  // where the page stood after her click decided whether he saw the newest (a flaky test).
  await sendBurstReadByBob(alice, 'History', laptop);
  for (const device of [laptop, phone]) {
    await scrollChat(device, 'top');
    await expect(messageList(device)).toHaveAttribute('data-at-end', 'false');
  }
  await sendMessage(alice, 'Are you there?');
  const tick = bubble(alice, 'Are you there?').getByRole('img');
  await expect(laptop.getByRole('button', { name: /new message/ })).toBeVisible();
  await expect(tick).toHaveAccessibleName('Sent');

  // Bob's laptop list in the middle of the screen; his finger scrolls it down to the new message.
  const scroller = laptop.locator('.readmark-message-scroller');
  await scroller.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await swipeToEndAndBeyond(cdp, scroller, 0);
  await expect(bubble(laptop, 'Are you there?')).toBeInViewport({ ratio: 0.5 });
  await expect(tick).toHaveAccessibleName('Read');
});
