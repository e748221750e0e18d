import { type ReceiptEngine, type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { useCallback, useEffect, useRef } from 'react';
import { expect, it } from 'vitest';
import { holdSelfReadTime } from '../../../core/src/testing/holdSelfReadTime';
import { useUnreadSeparator } from '../hooks/useUnreadSeparator';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import { frames, Providers, renderApp, settle } from './testWorld.test';
import { UnreadSeparator } from './UnreadSeparator';

/*
 * The jump an app makes with the hook's key: Bob opens a chat of 40 messages from Alice of which he
 * had read 10 on another device; the list opens at the line (scrollToMessage), which is seen, and it
 * stays above the same message while the list marks the rows in view read. The jump is made once per
 * opening and only while the reader has not moved (the list at its end, nothing added since it
 * opened): older unread history loaded later, or a read time that comes after the reader scrolled
 * or after the list followed new messages to its end, moves the line but not the reader.
 */

const world = listWorldPerTest('unread-list');

/** The recipe of packages/react/README.md ("Opening a chat at its first unread message"). */
function Chat(props: { messages: ReceiptMessage[]; isOpenedAtLine: boolean }) {
  const listRef = useRef<MessageListHandle>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const hasOpenedAtLine = useRef(false);
  const openedWithKey = useRef<string | undefined>(undefined);
  const { firstUnreadKey } = useUnreadSeparator('bob|1|alice', { messages: props.messages });
  const newestKey = props.messages[props.messages.length - 1]?.messageClientId ?? '';
  const renderMessage = useCallback(
    (message: ReceiptMessage) => (
      <div style={{ height: 50 }} data-testid={message.messageClientId}>
        {message.messageClientId === firstUnreadKey && <UnreadSeparator />}
        {message.messageClientId}
      </div>
    ),
    [firstUnreadKey],
  );
  useEffect(() => {
    openedWithKey.current ??= newestKey;
    if (!props.isOpenedAtLine || !firstUnreadKey || hasOpenedAtLine.current) return;
    hasOpenedAtLine.current = true;
    if (
      newestKey === openedWithKey.current &&
      boxRef.current?.querySelector('[data-at-end="true"]')
    ) {
      listRef.current?.scrollToMessage(firstUnreadKey, { align: 'start' });
    }
  }, [firstUnreadKey, newestKey, props.isOpenedAtLine]);
  return (
    <div ref={boxRef} data-first-unread={firstUnreadKey}>
      <MessageList
        className="unread-list"
        conversationId="bob|1|alice"
        messages={props.messages}
        renderMessage={renderMessage}
        listRef={listRef}
        readDwellMs={0}
      />
    </div>
  );
}

/** 40 messages from Alice, the first 10 read by Bob on his phone; Bob's engine on this device. */
async function bobsChat(): Promise<{
  engine: ReceiptEngine;
  messages: ReceiptMessage[];
  alice: MemoryClient;
  phone: MemoryClient;
}> {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  for (let i = 0; i < 40; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[9] as never);
  await settle(world.server);
  return { engine: world.engineFor(world.server.login('bob')), messages, alice, phone };
}

/**
 * Bob's chat (see {@link bobsChat}) shown in `Chat`, once its answers and a few frames are in;
 * `shown` of its messages at first (default all), `show` gives others.
 */
async function openBobsChat({
  isOpenedAtLine,
  shown = (messages) => messages,
}: {
  isOpenedAtLine: boolean;
  shown?: (messages: ReceiptMessage[]) => ReceiptMessage[];
}) {
  const { engine, messages } = await bobsChat();
  const ui = (list: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <Chat messages={list} isOpenedAtLine={isOpenedAtLine} />
    </Providers>
  );
  const app = renderApp(ui(shown(messages)));
  await settle(world.server);
  await frames(5);
  return { app, engine, messages, show: (list: ReceiptMessage[]) => app.rerender(ui(list)) };
}

/** The list's scroller in `app`. */
const scrollerOf = (app: { container: HTMLElement }) =>
  app.container.querySelector('.readmark-message-scroller') as HTMLElement;

/** The line's box is inside the scroller's, and it stands in the row of `message`. */
async function expectLineInView(app: { container: HTMLElement }, message: ReceiptMessage) {
  const scroller = app.container.querySelector('.readmark-message-scroller') as HTMLElement;
  await expect.poll(() => app.container.querySelector('.readmark-unread-separator')).not.toBeNull();
  const line = app.container.querySelector('.readmark-unread-separator') as HTMLElement;
  expect(line.textContent).toBe('Unread messages');
  expect(line.closest('[data-testid]')?.getAttribute('data-testid')).toBe(message.messageClientId);
  await expect
    .poll(() => {
      const box = line.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
    })
    .toBe(true);
}

it('opens at the first unread message with scrollToMessage(firstUnreadKey): the line is in view', async () => {
  const { app, messages } = await openBobsChat({ isOpenedAtLine: true });
  await expectLineInView(app, messages[10]!);
});

it('without the jump the list opens at its end, 30 unread rows below the line, which is not drawn', async () => {
  const { app, messages } = await openBobsChat({ isOpenedAtLine: false });
  // Rendered rows are the newest few: the virtualized row of the line is not in the document.
  expect(app.container.querySelector('.readmark-unread-separator')).toBeNull();
  expect(
    app.container.querySelector(`[data-testid="${messages[39]!.messageClientId}"]`),
  ).not.toBeNull();
});

it('stays above the same message while the list marks the rows in view read', async () => {
  const { app, engine, messages } = await openBobsChat({ isOpenedAtLine: true });
  await expectLineInView(app, messages[10]!);
  // The rows in view (from the line down) are marked read and Bob's receipt lands.
  await expect
    .poll(async () => {
      await settle(world.server);
      return selectSelfReadTime(engine.store.getState(), 'bob|1|alice');
    })
    .toBeGreaterThan(messages[10]!.createTime);
  await frames(3);
  await expectLineInView(app, messages[10]!);
});

it('jumps once per opening: older unread history loaded later moves the line, not the reader at the end', async () => {
  // Opened with the newest 20 of the 30 unread: the line goes above the first of them.
  const { app, messages, show } = await openBobsChat({
    isOpenedAtLine: true,
    shown: (all) => all.slice(20),
  });
  await expectLineInView(app, messages[20]!);
  // Bob reads down to the newest message; then the app loads the older 20.
  const scroller = scrollerOf(app);
  scroller.scrollTop = scroller.scrollHeight;
  await expect.poll(() => app.container.querySelector('[data-at-end="true"]')).not.toBeNull();
  show(messages);
  await expect
    .poll(() =>
      app.container.querySelector('[data-first-unread]')?.getAttribute('data-first-unread'),
    )
    .toBe(messages[10]!.messageClientId);
  await frames(5);
  // Not pulled up to the line's new place: still at the end, the newest message in view.
  expect(app.container.querySelector('[data-at-end="true"]')).not.toBeNull();
  expect(app.container.querySelector('.readmark-unread-separator')).toBeNull();
  expect(
    app.container.querySelector(`[data-testid="${messages[39]!.messageClientId}"]`),
  ).not.toBeNull();
});

it('does not jump to a read time that comes after the reader scrolled up', async () => {
  const { engine, messages } = await bobsChat();
  // NIM's read time waits for the login sync (up to 5 s): here until the test lets it through.
  const { letThrough } = holdSelfReadTime(engine.transport);
  const app = renderApp(
    <Providers engine={engine}>
      <Chat messages={messages} isOpenedAtLine />
    </Providers>,
  );
  await frames(5);
  const scroller = scrollerOf(app);
  scroller.scrollTop -= 400;
  await expect.poll(() => app.container.querySelector('[data-at-end="false"]')).not.toBeNull();
  const scrollTop = scroller.scrollTop;
  letThrough();
  await settle(world.server);
  await expect
    .poll(() =>
      app.container.querySelector('[data-first-unread]')?.getAttribute('data-first-unread'),
    )
    .toBe(messages[10]!.messageClientId);
  await frames(5);
  expect(scroller.scrollTop).toBe(scrollTop);
});

it('does not jump to a read time that comes after the list followed new messages to its end', async () => {
  const { engine, messages, alice, phone } = await bobsChat();
  // NIM's read time waits for the login sync (up to 5 s), while a burst arrives.
  const { letThrough } = holdSelfReadTime(engine.transport);
  const ui = (shown: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <Chat messages={shown} isOpenedAtLine />
    </Providers>
  );
  const app = renderApp(ui(messages));
  await frames(5);
  for (let i = 0; i < 15; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `burst ${i}` });
  }
  const withBurst = await world.history(phone, 'bob|1|alice');
  app.rerender(ui(withBurst));
  const newest = `[data-testid="${withBurst.at(-1)!.messageClientId}"]`;
  await expect.poll(() => app.container.querySelector(newest)).not.toBeNull();
  await frames(5);
  expect(app.container.querySelector('[data-at-end="true"]')).not.toBeNull();
  const scroller = scrollerOf(app);
  const scrollTop = scroller.scrollTop;
  letThrough();
  await settle(world.server);
  await expect
    .poll(() =>
      app.container.querySelector('[data-first-unread]')?.getAttribute('data-first-unread'),
    )
    .toBe(messages[10]!.messageClientId);
  await frames(5);
  // Not pulled back up past the burst it followed: the newest message is still in view.
  expect(scroller.scrollTop).toBe(scrollTop);
  expect(app.container.querySelector(newest)).not.toBeNull();
});
