import { expect, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

test('the demo works from the keyboard alone', async ({ page }) => {
  await page.goto('/?latency=0');

  // Tabs follow the WAI-ARIA pattern: arrow keys move and select.
  const p2pTab = page.getByRole('tab', { name: 'One-to-one' });
  await p2pTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Team' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Team' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Team' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(p2pTab).toHaveAttribute('aria-selected', 'true');

  // Type and send with Enter; toggle a device offline with Space.
  const alice = pane(page, 'Alice');
  await alice.getByRole('textbox', { name: 'Message to Bob' }).focus();
  await page.keyboard.type('Typed, not clicked');
  await page.keyboard.press('Enter');
  await expect(bubble(alice, 'Typed, not clicked')).toBeVisible();

  const offline = pane(page, 'Bob · phone').getByRole('switch', { name: 'Offline' });
  await offline.focus();
  await page.keyboard.press('Space');
  await expect(offline).toBeChecked();
  await expect(pane(page, 'Bob · phone').getByRole('textbox')).toBeVisible();
  await expect(
    pane(page, 'Bob · phone').getByRole('button', { name: 'Send', exact: true }),
  ).toBeDisabled();
});

test('End and Home in the receipt sheet reach the last and the first member in one press', async ({
  page,
}) => {
  await page.goto('/?tab=team&latency=20&readers=off');
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Who has read this?');
  const badge = bubble(alice, 'Who has read this?').getByRole('button');
  await expect(badge).toHaveText(/unread/);
  await badge.focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('dialog').locator('.readmark-sheet-list');
  await list.focus();
  // The rows are shorter than the list's estimate: each one measured corrects the scroll position,
  // which stopped the browser's animated End scroll part-way (at about member 100 of 148).
  const lastShown = () =>
    list.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const shown = [...element.querySelectorAll('li')].filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.bottom > box.top && rect.top < box.bottom;
      });
      return [shown[0]?.getAttribute('aria-posinset'), shown.at(-1)?.getAttribute('aria-posinset')];
    });
  await page.keyboard.press('End');
  await expect.poll(lastShown).toEqual([expect.any(String), '148']);
  await page.waitForTimeout(1_000);
  expect((await lastShown())[1]).toBe('148');
  await page.keyboard.press('Home');
  await expect.poll(async () => (await lastShown())[0]).toBe('1');
});
