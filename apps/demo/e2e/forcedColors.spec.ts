import { expect, type Locator, test } from '@playwright/test';
import { bubble, pane, sendMessage } from './helpers';

/**
 * Windows' high-contrast themes (`forced-colors: active`) repaint text, backgrounds and borders in a
 * few system colours, so what the demo tells apart by colour alone must differ in something kept.
 */
test.use({ forcedColors: 'active' });

/** The drawn part of an element's bottom edge ("none" when there is none), as the browser paints it. */
function bottomEdge(element: Locator): Promise<string> {
  return element.evaluate((node) => {
    const style = getComputedStyle(node);
    return style.borderBottomStyle === 'none' || style.borderBottomWidth === '0px'
      ? 'none'
      : `${style.borderBottomWidth} ${style.borderBottomColor}`;
  });
}

test('the selected top tab is marked by more than its font weight', async ({ page }) => {
  await page.goto('/?latency=0');
  expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
  const tabs = page.getByRole('tablist', { name: 'Conversations' });
  const selected = tabs.getByRole('tab', { name: 'One-to-one', selected: true });
  const other = tabs.getByRole('tab', { name: 'Team', selected: false });
  await expect(selected).toBeVisible();

  const selectedEdge = await bottomEdge(selected);
  expect(selectedEdge).not.toBe('none');
  expect(selectedEdge).not.toBe(await bottomEdge(other));
  // The unselected tab's underline is not drawn: it takes the page's own colour.
  const canvas = await page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  );
  expect([`3px ${canvas}`, 'none']).toContain(await bottomEdge(other));

  // Selecting the other tab moves the mark with it.
  await other.click();
  await expect(tabs.getByRole('tab', { name: 'Team', selected: true })).toBeVisible();
  expect(await bottomEdge(tabs.getByRole('tab', { name: 'Team' }))).toBe(selectedEdge);
  expect(await bottomEdge(tabs.getByRole('tab', { name: 'One-to-one' }))).not.toBe(selectedEdge);
});

test('message bubbles keep their outline', async ({ page }) => {
  await page.goto('/?latency=0');
  const alice = pane(page, 'Alice');
  await sendMessage(alice, 'Still a bubble?');
  for (const scope of [alice, pane(page, 'Bob · laptop')]) {
    const shape = bubble(scope, 'Still a bubble?').locator('.demo-bubble');
    await expect(shape).toBeVisible();
    const { edge, background } = await shape.evaluate((node) => {
      const style = getComputedStyle(node);
      return {
        edge: `${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`,
        background: style.backgroundColor,
      };
    });
    expect(edge).toMatch(/^solid 1px /);
    expect(edge).not.toContain(background);
    expect(edge).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  }
});

test("a conversation row's avatar keeps its disc", async ({ page }) => {
  await page.goto('/?latency=0');
  const avatar = page.locator('[role=tabpanel]:not([hidden]) .demo-avatar').first();
  await expect(avatar).toBeVisible();
  // The forced palette paints its background as Canvas, so only an edge can draw the disc.
  const edge = await avatar.evaluate((node) => {
    const style = getComputedStyle(node);
    return style.outlineStyle === 'none' ? style.borderTopStyle : style.outlineStyle;
  });
  expect(edge).not.toBe('none');
});
