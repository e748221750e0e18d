import { type ReceiptEngine, type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { screen, waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { holdSelfReadTime } from '../../../core/src/testing/holdSelfReadTime';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { listWorldPerTest } from './listWorldPerTest.test';
import { pauseForAnnouncement, recordPoliteRegions } from './recordPoliteRegions.test';
import { frames, renderApp, settle } from './testWorld.test';
import { bobsUnreadLineList, type UnreadLineListProps } from './unreadLineList.test';

/*
 * A chat opened at its unread line has its unread messages below the view, which the reader has not
 * seen: the new-messages pill counts them (as chat apps show a jump-down button with the unread
 * count) and takes the reader to the end. Before, the jump left the end as a scroll up does, and
 * the list took the newest message for the last one seen: no pill until something more arrived.
 *
 * Bob's chat with Alice: 6 messages he read on his phone, then 12 from Alice he has not read, with 2
 * of his own (sent from his phone) among them. Rows are 50 px in a 300 px list: the line is far
 * above the end.
 */

const world = listWorldPerTest('unread-line-pill-list');

/** Bob's list with the line, marking nothing read unless the props say otherwise. */
const bobsList = (engine: ReceiptEngine, props: UnreadLineListProps, locale?: ReceiptLocale) =>
  bobsUnreadLineList(engine, 'unread-line-pill-list', { isMarkingRead: false, ...props }, locale);

/** Bob's chat (see above): its messages, Bob's engine on this device, Alice and Bob's phone. */
async function bobsChat(): Promise<{
  engine: ReceiptEngine;
  messages: ReceiptMessage[];
  alice: MemoryClient;
  phone: MemoryClient;
}> {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  const fromAlice = (text: string) => world.send(alice, { conversationId: 'alice|1|bob', text });
  for (let i = 0; i < 6; i++) await fromAlice(`read ${i}`);
  const read = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(read.at(-1) as never);
  await settle(world.server);
  for (let i = 0; i < 12; i++) {
    await fromAlice(`unread ${i}`);
    if (i === 3 || i === 7)
      await world.send(phone, { conversationId: 'bob|1|alice', text: `b${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  expect(messages).toHaveLength(20);
  return { engine: world.engineFor(world.server.login('bob')), messages, alice, phone };
}

type App = ReturnType<typeof renderApp>;

const scrollerOf = (app: App) =>
  app.container.querySelector('.readmark-message-scroller') as HTMLElement;
const lineOf = (app: App) => app.container.querySelector<HTMLElement>('.readmark-unread-separator');
const pillOf = (app: App) => app.container.querySelector<HTMLElement>('.readmark-new-messages');
const atEnd = (app: App) =>
  app.container.querySelector('[data-at-end]')?.getAttribute('data-at-end');
const isInView = (app: App, element: Element | null) => {
  if (!element) return false;
  const box = element.getBoundingClientRect();
  const view = scrollerOf(app).getBoundingClientRect();
  return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
};
const rowOf = (app: App, message: ReceiptMessage) =>
  app.container.querySelector(`[data-testid="${message.messageClientId}"]`);

/** The list has opened at its line, above the first unread message (the 7th). */
async function openedAtLine(app: App, messages: ReceiptMessage[]) {
  await expect.poll(() => isInView(app, lineOf(app))).toBe(true);
  expect(lineOf(app)!.closest('article')!.querySelector('[data-testid]')).toBe(
    rowOf(app, messages[6]!),
  );
}

it("opens at the line with the pill counting Alice's unread messages below, not Bob's own; pressed, it takes him to the end and goes", async () => {
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages }));
  await openedAtLine(app, messages);
  const pill = await screen.findByRole('button', { name: '12 new messages' });
  expect(pill.textContent).toBe('↓ 12 new messages');
  expect(atEnd(app)).toBe('false');

  pill.click();
  await expect.poll(() => isInView(app, rowOf(app, messages.at(-1)!))).toBe(true);
  await expect.poll(() => atEnd(app)).toBe('true');
  expect(pillOf(app)).toBeNull();
});

it('shows the count in Chinese in a Chinese app', async () => {
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages }, 'zh-CN'));
  await expect.poll(() => isInView(app, lineOf(app))).toBe(true);
  expect(lineOf(app)!.textContent).toBe('以下为新消息');
  await expect.poll(() => pillOf(app)?.textContent).toBe('↓ 12条新消息');
});

it('leaves out what Bob reads on his phone meanwhile: the count shrinks', async () => {
  const { engine, messages, phone } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages }));
  await openedAtLine(app, messages);
  await screen.findByRole('button', { name: '12 new messages' });
  // His phone reads down to Alice's 8th unread message (his own 2 are among those above it).
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[14] as never);
  await settle(world.server);
  expect(await screen.findByRole('button', { name: '4 new messages' })).toBeTruthy();
  // Still where he was, at the line.
  expect(isInView(app, lineOf(app))).toBe(true);
});

it('marking read as he reads, the pill counts the unread messages below the rows read in view', async () => {
  const { engine, messages } = await bobsChat();
  // Marking read from the jump on: before it, the newest rows at the end would be read at once.
  const app = renderApp(bobsList(engine, { messages }));
  await openedAtLine(app, messages);
  await screen.findByRole('button', { name: '12 new messages' });
  app.rerender(bobsList(engine, { messages, isMarkingRead: true }));
  // The rows in view are read: his read time passes the line, and the pill counts what is after it.
  await expect
    .poll(async () => {
      await settle(world.server);
      return selectSelfReadTime(engine.store.getState(), 'bob|1|alice');
    })
    .toBeGreaterThan(messages[6]!.createTime);
  await frames(3);
  const readTime = selectSelfReadTime(engine.store.getState(), 'bob|1|alice');
  const unreadBelow = messages.filter(
    (message) => message.senderId === 'alice' && message.createTime > readTime,
  ).length;
  expect(unreadBelow).toBeGreaterThan(0);
  expect(unreadBelow).toBeLessThan(12);
  await expect.poll(() => pillOf(app)?.textContent).toBe(`↓ ${unreadBelow} new messages`);
  expect(isInView(app, lineOf(app))).toBe(true);
});

it('the pill goes when Bob scrolls down to the end', async () => {
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages }));
  await openedAtLine(app, messages);
  await screen.findByRole('button', { name: '12 new messages' });
  const scroller = scrollerOf(app);
  // Down through them: the pill stays while messages are left below.
  scroller.scrollTop += 200;
  await frames(5);
  expect(pillOf(app)?.textContent).toBe('↓ 12 new messages');
  scroller.scrollTop = scroller.scrollHeight;
  await expect.poll(() => atEnd(app)).toBe('true');
  expect(pillOf(app)).toBeNull();
});

it('counts from the first message when the line is above it', async () => {
  // The app opened the chat with the unread messages only (its first page): nothing above the line.
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages: messages.slice(6) }));
  await openedAtLine(app, messages);
  expect(await screen.findByRole('button', { name: '12 new messages' })).toBeTruthy();
});

it('does not say the count the chat opens with; a message arriving later is said with the pill count', async () => {
  const { engine, messages, alice, phone } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages }));
  const { said } = recordPoliteRegions('.unread-line-pill-list');
  await openedAtLine(app, messages);
  await screen.findByRole('button', { name: '12 new messages' });
  // The unread history the chat opens with is no news (the line in the feed says it is there).
  await pauseForAnnouncement();
  expect(said).toEqual([]);

  await world.send(alice, { conversationId: 'alice|1|bob', text: 'later' });
  app.rerender(bobsList(engine, { messages: await world.history(phone, 'bob|1|alice') }));
  expect(await screen.findByRole('button', { name: '13 new messages' })).toBeTruthy();
  await waitFor(() => expect(said).toEqual(['13 new messages']));

  // At the end, a message arriving is said as at any end.
  screen.getByRole('button', { name: '13 new messages' }).click();
  await expect.poll(() => atEnd(app)).toBe('true');
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'at the end' });
  app.rerender(bobsList(engine, { messages: await world.history(phone, 'bob|1|alice') }));
  await waitFor(() => expect(said).toEqual(['13 new messages', '1 new message']));
});

it('without unreadLine opens at the newest message with no pill; with it, at the line with the pill', async () => {
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages, unreadLine: false }));
  await settle(world.server);
  await frames(5);
  expect(lineOf(app)).toBeNull();
  expect(isInView(app, rowOf(app, messages.at(-1)!))).toBe(true);
  expect(atEnd(app)).toBe('true');
  expect(pillOf(app)).toBeNull();
  app.unmount();

  const withLine = renderApp(bobsList(engine, { messages }));
  await openedAtLine(withLine, messages);
  expect(await screen.findByRole('button', { name: '12 new messages' })).toBeTruthy();
});

it('a reader who scrolled up before the line came is not taken there, and the pill counts only what arrives after; opened again, the pill counts the unread', async () => {
  const { engine, messages, alice, phone } = await bobsChat();
  const { letThrough, isAnswered } = holdSelfReadTime(engine.transport);
  const app = renderApp(bobsList(engine, { messages }));
  await frames(5);
  scrollerOf(app).scrollTop -= 100;
  await expect.poll(() => atEnd(app)).toBe('false');
  // Where he is: a row in view, which stays in its place (the line drawn above the view is not).
  const topOf = (element: Element | null) => element?.getBoundingClientRect().top;
  const place = topOf(rowOf(app, messages[16]!));
  letThrough();
  await expect.poll(isAnswered).toBe(true);
  await settle(world.server);
  await frames(5);
  expect(topOf(rowOf(app, messages[16]!))).toBe(place);
  expect(isInView(app, lineOf(app))).toBe(false);
  expect(pillOf(app)).toBeNull();
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'later' });
  const withLater = await world.history(phone, 'bob|1|alice');
  app.rerender(bobsList(engine, { messages: withLater }));
  expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();
  app.unmount();

  const again = renderApp(bobsList(engine, { messages: withLater }));
  await openedAtLine(again, messages);
  expect(await screen.findByRole('button', { name: '13 new messages' })).toBeTruthy();
});

it('shows no pill when the line is in the last screen: the list stays at its end', async () => {
  // Only Alice's last 3 unread messages are unread: the line is in view at the end.
  const { engine, messages, phone } = await bobsChat();
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[16] as never);
  await settle(world.server);
  const app = renderApp(bobsList(engine, { messages }));
  await expect.poll(() => isInView(app, lineOf(app))).toBe(true);
  expect(lineOf(app)!.closest('article')!.querySelector('[data-testid]')).toBe(
    rowOf(app, messages[17]!),
  );
  await settle(world.server);
  await frames(5);
  expect(isInView(app, rowOf(app, messages.at(-1)!))).toBe(true);
  expect(atEnd(app)).toBe('true');
  expect(pillOf(app)).toBeNull();
});
