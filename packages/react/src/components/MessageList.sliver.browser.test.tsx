import type { ReceiptMessage } from '@readmark/core';
import { afterEach, expect, it } from 'vitest';
import { addStyle, listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * A list almost entirely below the fold, only its top 12 px in the window: no message is half on
 * screen (rows are 40 px, at most 12 px of any shows), so nothing is read. Measured against the
 * 12 px sliver instead of the list, the rule for rows taller than the list took every row for one.
 */

const world = listWorldPerTest();
addStyle('.sliver-list { height: 200px; width: 400px; }');
afterEach(() => window.scrollTo(0, 0));

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>{message.messageClientId}</div>
);

it('marks nothing read while only a 12 px sliver of the list is in the window', async () => {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let i = 0; i < 20; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${i}` });
  }
  const messages = await world.history(bob, 'bob|1|alice');
  renderApp(
    <Providers engine={world.engineFor(bob)}>
      <div style={{ height: window.innerHeight - 12 }} />
      <MessageList
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        readDwellMs={0}
        className="sliver-list"
      />
    </Providers>,
  );
  for (let frame = 0; frame < 6; frame++) await nextFrame();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await settle(world.server);
  expect(window.scrollY).toBe(0);
  const list = document.querySelector('.sliver-list')!;
  // The premise: only the list's top 12 px are inside the window.
  expect(window.innerHeight - list.getBoundingClientRect().top).toBeLessThanOrEqual(12);
  const { timestamp } = await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob');
  expect(timestamp).toBe(0);
});
