import { expect, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

/*
 * A send that fails is never a silent dead end: the bubble says "Not sent" in words and offers
 * Retry, a polite live region says so, and the text is never lost. While offline, the composer says
 * why Send is disabled.
 */

test('a send cut off by going offline says Not sent, is announced, and Retry sends it once online', async ({
  page,
}) => {
  // Slow enough that the device goes offline while the send is on its way, even on a loaded
  // machine (at 300 ms the send sometimes landed before the switch was clicked).
  await page.goto('/?latency=1500');
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  const offline = alice.getByRole('switch', { name: 'Offline' });
  await sendMessage(alice, 'Cut off on the way');
  await offline.check();

  const failed = bubble(alice, 'Cut off on the way');
  await expect(failed.getByRole('img', { name: 'Failed', exact: true })).toBeVisible();
  await expect(failed.getByText('Not sent', { exact: true })).toBeVisible();
  await expect(alice.getByRole('status')).toHaveText(/^Message not sent: Cut off on the way\./);
  const retry = failed.getByRole('button', { name: 'Retry sending: Cut off on the way' });
  await expect(retry).toHaveText('Retry');
  // Offline: Retry and Send wait, and the composer says why.
  await expect(retry).toBeDisabled();
  await expect(alice.getByText('Offline — messages can’t be sent')).toBeVisible();
  await expect(alice.getByRole('textbox')).toHaveAccessibleDescription(
    'Offline — messages can’t be sent',
  );
  await expect(
    alice.getByRole('button', { name: 'Send', exact: true }),
  ).toHaveAccessibleDescription('Offline — messages can’t be sent');

  await offline.uncheck();
  await expect(alice.getByText('Offline — messages can’t be sent')).toHaveCount(0);
  await expect(alice.getByRole('textbox')).not.toHaveAttribute('aria-describedby');
  await retry.click();
  // The same text, sent as a new message; the failed copy is gone, so it shows once.
  await expect(bubble(laptop, 'Cut off on the way')).toBeVisible();
  await expect(bubble(alice, 'Cut off on the way')).toHaveCount(1);
  await expect(
    bubble(alice, 'Cut off on the way').getByRole('img', { name: 'Read', exact: true }),
  ).toBeVisible();
  await expect(alice.getByText('Not sent', { exact: true })).toHaveCount(0);
  // The Retry button left with its message; focus went to the list, not to <body>.
  await expect(alice.locator('.readmark-message-scroller')).toBeFocused();
});

test('in Chinese, a refused team message says 未发送 and 重试 sends it again', async ({ page }) => {
  await page.goto('/?tab=team&latency=0&teamSize=201&lang=zh-CN');
  const alice = pane(page, 'Alice');
  await sendMessage(alice, '需要回执的消息');
  const failed = bubble(alice, '需要回执的消息');
  await expect(failed.getByText('未发送', { exact: true })).toBeVisible();
  await expect(alice.getByRole('status')).toHaveText(/^消息未发送：需要回执的消息。/);
  const retry = failed.getByRole('button', { name: '重试发送：需要回执的消息' });
  await expect(retry).toHaveText('重试');
  await expect(retry).toBeEnabled();
  // Over 200 members the server refuses a flagged message again: the retry is refused too, and
  // the text is still there, once, with its note.
  await retry.click();
  await expect(failed).toHaveCount(1);
  await expect(failed.getByText('未发送', { exact: true })).toBeVisible();
});

test('20 refused sends are announced once, as 20条消息未发送 in Chinese', async ({ page }) => {
  await page.goto('/?tab=team&latency=0&teamSize=201&lang=zh-CN');
  const alice = pane(page, 'Alice');
  await alice.getByRole('button', { name: '发送20条消息' }).click();
  await expect(bubble(alice, '连发消息 #20').getByText('未发送', { exact: true })).toBeVisible();
  // One sentence for the burst, with its count, not the last message's excerpt.
  await expect(alice.getByRole('status')).toHaveText(
    '20条消息未发送。可点击各条消息上的“重试”再次发送。',
  );
});

test('offline, the composer says 离线，无法发送消息 in Chinese', async ({ page }) => {
  await page.goto('/?latency=0&lang=zh-CN');
  const phone = pane(page, 'Bob · 手机');
  await phone.getByRole('switch', { name: '离线' }).check();
  await expect(phone.getByText('离线，无法发送消息', { exact: true })).toBeVisible();
  await expect(phone.getByRole('textbox')).toHaveAccessibleDescription('离线，无法发送消息');
});

test('Recall is named with a short excerpt of a long message, not all of it', async ({ page }) => {
  await page.goto('/?latency=0');
  const alice = pane(page, 'Alice');
  const long = `Minutes: ${'the long agenda '.repeat(400)}end`;
  await sendMessage(alice, long);
  const recall = bubble(alice, long).getByRole('button', { name: /^Recall message: / });
  // The first 40 characters as a reader sees them, then "…".
  await expect(recall).toHaveAccessibleName(
    'Recall message: Minutes: the long agenda the long agenda…',
  );
});
