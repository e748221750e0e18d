import { createRequire } from 'node:module';
import { expect, type Page, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.1 A and AA violations on the page as it is now, as "rule: target" lines. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    );
  });
  return found;
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
    expect(await violations(page)).toEqual([]);

    await bubble(alice, 'Or one?').getByRole('button', { name: 'Recall message' }).click();
    await expect(bubble(alice, 'Or one?')).toHaveCount(0);
    expect(await violations(page)).toEqual([]);
  });

  test(`the team chat with the member sheet open passes axe, in Chinese too (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/?tab=team&latency=0&seed=7&readerDelay=200-2000');
    const alice = pane(page, 'Alice');
    await sendMessage(alice, 'Design review at 3pm');
    await bubble(alice, 'Design review at 3pm').getByRole('button').click();
    await expect(page.getByRole('dialog', { name: 'Message receipts' })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await bubble(alice, 'Design review at 3pm').getByRole('button').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}
