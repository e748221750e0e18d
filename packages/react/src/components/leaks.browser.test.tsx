import { createReceiptEngine } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCountingClock,
  createSubscriberCounter,
} from '../../../core/src/testing/leakCounters';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { cleanupApps, createWorld, renderApp, settle } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/**
 * Leaks of the components (the provider and hooks have their own test): 1,000 mount/unmount cycles
 * of a list with ticks, a conversation row's tick, a badge and an open sheet leave no store subscriber, no window or document
 * listener (beyond React's own, registered once per document) and no timer behind.
 */

let world: ReturnType<typeof createWorld>;
const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  cleanupApps();
  world?.dispose();
});

const style = document.createElement('style');
style.textContent = '.leak-list { height: 200px; width: 300px; }';
document.head.append(style);

/** Counts listeners added to `target` minus those removed (by type and function). */
function countListeners(target: EventTarget) {
  const live = new Map<string, Set<unknown>>();
  const add = target.addEventListener;
  const remove = target.removeEventListener;
  target.addEventListener = function (this: EventTarget, type, listener, options) {
    if (!live.has(type)) live.set(type, new Set());
    live.get(type)?.add(listener);
    return add.call(this, type, listener, options);
  };
  target.removeEventListener = function (this: EventTarget, type, listener, options) {
    live.get(type)?.delete(listener);
    return remove.call(this, type, listener, options);
  };
  restores.push(() => {
    target.addEventListener = add;
    target.removeEventListener = remove;
  });
  return () => [...live.values()].reduce((sum, set) => sum + set.size, 0);
}

describe('1,000 mount/unmount cycles of the components', () => {
  it('leave no store subscriber, window/document listener or timer', async () => {
    world = createWorld();
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    await world.send(bob, { conversationId: 'bob|1|alice', text: 'hi' });
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'hello' });
    const teamMessage = await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'team',
      isReceiptRequested: true,
    });
    const messages = await world.history(alice, 'alice|1|bob');
    const { lastMessage } = await alice.V2NIMConversationService.getConversation('alice|1|bob');
    const timers = createCountingClock();
    const engine = createReceiptEngine({
      transport: createNimTransport(alice),
      accountId: 'alice',
      clock: timers.clock,
    });
    const counter = createSubscriberCounter();
    counter.instrument(engine);
    const subscribers = counter.live;
    const windowListeners = countListeners(window);
    const documentListeners = countListeners(document);

    const ui = (
      <ReceiptProvider engine={engine}>
        <MessageList
          className="leak-list"
          conversationId="alice|1|bob"
          messages={messages}
          renderMessage={(message) => <ReadTick message={message} />}
        />
        <ConversationReadTick lastMessage={lastMessage} />
        <UnreadBadge message={teamMessage} onOpen={() => {}} />
        <ReceiptDetailSheet message={teamMessage} isOpen onClose={() => {}} />
      </ReceiptProvider>
    );
    // React registers a few document-wide listeners once per document (e.g. selectionchange) and
    // keeps them: a warm-up cycle lets it, so what follows measures growth, i.e. leaks.
    renderApp(ui).unmount();
    const windowBefore = windowListeners();
    const documentBefore = documentListeners();
    for (let cycle = 0; cycle < 1000; cycle++) {
      const app = renderApp(ui);
      expect(subscribers()).toBeGreaterThan(0);
      app.unmount();
      expect(subscribers()).toBe(0);
    }
    cleanupApps();
    await settle(world.server);
    // The engine's own timers (its 50 ms load delay, its 300 ms flush) run out; a timer nobody
    // clears (an interval, or one that outlives the 5 s this waits) stays pending. Waited for, not
    // slept: on a loaded machine a timer set late could still be pending after a fixed sleep.
    await waitFor(() => expect(timers.pending()).toBe(0), { timeout: 5_000 });
    await settle(world.server);

    expect(subscribers()).toBe(0);
    expect(windowListeners()).toBe(windowBefore);
    expect(documentListeners()).toBe(documentBefore);
    expect(windowBefore).toBe(0);
    expect(timers.pending()).toBe(0);
    engine.dispose();
  }, 60_000);
});
