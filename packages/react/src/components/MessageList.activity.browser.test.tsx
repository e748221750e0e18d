import { createReceiptEngine, type ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { Activity } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * Tab panels kept mounted in React's `<Activity mode="hidden">` (React 19.2+): React hides the list
 * with `display: none` and tears its effects down (listeners, observers, subscriptions) until it is
 * shown again, when they all run again on the same conversation. Nothing may be marked read while
 * the user cannot see the list, and shown again it must be where it was: at its newest message if
 * it was there, else at the reader's place. React 18 has no Activity.
 */
const world = listWorldPerTest('activity-list');
const consoleCalls = consoleCallsPerTest();
/** Engines over counted transports, which the world does not dispose. */
const engines: { dispose(): void }[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: 50 }}>{message.messageClientId}</div>
);

async function settleFrames() {
  for (let frame = 0; frame < 3; frame++) await nextFrame();
  await settle(world.server);
}

/**
 * Bob's list of Alice's 30 messages, the first `shown` of them shown, in an `<Activity>`; Bob's
 * transport calls counted.
 */
async function bobsTab({ shown, onLoadOlder }: { shown: number; onLoadOlder?: () => void }) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 30; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index + 1}` });
  }
  const all = await world.history(bob, 'bob|1|alice');
  const { transport, calls } = countCalls(createNimTransport(bob));
  const engine = createReceiptEngine({ transport, accountId: 'bob', flushDelayMs: 0 });
  engines.push(engine);
  let count = shown;
  let mode: 'visible' | 'hidden' = 'visible';
  const ui = () => (
    <Providers engine={engine}>
      <Activity mode={mode}>
        <MessageList
          className="activity-list"
          conversationId="bob|1|alice"
          messages={all.slice(0, count)}
          renderMessage={renderMessage}
          readDwellMs={0}
          onLoadOlder={onLoadOlder}
        />
      </Activity>
    </Providers>
  );
  const app = renderApp(ui());
  await settleFrames();
  const tab = {
    all,
    calls,
    scroller: app.container.querySelector('section') as HTMLElement,
    setMode: async (next: typeof mode) => {
      mode = next;
      app.rerender(ui());
      await settleFrames();
    },
    /** Alice's messages arriving one by one. */
    receive: async (more: number) => {
      for (let index = 0; index < more; index++) {
        count++;
        app.rerender(ui());
        await settleFrames();
      }
    },
    /** How far Alice's device knows Bob has read. */
    peerReadTime: async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp,
  };
  return tab;
}

const distanceFromEnd = (scroller: HTMLElement) =>
  scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;

describe.skipIf(!Activity)('MessageList in a hidden <Activity>', () => {
  it('marks nothing read while hidden; shown again at its newest message, it is there and marks it read', async () => {
    const tab = await bobsTab({ shown: 10 });
    expect(distanceFromEnd(tab.scroller)).toBeLessThanOrEqual(1);
    await waitFor(async () => expect(await tab.peerReadTime()).toBe(tab.all[9]!.createTime));
    const sentBefore = tab.calls.sendP2PMessageReceipt.length;

    await tab.setMode('hidden');
    await tab.receive(5);
    expect(tab.calls.sendP2PMessageReceipt).toHaveLength(sentBefore);
    expect(await tab.peerReadTime()).toBe(tab.all[9]!.createTime);

    await tab.setMode('visible');
    await waitFor(() => expect(distanceFromEnd(tab.scroller)).toBeLessThanOrEqual(1));
    await waitFor(async () => expect(await tab.peerReadTime()).toBe(tab.all[14]!.createTime));
    expect(tab.calls.sendP2PMessageReceipt).toHaveLength(sentBefore + 1);
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
    // Shown again, nothing is asked twice.
    expect(tab.calls.getP2PMessageReceipt).toHaveLength(1);
    expect(consoleCalls).toEqual([]);
  });

  it('scrolled up near its oldest message, keeps its place, counts what arrived and asks for older history once', async () => {
    let olderAsked = 0;
    const tab = await bobsTab({ shown: 20, onLoadOlder: () => olderAsked++ });
    tab.scroller.scrollTop = 40;
    await settleFrames();
    expect(olderAsked).toBe(1);
    const scrollTop = tab.scroller.scrollTop;

    await tab.setMode('hidden');
    await tab.receive(5);
    await tab.setMode('visible');
    await settleFrames();

    expect(tab.scroller.scrollTop).toBe(scrollTop);
    expect(await screen.findByRole('button', { name: '5 new messages' })).toBeTruthy();
    expect(olderAsked).toBe(1);
    expect(await tab.peerReadTime()).toBe(tab.all[19]!.createTime);
    expect(consoleCalls).toEqual([]);
  });
});
