import { expect, type Locator, type Page, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

/*
 * Recall and Retry are small text buttons in a bubble's meta line: at least 24 x 24 CSS px for any
 * pointer (WCAG 2.5.8), and about 44 x 44 px of tappable area under a finger (2.5.5), without
 * making the meta line wrap or the bubble overflow, in English and Chinese.
 */

const actions = [
  { control: 'Recall', url: '/?latency=0', name: { en: /^Recall message/, 'zh-CN': /^撤回消息/ } },
  // Over 200 members the server refuses a message asking for receipts: "Not sent" and Retry.
  {
    control: 'Retry',
    url: '/?tab=team&latency=0&teamSize=201',
    name: { en: /^Retry sending/, 'zh-CN': /^重试发送/ },
  },
] as const;
const languages = ['en', 'zh-CN'] as const;

/** The action on a message Alice has just sent, in view. */
async function actionOn(
  page: Page,
  action: (typeof actions)[number],
  lang: (typeof languages)[number],
): Promise<Locator> {
  await page.goto(`${action.url}&lang=${lang}`);
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Short');
  const button = bubble(alice, 'Short').getByRole('button', { name: action.name[lang] });
  await button.scrollIntoViewIfNeeded();
  await expect(button).toBeVisible();
  return button;
}

/** The meta line is one line (its parts share a vertical centre) and the bubble fits its row. */
async function expectBubbleIntact(button: Locator) {
  const layout = await button.evaluate((element) => {
    const centres = [...(element.closest('.demo-meta')?.children ?? [])].map((child) => {
      const box = child.getBoundingClientRect();
      return box.top + box.height / 2;
    });
    const bubbleBox = element.closest('.demo-bubble')!.getBoundingClientRect();
    const rowBox = element.closest('.demo-message')!.getBoundingClientRect();
    return {
      centreSpread: Math.max(...centres) - Math.min(...centres),
      overflow: Math.max(rowBox.left - bubbleBox.left, bubbleBox.right - rowBox.right),
    };
  });
  expect(layout.centreSpread).toBeLessThanOrEqual(2);
  expect(layout.overflow).toBeLessThanOrEqual(0);
}

for (const action of actions) {
  for (const lang of languages) {
    test(`${action.control} is at least 24 x 24 px (${lang})`, async ({ page }) => {
      const button = await actionOn(page, action, lang);
      const box = (await button.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
      await expectBubbleIntact(button);
    });
  }
}

test.describe('on a touch phone (390 x 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  for (const action of actions) {
    for (const lang of languages) {
      test(`${action.control} is about 44 x 44 px (${lang})`, async ({ page }) => {
        const button = await actionOn(page, action, lang);
        expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
        const box = (await button.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(44);
        expect(box.height).toBeGreaterThanOrEqual(44);
        await expectBubbleIntact(button);
      });
    }
  }

  test("a tap 18 px off Recall's centre recalls the message, a tap on its text does not", async ({
    page,
  }) => {
    const recall = await actionOn(page, actions[0], 'en');
    const message = bubble(pane(page, 'Alice'), 'Short');
    const text = (await message.getByText('Short', { exact: true }).boundingBox())!;
    await page.touchscreen.tap(text.x + text.width / 2, text.y + text.height / 2);
    await page.waitForTimeout(500);
    await expect(message).toHaveCount(1);
    const box = (await recall.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2 + 18);
    await expect(message).toHaveCount(0);
  });
});
