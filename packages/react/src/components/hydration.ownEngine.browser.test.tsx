import type { ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { serverPagePerTest } from './serverPagePerTest.test';
import { createWorld, frames, settle, type World } from './testWorld.test';

/*
 * The Next.js pattern hydrated in Chromium: a client component holds the provider, which creates its
 * engine from a transport and the account (on the server from the request's, here from the page's).
 * Under StrictMode and without: no mismatch, nothing moves on hydration, the page's engine listens
 * once, and the list marks what it shows only once hydrated, with one receipt.
 */
let world: World;
const consoleCalls = consoleCallsPerTest();
afterEach(() => {
  world?.dispose();
});
const serverPage = serverPagePerTest(consoleCalls);

const style = document.createElement('style');
style.textContent = '.hydrated-list { height: 200px; width: 400px; }';
document.head.append(style);

function Page({
  transport,
  incoming,
  own,
  lastMessage,
}: {
  transport: ReturnType<typeof createNimTransport>;
  incoming: ReceiptMessage[];
  own: ReceiptMessage;
  lastMessage: unknown;
}) {
  return (
    <ReceiptProvider transport={transport} accountId="bob" engineOptions={{ flushDelayMs: 0 }}>
      <nav>
        Carol <ConversationReadTick lastMessage={lastMessage as never} />
      </nav>
      <MessageList
        className="hydrated-list"
        conversationId="bob|1|alice"
        messages={incoming}
        readDwellMs={0}
        renderMessage={(message) => (
          <div style={{ height: 40 }}>{(message as { text?: string }).text}</div>
        )}
      />
      <footer>
        mine <ReadTick message={own} />
      </footer>
    </ReceiptProvider>
  );
}

function listeners(client: MemoryClient) {
  return [
    client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts'),
    client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts'),
    client.V2NIMLoginService.listenerCount('onConnectStatus'),
  ];
}

/** Where each landmark of the page in `container` is, to the pixel. */
function boxes(container: HTMLElement) {
  return ['nav', '.hydrated-list', 'footer', 'footer [role="img"]', 'nav [role="img"]'].map(
    (selector) => {
      const { x, y, width, height } = container.querySelector(selector)!.getBoundingClientRect();
      return { selector, x, y, width, height };
    },
  );
}

describe('hydrating a provider that creates its own engine', () => {
  for (const isStrict of [false, true]) {
    it(`no mismatch, no layout jump, one engine listening, marking only once hydrated${isStrict ? ' (StrictMode)' : ''}`, async () => {
      window.focus();
      world = createWorld();
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      world.server.login('carol');
      for (let index = 0; index < 3; index++) {
        await world.send(alice, { conversationId: 'alice|1|bob', text: `a${index}` });
      }
      const own = await world.send(bob, { conversationId: 'bob|1|carol', text: 'hey carol' });
      const incoming = await world.history(bob, 'bob|1|alice');
      const { lastMessage } = await bob.V2NIMConversationService.getConversation('bob|1|carol');
      const baseline = listeners(bob);
      // The server's request and the browser's page have their own transports.
      const serverSide = countCalls(createNimTransport(bob));
      const clientSide = countCalls(createNimTransport(bob));
      const page = (transport: typeof serverSide.transport) => {
        const tree = (
          <Page transport={transport} incoming={incoming} own={own} lastMessage={lastMessage} />
        );
        return isStrict ? <StrictMode>{tree}</StrictMode> : tree;
      };
      const { container } = serverPage.renderAndServe(page(serverSide.transport));
      const serverBoxes = boxes(container);
      await frames(3);
      expect(listeners(bob)).toEqual(baseline);

      const recoverable = serverPage.hydrate(page(clientSide.transport));
      // Hydrated: nothing outside the list's rows moved, the server's nodes stayed.
      expect(boxes(container)).toEqual(serverBoxes);
      // One engine listens, however often StrictMode ran the provider's effects.
      expect(listeners(bob).map((count, index) => count - baseline[index]!)).toEqual([1, 1, 1]);

      const peerReadTime = async () =>
        (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
      await waitFor(async () =>
        expect(await peerReadTime()).toBe(incoming[incoming.length - 1]!.createTime),
      );
      await frames(5);
      await settle(world.server);
      expect(boxes(container)).toEqual(serverBoxes);
      expect(clientSide.calls.sendP2PMessageReceipt).toHaveLength(1);
      expect(clientSide.calls.getP2PMessageReceipt).toHaveLength(2);
      // The server's transport was never asked anything.
      expect(Object.values(serverSide.calls).flat()).toEqual([]);
      expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(2);
      expect(recoverable).toEqual([]);
      expect(consoleCalls).toEqual([]);

      serverPage.unmount();
      await settle(world.server);
      expect(listeners(bob)).toEqual(baseline);
    });
  }

  it('a long chat hydrates at its newest message and stays there: no jump from the top, frame after frame', async () => {
    window.focus();
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 0; index < 30; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `a${index}` });
    }
    const incoming = await world.history(bob, 'bob|1|alice');
    const { calls, transport } = countCalls(createNimTransport(bob));
    const page = (
      <StrictMode>
        <ReceiptProvider transport={transport} accountId="bob" engineOptions={{ flushDelayMs: 0 }}>
          <MessageList
            className="hydrated-list"
            conversationId="bob|1|alice"
            messages={incoming}
            readDwellMs={0}
            renderMessage={(message) => (
              <div style={{ height: 40 }}>{(message as { text?: string }).text}</div>
            )}
          />
        </ReceiptProvider>
      </StrictMode>
    );
    const { container } = serverPage.renderAndServe(page);
    const recoverable = serverPage.hydrate(page);
    const scroller = container.querySelector('section')!;
    const newest = () => screen.queryByText('a29')?.getBoundingClientRect().bottom;
    // What each painted frame shows from the first one on: where the list is scrolled, and where
    // its newest message is.
    const painted: [number, number | undefined][] = [];
    for (let frame = 0; frame < 10; frame++) {
      await frames(1);
      painted.push([scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop, newest()]);
    }
    const { bottom } = scroller.getBoundingClientRect();
    for (const [distanceFromEnd, newestBottom] of painted) {
      expect(distanceFromEnd).toBeLessThanOrEqual(1);
      expect(Math.abs(newestBottom! - bottom)).toBeLessThanOrEqual(1);
    }
    await waitFor(async () =>
      expect((await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp).toBe(
        incoming.at(-1)!.createTime,
      ),
    );
    expect(calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(recoverable).toEqual([]);
    expect(consoleCalls).toEqual([]);
  });

  it('a sheet server-rendered open hydrates as one modal under StrictMode and asks its detail once', async () => {
    world = createWorld();
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const message = await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'lunch?',
      isReceiptRequested: true,
    });
    const [bobsCopy] = await world.history(bob, 'bob|2|t1');
    await bob.V2NIMMessageService.sendTeamMessageReceipts([bobsCopy as never]);
    await settle(world.server);
    const { calls, transport } = countCalls(createNimTransport(alice));
    const page = (
      <StrictMode>
        <ReceiptProvider transport={transport} accountId="alice">
          <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
        </ReceiptProvider>
      </StrictMode>
    );
    const { container } = serverPage.renderAndServe(page);
    const serverDialog = container.querySelector('dialog');
    const recoverable = serverPage.hydrate(page);
    const dialog = screen.getByRole('dialog') as HTMLDialogElement;
    expect(dialog).toBe(serverDialog);
    expect(dialog.open).toBe(true);
    expect(dialog.matches(':modal')).toBe(true);
    await screen.findByRole('tab', { name: 'Read (1)' });
    await settle(world.server);
    expect(calls.getTeamMessageReceiptDetail).toHaveLength(1);
    expect(document.querySelectorAll('dialog[open]')).toHaveLength(1);
    expect(recoverable).toEqual([]);
    expect(consoleCalls).toEqual([]);
  });
});
