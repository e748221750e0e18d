/**
 * Leaks: 1,000 mount/unmount cycles of the provider and every hook leave no transport listener, no
 * store subscriber and no timer behind, whether the provider owns its engine or is given one.
 */
import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { act, render } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { createCountingClock, createSubscriberCounter } from '../../core/src/testing/leakCounters';
import { receiptWorldPerTest, type WorldDevice } from '../../core/src/testing/receiptWorld';
import { useMessageReceipt } from './hooks/useMessageReceipt';
import { useReadReceipts } from './hooks/useReadReceipts';
import { useReceiptEngine } from './hooks/useReceiptEngine';
import { useTeamReceiptDetail } from './hooks/useTeamReceiptDetail';
import { ReceiptProvider } from './ReceiptProvider';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
});

/** Every listener the engine could have registered on A's device. */
function listenersOf(device: WorldDevice): number {
  const { V2NIMMessageService, V2NIMConversationService, V2NIMLoginService } = device.client;
  return (
    V2NIMMessageService.listenerCount('onReceiveP2PMessageReadReceipts') +
    V2NIMMessageService.listenerCount('onReceiveTeamMessageReadReceipts') +
    V2NIMConversationService.listenerCount('onConversationReadTimeUpdated') +
    V2NIMLoginService.listenerCount('onConnectStatus')
  );
}

interface Messages {
  ownP2P: ReceiptMessage;
  ownTeam: ReceiptMessage;
  incoming: ReceiptMessage;
}

/** Every hook at once, plus a read mark on mount, so each kind of subscription and timer exists. */
function Everything({
  messages,
  onEngine,
}: {
  messages: Messages;
  onEngine: (engine: ReceiptEngine) => void;
}) {
  const engine = useReceiptEngine();
  onEngine(engine);
  const conversation = useReadReceipts('A|1|B');
  useMessageReceipt(messages.ownP2P);
  useMessageReceipt(messages.ownTeam);
  useTeamReceiptDetail(messages.ownTeam);
  const { markRead } = conversation;
  useEffect(() => markRead([messages.incoming]), [markRead, messages.incoming]);
  return null;
}

async function setUp() {
  const bob = world.device('B');
  const probe = world.device('A');
  const ownP2P = await world.send(probe, 'A|1|B', { at: 100 });
  const ownTeam = await world.send(probe, 'A|2|T', { at: 200, isFlagged: true });
  const sent = await world.send(bob, 'B|1|A', { at: 300 });
  await world.settle();
  return { bob, probe, messages: { ownP2P, ownTeam, incoming: world.copyOf(probe, sent) } };
}

const cycles = 1000;

describe('1,000 mount/unmount cycles', () => {
  it('of a provider that owns its engine leave no listener, subscriber or timer', async () => {
    const { probe, messages } = await setUp();
    probe.engine.dispose();
    const baseline = listenersOf(probe);
    const { clock, pending } = createCountingClock();
    const subscribers = createSubscriberCounter();
    const engines = new Set<ReceiptEngine>();
    const onEngine = (engine: ReceiptEngine) => {
      subscribers.instrument(engine);
      engines.add(engine);
    };

    for (let cycle = 0; cycle < cycles; cycle += 1) {
      const view = render(
        <StrictMode>
          <ReceiptProvider
            transport={probe.transport}
            accountId="A"
            engineOptions={{ clock, flushDelayMs: 300 }}
          >
            <Everything messages={messages} onEngine={onEngine} />
          </ReceiptProvider>
        </StrictMode>,
      );
      // Mounted: the read mark waits on a timer, the hooks watch the store.
      expect(pending()).toBeGreaterThan(0);
      expect(subscribers.live()).toBeGreaterThan(0);
      // Now and then, stay long enough for the loads and the flush to really happen.
      if (cycle % 100 === 0) await act(() => world.tick(400));
      expect(listenersOf(probe)).toBeGreaterThan(baseline);
      view.unmount();
      // The provider lets its engine go a microtask after unmounting (not at StrictMode's rehearsal).
      await Promise.resolve();
      expect(listenersOf(probe)).toBe(baseline);
      expect(pending()).toBe(0);
      expect(subscribers.live()).toBe(0);
    }

    await act(() => world.tick(60_000));
    expect(listenersOf(probe)).toBe(baseline);
    expect(subscribers.live()).toBe(0);
    expect(pending()).toBe(0);
    expect([...engines].every((engine) => engine.isDisposed)).toBe(true);
    // The mounts that stayed sent their receipt; the others were cancelled with their engine.
    expect(probe.calls.sendP2PMessageReceipt.length).toBeGreaterThan(0);
  });

  it('of a provider given an engine leave its store without subscribers and its timers idle', async () => {
    const { probe, messages } = await setUp();
    probe.engine.dispose();
    const { clock, pending } = createCountingClock();
    const shared = world.device('A', { clock });
    const { engine } = shared;
    const subscribers = createSubscriberCounter();
    subscribers.instrument(engine);
    const engineListeners = listenersOf(shared);

    for (let cycle = 0; cycle < cycles; cycle += 1) {
      const view = render(
        <StrictMode>
          <ReceiptProvider engine={engine}>
            <Everything messages={messages} onEngine={() => {}} />
          </ReceiptProvider>
        </StrictMode>,
      );
      if (cycle % 100 === 0) await act(() => world.tick(400));
      expect(subscribers.live()).toBeGreaterThan(0);
      view.unmount();
      expect(subscribers.live()).toBe(0);
    }
    expect(listenersOf(shared)).toBe(engineListeners);
    expect(engine.isDisposed).toBe(false);
    // What the mounts asked for (a read mark, count loads) finishes, then nothing waits.
    await act(() => world.tick(60_000));
    expect(pending()).toBe(0);
    engine.dispose();
    expect(listenersOf(shared)).toBe(0);
  });

  it('dispose() cancels every timer and leaves every listener, mid-flight', async () => {
    const { probe, messages } = await setUp();
    probe.engine.dispose();
    const { clock, pending } = createCountingClock();
    world.server.injectFault({ method: 'sendP2PMessageReceipt', code: 192001, times: 3 });
    const device = world.device('A', { clock, retry: { baseDelayMs: 1000, maxDelayMs: 1000 } });
    const cleanup = device.engine.watchTeamCounts(messages.ownTeam);
    device.engine.watchTeamDetail(messages.ownTeam);
    device.engine.markRead([messages.incoming]);
    await world.tick(300); // the send fails and a retry waits
    expect(pending()).toBeGreaterThan(0);
    device.engine.dispose();
    expect(pending()).toBe(0);
    expect(listenersOf(device)).toBe(0);
    cleanup();
    await world.tick(60_000);
    expect(pending()).toBe(0);
    // The failed send, then one last attempt as the engine goes (no storage, no other engine of
    // A's to take it), and no retry after.
    expect(device.calls.sendP2PMessageReceipt).toHaveLength(2);
  });
});
