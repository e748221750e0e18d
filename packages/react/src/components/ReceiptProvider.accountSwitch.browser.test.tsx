import { createReceiptEngine, type ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { createSubscriberCounter } from '../../../core/src/testing/leakCounters';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { createSwitchingInstance } from '../../../core/src/testing/switchingInstance';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { cleanupApps, frames, renderApp, settle } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * The provider's account changing under a mounted chat: a chat shown from the app's cache before
 * login finishes, a logout, a login as someone else. What the list saw while nobody was logged in is
 * read once someone is; nothing of one account shows or is sent for the next; the old account's
 * client is left as it was found. Real engine, nim transport and memory server, in Chromium (the
 * list marks from real geometry).
 */
const world = listWorldPerTest('switch-list');
const consoleCalls = consoleCallsPerTest();

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
  for (const [isStrict, waitsFor] of [
    [false, 'the account'],
    [true, 'the account'],
    [false, 'the SDK'],
    [true, 'the SDK'],
  ] as const) {
    it(`a chat shown before login (no ${waitsFor === 'the SDK' ? 'transport' : 'account'} yet) is read once logged in, with one receipt${isStrict ? ' (StrictMode)' : ''}`, async () => {
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      for (let index = 0; index < 3; index++) {
        await world.send(alice, { conversationId: 'alice|1|bob', text: `p${index}` });
      }
      const cached = await world.history(bob, 'bob|1|alice');
      const { transport, calls } = countCalls(createNimTransport(bob));
      const page = (isLoggedIn: boolean) => {
        const app = (
          <ReceiptProvider
            // Before login the app has either no account yet, or the account from its session and
            // no SDK instance yet (created in the browser after a server render).
            transport={isLoggedIn || waitsFor === 'the account' ? transport : undefined}
            accountId={isLoggedIn || waitsFor === 'the SDK' ? 'bob' : undefined}
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
      const { rerender } = renderApp(page(false));
      await frames(5);
      expect(calls.sendP2PMessageReceipt).toHaveLength(0);

      rerender(page(true));
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

  it("engines the app owns, swapped on the provider: the old one's store is left without a subscriber and its transport is not called again", async () => {
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const carol = world.server.login('carol');
    const aliceTeam = await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'alice asks',
      isReceiptRequested: true,
    });
    const carolTeam = await world.send(carol, {
      conversationId: 'carol|2|t1',
      text: 'carol asks',
      isReceiptRequested: true,
    });
    const aliceP2p = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi bob' });
    const carolP2p = await world.send(carol, { conversationId: 'carol|1|bob', text: 'hi bob' });
    await world.send(bob, { conversationId: 'bob|1|alice', text: 'to alice' });
    await world.send(bob, { conversationId: 'bob|1|carol', text: 'to carol' });
    // Bob read Alice's messages (team and one-to-one), none of Carol's.
    const [bobsTeamCopy] = await world.history(bob, 'bob|2|t1');
    await bob.V2NIMMessageService.sendTeamMessageReceipts([bobsTeamCopy as never]);
    const [bobsCopy] = (await world.history(bob, 'bob|1|alice')).filter((m) => !m.isSelf);
    await bob.V2NIMMessageService.sendP2PMessageReceipt(bobsCopy as never);
    await settle(world.server);
    const subscribers = createSubscriberCounter();
    const devices = Object.fromEntries(
      await Promise.all(
        (['alice', 'carol'] as const).map(async (who) => {
          const client = who === 'alice' ? alice : carol;
          const counted = countCalls(createNimTransport(client));
          const engine = createReceiptEngine({
            transport: counted.transport,
            accountId: who,
            flushDelayMs: 0,
          });
          subscribers.instrument(engine);
          const incoming = (await world.history(client, `${who}|1|bob`)).filter((m) => !m.isSelf);
          const { lastMessage } = await client.V2NIMConversationService.getConversation(
            `${who}|1|bob`,
          );
          return [who, { engine, calls: counted.calls, incoming, lastMessage }] as const;
        }),
      ),
    );
    const page = (who: 'alice' | 'carol') => {
      const device = devices[who]!;
      const team = who === 'alice' ? aliceTeam : carolTeam;
      return (
        <StrictMode>
          <ReceiptProvider engine={device.engine}>
            <div>
              <ReadTick message={who === 'alice' ? aliceP2p : carolP2p} />{' '}
              <ConversationReadTick lastMessage={device.lastMessage} />{' '}
              <UnreadBadge message={team} onOpen={() => {}} />
              <ReceiptDetailSheet message={team} isOpen onClose={() => {}} />
            </div>
            <MessageList
              className="switch-list"
              conversationId={`${who}|1|bob`}
              messages={device.incoming}
              renderMessage={renderMessage}
              readDwellMs={0}
            />
          </ReceiptProvider>
        </StrictMode>
      );
    };
    const { rerender } = renderApp(page('alice'));
    await screen.findByRole('button', { name: '1 unread of 2 members' });
    await waitFor(() => expect(devices.alice!.calls.sendP2PMessageReceipt).toHaveLength(1));
    await frames(3);
    await settle(world.server);
    const aliceCalls = Object.values(devices.alice!.calls).map((list) => list.length);
    const before = subscribers.live();
    expect(before).toBeGreaterThan(0);

    rerender(page('carol'));
    // Not one commit shows Alice's counts or ticks for Carol's messages.
    expect(screen.queryByRole('button', { name: '1 unread of 2 members' })).toBeNull();
    expect(screen.queryAllByRole('img', { name: 'Read' })).toEqual([]);
    await screen.findByRole('button', { name: '2 unread of 2 members' });
    await waitFor(() => expect(devices.carol!.calls.sendP2PMessageReceipt).toHaveLength(1));
    await frames(5);
    await settle(world.server);
    expect(screen.queryAllByRole('img', { name: 'Read' })).toEqual([]);
    expect(Object.values(devices.alice!.calls).map((list) => list.length)).toEqual(aliceCalls);
    // Alice's engine: nobody subscribed any more; Carol's has what Alice's had.
    expect(subscribers.live()).toBe(before);
    cleanupApps();
    expect(subscribers.live()).toBe(0);
    for (const device of Object.values(devices)) device.engine.dispose();
    expect(consoleCalls).toEqual([]);
  });

  it("one SDK instance logged out of alice and into bob under one transport: none of alice's receipts goes in bob's session nor fails there, and her storage delivers them once she is back", async () => {
    const one = createSwitchingInstance(world.server, ['alice', 'bob']);
    // Bob, on his phone, writes to Alice; the app's one SDK instance is logged in as Alice.
    const bobsPhone = world.server.login('bob');
    const [fromBob] = [await world.send(bobsPhone, { conversationId: 'bob|1|alice', text: 'hi' })];
    const history = await world.history(one.deviceOf('alice'), 'alice|1|bob');
    const { transport, calls } = countCalls(createNimTransport(one.nim));
    const errors: number[] = [];
    const kept = new Map<string, ReceiptMessage[]>();
    const engineOptions = {
      // Long enough that the receipt still waits for its window when the app switches accounts.
      flushDelayMs: 60_000,
      onError: (error: { code: number }) => errors.push(error.code),
      storage: {
        load: (accountId: string) => kept.get(accountId) ?? [],
        save: (accountId: string, messages: readonly ReceiptMessage[]) =>
          void kept.set(accountId, [...messages]),
      },
    };
    const page = (who: 'alice' | 'bob') => (
      <ReceiptProvider transport={transport} accountId={who} engineOptions={engineOptions}>
        {who === 'alice' ? (
          <MessageList
            className="switch-list"
            conversationId="alice|1|bob"
            messages={history}
            renderMessage={renderMessage}
            readDwellMs={0}
          />
        ) : (
          <p>Bob's chats</p>
        )}
      </ReceiptProvider>
    );
    const { rerender } = renderApp(page('alice'));
    // Alice sees Bob's message: its receipt waits for the flush window.
    await waitFor(() => expect(calls.getSelfReadTime).toHaveLength(1));
    // The app logs the instance out of Alice and into Bob; once the login is done it renders Bob.
    one.switchTo('bob');
    await frames(3);
    await settle(world.server);
    rerender(page('bob'));
    await frames(3);
    await settle(world.server);
    expect(calls.sendP2PMessageReceipt).toHaveLength(0);
    expect(errors).toEqual([]);
    expect(bobsPhone.V2NIMMessageService.isPeerRead(fromBob as never)).toBe(false);

    // Later the instance logs into Alice again: her new engine sends what her storage kept.
    one.switchTo('alice');
    rerender(page('alice'));
    await waitFor(() =>
      expect(bobsPhone.V2NIMMessageService.isPeerRead(fromBob as never)).toBe(true),
    );
    await settle(world.server);
    expect(calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(consoleCalls).toEqual([]);
  });

  it('a new transport of the same account while a failed receipt waits for its retry: the new one sends it, the old one is not called again', async () => {
    const alice = world.server.login('alice');
    const oldDevice = world.server.login('bob');
    for (let index = 0; index < 3; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `p${index}` });
    }
    const incoming = await world.history(oldDevice, 'bob|1|alice');
    const baseline = listeners(oldDevice);
    // The first receipt fails with a passing error: it waits for its retry.
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 192005, accountId: 'bob' });
    const before = countCalls(createNimTransport(oldDevice));
    const page = (transport: typeof before.transport) => (
      <StrictMode>
        <ReceiptProvider
          transport={transport}
          accountId="bob"
          engineOptions={{ flushDelayMs: 0, retry: { baseDelayMs: 400, maxDelayMs: 400 } }}
        >
          <MessageList
            className="switch-list"
            conversationId="bob|1|alice"
            messages={incoming}
            renderMessage={renderMessage}
            readDwellMs={0}
          />
        </ReceiptProvider>
      </StrictMode>
    );
    const { rerender } = renderApp(page(before.transport));
    await waitFor(() => expect(before.calls.sendP2PMessageReceipt).toHaveLength(1));
    await settle(world.server);
    const oldCalls = Object.values(before.calls).map((list) => list.length);

    // The SDK was created again (a new socket): a new transport, the same account.
    const newDevice = world.server.login('bob');
    const after = countCalls(createNimTransport(newDevice));
    rerender(page(after.transport));
    const peerReadTime = async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
    await waitFor(async () => expect(await peerReadTime()).toBe(incoming.at(-1)!.createTime));
    await new Promise((resolve) => setTimeout(resolve, 600));
    await frames(3);
    await settle(world.server);
    expect(after.calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(Object.values(before.calls).map((list) => list.length)).toEqual(oldCalls);
    expect(listeners(oldDevice)).toBe(baseline);
    expect(consoleCalls).toEqual([]);
  });
});
