import { expect, type Locator, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/?latency=0');
});

/** A pane's conversation-list row, named by the peer, in the list named "Chats" (or 会话列表). */
function row(scope: Locator, peer: string): Locator {
  return scope
    .getByRole('list', { name: /^(Chats|会话列表)$/ })
    .getByRole('listitem', { name: peer });
}

test('the conversation row ticks Sent, then Read, and a recall hides its tick (scenario 35)', async ({
  page,
}) => {
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  const phone = pane(page, 'Bob · phone');
  const aliceRow = row(alice, 'Bob');
  await expect(aliceRow).toContainText('No messages yet');
  await expect(aliceRow.getByRole('img')).toHaveCount(0);

  // Bob's devices are away, so nothing can read the message yet.
  await laptop.getByRole('switch', { name: 'Offline' }).check();
  await phone.getByRole('switch', { name: 'Offline' }).check();
  await sendMessage(alice, 'Recall me');
  await expect(aliceRow).toContainText('You: Recall me');
  await expect(aliceRow.getByRole('img')).toHaveAccessibleName('Sent');

  // Bob's laptop comes back, shows the message and so reads it.
  await laptop.getByRole('switch', { name: 'Offline' }).uncheck();
  await expect(bubble(laptop, 'Recall me')).toBeVisible();
  await expect(row(laptop, 'Alice')).toContainText('Recall me');
  await expect(aliceRow.getByRole('img')).toHaveAccessibleName('Read');
  // The row's tick is the one the bubble shows.
  await expect(bubble(alice, 'Recall me').getByRole('img')).toHaveAccessibleName('Read');
  await phone.getByRole('switch', { name: 'Offline' }).uncheck();
  await expect(bubble(phone, 'Recall me')).toBeVisible();
  // Bob's own rows have no tick: the last message is not his.
  await expect(row(laptop, 'Alice').getByRole('img')).toHaveCount(0);

  await bubble(alice, 'Recall me').getByRole('button', { name: 'Recall message' }).click();
  for (const scope of [alice, laptop, phone]) {
    await expect(bubble(scope, 'Recall me')).toHaveCount(0);
  }
  await expect(aliceRow).toContainText('You recalled a message');
  await expect(aliceRow.getByRole('img')).toHaveCount(0);
  await expect(row(laptop, 'Alice')).toContainText('Alice recalled a message');
  await expect(row(phone, 'Alice')).toContainText('Alice recalled a message');
});

test('recall works from the keyboard, in Chinese, and keeps focus in the message list', async ({
  page,
}) => {
  await page.getByLabel('Language').selectOption('zh-CN');
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · 笔记本');
  await sendMessage(alice, '撤回我');
  await expect(bubble(laptop, '撤回我')).toBeVisible();
  await expect(row(alice, 'Bob').getByRole('img')).toHaveAccessibleName('已读');

  // The own message offers 撤回, named 撤回消息; Bob's copy offers nothing.
  const recall = bubble(alice, '撤回我').getByRole('button', { name: '撤回消息' });
  await expect(recall).toHaveText('撤回');
  await expect(bubble(laptop, '撤回我').getByRole('button')).toHaveCount(0);
  await recall.focus();
  await page.keyboard.press('Enter');

  await expect(bubble(alice, '撤回我')).toHaveCount(0);
  await expect(bubble(laptop, '撤回我')).toHaveCount(0);
  await expect(row(alice, 'Bob')).toContainText('你撤回了一条消息');
  await expect(row(alice, 'Bob').getByRole('img')).toHaveCount(0);
  // The button left with its message; focus went to the list it was in, not to <body>.
  await expect(alice.locator('.readmark-message-scroller')).toBeFocused();
});
