import type { ReceiptMessage } from '@readmark/core';
import { within } from '@testing-library/dom';
import type { ReactNode } from 'react';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import { aliceHistory, frames, Providers, renderApp } from './testWorld.test';

/*
 * Shift+Tab into the message list from after it (the app's composer): the browser picks the last
 * control rendered, in a row below the view (the overscan), and scrolls the list down to it.
 */

const world = listWorldPerTest('shift-tab-list');

/** A 40 px row with a button named by its message's id (`c0` …). */
const rowWithButton = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>
    <button type="button">{message.messageClientId}</button>
  </div>
);

/**
 * Alice's list of 60 messages (rows from `renderMessage`), opened at the newest, with the app's
 * composer and Send button after it, in a page of direction `dir`; with `scrollTop`, scrolled up
 * there.
 */
async function chatWithComposer({
  renderMessage = rowWithButton,
  scrollTop,
  dir = 'ltr',
}: {
  renderMessage?: (message: ReceiptMessage) => ReactNode;
  scrollTop?: number;
  dir?: 'ltr' | 'rtl';
} = {}) {
  const { container } = renderApp(
    <Providers engine={world.engineFor(world.server.login('alice'))}>
      <div dir={dir}>
        <MessageList
          className="shift-tab-list"
          conversationId="alice|1|bob"
          messages={aliceHistory(60)}
          renderMessage={renderMessage}
        />
        <textarea aria-label="Message" />
        <button type="button">Send</button>
      </div>
    </Providers>,
  );
  const scroller = within(container).getByRole('region', { name: 'Messages' });
  await frames(3);
  if (scrollTop !== undefined) {
    scroller.scrollTop = scrollTop;
    await frames(3);
  }
  const view = scroller.getBoundingClientRect();
  const inView = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  };
  const composer = within(container).getByRole('textbox', { name: 'Message' });
  const send = within(container).getByRole('button', { name: 'Send' });
  return {
    scroller,
    composer,
    send,
    inView,
    buttons: () => within(scroller).queryAllByRole('button'),
  };
}

it.each(['ltr', 'rtl'] as const)(
  'Shift+Tab from the composer goes to the last control in view of a scrolled-up list, which stays where it is (%s)',
  async (dir) => {
    const { scroller, composer, inView, buttons } = await chatWithComposer({
      scrollTop: 1000,
      dir,
    });
    expect(inView(buttons().at(-1)!), 'the last rendered button is below the view').toBe(false);
    const lastInView = buttons().filter(inView).at(-1);
    const scrollTop = scroller.scrollTop;

    composer.focus();
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(lastInView);
    expect(scroller.scrollTop).toBe(scrollTop);
    await frames(3);
    expect(scroller.scrollTop).toBe(scrollTop);
    expect(document.activeElement).toBe(lastInView);
  },
);

it('Shift+Tab from the composer goes to the list itself when no control is in view, and the list stays', async () => {
  // Buttons in every twelfth row only: none among the rows in view, one in a row below it.
  const { scroller, composer, inView, buttons } = await chatWithComposer({
    scrollTop: 1040,
    renderMessage: (message) =>
      Number(message.messageClientId.slice(1)) % 12 === 0 ? (
        rowWithButton(message)
      ) : (
        <div style={{ height: 40 }}>{message.messageClientId}</div>
      ),
  });
  const view = scroller.getBoundingClientRect();
  expect(buttons().filter(inView)).toEqual([]);
  expect(buttons().at(-1)!.getBoundingClientRect().top).toBeGreaterThanOrEqual(view.bottom);
  const scrollTop = scroller.scrollTop;

  composer.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(scroller);
  await frames(3);
  expect(scroller.scrollTop).toBe(scrollTop);
});

it('Shift+Tab from the composer of a list at its newest messages goes to the last control', async () => {
  const { scroller, composer, inView, buttons } = await chatWithComposer();
  const last = within(scroller).getByRole('button', { name: 'c59' });
  expect(inView(last)).toBe(true);
  const scrollTop = scroller.scrollTop;

  composer.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(last);
  await frames(3);
  expect(scroller.scrollTop).toBe(scrollTop);
  expect(buttons().at(-1)).toBe(last);
});

it('Shift+Tab between controls of the list goes to the previous one, as the browser does', async () => {
  const { scroller, inView, buttons } = await chatWithComposer({ scrollTop: 1000 });
  const shown = buttons().filter(inView);
  const scrollTop = scroller.scrollTop;

  shown[3]!.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(shown[2]);
  expect(scroller.scrollTop).toBe(scrollTop);
});

it('a control the app focuses out of view (a "jump to message") takes the focus, even right after a Shift+Tab', async () => {
  const { scroller, composer, send, inView, buttons } = await chatWithComposer({ scrollTop: 1000 });
  // A Shift+Tab that stays outside the list, then the app's own focus call from the composer.
  send.focus();
  await userEvent.tab({ shift: true });
  expect(document.activeElement).toBe(composer);
  const below = buttons().at(-1)!;
  expect(inView(below)).toBe(false);

  below.focus();
  expect(document.activeElement).toBe(below);
  await frames(3);
  expect(document.activeElement).toBe(below);
  expect(scroller.scrollTop).toBeGreaterThan(1000);
});

it('Shift+Tab from the new-messages pill goes to a control in view that the pill does not cover', async () => {
  // Rows of 52 px, each with a centred 80 x 20 button: the sixth row's button lies wholly inside
  // the pill's box when the list is at its top.
  const { scroller, pill } = await scrolledUpWithPill(world, {
    height: undefined,
    className: 'shift-tab-list',
    renderMessage: (message) => (
      <div style={{ height: 52, paddingTop: 4, boxSizing: 'border-box', textAlign: 'center' }}>
        <button type="button" style={{ height: 20, width: 80, padding: 0 }}>
          {(message as { text?: string }).text}
        </button>
      </div>
    ),
  });
  await frames(3);
  expect(scroller.scrollTop).toBe(0);

  pill.focus();
  await userEvent.tab({ shift: true });
  const focused = document.activeElement!;
  expect(focused).toHaveAccessibleName('message 4');
  const box = focused.getBoundingClientRect();
  expect(box.bottom).toBeLessThanOrEqual(pill.getBoundingClientRect().top);
  await frames(3);
  expect(scroller.scrollTop).toBe(0);
});
