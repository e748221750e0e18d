import { type ReceiptEngine, type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { expect, it } from 'vitest';
import { holdSelfReadTime } from '../../../core/src/testing/holdSelfReadTime';
import { listWorldPerTest } from './listWorldPerTest.test';
import { frames, renderApp, settle } from './testWorld.test';
import { bobsUnreadLineList, type UnreadLineListProps } from './unreadLineList.test';

/*
 * `unreadLine`: Bob opens a chat of 40 messages from Alice of which he had read 10 on his phone. The
 * list draws "Unread messages" above the first one he had not read and opens there, once per
 * opening and only while he has not moved: scrolled up before his read time came, or followed down
 * to messages that came meanwhile, he stays where he is.
 */

const world = listWorldPerTest('unread-line-list');

/** Bob's list, with the line unless the props say otherwise. */
const bobsList = (engine: ReceiptEngine, props: UnreadLineListProps) =>
  bobsUnreadLineList(engine, 'unread-line-list', props);

/** `count` messages from Alice to Bob, the first `read` of them read by Bob on his phone. */
async function bobsChat({ count = 40, read = 10 } = {}): Promise<{
  engine: ReceiptEngine;
  messages: ReceiptMessage[];
  alice: MemoryClient;
  phone: MemoryClient;
}> {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  for (let i = 0; i < count; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[read - 1] as never);
  await settle(world.server);
  return { engine: world.engineFor(world.server.login('bob')), messages, alice, phone };
}

type App = ReturnType<typeof renderApp>;

const scrollerOf = (app: App) =>
  app.container.querySelector('.readmark-message-scroller') as HTMLElement;
const lineOf = (app: App) => app.container.querySelector<HTMLElement>('.readmark-unread-separator');
const isInView = (app: App, element: Element | null) => {
  if (!element) return false;
  const box = element.getBoundingClientRect();
  const view = scrollerOf(app).getBoundingClientRect();
  return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
};
const rowOf = (app: App, message: ReceiptMessage) =>
  app.container.querySelector(`[data-testid="${message.messageClientId}"]`);

/** "Unread messages" stands in view, in the article of `message`, above its content. */
async function expectLineInViewAbove(app: App, message: ReceiptMessage) {
  await expect.poll(() => isInView(app, lineOf(app))).toBe(true);
  const line = lineOf(app)!;
  expect(line.textContent).toBe('Unread messages');
  const article = line.closest('article')!;
  expect(article.querySelector('[data-testid]')?.getAttribute('data-testid')).toBe(
    message.messageClientId,
  );
  expect(article.firstElementChild).toBe(line);
}

/** Waits until the held read time has come back and the list has rendered for it. */
async function untilAnswered(isAnswered: () => boolean) {
  await expect.poll(isAnswered).toBe(true);
  await settle(world.server);
  await frames(5);
}

it('opens at the line above the first unread message, not at the newest', async () => {
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages }));
  await expectLineInViewAbove(app, messages[10]!);
  expect(rowOf(app, messages[39]!)).toBeNull();
  // Only one line, and it stays above the same message while the rows in view are marked read
  // and Bob's receipt lands.
  await expect
    .poll(async () => {
      await settle(world.server);
      return selectSelfReadTime(engine.store.getState(), 'bob|1|alice');
    })
    .toBeGreaterThan(messages[10]!.createTime);
  await frames(3);
  expect(app.container.querySelectorAll('.readmark-unread-separator')).toHaveLength(1);
  await expectLineInViewAbove(app, messages[10]!);
});

it('does not jump to a read time that comes after the reader scrolled up; the line is there when they reach it', async () => {
  const { engine, messages } = await bobsChat();
  // NIM's read time waits for the login sync (up to 5 s): here until the test lets it through.
  const { letThrough, isAnswered } = holdSelfReadTime(engine.transport);
  const app = renderApp(bobsList(engine, { messages }));
  await frames(5);
  const scroller = scrollerOf(app);
  scroller.scrollTop -= 400;
  await expect.poll(() => app.container.querySelector('[data-at-end="false"]')).not.toBeNull();
  const scrollTop = scroller.scrollTop;
  letThrough();
  await untilAnswered(isAnswered);
  expect(scroller.scrollTop).toBe(scrollTop);
  expect(lineOf(app)).toBeNull();
  // Scrolling up to it, Bob finds the line above the first message he had not read.
  scroller.scrollTop = 10 * 50 - 100;
  await expectLineInViewAbove(app, messages[10]!);
});

it('does not jump to a read time that comes after the list followed new messages to its end', async () => {
  const { engine, messages, alice, phone } = await bobsChat();
  const { letThrough, isAnswered } = holdSelfReadTime(engine.transport);
  const app = renderApp(bobsList(engine, { messages }));
  await frames(5);
  for (let i = 0; i < 15; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `burst ${i}` });
  }
  const withBurst = await world.history(phone, 'bob|1|alice');
  app.rerender(bobsList(engine, { messages: withBurst }));
  await expect.poll(() => isInView(app, rowOf(app, withBurst.at(-1)!))).toBe(true);
  await frames(5);
  expect(app.container.querySelector('[data-at-end="true"]')).not.toBeNull();
  const scrollTop = scrollerOf(app).scrollTop;
  letThrough();
  await untilAnswered(isAnswered);
  // Not pulled back up past the burst it followed: the newest message is still in view.
  expect(scrollerOf(app).scrollTop).toBe(scrollTop);
  expect(isInView(app, rowOf(app, withBurst.at(-1)!))).toBe(true);
  expect(lineOf(app)).toBeNull();
  // Scrolling up to it, Bob finds the line above the first message he had not read.
  scrollerOf(app).scrollTop = 10 * 50 - 100;
  await expectLineInViewAbove(app, messages[10]!);
});

it('opens at the line once: older unread history loaded later moves the line, not the reader', async () => {
  const { engine, messages } = await bobsChat();
  // Opened with the newest 20 of the 30 unread: the line is above the first of them.
  const app = renderApp(bobsList(engine, { messages: messages.slice(20) }));
  await expectLineInViewAbove(app, messages[20]!);
  // Bob reads down to the newest message; then the app loads the older 20.
  const scroller = scrollerOf(app);
  scroller.scrollTop = scroller.scrollHeight;
  await expect.poll(() => app.container.querySelector('[data-at-end="true"]')).not.toBeNull();
  app.rerender(bobsList(engine, { messages }));
  await settle(world.server);
  await frames(5);
  // Still at the end, the newest message in view; the line went up, above the older unread ones.
  expect(app.container.querySelector('[data-at-end="true"]')).not.toBeNull();
  expect(isInView(app, rowOf(app, messages[39]!))).toBe(true);
  scroller.scrollTop = 10 * 50 - 100;
  await expectLineInViewAbove(app, messages[10]!);
});

it('draws no line when nothing was unread, nor for a message that comes while the chat is open; opened again, the line is above it', async () => {
  const { engine, messages, alice, phone } = await bobsChat({ count: 20, read: 20 });
  const { letThrough, isAnswered } = holdSelfReadTime(engine.transport);
  letThrough();
  // Not marked read while open, so it is still unread at the next opening.
  const props = { messages, isMarkingRead: false };
  const app = renderApp(bobsList(engine, props));
  await untilAnswered(isAnswered);
  expect(lineOf(app)).toBeNull();
  expect(isInView(app, rowOf(app, messages[19]!))).toBe(true);

  await world.send(alice, { conversationId: 'alice|1|bob', text: 'news' });
  const withNews = await world.history(phone, 'bob|1|alice');
  app.rerender(bobsList(engine, { ...props, messages: withNews }));
  await expect.poll(() => isInView(app, rowOf(app, withNews.at(-1)!))).toBe(true);
  await frames(5);
  expect(lineOf(app)).toBeNull();

  app.unmount();
  const again = renderApp(bobsList(engine, { ...props, messages: withNews }));
  await expectLineInViewAbove(again, withNews.at(-1)!);
});

it("never starts the line at Bob's own messages: it stands above Alice's first unread one", async () => {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  for (let i = 0; i < 10; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const read = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(read.at(-1) as never);
  await settle(world.server);
  // Bob answers from his phone, then Alice writes on: his answers come first after his read time.
  for (let i = 0; i < 3; i++) {
    await world.send(phone, { conversationId: 'bob|1|alice', text: `b${i}` });
  }
  for (let i = 10; i < 30; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  expect(messages[10]!.senderId).toBe('bob');
  const engine = world.engineFor(world.server.login('bob'));
  const app = renderApp(bobsList(engine, { messages }));
  await expectLineInViewAbove(app, messages[13]!);
  expect(messages[13]!.senderId).toBe('alice');
});

it("places the line by the app's getMessageKey", async () => {
  const { engine, messages } = await bobsChat();
  // Keys of the app's own: another field than messageClientId, which no row is keyed by.
  const getMessageKey = (message: ReceiptMessage) => `key:${message.messageServerId}`;
  const app = renderApp(bobsList(engine, { messages, getMessageKey }));
  await expectLineInViewAbove(app, messages[10]!);
});

it('waits for the first page while isLoading: the messages the chat opens with are not taken for new ones', async () => {
  const { engine, messages } = await bobsChat();
  const app = renderApp(bobsList(engine, { messages: [], isLoading: true }));
  await settle(world.server);
  await frames(3);
  app.rerender(bobsList(engine, { messages, isLoading: false }));
  await expectLineInViewAbove(app, messages[10]!);
});

it('opens each conversation shown at its own line', async () => {
  const { engine, messages } = await bobsChat();
  const carol = world.server.login('carol');
  for (let i = 0; i < 30; i++) {
    await world.send(carol, { conversationId: 'carol|1|bob', text: `c${i}` });
  }
  const phone = world.server.login('bob');
  const carolsChat = await world.history(phone, 'bob|1|carol');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(carolsChat[4] as never);
  await settle(world.server);
  const app = renderApp(bobsList(engine, { messages }));
  await expectLineInViewAbove(app, messages[10]!);
  app.rerender(bobsList(engine, { conversationId: 'bob|1|carol', messages: carolsChat }));
  await expectLineInViewAbove(app, carolsChat[5]!);
});

it('without unreadLine draws no line and opens at the newest message', async () => {
  const { engine, messages } = await bobsChat();
  // Nothing marked read, so that the same chat still has its unread messages below.
  const app = renderApp(bobsList(engine, { messages, unreadLine: false, isMarkingRead: false }));
  await settle(world.server);
  await frames(5);
  expect(lineOf(app)).toBeNull();
  expect(isInView(app, rowOf(app, messages[39]!))).toBe(true);
  // Turned on, the line is where unread began, and the list opens there.
  app.rerender(bobsList(engine, { messages, isMarkingRead: false }));
  await expectLineInViewAbove(app, messages[10]!);
});
