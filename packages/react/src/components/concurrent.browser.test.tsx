import type { ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import {
  Activity,
  type ReactNode,
  StrictMode,
  Suspense,
  startTransition,
  useDeferredValue,
  useState,
} from 'react';
import { describe, expect, it } from 'vitest';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { cleanupApps, frames, renderApp, settle, threeChatsEachForBob } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * Concurrent React around the kit, under StrictMode (effects mounted twice): a provider that owns its
 * engine kept in a hidden <Activity> (a route Next.js keeps for back navigation, a tab), and
 * conversations switched in transitions with a deferred search and rows that suspend. Transport
 * calls are counted exactly on the real memory server.
 */
const world = listWorldPerTest('concurrent-list');
const consoleCalls = consoleCallsPerTest();

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>{(message as { text?: string }).text}</div>
);

function listeners(client: MemoryClient) {
  return (
    client.V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts') +
    client.V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts') +
    client.V2NIMLoginService.listenerCount('onConnectStatus')
  );
}

describe.skipIf(!Activity)('a provider that owns its engine, in a hidden <Activity>', () => {
  it('stops listening and marking while hidden; shown again it marks what arrived once, and its badge and tick never go back to loading or sent', async () => {
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const carol = world.server.login('carol');
    for (let index = 0; index < 3; index++) {
      await world.send(bob, {
        conversationId: 'bob|2|t1',
        text: `t${index}`,
        isReceiptRequested: true,
      });
    }
    const own = await world.send(bob, { conversationId: 'bob|1|alice', text: 'mine' });
    await alice.V2NIMMessageService.sendP2PMessageReceipt(
      (await world.history(alice, 'alice|1|bob')).at(-1) as never,
    );
    const [carolsCopy] = await world.history(carol, 'carol|2|t1');
    await carol.V2NIMMessageService.sendTeamMessageReceipts([carolsCopy as never]);
    await settle(world.server);
    const team = await world.history(bob, 'bob|2|t1');
    let incoming = (await world.history(bob, 'bob|1|alice')).filter((m) => !m.isSelf);
    const baseline = listeners(bob);
    const { transport, calls } = countCalls(createNimTransport(bob));
    let mode: 'visible' | 'hidden' = 'visible';
    const ui = () => (
      <StrictMode>
        <Activity mode={mode}>
          <ReceiptProvider
            transport={transport}
            accountId="bob"
            engineOptions={{ flushDelayMs: 0 }}
          >
            <p>
              mine <ReadTick message={own} /> <UnreadBadge message={team[0]!} onOpen={() => {}} />
            </p>
            <MessageList
              className="concurrent-list"
              conversationId="bob|1|alice"
              messages={incoming}
              renderMessage={renderMessage}
              readDwellMs={0}
            />
          </ReceiptProvider>
        </Activity>
      </StrictMode>
    );
    const app = renderApp(ui());
    await screen.findByRole('button', { name: '1 unread of 2 members' });
    await waitFor(() => expect(screen.getByRole('img', { name: 'Read' })).toBeTruthy());
    await frames(3);
    await settle(world.server);
    expect(listeners(bob)).toBe(baseline + 3);
    const before = Object.fromEntries(
      Object.entries(calls).map(([name, list]) => [name, list.length]),
    );

    mode = 'hidden';
    app.rerender(ui());
    await settle(world.server);
    expect(listeners(bob)).toBe(baseline);
    // While the route is hidden Alice reads the team message (an event nobody listens to now)…
    const [alicesCopy] = await world.history(alice, 'alice|2|t1');
    await alice.V2NIMMessageService.sendTeamMessageReceipts([alicesCopy as never]);
    // …and writes to Bob.
    for (let index = 0; index < 2; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `later${index}` });
    }
    incoming = (await world.history(bob, 'bob|1|alice')).filter((m) => !m.isSelf);
    app.rerender(ui());
    await frames(3);
    await settle(world.server);
    expect(calls.sendP2PMessageReceipt).toHaveLength(before.sendP2PMessageReceipt!);

    // Shown again: every state the badge and the tick pass through is recorded.
    const seen: string[] = [];
    const record = () => {
      const badge = app.container.querySelector('.readmark-badge');
      const tick = app.container.querySelector('p [role="img"]');
      seen.push(`${badge?.getAttribute('data-status')} ${tick?.getAttribute('aria-label')}`);
    };
    const observer = new MutationObserver(record);
    observer.observe(app.container, { subtree: true, attributes: true, childList: true });
    mode = 'visible';
    app.rerender(ui());
    record();
    const peerReadTime = async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
    await waitFor(async () => expect(await peerReadTime()).toBe(incoming.at(-1)!.createTime));
    await frames(5);
    await settle(world.server);
    // The counts it knew until asked again: the new answer (all read) shows, never "loading".
    await screen.findByRole('button', { name: 'All read by 2 members' });
    observer.disconnect();
    expect(new Set(seen)).toEqual(new Set(['unread Read', 'all-read Read']));
    expect(calls.getTeamMessageReceipts).toHaveLength(before.getTeamMessageReceipts! + 1);
    expect(calls.sendP2PMessageReceipt).toHaveLength(before.sendP2PMessageReceipt! + 1);
    expect(calls.sendTeamMessageReceipts).toHaveLength(0);
    expect(listeners(bob)).toBe(baseline + 3);
    expect(consoleCalls).toEqual([]);

    cleanupApps();
    await settle(world.server);
    expect(listeners(bob)).toBe(baseline);
  });
});

/** Per message, whether its row's content (a lazy image) has loaded: each suspends once. */
const loaded = new Map<string, Promise<void> | true>();
function LoadsOnce({ id, children }: { id: string; children: ReactNode }) {
  const state = loaded.get(id);
  if (state === true) return children;
  if (state) throw state;
  const promise = new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => {
    loaded.set(id, true);
  });
  loaded.set(id, promise);
  throw promise;
}

const suspendingRow = (message: ReceiptMessage) => (
  <div style={{ height: 40 }}>
    <Suspense fallback={<span>…</span>}>
      <LoadsOnce id={message.messageClientId}>{(message as { text?: string }).text}</LoadsOnce>
    </Suspense>
  </div>
);

type Histories = Record<'bob|1|alice' | 'bob|2|t1', ReceiptMessage[]>;
/** What the test does as the user: open a chat (in a transition), type a search, re-render. */
interface ChatControls {
  open?: (id: keyof Histories) => void;
  search?: (query: string) => void;
  refresh?: () => void;
}

/** A chat pane: the open conversation's messages, filtered by a deferred search. */
function Chat({ histories, controls }: { histories: Histories; controls: ChatControls }) {
  const [id, setId] = useState<keyof Histories>('bob|1|alice');
  const [query, setQuery] = useState('');
  const [, setVersion] = useState(0);
  const deferredQuery = useDeferredValue(query);
  controls.open = (next) => startTransition(() => setId(next));
  controls.search = setQuery;
  controls.refresh = () => setVersion((version) => version + 1);
  const messages = histories[id].filter((message) =>
    (message as { text?: string }).text?.includes(deferredQuery),
  );
  return (
    <MessageList
      className="concurrent-list"
      conversationId={id}
      messages={messages}
      renderMessage={suspendingRow}
      readDwellMs={0}
    />
  );
}

describe('conversations switched in transitions, a deferred search and rows that suspend (StrictMode)', () => {
  it('each receipt goes once, each query is asked once', async () => {
    const { alice, bob, p2p, team } = await threeChatsEachForBob(world);
    const histories: Histories = { 'bob|1|alice': p2p, 'bob|2|t1': team };
    const { transport, calls } = countCalls(createNimTransport(bob));
    const controls: ChatControls = {};
    renderApp(
      <StrictMode>
        <ReceiptProvider transport={transport} accountId="bob" engineOptions={{ flushDelayMs: 0 }}>
          <Chat histories={histories} controls={controls} />
        </ReceiptProvider>
      </StrictMode>,
    );
    const peerReadTime = async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
    await waitFor(async () =>
      expect(await peerReadTime()).toBe(histories['bob|1|alice'].at(-1)!.createTime),
    );

    controls.open!('bob|2|t1');
    await waitFor(() => expect(calls.sendTeamMessageReceipts).toHaveLength(1));
    await frames(3);
    controls.open!('bob|1|alice');
    await screen.findByText('p2');
    // A search typed and cleared (deferred), switched away and back meanwhile.
    controls.search!('1');
    await waitFor(() => expect(screen.queryByText('p2')).toBeNull());
    controls.open!('bob|2|t1');
    controls.search!('');
    await screen.findByText('g2');
    await frames(3);
    controls.open!('bob|1|alice');
    await screen.findByText('p2');
    await frames(5);
    await settle(world.server);
    expect(calls.sendP2PMessageReceipt).toHaveLength(1);
    expect(calls.sendTeamMessageReceipts).toHaveLength(1);
    expect(calls.sendTeamMessageReceipts[0]![0]).toHaveLength(3);

    // Alice writes again: one more receipt, for it.
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'p3' });
    histories['bob|1|alice'] = await world.history(bob, 'bob|1|alice');
    controls.refresh!();
    await waitFor(async () =>
      expect(await peerReadTime()).toBe(histories['bob|1|alice'].at(-1)!.createTime),
    );
    await frames(5);
    await settle(world.server);
    expect(calls.sendP2PMessageReceipt).toHaveLength(2);
    expect(calls.sendTeamMessageReceipts).toHaveLength(1);
    expect(calls.getP2PMessageReceipt).toHaveLength(1);
    expect(calls.getSelfReadTime).toHaveLength(1);
    expect(consoleCalls).toEqual([]);
  });
});
