import { expect, test } from '@playwright/test';

// WCAG 1.4.10 Reflow: a 1280 x 1024 screen zoomed to 400% is 320 x 256 CSS px. Nothing may make the
// page scroll sideways, in either language.
test.use({ viewport: { width: 320, height: 256 } });

for (const tab of ['p2p', 'team']) {
  for (const language of ['English', '简体中文']) {
    test(`at 400% zoom the ${tab} tab in ${language} never scrolls sideways`, async ({ page }) => {
      await page.goto(`/?tab=${tab}&latency=0`);
      await page.getByRole('combobox').selectOption({ label: language });
      await expect(page.locator('[role=tabpanel]:not([hidden]) .demo-pane').first()).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    });
  }
}

// WCAG 1.4.4 Resize text: the browser's text at 200% (not zoom) on a desktop window.
test.describe('text at 200%', () => {
  test.use({ viewport: { width: 1400, height: 900 } });
  for (const tab of ['p2p', 'team']) {
    test(`the ${tab} tab never scrolls sideways and its panels hold their buttons`, async ({
      page,
    }) => {
      await page.goto(`/?tab=${tab}&latency=0`);
      await page.addStyleTag({ content: 'html { font-size: 200% }' });
      const panel = page.locator('[role=tabpanel]:not([hidden])');
      await expect(panel.locator('.demo-pane').first()).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      // Every button ends inside its card (the call panel's Reset ran 27 px past it).
      const outside = await panel.locator('.demo-pane, .demo-calls').evaluateAll((cards) =>
        cards.flatMap((card) => {
          const edge = card.getBoundingClientRect().right;
          return [...card.querySelectorAll('button')]
            .filter((button) => button.getBoundingClientRect().right > edge)
            .map((button) => button.textContent);
        }),
      );
      expect(outside).toEqual([]);
    });
  }
});
