import type { ReceiptMessage } from '@readmark/core';
import { waitFor } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MessageList } from './MessageList';
import {
  cleanupApps,
  createWorld,
  nextFrame,
  Providers,
  renderApp,
  settle,
} from './testWorld.test';

/*
 * "Really on screen" means inside the window too: a list below the fold of a long page (panes
 * stacked on a phone) marks nothing read until the page is scrolled to it.
 */

beforeEach(() => {
  window.focus();
});
let world: ReturnType<typeof createWorld>;
afterEach(() => {
  cleanupApps();
  world?.dispose();
  window.scrollTo(0, 0);
});

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>{message.messageClientId}</div>
);

async function bobsListBelowTheFold() {
  world = createWorld();
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (const text of ['one', 'two', 'three']) {
    await world.send(alice, { conversationId: 'alice|1|bob', text });
  }
  const messages = await world.history(bob, 'bob|1|alice');
  const engine = world.engineFor(bob);
  renderApp(
    <Providers engine={engine}>
      {/* A page taller than the window, the list at its bottom. */}
      <div style={{ height: window.innerHeight + 400 }} />
      <MessageList
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        readDwellMs={0}
        className="viewport-list"
      />
    </Providers>,
  );
  const peerReadTime = async () =>
    (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
  return { messages, peerReadTime };
}

const style = document.createElement('style');
style.textContent = '.viewport-list { height: 200px; width: 400px; }';
document.head.append(style);

it('marks nothing read while the list is below the fold, and marks it once the page scrolls to it', async () => {
  const { messages, peerReadTime } = await bobsListBelowTheFold();
  for (let frame = 0; frame < 4; frame++) await nextFrame();
  await settle(world.server);
  expect(window.scrollY).toBe(0);
  expect(await peerReadTime()).toBe(0);

  window.scrollTo(0, document.documentElement.scrollHeight);
  await waitFor(async () =>
    expect(await peerReadTime()).toBe(messages[messages.length - 1]!.createTime),
  );
});
