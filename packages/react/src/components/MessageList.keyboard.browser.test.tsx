import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import type { ReactNode } from 'react';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import { Providers, renderApp } from './testWorld.test';

/*
 * The message list as a keyboard user meets it: its scroller is a focusable region scrolled by the
 * keyboard.
 */

const world = listWorldPerTest('keyboard-list');

const textOf = (message: ReceiptMessage) => (message as { text?: string }).text;

/** Alice's 90 messages to Bob, of varied heights (40 to 280 px), in Bob's list. */
async function bobsLongChat() {
  return bobsChat(90, (message) => (
    <div style={{ height: 40 + (Number(textOf(message)?.split(' ')[1]) % 5) * 60 }}>
      {textOf(message)}
    </div>
  ));
}

/** Alice's `count` messages to Bob ("message 0" …), drawn by `renderMessage` in Bob's list. */
async function bobsChat(count: number, renderMessage: (message: ReceiptMessage) => ReactNode) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let i = 0; i < count; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `message ${i}` });
  }
  const messages = await world.history(bob, 'bob|1|alice');
  renderApp(
    <Providers engine={world.engineFor(bob)}>
      <MessageList
        className="keyboard-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
      />
    </Providers>,
  );
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await screen.findByText(`message ${count - 1}`);
  return scroller;
}

it('Home in the list goes to the oldest message in one press, however many rows it measures on the way, and End back to the newest', async () => {
  const scroller = await bobsLongChat();
  scroller.focus();
  await userEvent.keyboard('{Home}');
  // Chromium's own Home scroll is animated; each row measured on the way up (above the view) moves
  // the scroll position by its change, which ended the animation thousands of pixels short.
  const first = await screen.findByText('message 0', {}, { timeout: 5_000 });
  await waitFor(() => expect(scroller.scrollTop).toBe(0));
  const box = first.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  expect(box.top).toBeGreaterThanOrEqual(view.top);
  expect(box.bottom).toBeLessThanOrEqual(view.bottom);
  expect(document.activeElement).toBe(scroller);

  // And End goes back to the newest, the same way.
  await userEvent.keyboard('{End}');
  await waitFor(() =>
    expect(scroller.closest('[data-at-end]')).toHaveAttribute('data-at-end', 'true'),
  );
  const newest = screen.getByText('message 89').getBoundingClientRect();
  expect(newest.bottom).toBeLessThanOrEqual(scroller.getBoundingClientRect().bottom);
  expect(document.activeElement).toBe(scroller);
});

it('a control tabbed to while the new-messages pill shows is never hidden under the pill (WCAG 2.4.11)', async () => {
  // Rows of 52 px, each with a centred 80 x 20 button: the sixth row's button lies wholly inside
  // the pill's box when the list is at its top.
  const { pill } = await scrolledUpWithPill(world, {
    height: undefined,
    className: 'keyboard-list',
    renderMessage: (message) => (
      <div style={{ height: 52, paddingTop: 4, boxSizing: 'border-box', textAlign: 'center' }}>
        <button type="button" style={{ height: 20, width: 80, padding: 0 }}>
          {textOf(message)}
        </button>
      </div>
    ),
  });

  screen.getByRole('button', { name: 'message 0' }).focus();
  for (let i = 1; i <= 8; i++) {
    await userEvent.tab();
    const focused = document.activeElement!;
    expect(focused).toHaveAccessibleName(`message ${i}`);
    const box = focused.getBoundingClientRect();
    const cover = pill.getBoundingClientRect();
    const isHidden =
      box.top >= cover.top &&
      box.bottom <= cover.bottom &&
      box.left >= cover.left &&
      box.right <= cover.right;
    expect(isHidden, `message ${i} under the pill`).toBe(false);
  }
});

it('Tab from the list goes to the first control in view, not to one in a row rendered above it', async () => {
  const scroller = await bobsChat(40, (message) => (
    <div style={{ height: 40 }}>
      <button type="button">{textOf(message)}</button>
    </div>
  ));
  const view = scroller.getBoundingClientRect();
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  };
  // The list opens at the newest; rows kept rendered above the view (overscan) hold buttons too.
  const buttons = screen.getAllByRole('button');
  expect(inView(buttons[0]!), 'the first rendered button is above the view').toBe(false);
  const firstInView = buttons.find(inView)!;
  const scrollTop = scroller.scrollTop;

  scroller.focus();
  await userEvent.tab();
  expect(document.activeElement).toBe(firstInView);
  // The list stays at the newest messages: Tab did not scroll it up to an overscan row.
  expect(scroller.scrollTop).toBeGreaterThanOrEqual(scrollTop - 40);
});
