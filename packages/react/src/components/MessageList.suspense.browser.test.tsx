import { createReceiptEngine, type ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { type ReactNode, Suspense, startTransition, useCallback, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * React renders an update that suspends without showing it: in a transition it keeps what is on
 * screen until the update can be shown whole (older history whose rows load an image, or a header
 * loading with it), and an urgent update hides the boundary's content (`display: none`) behind its
 * fallback. Either way the list on screen is not the one React is rendering, and the reader goes on
 * scrolling it, or cannot see it at all.
 */
const world = listWorldPerTest('suspense-list');
const consoleCalls = consoleCallsPerTest();
/** Engines over counted transports, which the world does not dispose. */
const engines: { dispose(): void }[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

/** Something that loads (a lazy image), shown by {@link Loads}; `load()` ends it. */
function loading() {
  const gate = { isLoaded: false, promise: Promise.resolve(), load: () => {} };
  gate.promise = new Promise<void>((resolve) => {
    gate.load = () => {
      gate.isLoaded = true;
      resolve();
    };
  });
  return gate;
}

/** Suspends until `gate` has loaded, as a lazy image does; React 18 and 19 alike. */
function Loads({ gate, children }: { gate: ReturnType<typeof loading>; children: ReactNode }) {
  if (!gate.isLoaded) throw gate.promise;
  return children;
}

async function settleFrames() {
  for (let frame = 0; frame < 3; frame++) await nextFrame();
  await settle(world.server);
}

/** Bob's device with Alice's `total` messages; his transport calls counted. */
async function bobWithMessages(total: number) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < total; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index + 1}` });
  }
  const { transport, calls } = countCalls(createNimTransport(bob));
  const engine = createReceiptEngine({ transport, accountId: 'bob', flushDelayMs: 0 });
  engines.push(engine);
  return {
    all: await world.history(bob, 'bob|1|alice'),
    engine,
    calls,
    peerReadTime: async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp,
  };
}

const row = (message: ReceiptMessage) => (
  <div style={{ height: 50 }}>{message.messageClientId}</div>
);

/**
 * Bob's chat showing Alice's last 30 of `all`; `controls.showOlder` prepends the 30 before them in a
 * transition, whose header loads with them (`header`: a lazy avatar, a count).
 */
function ChatWithOlderHistory({
  all,
  header,
  controls,
}: {
  all: ReceiptMessage[];
  header: ReturnType<typeof loading>;
  controls: { showOlder: () => void };
}) {
  const [hasOlder, setHasOlder] = useState(false);
  controls.showOlder = () => startTransition(() => setHasOlder(true));
  return (
    <Suspense fallback={<p>Loading…</p>}>
      {hasOlder && <Loads gate={header}>30 older messages</Loads>}
      <MessageList
        className="suspense-list"
        conversationId="bob|1|alice"
        messages={hasOlder ? all : all.slice(30)}
        renderMessage={row}
      />
    </Suspense>
  );
}

/**
 * Bob's chat showing the first 20 of `all`; `controls.receive` shows the 21st, whose image loads
 * (`image`). The list reads what it shows at once.
 */
function ChatWithImage({
  all,
  image,
  controls,
}: {
  all: ReceiptMessage[];
  image: ReturnType<typeof loading>;
  controls: { receive: () => void };
}) {
  const [count, setCount] = useState(20);
  controls.receive = () => setCount(21);
  const renderMessage = useCallback(
    (message: ReceiptMessage) =>
      message === all[20] ? <Loads gate={image}>{row(message)}</Loads> : row(message),
    [all, image],
  );
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <MessageList
        className="suspense-list"
        conversationId="bob|1|alice"
        messages={all.slice(0, count)}
        renderMessage={renderMessage}
        readDwellMs={0}
      />
    </Suspense>
  );
}

/** The message ids of the rows inside the viewport, top to bottom, and the first one's top. */
function onScreen(scroller: HTMLElement) {
  const view = scroller.getBoundingClientRect();
  const rows = [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
    .map((element) => ({ element, top: element.getBoundingClientRect().top - view.top }))
    .filter(({ top }) => top > -50 + 1 && top < view.height - 1)
    .sort((a, b) => a.top - b.top);
  return { ids: rows.map(({ element }) => element.textContent), firstTop: rows[0]?.top };
}

describe('MessageList while an update suspends', () => {
  it('older history prepended in a transition that suspends: the reader scrolls the list on screen, and stays on their message once it shows', async () => {
    const { all, engine } = await bobWithMessages(60);
    const header = loading();
    const controls = { showOlder: () => {} };
    const app = renderApp(
      <Providers engine={engine}>
        <ChatWithOlderHistory all={all} header={header} controls={controls} />
      </Providers>,
    );
    await settleFrames();
    const scroller = app.container.querySelector('section') as HTMLElement;
    scroller.scrollTop = 0;
    await settleFrames();
    const ids = (from: number, count: number) =>
      all.slice(from, from + count).map((message) => message.messageClientId);
    expect(onScreen(scroller).ids).toEqual(ids(30, 6));

    controls.showOlder();
    await settleFrames();
    // React keeps the list on screen, which the reader scrolls on: 200 px, four rows.
    scroller.scrollTop = 200;
    await settleFrames();
    expect(screen.queryByText('30 older messages')).toBeNull();
    expect(scroller.scrollTop).toBe(200);
    expect(onScreen(scroller)).toEqual({ ids: ids(34, 6), firstTop: 0 });

    header.load();
    await screen.findByText('30 older messages');
    await settleFrames();
    // The 30 older messages above, the reader's message where it was.
    expect(onScreen(scroller).ids).toEqual(ids(34, 6));
    expect(Math.abs(onScreen(scroller).firstTop!)).toBeLessThanOrEqual(1);
    expect(consoleCalls).toEqual([]);
  });

  it('a new message whose image suspends hides the list behind the fallback: nothing is read while hidden, and shown again it is at its newest message and reads it', async () => {
    const { all, engine, calls, peerReadTime } = await bobWithMessages(21);
    const image = loading();
    const controls = { receive: () => {} };
    const app = renderApp(
      <Providers engine={engine}>
        <ChatWithImage all={all} image={image} controls={controls} />
      </Providers>,
    );
    await settleFrames();
    await waitFor(async () => expect(await peerReadTime()).toBe(all[19]!.createTime));
    const sent = calls.sendP2PMessageReceipt.length;

    controls.receive();
    await screen.findByText('Loading…');
    // The list's listeners still run while it is hidden (React keeps its effects): the page
    // regaining focus checks what is on screen.
    window.dispatchEvent(new Event('focus'));
    await settleFrames();
    expect(calls.sendP2PMessageReceipt).toHaveLength(sent);

    image.load();
    await waitFor(() => expect(screen.queryByText('Loading…')).toBeNull());
    const scroller = app.container.querySelector('section') as HTMLElement;
    await waitFor(() =>
      expect(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop).toBeLessThan(1),
    );
    await waitFor(async () => expect(await peerReadTime()).toBe(all[20]!.createTime));
    expect(calls.sendP2PMessageReceipt).toHaveLength(sent + 1);
    expect(consoleCalls).toEqual([]);
  });
});
