import { expect, type Locator, test } from '@playwright/test';
import {
  bubble,
  messageList,
  messagesInView,
  pane,
  scrollChat,
  sendMessage,
  settledCallTallies,
} from './helpers';

// Simulated members read 1–60 s after a message: the count falls step by step all through the test,
// however slow the machine, and some members are still unread when the sheet is open.
const teamUrl = '/?tab=team&latency=0&seed=7&readerDelay=1000-60000';

/** The first number in a text: "97 unread" → 97, "Read (52)" → 52. */
async function numberIn(locator: Locator): Promise<number> {
  const match = /(\d+)/.exec((await locator.textContent()) ?? '');
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

test('badge counts down, the sheet follows a member from Unread to Read, Esc returns focus', async ({
  page,
}) => {
  await page.goto(teamUrl);
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  // History that asks for no receipts, so Bob's laptop can be scrolled away from the end: Bob, the
  // member the sheet follows, then reads the flagged message only when the test scrolls him to it.
  const askForReceipts = alice.getByRole('checkbox', { name: 'Ask for read receipts' });
  await askForReceipts.uncheck();
  await alice.getByRole('textbox').fill('Earlier');
  await alice.getByRole('button', { name: 'Send 20 messages' }).click();
  await expect(bubble(laptop, 'Earlier #20')).toBeInViewport();
  await askForReceipts.check();
  await scrollChat(laptop, 'top');
  await expect(bubble(laptop, 'Earlier #1')).toBeInViewport();
  await expect(messageList(laptop)).toHaveAttribute('data-at-end', 'false');

  await sendMessage(alice, 'Design review at 3pm');
  // Bob's laptop has it (the list offers to jump to it) but has not shown it.
  await expect(laptop.getByText(/new message/)).toBeVisible();
  await expect(bubble(laptop, 'Design review at 3pm')).toBeHidden();

  // Found by its message, so it is the same badge whether it says "12 unread" or "All read".
  const badge = bubble(alice, 'Design review at 3pm').getByRole('button');
  // The name starts with what is visible and adds the team size (149 members besides Alice).
  await expect(badge).toHaveAccessibleName(/^\d+ unread\b.*\b149 members\b/);
  await expect(badge).toHaveText(/^\d+ unread$/);
  const first = await numberIn(badge);
  await expect.poll(() => numberIn(badge)).toBeLessThan(first);

  // The sheet is mounted only while open, as an app using the kit would do it.
  await expect(page.locator('dialog')).toHaveCount(0);

  // Keyboard: the badge is a button that opens the sheet.
  await badge.focus();
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog', { name: 'Message receipts' });
  await expect(sheet).toBeVisible();
  // It says which message it is about, shown and read out as the dialog's description.
  // The excerpt comes isolated (FSI … PDI) in its own direction; screen readers skip the marks.
  await expect(sheet).toHaveAccessibleDescription(
    'Your message: “\u2068Design review at 3pm\u2069”',
  );

  // Live while open: the Read tab's count keeps rising without reopening.
  const readTab = sheet.getByRole('tab', { name: /^Read \(\d+\)$/ });
  const unreadTab = sheet.getByRole('tab', { name: /^Unread \(\d+\)$/ });
  const readWhenOpened = await numberIn(readTab);
  await expect.poll(() => numberIn(readTab)).toBeGreaterThan(readWhenOpened);

  // Narrow the lists to Bob: unread, as his laptop has not shown the message.
  await sheet.getByRole('searchbox').fill('Bob');
  const bob = sheet.getByRole('listitem').filter({ hasText: 'Bob' });
  await unreadTab.click();
  await expect(bob).toBeVisible();
  await readTab.click();
  await expect(bob).toHaveCount(0);

  // Bob reads it on his laptop; the open sheet moves him from Unread to Read.
  await scrollChat(laptop, 'bottom');
  // Bob's pane names the sender through the provider's member resolver.
  await expect(bubble(laptop, 'Design review at 3pm').locator('.demo-sender')).toHaveText('Alice');
  await expect(bob).toBeVisible();
  await unreadTab.click();
  await expect(bob).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(page.locator('dialog')).toHaveCount(0);
  await expect(badge).toBeFocused();

  // Opened again it is a new sheet (the search is empty again); Close also hands focus back.
  await badge.click();
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('searchbox')).toHaveValue('');
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('dialog')).toHaveCount(0);
  await expect(badge).toBeFocused();
});

test('an unflagged team message has no badge; everyone reading shows All read', async ({
  page,
}) => {
  await page.goto('/?tab=team&latency=0&seed=3&readerDelay=100-600&teamSize=12');
  const alice = pane(page, 'Alice');
  await alice.getByRole('checkbox', { name: 'Ask for read receipts' }).uncheck();
  await sendMessage(alice, 'FYI only');
  await alice.getByRole('checkbox', { name: 'Ask for read receipts' }).check();
  await sendMessage(alice, 'Please read');

  const badge = bubble(alice, 'Please read').getByRole('button');
  await expect(badge).toHaveText('All read');
  await expect(badge).toHaveAccessibleName(/\b11 members\b/);
  // No badge at all on the message that never asked for receipts.
  await expect(bubble(alice, 'FYI only')).toBeVisible();
  await expect(bubble(alice, 'FYI only').getByRole('button')).toHaveCount(0);
});

test('the call panel shows Bob’s team receipts going out in batches', async ({ page }) => {
  await page.goto('/?tab=team&latency=0&readers=off');
  const alice = pane(page, 'Alice');
  await alice.getByRole('textbox').fill('Agenda item');
  await alice.getByRole('button', { name: 'Send 20 messages' }).click();
  const laptop = pane(page, 'Bob · laptop');
  await expect(bubble(laptop, 'Agenda item #20')).toBeInViewport();

  // Bob has read the newest, and Alice has its counts: the bursts of calls have begun or are over.
  await expect(bubble(alice, 'Agenda item #20').getByRole('button')).toHaveText('148 unread');
  const shownToBob = await messagesInView(laptop, /^Agenda item #\d+$/);
  expect(shownToBob).toBeGreaterThan(3);
  // Compared once the calls have stopped: counts read mid-burst would cover only part of it.
  const [bobReceipts, aliceQueries] = await settledCallTallies(page, [
    { method: 'sendTeamMessageReceipts', device: 'Bob · laptop' },
    { method: 'getTeamMessageReceipts', device: 'Alice' },
  ]);
  // Every message Bob's pane shows is acknowledged, several per call rather than one call each.
  expect(bobReceipts?.items).toBeGreaterThanOrEqual(shownToBob);
  expect(bobReceipts?.calls).toBeLessThan(bobReceipts?.items ?? 0);
  // Alice's counts for the messages on her screen were loaded in batches too.
  expect(aliceQueries?.items).toBeGreaterThan(3);
  expect(aliceQueries?.calls).toBeLessThan(aliceQueries?.items ?? 0);
});

test('in a team over 200 members a flagged send is refused and shows Failed; an unflagged one goes (SPEC G2, scenario 27)', async ({
  page,
}) => {
  await page.goto('/?tab=team&latency=0&teamSize=201');
  const alice = pane(page, 'Alice');
  const laptop = pane(page, 'Bob · laptop');
  await sendMessage(alice, 'Needs receipts');
  // 107302: the server refuses the message; the kit's tick says so, in place of the badge.
  await expect(
    bubble(alice, 'Needs receipts').getByRole('img', { name: 'Failed', exact: true }),
  ).toBeVisible();
  await expect(bubble(alice, 'Needs receipts').getByRole('button', { name: /unread/ })).toHaveCount(
    0,
  );

  await alice.getByRole('checkbox', { name: 'Ask for read receipts' }).uncheck();
  await sendMessage(alice, 'No receipts needed');
  await expect(bubble(laptop, 'No receipts needed')).toBeVisible();
  await expect(bubble(laptop, 'Needs receipts')).toHaveCount(0);
  await expect(bubble(alice, 'No receipts needed').getByText('Not sent')).toHaveCount(0);
});

test('“Read by” stays under the newest message members could read while a newer one is sending or failed', async ({
  page,
}) => {
  // Slow sends, so the device goes offline while the second one is on its way.
  await page.goto('/?tab=team&latency=1500&seed=3&readerDelay=100-600&teamSize=12');
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Please read');
  const readBy = bubble(alice, 'Please read').getByText(/^Read by /);
  await expect(readBy).toBeVisible();

  await sendMessage(alice, 'Cut off on the way');
  // Sending: nobody can read it yet, so the line stays where it was (it vanished).
  await expect(readBy).toBeVisible();
  await alice.getByRole('switch', { name: 'Offline' }).check();
  const failed = bubble(alice, 'Cut off on the way');
  await expect(failed.getByText('Not sent', { exact: true })).toBeVisible();
  await expect(readBy).toBeVisible();
  await expect(failed.getByText(/^Read by /)).toHaveCount(0);
});

test('a member sheet whose first load keeps failing says it is trying again, and Retry loads it (detailFailures)', async ({
  page,
}) => {
  // No readers, so no "Read by" line asks for the lists first: the sheet's query meets the faults.
  // Each query takes 300 ms, long enough to see the one Retry makes.
  await page.goto('/?tab=team&latency=300&teamSize=12&readers=off&detailFailures=2');
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Agenda attached');
  await bubble(alice, 'Agenda attached')
    .getByRole('button', { name: /11 unread/ })
    .click();
  const sheet = page.getByRole('dialog', { name: 'Message receipts' });
  await expect(sheet.getByRole('status')).toHaveText('Could not load read receipts. Trying again…');
  const retry = sheet.getByRole('button', { name: 'Retry' });
  await retry.click();
  // The press asks at once, with "Loading…" while it is out (the engine's own retries keep saying
  // "Trying again…"); it fails too, and Retry comes back with the focus on it.
  await expect(sheet.getByRole('status')).toHaveText('Loading…');
  await expect(sheet.getByRole('status')).toHaveText('Could not load read receipts. Trying again…');
  await expect(retry).toBeFocused();
  // Then the engine's own retry loads them.
  await expect(sheet.getByRole('tab', { name: 'Unread (11)' })).toBeVisible();
  await expect(sheet.getByRole('listitem')).not.toHaveCount(0, { timeout: 15_000 });
  await expect(sheet.getByText('Could not load read receipts. Trying again…')).toHaveCount(0);
});
