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

test('Page Up and Page Down go from message to message, each an article with its place, and Control+End leaves for the composer', async ({
  page,
}) => {
  await page.goto('/?latency=0');
  const alice = pane(page, 'Alice');
  for (const text of ['First of three', 'Second of three', 'Third of three']) {
    await sendMessage(alice, text);
  }
  // A click on a message's text: no ring, and the feed's keys from there.
  await bubble(alice, 'Third of three').getByText('Third of three', { exact: true }).click();
  await expect(page.locator(':focus-visible')).toHaveCount(0);
  await page.keyboard.press('PageUp');
  const focused = page.locator(':focus');
  await expect(focused).toHaveRole('article');
  await expect(focused).toContainText('Second of three');
  const total = Number(await focused.getAttribute('aria-setsize'));
  await expect(focused).toHaveAttribute('aria-posinset', String(total - 1));
  // Chromium's accessibility tree: the focused node is that article, which a screen reader
  // announces with its place.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const focusedRoles = nodes
    .filter((node) =>
      node.properties?.some(({ name, value }) => name === 'focused' && value.value === true),
    )
    .map((node) => node.role?.value);
  expect(focusedRoles).toContain('article');

  await page.keyboard.press('PageDown');
  await expect(focused).toHaveAttribute('aria-posinset', String(total));
  await expect(focused).toContainText('Third of three');
  await page.keyboard.press('Control+End');
  await expect(alice.getByRole('textbox', { name: 'Message to Bob' })).toBeFocused();
});
