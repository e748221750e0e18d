import { expect, test } from '@playwright/test';
import {
  bubble,
  callCount,
  messageList,
  messagesInView,
  pane,
  scrollChat,
  sendBurstReadByBob,
  sendMessage,
  settledCallTallies,
} from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/?latency=0');
});

test('Bob seeing a message turns Alice’s tick to Read', async ({ page }) => {
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Hello Bob');
  // Bob's panes are at the bottom, so they follow the new message into view and mark it read.
  await expect(bubble(pane(page, 'Bob · laptop'), 'Hello Bob')).toBeVisible();
  await expect(
    bubble(alice, 'Hello Bob').getByRole('img', { name: 'Read', exact: true }),
  ).toBeVisible();
});

test('a message Bob has not scrolled to stays Sent until he does', async ({ page }) => {
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  const phone = pane(page, 'Bob · phone');

  // Enough history that Bob can scroll away from the newest message.
  await sendBurstReadByBob(alice, 'History');
  // Coalescing: a device sends one receipt per conversation for the newest message it has seen, not
  // one per message. Counted once the calls have stopped, against the burst messages each device
  // shows: every one of them was seen, so one call per message would be at least as many.
  const receiptCalls = await settledCallTallies(page, [
    { method: 'sendP2PMessageReceipt', device: 'Bob · laptop' },
    { method: 'sendP2PMessageReceipt', device: 'Bob · phone' },
  ]);
  const [laptopReceipts = 0, phoneReceipts = 0] = receiptCalls.map((tally) => tally.calls);
  const laptopShown = await messagesInView(laptop, /^History #\d+$/);
  const phoneShown = await messagesInView(phone, /^History #\d+$/);
  expect(laptopShown).toBeGreaterThan(2);
  expect(phoneShown).toBeGreaterThan(2);
  expect(laptopReceipts + phoneReceipts).toBeGreaterThan(0);
  expect(laptopReceipts).toBeLessThan(laptopShown);
  expect(phoneReceipts).toBeLessThan(phoneShown);

  await scrollChat(laptop, 'top');
  await scrollChat(phone, 'top');
  // In view, not only rendered: toBeVisible also holds for a row rendered just outside the list's view.
  for (const device of [laptop, phone]) {
    await expect(bubble(device, 'History #1')).toBeInViewport();
    await expect(messageList(device)).toHaveAttribute('data-at-end', 'false');
  }

  await sendMessage(alice, 'Are you there?');
  const tick = bubble(alice, 'Are you there?').getByRole('img');
  await expect(tick).toHaveAccessibleName('Sent');
  // Bob's devices have the message (the list offers to jump to it) but it is not in view.
  await expect(laptop.getByText(/new message/)).toBeVisible();
  await expect(bubble(laptop, 'Are you there?')).toBeHidden();
  await page.waitForTimeout(1500);
  await expect(tick).toHaveAccessibleName('Sent');
  // The lists stayed at the top all through the wait, so Sent was checked with the message out of view.
  for (const device of [laptop, phone]) {
    await expect(bubble(device, 'History #1')).toBeInViewport();
    await expect(messageList(device)).toHaveAttribute('data-at-end', 'false');
  }

  await scrollChat(laptop, 'bottom');
  await expect(bubble(laptop, 'Are you there?')).toBeVisible();
  await expect(tick).toHaveAccessibleName('Read');
});

test('Alice offline while Bob reads: the receipt arrives when she reconnects', async ({ page }) => {
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  const phone = pane(page, 'Bob · phone');

  await sendBurstReadByBob(alice, 'Earlier');
  await scrollChat(laptop, 'top');
  await scrollChat(phone, 'top');
  await expect(bubble(laptop, 'Earlier #1')).toBeVisible();

  await sendMessage(alice, 'Read me later');
  const tick = bubble(alice, 'Read me later').getByRole('img');
  await expect(tick).toHaveAccessibleName('Sent');

  await alice.getByRole('switch', { name: 'Offline' }).check();
  await expect(alice.getByRole('textbox')).toBeVisible();
  const laptopReceipts = await callCount(page, {
    method: 'sendP2PMessageReceipt',
    device: 'Bob · laptop',
  });

  await scrollChat(laptop, 'bottom');
  await expect(bubble(laptop, 'Read me later')).toBeVisible();
  // Bob's laptop has sent its receipt; Alice, offline, cannot have it yet.
  await expect
    .poll(() => callCount(page, { method: 'sendP2PMessageReceipt', device: 'Bob · laptop' }))
    .toBe(laptopReceipts + 1);
  await expect(tick).toHaveAccessibleName('Sent');

  await alice.getByRole('switch', { name: 'Offline' }).uncheck();
  await expect(tick).toHaveAccessibleName('Read');
});

test('a device that was offline gets the messages it missed when it reconnects', async ({
  page,
}) => {
  const alice = pane(page, 'Alice');
  const phone = pane(page, 'Bob · phone');
  await phone.getByRole('switch', { name: 'Offline' }).check();
  await expect(phone.getByText(/Offline: receipts/)).toBeVisible();

  await sendMessage(alice, 'Sent while the phone slept');
  await expect(bubble(pane(page, 'Bob · laptop'), 'Sent while the phone slept')).toBeVisible();
  await expect(bubble(phone, 'Sent while the phone slept')).toHaveCount(0);

  await phone.getByRole('switch', { name: 'Offline' }).uncheck();
  await expect(bubble(phone, 'Sent while the phone slept')).toBeVisible();
});

test('a message Bob sends from his laptop leaves his phone where he is reading; one he sends from the phone brings it to the end', async ({
  page,
}) => {
  await page.goto('/?latency=0');
  const laptop = pane(page, 'Bob · laptop');
  const phone = pane(page, 'Bob · phone');
  await pane(page, 'Alice').getByRole('button', { name: 'Send 20 messages' }).click();
  await expect(bubble(phone, 'Burst message #20')).toBeVisible();
  await scrollChat(phone, 'top');
  await expect(bubble(phone, 'Burst message #1')).toBeInViewport();
  await sendMessage(laptop, 'Sent from the laptop');
  // The phone got the synced copy (its chat row previews it), and its reader stays with the first
  // messages; the new row is not even rendered, far below.
  await expect(phone.locator('.demo-conversation-preview')).toHaveText('You: Sent from the laptop');
  await page.waitForTimeout(500); // the list's own scroll would be a smooth one
  await expect(bubble(phone, 'Burst message #1')).toBeInViewport();
  await expect(bubble(phone, 'Sent from the laptop')).toHaveCount(0);
  await sendMessage(phone, 'Sent from the phone');
  await expect(bubble(phone, 'Sent from the phone')).toBeInViewport();
});

test('a burst at the demo’s own latency shows in send order with the newest in view', async ({
  page,
}) => {
  // The default latency (80 ms): each server copy arrives in its own task and is sorted after the
  // copies still sending, which once left the moved rows drawn on top of one another, out of view.
  await page.goto('/');
  const alice = pane(page, 'Alice');
  await alice.getByRole('button', { name: 'Send 20 messages' }).click();
  // Every copy sent: the newest can be recalled.
  await expect(
    bubble(alice, 'Burst message #20').getByRole('button', { name: 'Recall message' }),
  ).toBeVisible();
  const numbers = [15, 16, 17, 18, 19, 20];
  for (const number of numbers) {
    await expect(bubble(alice, `Burst message #${number}`)).toBeInViewport();
  }
  await expect(messageList(alice)).toHaveAttribute('data-at-end', 'true');
  // All tops from one layout, two frames on: read one round trip each, a list still measuring could
  // move rows between the reads.
  const tops = await alice.locator('.readmark-message-scroller').evaluate(
    async (scroller, texts) => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const rows = [...scroller.querySelectorAll('.demo-message')];
      return texts.map((text) => {
        const row = rows.find(
          (candidate) => candidate.querySelector('.demo-text')?.textContent === text,
        );
        return row ? row.getBoundingClientRect().top : Number.NaN;
      });
    },
    numbers.map((number) => `Burst message #${number}`),
  );
  expect(tops.filter(Number.isFinite)).toHaveLength(numbers.length);
  // One below the other, in send order.
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
  expect(new Set(tops).size).toBe(tops.length);
});

test('a burst that arrives while the chat’s tab is hidden shows its newest messages, read, when the tab is back', async ({
  page,
}) => {
  // The default latency, and the tab switched mid-burst: the panes are hidden (display: none) while
  // most of the burst arrives, as in any app with tabs that stay mounted.
  await page.goto('/');
  const alice = pane(page, 'Alice');
  await alice.getByRole('button', { name: 'Send 20 messages' }).click();
  await page.waitForTimeout(100);
  await page.getByRole('tab', { name: 'Team' }).click();
  await page.waitForTimeout(2_500);
  await page.getByRole('tab', { name: 'One-to-one' }).click();
  for (const device of ['Bob · laptop', 'Bob · phone']) {
    for (const number of [19, 20]) {
      await expect(bubble(pane(page, device), `Burst message #${number}`)).toBeInViewport();
    }
  }
  // Bob's devices really show it now, so Alice's tick turns Read.
  await expect(
    bubble(alice, 'Burst message #20').getByRole('img', { name: 'Read', exact: true }),
  ).toBeVisible();
});

test('the first message of a chat goes from the clock to Sent, never to an empty box, then Read', async ({
  page,
}) => {
  // The QA steps: the demo's own latency, where the peer's read time (asked as the first tick
  // mounts) comes just after the send succeeded.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const alice = pane(page, 'Alice');
  // Every status the first tick in Alice's list takes, recorded as it changes.
  await alice.evaluate((region) => {
    const seen: string[] = [];
    (window as unknown as { tickStatuses: string[] }).tickStatuses = seen;
    const take = () => {
      const status = region.querySelector('.readmark-tick')?.getAttribute('data-status');
      if (status && status !== seen.at(-1)) seen.push(status);
    };
    new MutationObserver(take).observe(region, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
  });
  await sendMessage(alice, 'Hello Bob');
  await expect(
    bubble(alice, 'Hello Bob').getByRole('img', { name: 'Read', exact: true }),
  ).toBeVisible();
  const statuses = await page.evaluate(
    () => (window as unknown as { tickStatuses: string[] }).tickStatuses,
  );
  expect(statuses).toEqual(['sending', 'sent', 'read']);
});
