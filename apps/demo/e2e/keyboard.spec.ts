import { expect, test } from '@playwright/test';
import { bubble, pane } from './helpers';

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
