import type { ReceiptMessage } from '@readmark/core';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * Messages with no usable key (no `messageClientId`, or a `getMessageKey` that gives none) keep
 * one key for as long as the same object is shown: keyed by position, every key moved when older
 * history was prepended, and the pill counted the last message seen as gone ("20 new messages").
 */

const world = listWorldPerTest('keyless-list');

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 50 }}>{(message as { text?: string }).text}</div>
);

async function frames(count: number) {
  for (let i = 0; i < count; i++) await nextFrame();
  await settle(world.server);
}

it('shows no "new messages" pill when older keyless messages are prepended while scrolled up', async () => {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let i = 0; i < 40; i++)
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${i}` });
  const keyless = (await world.history(bob, 'bob|1|alice')).map((message) => ({
    ...message,
    messageClientId: undefined as unknown as string,
  }));
  let messages = keyless.slice(20);
  const ui = () => (
    <Providers engine={world.engineFor(bob)}>
      <MessageList
        className="keyless-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        isMarkingRead={false}
      />
    </Providers>
  );
  const app = renderApp(ui());
  await frames(3);
  const scroller = app.container.querySelector('section')!;
  scroller.scrollTop = 0;
  await frames(3);
  messages = keyless; // the app prepends 20 older messages
  app.rerender(ui());
  await frames(4);
  expect(app.container.querySelector('.readmark-new-messages')).toBeNull();
  // The view stayed on the messages the reader was reading.
  expect(scroller.scrollTop).toBeGreaterThan(500);
});
