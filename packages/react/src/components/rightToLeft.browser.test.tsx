/**
 * Right-to-left (docs/theming.md): under `dir="rtl"` the kit's components mirror as an Arabic or
 * Hebrew reader expects, from the stylesheet's direction-neutral rules, on a 320 px phone without
 * scrolling sideways; the tick is not mirrored; member names keep their own direction.
 */
import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { phoneWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { BadgeOpensSheet, Providers, renderApp, teamWithMessage } from './testWorld.test';

const world = phoneWorldPerTest();

/** Alice's flagged message to Bob, Carol and Dave, as her row in a list, inside `dir`. */
async function openSheetIn(dir: 'ltr' | 'rtl', names: Record<string, string>) {
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol', 'dave'],
    readers: 1,
  });
  renderApp(
    <div dir={dir} style={{ height: 200 }}>
      <Providers engine={world.engineFor(alice)} names={names}>
        <MessageList
          conversationId="alice|2|t1"
          messages={[message]}
          renderMessage={(own: ReceiptMessage) => (
            <div style={{ display: 'flex', gap: 4 }}>
              <ReadTick message={own} />
              <BadgeOpensSheet message={own} />
            </div>
          )}
        />
      </Providers>
    </div>,
  );
  const badge = await screen.findByRole('button', { name: '2 unread of 3 members' });
  const tick = screen.getByRole('img', { name: 'Sent' });
  await userEvent.click(badge);
  const dialog = await screen.findByRole('dialog');
  await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2));
  return { badge, tick, dialog };
}

const box = (element: Element) => element.getBoundingClientRect();

it('mirrors the row, the sheet and its members under dir="rtl", all inside a 320 px screen', async () => {
  const { badge, tick, dialog } = await openSheetIn('rtl', {});
  const title = within(dialog).getByRole('heading');
  const close = within(dialog).getByRole('button', { name: 'Close' });
  const [unreadTab, readTab] = within(dialog).getAllByRole('tab');
  const member = within(dialog).getAllByRole('listitem')[0]!;
  const avatar = member.querySelector('.readmark-avatar')!;
  const name = member.querySelector('.readmark-member-name')!;
  const listBox = box(within(dialog).getByRole('region'));

  // The row's first item (the tick) starts at the right; the badge's pie leads its words there too.
  expect(box(tick).left).toBeGreaterThan(box(badge).right);
  expect(box(badge.querySelector('svg')!).left).toBeGreaterThan(
    box(badge).left + box(badge).width / 2,
  );
  // Title at the right, close button at the left; the first tab (Unread) rightmost.
  expect(box(title).left).toBeGreaterThan(box(close).right);
  expect(box(unreadTab!).left).toBeGreaterThan(box(readTab!).right);
  // A member row: avatar at the right edge of the list, the name to its left.
  expect(box(avatar).right).toBeCloseTo(listBox.right, 0);
  expect(box(name).right).toBeLessThan(box(avatar).left);

  // A check mark is not mirrored: the glyph is drawn as in English.
  expect(getComputedStyle(tick.querySelector('svg')!).transform).toBe('none');
  expect(getComputedStyle(tick.querySelector('svg')!).scale).toBe('none');
});

it('never scrolls sideways under dir="rtl" on a 320 px screen, the sheet open or not', async () => {
  const { dialog } = await openSheetIn('rtl', {});
  const root = document.documentElement;
  // Text for screen readers only (the list's and the sheet's live regions) sits at the right edge
  // in right-to-left: pulled 1 px further out by a negative margin, it made the page scroll sideways.
  const scrollers = [root, dialog, within(dialog).getByRole('region')];
  for (const scroller of scrollers) expect(scroller.scrollWidth).toBe(scroller.clientWidth);
  expect(box(dialog).left).toBeGreaterThanOrEqual(0);
  expect(box(dialog).right).toBeLessThanOrEqual(innerWidth);
  await userEvent.keyboard('{Escape}');
  await waitFor(() => expect(dialog).not.toHaveAttribute('open'));
  expect(root.scrollWidth).toBe(root.clientWidth);
});

/** The horizontal middle of character `index` of an element's text, as drawn. */
function xOfCharacter(element: Element, index: number): number {
  const range = document.createRange();
  range.setStart(element.firstChild!, index);
  range.setEnd(element.firstChild!, index + 1);
  const rect = range.getBoundingClientRect();
  return rect.left + rect.width / 2;
}

it.each([
  ['rtl', 'Bob!'],
  ['ltr', 'سارة!'],
] as const)('in a %s sheet, %s keeps its "!" at the end of the name', async (dir, bobsName) => {
  const { dialog } = await openSheetIn(dir, { bob: bobsName });
  await userEvent.click(within(dialog).getByRole('tab', { name: 'Read (1)' }));
  const name = await within(dialog).findByText(bobsName);
  const bang = xOfCharacter(name, bobsName.length - 1);
  const lastLetter = xOfCharacter(name, bobsName.length - 2);
  // The name's own direction decides: Latin is read left to right, Arabic right to left, whatever
  // the sheet's direction (without it, "Bob!" showed as "!Bob").
  if (dir === 'rtl') expect(bang).toBeGreaterThan(lastLetter);
  else expect(bang).toBeLessThan(lastLetter);
});

it('moves between the tabs with either arrow under dir="rtl" (two tabs), and Home / End still work', async () => {
  const { dialog } = await openSheetIn('rtl', {});
  const [unreadTab, readTab] = within(dialog).getAllByRole('tab') as [HTMLElement, HTMLElement];
  unreadTab.focus();
  // WAI-ARIA: in right-to-left, Left goes to the next tab (to the left of the first one).
  await userEvent.keyboard('{ArrowLeft}');
  expect(document.activeElement).toBe(readTab);
  expect(box(readTab).right).toBeLessThan(box(unreadTab).left);
  await userEvent.keyboard('{ArrowRight}');
  expect(document.activeElement).toBe(unreadTab);
  await userEvent.keyboard('{End}');
  expect(document.activeElement).toBe(readTab);
  expect(readTab.getAttribute('aria-selected')).toBe('true');
  await userEvent.keyboard('{Home}');
  expect(document.activeElement).toBe(unreadTab);
  expect(unreadTab.getAttribute('aria-selected')).toBe('true');
});

it.each([
  ['rtl', 'Lunch!'],
  ['ltr', 'غداء!'],
] as const)(
  'in a %s sheet, the quoted message %s keeps its "!" at its end',
  async (dir, excerpt) => {
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 1 });
    renderApp(
      <div dir={dir}>
        <Providers engine={world.engineFor(alice)}>
          <ReceiptDetailSheet
            message={message}
            messageExcerpt={excerpt}
            isOpen
            onClose={() => {}}
          />
        </Providers>
      </div>,
    );
    const dialog = await screen.findByRole('dialog');
    const quote = document.getElementById(dialog.getAttribute('aria-describedby')!)!;
    const text = quote.textContent!;
    const mark = text.indexOf(excerpt) + excerpt.length - 1;
    // The excerpt is isolated and takes its own direction from its letters, like a member's name:
    // without it, "Lunch!" in a right-to-left sentence showed as "!Lunch".
    if (dir === 'rtl')
      expect(xOfCharacter(quote, mark)).toBeGreaterThan(xOfCharacter(quote, mark - 1));
    else expect(xOfCharacter(quote, mark)).toBeLessThan(xOfCharacter(quote, mark - 1));
  },
);
