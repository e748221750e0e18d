import { type ReceiptEngine, type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import { useCallback, useEffect, useRef } from 'react';
import { expect, it } from 'vitest';
import { useUnreadSeparator } from '../hooks/useUnreadSeparator';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import { frames, Providers, renderApp, settle } from './testWorld.test';
import { UnreadSeparator } from './UnreadSeparator';

/*
 * The jump an app makes with the hook's key: Bob opens a chat of 40 messages from Alice of which he
 * had read 10 on another device; the list opens at the line (scrollToMessage), which is seen, and it
 * stays above the same message while the list marks the rows in view read.
 */

const world = listWorldPerTest('unread-list');

function Chat(props: { messages: ReceiptMessage[]; isOpenedAtLine: boolean }) {
  const listRef = useRef<MessageListHandle>(null);
  const { firstUnreadKey } = useUnreadSeparator('bob|1|alice', { messages: props.messages });
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
    if (props.isOpenedAtLine && firstUnreadKey) {
      listRef.current?.scrollToMessage(firstUnreadKey, { align: 'start' });
    }
  }, [firstUnreadKey, props.isOpenedAtLine]);
  return (
    <MessageList
      className="unread-list"
      conversationId="bob|1|alice"
      messages={props.messages}
      renderMessage={renderMessage}
      listRef={listRef}
      readDwellMs={0}
    />
  );
}

/** 40 messages from Alice, the first 10 read by Bob on his phone; Bob's engine on this device. */
async function bobsChat(): Promise<{ engine: ReceiptEngine; messages: ReceiptMessage[] }> {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  for (let i = 0; i < 40; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[9] as never);
  await settle(world.server);
  return { engine: world.engineFor(world.server.login('bob')), messages };
}

/** Bob's chat (see {@link bobsChat}) shown in `Chat`, once its answers and a few frames are in. */
async function openBobsChat({ isOpenedAtLine }: { isOpenedAtLine: boolean }) {
  const { engine, messages } = await bobsChat();
  const app = renderApp(
    <Providers engine={engine}>
      <Chat messages={messages} isOpenedAtLine={isOpenedAtLine} />
    </Providers>,
  );
  await settle(world.server);
  await frames(5);
  return { app, engine, messages };
}

/** The line's box is inside the scroller's, and it stands in the row of `message`. */
async function expectLineInView(app: { container: HTMLElement }, message: ReceiptMessage) {
  const scroller = app.container.querySelector('.readmark-message-scroller') as HTMLElement;
  await expect.poll(() => app.container.querySelector('[role="separator"]')).not.toBeNull();
  const line = app.container.querySelector('[role="separator"]') as HTMLElement;
  expect(line.getAttribute('aria-label')).toBe('Unread messages');
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
  expect(app.container.querySelector('[role="separator"]')).toBeNull();
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
