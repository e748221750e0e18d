import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../styles.css';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  nextFrame,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';

/*
 * The member sheet for low-vision users: zoomed to 400% (WCAG 1.4.10 Reflow: 1280 x 1024 becomes
 * 320 x 256 CSS px), or with text at 200% on a phone (1.4.4 Resize Text).
 */

let world: World;
beforeEach(() => {
  window.focus();
});
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  document.documentElement.style.fontSize = '';
  await page.viewport(1024, 768);
});

/** Alice's flagged message to a team of 150 others, 3 of whom read it; its sheet opened. */
async function openSheet(messageExcerpt?: string) {
  world = createWorld();
  const memberIds = Array.from({ length: 150 }, (_, index) => `m${index + 1}`);
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 3, memberIds });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div>
        <BadgeOpensSheet message={message} messageExcerpt={messageExcerpt} />
      </div>
    </Providers>,
  );
  const badge = await screen.findByRole('button', { name: '147 unread of 150 members' });
  badge.focus();
  await userEvent.keyboard('{Enter}');
  const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
  await within(dialog).findByRole('tab', { name: 'Unread (147)' });
  await within(dialog).findByText('m4');
  // On a narrow screen it slides up as a bottom sheet: measured where it rests.
  await Promise.all(dialog.getAnimations().map((animation) => animation.finished));
  return dialog;
}

const isInViewport = (element: Element) => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
};

it('at 400% zoom (320 x 256), End in the member list shows the last member on screen', async () => {
  await page.viewport(320, 256);
  const dialog = await openSheet();
  const region = within(dialog).getByRole('region', { name: 'Members' });
  region.focus();
  await userEvent.keyboard('{End}');
  const last = await within(dialog).findByText('m150');
  await nextFrame();
  // The member list scrolls within the sheet; the sheet must not need scrolling too to show it.
  expect(isInViewport(region), 'the member list fits on screen').toBe(true);
  expect(isInViewport(last), 'the last member is on screen').toBe(true);
  // Nor is anything of the sheet beyond the screen: header, tabs and search stay reachable.
  expect(dialog.scrollHeight).toBeLessThanOrEqual(dialog.clientHeight);
});

it('at 400% zoom (320 x 256), a long quote keeps one line and leaves the member list its height', async () => {
  await page.viewport(320, 256);
  const quote =
    'Reminder: the quarterly planning meeting moves to Thursday at three, in the large room upstairs.';
  const listHeight = async (excerpt?: string) => {
    const dialog = await openSheet(excerpt);
    await nextFrame();
    const height = within(dialog)
      .getByRole('region', { name: 'Members' })
      .getBoundingClientRect().height;
    const description = dialog.querySelector('.readmark-sheet-description');
    if (excerpt) expect(description?.textContent).toContain('quarterly planning');
    const descriptionHeight = description?.getBoundingClientRect().height;
    cleanupApps();
    world.dispose();
    return { height, descriptionHeight };
  };
  const without = await listHeight();
  const withQuote = await listHeight(quote);
  // Wrapped over four lines, the quote took the list's every pixel (0 px of members).
  expect(withQuote.height).toBeGreaterThan(0);
  expect(without.height - withQuote.height).toBeLessThanOrEqual(24);
  expect(withQuote.descriptionHeight).toBeLessThanOrEqual(24);
});

it('at 400% zoom (320 x 256), a short quote leaves the member list two whole rows, all of the sheet on screen (WCAG 1.4.10)', async () => {
  await page.viewport(320, 256);
  const dialog = await openSheet('Lunch?');
  await nextFrame();
  const region = within(dialog).getByRole('region', { name: 'Members' });
  // Two rows of 44 px: it was 28 to 73 px, one member or less.
  expect(region.getBoundingClientRect().height).toBeGreaterThanOrEqual(88);
  expect(isInViewport(dialog)).toBe(true);
  expect(dialog.scrollHeight).toBeLessThanOrEqual(dialog.clientHeight);
  // Tabs and search stay targets a finger can hit (WCAG 2.5.8).
  for (const control of [
    ...within(dialog).getAllByRole('tab'),
    within(dialog).getByRole('searchbox'),
  ]) {
    expect(control.getBoundingClientRect().height).toBeGreaterThanOrEqual(24);
  }
});

/** The box of an element's text as drawn: its glyphs' lines, whatever box clips them. */
const textBox = (element: Element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect();
};

// A phone held sideways, 1280 x 800 at 200% zoom, 1280 x 1024 at 400%, and the tallest screen
// the short-screen rules apply to.
for (const [width, height] of [
  [667, 375],
  [640, 400],
  [320, 256],
  [1280, 480],
] as const) {
  it(`on a short screen (${width} x ${height}), the title, the one-line quote, the tabs and the search show whole; the member list gives up the height`, async () => {
    await page.viewport(width, height);
    const dialog = await openSheet('Lunch at noon?');
    await nextFrame();
    const title = within(dialog).getByRole('heading', { name: 'Message receipts' });
    const quote = within(dialog).getByText(/Lunch at noon\?/);
    const tablist = within(dialog).getByRole('tablist');
    const search = within(dialog).getByRole('searchbox');
    const region = within(dialog).getByRole('region', { name: 'Members' });
    // Each line of text inside its own box: the quote's was 5 to 16 px tall, cut through its
    // letters, while the list kept its height.
    for (const element of [title, quote, ...within(dialog).getAllByRole('tab')]) {
      const box = element.getBoundingClientRect();
      const text = textBox(element);
      expect(text.height, element.textContent ?? '').toBeGreaterThan(12);
      expect(box.top, element.textContent ?? '').toBeLessThanOrEqual(text.top + 0.5);
      expect(box.bottom, element.textContent ?? '').toBeGreaterThanOrEqual(text.bottom - 0.5);
    }
    // One under the other, none over the next, all of them on screen with the list.
    const order = [title, quote, tablist, search, region].map((element) =>
      element.getBoundingClientRect(),
    );
    for (let index = 1; index < order.length; index++) {
      expect(order[index]!.top).toBeGreaterThanOrEqual(order[index - 1]!.bottom - 0.5);
    }
    expect(tablist.scrollHeight).toBeLessThanOrEqual(tablist.clientHeight + 1);
    expect(search.getBoundingClientRect().height).toBeGreaterThanOrEqual(24);
    expect(region.getBoundingClientRect().height).toBeGreaterThan(44);
    expect(isInViewport(dialog)).toBe(true);
    expect(dialog.scrollHeight).toBeLessThanOrEqual(dialog.clientHeight);
  });
}

it('with text at 200% on a phone (360 x 640), the tabs wrap instead of scrolling the sheet sideways', async () => {
  await page.viewport(360, 640);
  document.documentElement.style.fontSize = '32px';
  const dialog = await openSheet();
  await waitFor(() => expect(dialog.scrollWidth).toBeLessThanOrEqual(dialog.clientWidth));
  for (const tab of within(dialog).getAllByRole('tab')) {
    expect(isInViewport(tab), tab.textContent ?? '').toBe(true);
  }
});

it('with text at 200% on a phone (390 x 844), a long quote keeps two lines and leaves the member list most of the sheet', async () => {
  await page.viewport(390, 844);
  document.documentElement.style.fontSize = '32px';
  const quote =
    'Reminder: the quarterly planning meeting moves to Thursday at three, in the large room upstairs.';
  const dialog = await openSheet(quote);
  await nextFrame();
  const description = dialog.querySelector('.readmark-sheet-description')!;
  // Screen readers still hear all of it: the dialog's description is the element's text.
  expect(description.textContent).toContain('large room upstairs');
  const lineHeight = Number.parseFloat(getComputedStyle(description).lineHeight) || 32 * 1.2;
  // Wrapped over five lines, it left the list two members of 119 (QA at 390 x 844).
  expect(description.getBoundingClientRect().height).toBeLessThanOrEqual(2 * lineHeight + 1);
  const region = within(dialog).getByRole('region', { name: 'Members' });
  expect(region.getBoundingClientRect().height).toBeGreaterThanOrEqual(
    dialog.getBoundingClientRect().height * 0.4,
  );
  expect(isInViewport(dialog)).toBe(true);
});

it('at 400% zoom (320 x 256), a long name with no space wraps inside its row instead of running past the sheet', async () => {
  await page.viewport(320, 256);
  world = createWorld();
  const longName = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(3);
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    readers: 0,
    memberIds: ['m1', 'm2'],
  });
  renderApp(
    <Providers engine={world.engineFor(alice)} names={{ m1: longName, m2: 'Bo' }}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '2 unread of 2 members' }));
  const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
  const name = await within(dialog).findByText(longName);
  const row = name.closest('li')!;
  const region = within(dialog).getByRole('region', { name: 'Members' });
  await nextFrame();
  // All of it shows: no part of the name is cut off by the row, the list or the sheet.
  expect(name.getBoundingClientRect().right).toBeLessThanOrEqual(
    region.getBoundingClientRect().right,
  );
  expect(row.scrollWidth).toBeLessThanOrEqual(row.clientWidth);
  expect(region.scrollWidth).toBeLessThanOrEqual(region.clientWidth);
  expect(dialog.scrollWidth).toBeLessThanOrEqual(dialog.clientWidth);
  // The row grew to the wrapped name, and the next member's row starts below it (rows are measured).
  await waitFor(() => {
    const next = within(dialog).getByText('Bo').closest('li')!;
    expect(next.getBoundingClientRect().top).toBeGreaterThanOrEqual(
      row.getBoundingClientRect().bottom - 1,
    );
  });
});

it('the quoted message sits under the title with the sheet’s own spacing, and fits at 400% zoom', async () => {
  await page.viewport(320, 256);
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 1 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <ReceiptDetailSheet
        message={message}
        messageExcerpt="Lunch at noon? Bring cash."
        isOpen
        onClose={() => {}}
      />
    </Providers>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
  const tabs = await within(dialog).findByRole('tablist');
  const quote = within(dialog).getByText(
    /^Your message: “\u2068Lunch at noon\? Bring cash\.\u2069”$/,
  );
  const header = within(dialog).getByRole('heading').parentElement!;
  const gapAbove = quote.getBoundingClientRect().top - header.getBoundingClientRect().bottom;
  const gapBelow = tabs.getBoundingClientRect().top - quote.getBoundingClientRect().bottom;
  // The browser's paragraph margins (1em each side) would double the gaps around it.
  expect(gapAbove).toBeCloseTo(gapBelow, 0);
  expect(gapAbove).toBeLessThanOrEqual(8);
  expect(dialog.scrollHeight).toBeLessThanOrEqual(dialog.clientHeight);
});

it('the title, tabs and search stay where they are when the list under them grows or shrinks', async () => {
  await page.viewport(1024, 768);
  world = createWorld();
  // 2 unread and 10 read: the Read tab's list is five times as long as the Unread tab's.
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 10 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '2 unread of 12 members' }));
  const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
  const readTab = await within(dialog).findByRole('tab', { name: 'Read (10)' });
  const search = within(dialog).getByRole('searchbox');
  await within(dialog).findByText('member11');
  await nextFrame();
  const topOf = (element: Element) => Math.round(element.getBoundingClientRect().top);
  const before = { dialog: topOf(dialog), tab: topOf(readTab), search: topOf(search) };

  // A pointer user clicks Read: the tab they clicked must still be under the pointer.
  await userEvent.click(readTab);
  await within(dialog).findByText('member10');
  await nextFrame();
  expect({ dialog: topOf(dialog), tab: topOf(readTab), search: topOf(search) }).toEqual(before);

  // Typing a search that leaves one member does not pull the search box away either.
  await userEvent.type(search, 'member3');
  await waitFor(() => expect(within(dialog).queryByText('member1')).toBeNull());
  await nextFrame();
  expect({ dialog: topOf(dialog), tab: topOf(readTab), search: topOf(search) }).toEqual(before);
});
