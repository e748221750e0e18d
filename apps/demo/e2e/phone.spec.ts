import { expect, test } from '@playwright/test';
import { pane, sendMessage } from './helpers';

// A 375 px wide phone: each tab's device panes stack, and nothing makes the page scroll sideways.
test.use({ viewport: { width: 375, height: 800 } });

for (const tab of ['p2p', 'team']) {
  test(`the ${tab} tab stacks its device panes on a phone`, async ({ page }) => {
    await page.goto(`/?tab=${tab}&latency=0`);
    const panes = page.locator('[role=tabpanel]:not([hidden]) .demo-pane');
    await expect(panes.first()).toBeVisible();
    const lefts = await panes.evaluateAll((elements) =>
      elements.map((element) => Math.round(element.getBoundingClientRect().left)),
    );
    expect(lefts.length).toBeGreaterThan(1);
    expect(new Set(lefts).size).toBe(1);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });
}

test('the call panel keeps each count on one line, in Chinese too', async ({ page }) => {
  await page.goto('/?tab=team&latency=0&lang=zh-CN');
  await sendMessage(pane(page, 'Alice'), '设计评审');
  const cells = page.locator('[role=tabpanel]:not([hidden]) .demo-calls td');
  await expect(cells.first()).toHaveText(/条/);
  const lines = await cells.evaluateAll((elements) =>
    elements.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }),
  );
  expect(
    lines.every((count) => count === 1),
    lines.join(' '),
  ).toBe(true);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
});
