import { expect, test } from '@playwright/test';

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
