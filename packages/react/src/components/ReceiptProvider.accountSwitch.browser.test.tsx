import type { ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { cleanupApps, createWorld, frames, renderApp, settle } from './testWorld.test';

/*
 * The provider's account changing under a mounted chat: a chat shown from the app's cache before
 * login finishes, a logout, a login as someone else. What the list saw while nobody was logged in is
 * read once someone is; nothing of one account shows or is sent for the next; the old account's
 * client is left as it was found. Real engine, nim transport and memory server, in Chromium (the
 * list marks from real geometry).
 */
let world: ReturnType<typeof createWorld>;
const consoleCalls = consoleCallsPerTest();
beforeEach(() => {
  window.focus();
  world = createWorld();
});
afterEach(() => {
  cleanupApps();
  world.dispose();
});

const style = document.createElement('style');
style.textContent = '.switch-list { height: 300px; width: 400px; }';
document.head.append(style);

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>
    {(message as { text?: string }).text} <ReadTick message={message} />
  </div>
);

/** The memory client's receipt and connection listeners, what an engine adds when it starts. */
function listeners(client: ReturnType<typeof world.server.login>) {
  return (
    client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts') +
    client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts') +
    client.V2NIMLoginService.listenerCount('onConnectStatus')
  );
}

describe('ReceiptProvider switching accounts under a mounted MessageList', () => {
  for (const isStrict of [false, true]) {
    it(`a chat shown before login is read once logged in, with one receipt${isStrict ? ' (StrictMode)' : ''}`, async () => {
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      for (let index = 0; index < 3; index++) {
        await world.send(alice, { conversationId: 'alice|1|bob', text: `p${index}` });
      }
      const cached = await world.history(bob, 'bob|1|alice');
      const { transport, calls } = countCalls(createNimTransport(bob));
      const page = (accountId: string | undefined) => {
        const app = (
          <ReceiptProvider
            transport={transport}
            accountId={accountId}
            engineOptions={{ flushDelayMs: 0 }}
          >
            <MessageList
              className="switch-list"
              conversationId="bob|1|alice"
              messages={cached}
              renderMessage={renderMessage}
              readDwellMs={0}
            />
          </ReceiptProvider>
        );
        return isStrict ? <StrictMode>{app}</StrictMode> : app;
      };
      // The app shows its cached chat while the SDK logs in: nobody's receipts yet.
      const { rerender } = renderApp(page(undefined));
      await frames(5);
      expect(calls.sendP2PMessageReceipt).toHaveLength(0);

      rerender(page('bob'));
      const peerReadTime = async () =>
        (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
      await waitFor(async () =>
        expect(await peerReadTime()).toBe(cached[cached.length - 1]!.createTime),
      );
      await frames(5);
      await settle(world.server);
      expect(calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(consoleCalls).toEqual([]);
    });
  }

  it('logout then login as another account: no tick of the first, no call on its transport, its client left as found', async () => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const carol = world.server.login('carol');
    const baseline = { alice: listeners(alice), carol: listeners(carol) };
    // Alice's message, read by Bob; Carol's, read by nobody.
    const aliceSent = await world.send(alice, {
      conversationId: 'alice|1|bob',
      text: 'from alice',
    });
    const carolSent = await world.send(carol, {
      conversationId: 'carol|1|bob',
      text: 'from carol',
    });
    const [bobsCopy] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(bobsCopy as never);
    await settle(world.server);
    const aliceTransport = countCalls(createNimTransport(alice));
    const carolTransport = countCalls(createNimTransport(carol));
    const page = (who: 'alice' | 'carol' | undefined) => (
      <StrictMode>
        <ReceiptProvider
          transport={who === 'carol' ? carolTransport.transport : aliceTransport.transport}
          accountId={who}
          engineOptions={{ flushDelayMs: 0 }}
        >
          <p>
            {who === 'carol' ? 'carol: ' : 'alice: '}
            <ReadTick message={who === 'carol' ? carolSent : aliceSent} />
          </p>
          <MessageList
            className="switch-list"
            conversationId={who === 'carol' ? 'carol|1|bob' : 'alice|1|bob'}
            messages={who === 'carol' ? [carolSent] : [aliceSent]}
            renderMessage={renderMessage}
            readDwellMs={0}
          />
        </ReceiptProvider>
      </StrictMode>
    );
    const { rerender } = renderApp(page('alice'));
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Read' })).toHaveLength(2));
    expect(listeners(alice)).toBeGreaterThan(baseline.alice);

    rerender(page(undefined));
    // Logged out: no tick of Alice's state stays.
    expect(screen.queryAllByRole('img', { name: 'Read' })).toEqual([]);
    await settle(world.server);
    expect(listeners(alice)).toBe(baseline.alice);
    const aliceCalls = Object.values(aliceTransport.calls).map((list) => list.length);

    rerender(page('carol'));
    // Not one commit shows Alice's "read" on Carol's unread message.
    expect(screen.queryAllByRole('img', { name: 'Read' })).toEqual([]);
    await waitFor(() =>
      expect(carolTransport.calls.getP2PMessageReceipt.length).toBeGreaterThan(0),
    );
    await frames(5);
    await settle(world.server);
    expect(screen.queryAllByRole('img', { name: 'Read' })).toEqual([]);
    expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(2);
    expect(Object.values(aliceTransport.calls).map((list) => list.length)).toEqual(aliceCalls);
    expect(listeners(alice)).toBe(baseline.alice);
    expect(listeners(carol)).toBeGreaterThan(baseline.carol);

    cleanupApps();
    await settle(world.server);
    expect(listeners(carol)).toBe(baseline.carol);
    expect(consoleCalls).toEqual([]);
  });
});
