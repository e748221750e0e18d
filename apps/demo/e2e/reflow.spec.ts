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
