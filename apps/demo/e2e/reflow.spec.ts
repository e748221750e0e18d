import { expect, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

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

// Both at once, as a low-vision reader has it on a phone: text at 200% on a 320 px screen.
test.describe('text at 200% on a 320 px phone', () => {
  test.use({ viewport: { width: 320, height: 568 } });
  for (const language of ['English', '简体中文']) {
    test(`in ${language}, the badge of an own team message keeps its words whole inside its bubble`, async ({
      page,
    }) => {
      await page.goto('/?tab=team&latency=0&readers=off');
      await page.getByRole('combobox').selectOption({ label: language });
      await page.addStyleTag({ content: 'html { font-size: 200% }' });
      const alice = pane(page, 'Alice');
      await sendMessage(alice, 'Lunch?');
      const badge = bubble(alice, 'Lunch?').locator('.readmark-badge');
      await expect(badge).toHaveText(/\d/);
      const layout = await badge.evaluate((element) => {
        // The badge's text as laid out, one string per line.
        const lines = new Map<number, string>();
        const range = document.createRange();
        const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
        for (let index = 0; index < text.textContent!.length; index++) {
          range.setStart(text, index);
          range.setEnd(text, index + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          lines.set(top, (lines.get(top) ?? '') + text.textContent![index]);
        }
        const bubbleBox = element.closest('.demo-bubble')!.getBoundingClientRect();
        const rowBox = element.closest('.demo-message')!.getBoundingClientRect();
        return {
          text: text.textContent!,
          lines: [...lines.entries()].sort(([a], [b]) => a - b).map(([, line]) => line.trim()),
          // The badge and the time beside it, which it must not push out of the bubble.
          outsideBubble: [...element.parentElement!.children]
            .filter((child) => {
              const box = child.getBoundingClientRect();
              return box.left < bubbleBox.left || box.right > bubbleBox.right;
            })
            .map((child) => child.textContent),
          isBubbleInRow: bubbleBox.left >= rowBox.left && bubbleBox.right <= rowBox.right,
        };
      });
      // "149人未读" broke after every character, one a line, squeezed beside the time; whole
      // words only now (Chinese has none to break at), the badge under the time if need be.
      expect(layout.lines.join(' ')).toBe(layout.text);
      for (const line of layout.lines) {
        expect(layout.text.split(' '), line).toEqual(expect.arrayContaining(line.split(' ')));
      }
      if (language === '简体中文') expect(layout.lines).toHaveLength(1);
      expect(layout.outsideBubble).toEqual([]);
      expect(layout.isBubbleInRow).toBe(true);
    });
  }

  for (const tab of ['p2p', 'team']) {
    test(`the ${tab} tab never scrolls sideways`, async ({ page }) => {
      await page.goto(`/?tab=${tab}&latency=0`);
      await page.addStyleTag({ content: 'html { font-size: 200% }' });
      await expect(page.locator('[role=tabpanel]:not([hidden]) .demo-pane').first()).toBeVisible();
      // The team's "Simulated members read", kept on one line, ran 7 px past a 390 px screen.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    });
  }
});
