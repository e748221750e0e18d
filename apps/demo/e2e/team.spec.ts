import { expect, test } from '@playwright/test';
import { pane, sendMessage } from './helpers';

// Readers wait 1–8 s, so the test sees the count fall step by step and can catch a member unread.
const teamUrl = '/?tab=team&latency=0&seed=7&readerDelay=1000-8000';

function unreadNumber(text: string | null): number {
  const match = /(\d+)\s*unread/.exec(text ?? '');
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

test('badge counts down, the sheet follows a member from Unread to Read, Esc returns focus', async ({
  page,
}) => {
  await page.goto(teamUrl);
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Design review at 3pm');

  const badge = alice.getByRole('button', { name: /members have not read|members have read/ });
  await expect(badge).toHaveText(/\d+ unread/);
  const first = unreadNumber(await badge.textContent());
  expect(first).toBeLessThanOrEqual(149);
  await expect.poll(async () => unreadNumber(await badge.textContent())).toBeLessThan(first);

  await badge.click();
  const sheet = page.getByRole('dialog');
  await expect(sheet).toBeVisible();

  await sheet.getByRole('tab', { name: /Unread/ }).click();
  const firstUnread = sheet.getByRole('listitem').first();
  await expect(firstUnread).toBeVisible();
  const name = ((await firstUnread.textContent()) ?? '').trim();
  expect(name).toMatch(/Member \d+/);
  const memberName = /Member \d+/.exec(name)?.[0] ?? name;

  // Narrow both tabs to that member, then watch them arrive in Read.
  await sheet.getByRole('searchbox').fill(memberName);
  await sheet.getByRole('tab', { name: /^Read/ }).click();
  await expect(sheet.getByRole('listitem').filter({ hasText: memberName })).toBeVisible({
    timeout: 20_000,
  });

  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(badge).toBeFocused();
});
