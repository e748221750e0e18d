import type { ReceiptMessage } from '@readmark/core';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import type { MessageListProps } from './MessageListProps';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * Another conversation opens at its newest message with nothing unseen, whatever the reader did in
 * the one before: scrolled up there, the switch showed and announced "30 new messages" (the new
 * conversation's whole history) for one render.
 */

const world = listWorldPerTest('switch-list');

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 50 }}>{message.messageClientId}</div>
);

/**
 * Bob's chats with Alice (`fromAlice` messages) and Carol (`fromCarol`), and his list showing the
 * one with Alice; `show(chat)` switches the list to `'alice'` or `'carol'`.
 */
async function bobsTwoChats(
  fromAlice: number,
  fromCarol: number,
  list: Omit<MessageListProps<ReceiptMessage>, 'conversationId' | 'messages'>,
) {
  const alice = world.server.login('alice');
  const carol = world.server.login('carol');
  const bob = world.server.login('bob');
  for (let i = 0; i < fromAlice; i++)
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  for (let i = 0; i < fromCarol; i++)
    await world.send(carol, { conversationId: 'carol|1|bob', text: `c${i}` });
  const chats = {
    alice: await world.history(bob, 'bob|1|alice'),
    carol: await world.history(bob, 'bob|1|carol'),
  };
  const engine = world.engineFor(bob);
  const ui = (chat: keyof typeof chats) => (
    <Providers engine={engine}>
      <MessageList
        className="switch-list"
        conversationId={`bob|1|${chat}`}
        messages={chats[chat]}
        {...list}
      />
    </Providers>
  );
  const app = renderApp(ui('alice'));
  return { app, carol, chats, show: (chat: keyof typeof chats) => app.rerender(ui(chat)) };
}

it('shows and announces no "new messages" pill when the conversation changes while scrolled up', async () => {
  const { app, carol, chats, show } = await bobsTwoChats(40, 30, { renderMessage, readDwellMs: 0 });
  await nextFrame();
  await nextFrame();
  await settle(world.server);
  const scroller = app.container.querySelector('section') as HTMLElement;
  scroller.scrollTop = 0;
  for (let i = 0; i < 3; i++) await nextFrame();
  const frame = app.container.querySelector('[data-at-end]')!;
  expect(frame.getAttribute('data-at-end')).toBe('false');
  const liveRegion = app.container.querySelector('[aria-live="polite"]')!;
  const announced: string[] = [];
  const observer = new MutationObserver(() => {
    if (liveRegion.textContent) announced.push(liveRegion.textContent);
  });
  observer.observe(liveRegion, { subtree: true, childList: true, characterData: true });

  show('carol');
  // No pill, not even for this one render (the announcement region below only guards against a
  // pill that stays up: it speaks a count once it has held for a second).
  expect(app.container.querySelector('.readmark-new-messages')).toBeNull();
  expect(liveRegion.textContent).toBe('');
  expect(frame.getAttribute('data-at-end')).toBe('true');
  for (let i = 0; i < 5; i++) await nextFrame();
  await settle(world.server);
  observer.disconnect();
  expect(announced).toEqual([]);
  // And it opened at Carol's newest message, read.
  expect(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop).toBeLessThanOrEqual(8);
  const receipt = await carol.V2NIMMessageService.getP2PMessageReceipt('carol|1|bob');
  expect(receipt.timestamp).toBe(chats.carol.at(-1)!.createTime);
});

it('gives the focus to the list, not to <body>, when the conversation changes under a focused row', async () => {
  const { app, show } = await bobsTwoChats(10, 1, {
    renderMessage: (message) => <button type="button">{message.messageClientId}</button>,
  });
  await nextFrame();
  await nextFrame();
  const button = app.container.querySelector<HTMLButtonElement>('section button')!;
  button.focus();
  expect(document.activeElement).toBe(button);

  show('carol'); // e.g. Alt+ArrowDown in the app's chat list
  expect(button.isConnected).toBe(false);
  expect(document.activeElement).toBe(app.container.querySelector('section'));
});
