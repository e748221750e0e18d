import { createRequire } from 'node:module';
import { expect, type Page, test } from '@playwright/test';
import { bubble, pane, scrollChat, sendMessage } from './helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * WCAG 2.1 A and AA violations on the page as it is now, and axe's best practices (unique landmark
 * names, all content in landmarks, named tables…), as "rule: target" lines.
 */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    );
  });
  return found;
}

/** Whether axe's `color-contrast` rule measured `selector` and found it passing. */
async function contrastChecked(page: Page, selector: string): Promise<boolean> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(context, { runOnly: ['color-contrast'] })) as {
      passes: { nodes: { target: string[] }[] }[];
    };
    return result.passes.some((rule) =>
      rule.nodes.some((node) => node.target.join(' ') === context),
    );
  }, selector);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a failed send's "Not sent" and Retry, and the offline composer's hint, pass axe (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/?tab=team&latency=0&teamSize=201');
    const alice = pane(page, 'Alice');
    await sendMessage(alice, 'Refused');
    await expect(bubble(alice, 'Refused').getByRole('button', { name: /^Retry/ })).toBeEnabled();
    // The meta line's colour, so the note and Retry are measured against the own bubble.
    expect(await contrastChecked(page, '.demo-not-sent > span')).toBe(true);
    expect(await violations(page)).toEqual([]);
    await alice.getByRole('switch', { name: 'Offline' }).check();
    await expect(alice.getByText('Offline — messages can’t be sent')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the one-to-one chat, its conversation rows and a recall pass axe (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/?latency=0');
    const alice = pane(page, 'Alice');
    await sendMessage(alice, 'Lunch at noon?');
    await sendMessage(alice, 'Or one?');
    // Bob's laptop shows both messages, so the receipt turns Alice's ticks and row to Read.
    await expect(
      alice.getByRole('list', { name: 'Chats' }).getByRole('img', { name: 'Read' }),
    ).toBeVisible();
    // Each list and the call table have a name of their own (axe's best practices check the lists).
    for (const device of ['Alice', 'Bob · laptop', 'Bob · phone']) {
      await expect(page.getByRole('region', { name: `Messages on ${device}` })).toBeVisible();
    }
    await expect(
      page.getByRole('table', { name: 'Transport calls by method and device' }),
    ).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await bubble(alice, 'Or one?').getByRole('button', { name: 'Recall message' }).click();
    await expect(bubble(alice, 'Or one?')).toHaveCount(0);
    expect(await violations(page)).toEqual([]);
  });

  test(`the new-messages pill over a scrolled-up chat passes axe (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/?latency=0');
    const alice = pane(page, 'Alice');
    const laptop = pane(page, 'Bob · laptop');
    await alice.getByRole('textbox').fill('Backlog');
    await alice.getByRole('button', { name: 'Send 20 messages' }).click();
    await expect(bubble(laptop, 'Backlog #20')).toBeVisible();
    await scrollChat(laptop, 'top');
    await expect(bubble(laptop, 'Backlog #1')).toBeVisible();
    // Bob's phone offline: at its end it would read the new message at once, and the laptop's pill
    // leaves out what Bob has read on another device.
    await pane(page, 'Bob · phone').getByRole('switch', { name: 'Offline' }).check();

    await sendMessage(alice, 'One more');
    // The kit's pill, which app.css's `button { color: inherit }` once left below 4.5:1.
    const pill = laptop.getByRole('button', { name: /new message/ });
    await expect(pill).toBeVisible();
    expect(await violations(page)).toEqual([]);
    // And axe did measure the pill's contrast, rather than leave it for review.
    expect(await contrastChecked(page, '.readmark-new-messages')).toBe(true);
  });

  test(`the team chat, and with the member sheet open, passes axe, in Chinese too (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/?tab=team&latency=0&seed=7&readerDelay=200-2000');
    const alice = pane(page, 'Alice');
    await sendMessage(alice, 'Design review at 3pm');
    await expect(bubble(pane(page, 'Bob · laptop'), 'Design review at 3pm')).toBeVisible();
    // The open sheet is modal: axe skips the inert page behind it, so check the page first.
    expect(await violations(page)).toEqual([]);
    await bubble(alice, 'Design review at 3pm').getByRole('button').click();
    await expect(page.getByRole('dialog', { name: 'Message receipts' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('region', { name: '消息列表（Alice）' })).toBeVisible();
    await expect(page.getByRole('region', { name: '消息列表（Bob · 笔记本）' })).toBeVisible();
    await expect(page.getByRole('table', { name: '按方法和设备统计的传输调用' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await bubble(alice, 'Design review at 3pm').getByRole('button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

/** What a screen reader reads of the message row (article) holding `text` in `scope`'s list. */
async function spokenRow(scope: ReturnType<typeof pane>, text: string): Promise<string> {
  return bubble(scope, text).locator('xpath=ancestor::article[1]').ariaSnapshot();
}

test('every message row says who sent it, also where the chat shows no name (one-to-one, own messages)', async ({
  page,
}) => {
  await page.goto('/?latency=0');
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Hello Bob');
  await sendMessage(pane(page, 'Bob · laptop'), 'Hi Alice');
  await expect(bubble(alice, 'Hi Alice')).toBeVisible();
  // The sender first, then the message: "Bob", "Hi Alice", as a group's rows read.
  expect(await spokenRow(alice, 'Hi Alice')).toMatch(
    /^- article:\n {2}- text: Bob\n {2}- paragraph: Hi Alice\n/,
  );
  expect(await spokenRow(alice, 'Hello Bob')).toMatch(
    /^- article:\n {2}- text: You\n {2}- paragraph: Hello Bob\n/,
  );
  // Seen as before: no name over a one-to-one message, whose text starts at the bubble's top.
  const textOffset = await bubble(alice, 'Hi Alice')
    .locator('.demo-bubble')
    .evaluate(
      (element) =>
        element.querySelector('p')!.getBoundingClientRect().top -
        element.getBoundingClientRect().top,
    );
  expect(textOffset).toBeLessThanOrEqual(6);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  expect(await spokenRow(alice, 'Hello Bob')).toMatch(/^- article:\n {2}- text: 你\n/);

  await page.goto('/?tab=team&latency=0&readers=off');
  const teamAlice = pane(page, 'Alice');
  await sendMessage(teamAlice, 'Design review at 3pm');
  await sendMessage(pane(page, 'Bob · laptop'), 'On my way');
  await expect(bubble(teamAlice, 'On my way')).toBeVisible();
  expect(await spokenRow(teamAlice, 'On my way')).toMatch(/^- article:\n {2}- text: Bob\n/);
  expect(await spokenRow(teamAlice, 'Design review at 3pm')).toMatch(
    /^- article:\n {2}- text: You\n/,
  );
});
