import type { ReceiptMessage } from '@readmark/core';
import { screen } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MessageList } from './MessageList';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { UnreadBadge } from './UnreadBadge';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import {
  BadgeOpensSheet,
  nextFrame,
  Providers,
  renderApp,
  settle,
  untilStill,
} from './testWorld.test';

/*
 * The row that holds focus stays rendered however far the list scrolls from it: a virtualized-away
 * row took the focus with it to <body>, so the keyboard lost its place (and the feed's keys with
 * it), and a receipt sheet opened from a row (the README's wiring) vanished under the reader.
 */

const world = listWorldPerTest('focus-list');

const textOf = (message: ReceiptMessage) => (message as { text?: string }).text;

/** Team t1 of Alice, Bob and Carol, and Alice's `count` flagged messages in it; Alice's device. */
async function alicesFlaggedMessages(count: number) {
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
  const alice = world.server.login('alice');
  for (let i = 0; i < count; i++) {
    await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: `m${i}`,
      isReceiptRequested: true,
    });
  }
  return alice;
}

/** Bob's `count` messages to t1, `${label} 0`, `${label} 1`…: a busy team. */
async function bobSends(count: number, label: string, bob: Parameters<typeof world.send>[0]) {
  for (let i = 0; i < count; i++) {
    await world.send(bob, { conversationId: 'bob|2|t1', text: `${label} ${i}` });
  }
}

it('keeps a focused badge in the document while the reader scrolls far up past it, so Page Up from it still goes to the message above it', async () => {
  const alice = await alicesFlaggedMessages(40);
  const messages = await world.history(alice, 'alice|2|t1');
  const app = renderApp(
    <Providers engine={world.engineFor(alice)}>
      <button type="button">Before the chat</button>
      <MessageList
        className="focus-list"
        conversationId="alice|2|t1"
        messages={messages}
        renderMessage={(message) => (
          <div style={{ minHeight: 60 }}>
            {textOf(message)} <UnreadBadge message={message} onOpen={() => {}} />
          </div>
        )}
      />
      <button type="button">After the chat</button>
    </Providers>,
  );
  for (let i = 0; i < 3; i++) await nextFrame();
  await settle(world.server);
  const badges = await screen.findAllByRole('button', { name: /unread of 2 members/ });
  const newest = badges[badges.length - 1]!;
  newest.focus();
  const scroller = app.container.querySelector('section')!;
  // The wheel scrolls the list and leaves the focus where it is.
  await userEvent.wheel(scroller, { delta: { y: -scroller.clientHeight }, times: 8 });
  await expect
    .poll(() => scroller.scrollTop)
    .toBeLessThan(scroller.scrollHeight - 2 * scroller.clientHeight);
  expect(newest.isConnected).toBe(true);
  expect(document.activeElement).toBe(newest);
  // The rows scrolled over load their counts (a badge that gets them changes its row's height).
  await settle(world.server);
  await untilStill(() => scroller.scrollTop + scroller.scrollHeight, 10);
  // Page Up in the newest message goes to the message above it, scrolled back into view. (The badge
  // was lost to <body> before the row was kept, and the feed's keys with it.)
  await userEvent.keyboard('{PageUp}');
  await expect.poll(() => document.activeElement?.textContent).toMatch(/^m38 /);
  const view = scroller.getBoundingClientRect();
  const article = document.activeElement!.getBoundingClientRect();
  expect(article.top).toBeGreaterThanOrEqual(view.top - 1);
  expect(article.bottom).toBeLessThanOrEqual(view.bottom + 1);
});

it('keeps a receipt sheet opened from a row open while the list follows new messages', async () => {
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol', 'dave'] });
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  await bobSends(10, 'old', bob);
  await world.send(alice, {
    conversationId: 'alice|2|t1',
    text: 'lunch?',
    isReceiptRequested: true,
  });
  const engine = world.engineFor(alice);
  let messages = await world.history(alice, 'alice|2|t1');
  const ui = () => (
    <Providers engine={engine}>
      <MessageList
        className="focus-list"
        conversationId="alice|2|t1"
        messages={messages}
        renderMessage={(message) => (
          <div style={{ minHeight: 50 }}>
            {textOf(message)}
            <BadgeOpensSheet message={message} />
          </div>
        )}
      />
    </Providers>
  );
  const app = renderApp(ui());
  await nextFrame();
  await nextFrame();
  await settle(world.server);
  await userEvent.click(await screen.findByRole('button', { name: '3 unread of 3 members' }));
  const dialog = (await screen.findByRole('dialog')) as HTMLDialogElement;
  expect(dialog.open).toBe(true);

  // A busy team: 20 messages arrive while Alice reads the sheet, and the list follows them.
  await bobSends(20, 'new', bob);
  messages = await world.history(alice, 'alice|2|t1');
  app.rerender(ui());
  for (let i = 0; i < 6; i++) await nextFrame();
  await settle(world.server);

  const scroller = app.container.querySelector('section')!;
  expect(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop).toBeLessThanOrEqual(8);
  expect(dialog.isConnected).toBe(true);
  expect(dialog.open).toBe(true);
  expect(dialog.contains(document.activeElement)).toBe(true);
});

it('keeps the focused row when older history is prepended, which moves every index', async () => {
  const alice = await alicesFlaggedMessages(60);
  const history = await world.history(alice, 'alice|2|t1');
  const engine = world.engineFor(alice);
  let messages = history.slice(20);
  const ui = () => (
    <Providers engine={engine}>
      <MessageList
        className="focus-list"
        conversationId="alice|2|t1"
        messages={messages}
        renderMessage={(message) => (
          <div style={{ minHeight: 60 }}>
            {textOf(message)} <UnreadBadge message={message} onOpen={() => {}} />
          </div>
        )}
      />
    </Providers>
  );
  const app = renderApp(ui());
  for (let i = 0; i < 3; i++) await nextFrame();
  await settle(world.server);
  const badges = await screen.findAllByRole('button', { name: /unread of 2 members/ });
  const newest = badges[badges.length - 1]!;
  newest.focus();
  const scroller = app.container.querySelector('section')!;
  await userEvent.wheel(scroller, { delta: { y: -scroller.clientHeight }, times: 8 });
  await expect
    .poll(() => scroller.scrollTop)
    .toBeLessThan(scroller.scrollHeight - 2 * scroller.clientHeight);
  // Twenty older messages come in above: the newest row's index moves from 39 to 59.
  messages = history;
  app.rerender(ui());
  for (let i = 0; i < 3; i++) await nextFrame();
  expect(newest.isConnected).toBe(true);
  expect(document.activeElement).toBe(newest);
  expect(newest.closest('section > div > *')?.textContent).toContain('m59');
  // Page Up goes to the message above it at its new index, not to the one at its old index.
  await userEvent.keyboard('{PageUp}');
  await expect.poll(() => document.activeElement?.textContent).toMatch(/^m58 /);
});

it('keeps the row of a badge whose sheet is open outside the list, so Esc gives focus back to it', async () => {
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  await world.send(alice, {
    conversationId: 'alice|2|t1',
    text: 'lunch?',
    isReceiptRequested: true,
  });
  const engine = world.engineFor(alice);
  let messages = await world.history(alice, 'alice|2|t1');
  let opened: ReceiptMessage | undefined;
  const ui = () => (
    <Providers engine={engine}>
      <MessageList
        className="focus-list"
        conversationId="alice|2|t1"
        messages={messages}
        renderMessage={(message) => (
          <div style={{ minHeight: 50 }}>
            {textOf(message)}
            <UnreadBadge
              message={message}
              onOpen={() => {
                opened = message;
                app.rerender(ui());
              }}
            />
          </div>
        )}
      />
      {/* One sheet for the whole list, outside it, as many apps render it. */}
      {opened && (
        <ReceiptDetailSheet
          message={opened}
          isOpen
          onClose={() => {
            opened = undefined;
            app.rerender(ui());
          }}
        />
      )}
    </Providers>
  );
  const app = renderApp(ui());
  for (let i = 0; i < 3; i++) await nextFrame();
  await settle(world.server);
  const badge = await screen.findByRole('button', { name: '2 unread of 2 members' });
  badge.focus();
  await userEvent.keyboard('{Enter}');
  const dialog = (await screen.findByRole('dialog')) as HTMLDialogElement;
  expect(dialog.contains(document.activeElement)).toBe(true);

  // Bob's 30 messages arrive while Alice reads the sheet; the list follows them.
  await bobSends(30, 'new', bob);
  messages = await world.history(alice, 'alice|2|t1');
  app.rerender(ui());
  for (let i = 0; i < 6; i++) await nextFrame();
  await settle(world.server);
  expect(badge.isConnected).toBe(true);

  await userEvent.keyboard('{Escape}');
  for (let i = 0; i < 3; i++) await nextFrame();
  expect(document.activeElement).toBe(badge);
});
