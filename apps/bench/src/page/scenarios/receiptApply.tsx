import { createReceiptEngine, type TransportEvent } from '@readmark/core';
import { medianOfFields } from '../../stats';
import { BaselineList } from '../BaselineList';
import { createBenchTransport } from '../benchTransport';
import { collectGarbage } from '../collectGarbage';
import { frames, macrotask } from '../frames';
import { makeMessages, TEAM_CONVERSATION } from '../messages';
import { createFrame, mountApp, mountBenchList, mountedIndexes } from '../mount';
import {
  BURST_EVENTS,
  BURST_MEMBERS,
  createReaderEvents,
  deliverBurst,
  lastDelivered,
  storedReceipts,
  WARM_BURSTS,
} from '../receiptBurst';

/**
 * Metric 2: 1,000 team receipt events (absolute counts, as NIM pushes them) for the rows on screen,
 * delivered back to back, until React has committed the last one to the DOM (seen by a mutation
 * observer); the medians of WARM_BURSTS such bursts, each for the rows on screen a screen further up.
 * The store already holds `stored`
 * receipts (the list's 1,000 messages plus others), so the run shows how the cost grows with it.
 */
export async function receiptApply({
  stored,
  variant,
}: {
  stored: number;
  variant: 'kit' | 'baseline';
}): Promise<{
  applyMs: number;
  applied: number;
  emitMs: number;
  notifiedMs: number;
  shownMs: number;
  tasks: number;
  coldApplyMs: number;
}> {
  const transport = createBenchTransport({ memberCount: BURST_MEMBERS });
  // Every receipt kept (the default keeps 5,000 per conversation besides those on screen): the
  // 100,000-stored case measures a store that really holds 100,000.
  const engine = createReceiptEngine({ transport, accountId: 'alice', keptTeamReceipts: Infinity });
  const messages = makeMessages({ from: -1000, to: 0, kind: 'team', ownEvery: 1 });
  const receipts = storedReceipts({ messages, stored, memberCount: BURST_MEMBERS });
  transport.emit({ type: 'teamReceipts', receipts });

  const frame = createFrame();
  const unmount =
    variant === 'kit'
      ? mountBenchList(frame, engine, { conversationId: TEAM_CONVERSATION, messages })
      : mountApp(frame, engine, <BaselineList messages={messages} />);
  await frames(20);
  const scroller = frame.querySelector<HTMLElement>('.readmark-message-scroller')!;
  /**
   * The rows on screen: every burst reads those. Neighbouring screens share their overscan rows, so
   * a row can be read by a few bursts; `createReaderEvents` stops the run if one ever had more
   * readers than the team has members.
   */
  const mountedMessages = () =>
    mountedIndexes(frame)
      .slice(0, 20)
      .map((index) => messages[index]!);
  const nextEvents = createReaderEvents({ memberCount: BURST_MEMBERS, count: BURST_EVENTS });
  let notifiedAt = Number.NaN;
  const unsubscribe = engine.store.subscribe(() => {
    notifiedAt = performance.now();
  });

  /** Delivers `events` back to back and times them until the DOM shows the last one. */
  const burst = async (events: TransportEvent[]) => {
    // The row and text of the last event delivered, set once the deliveries end (mutation
    // callbacks are microtasks, so none runs before that).
    let expected = '';
    let lastIndex = -1;
    const lastRow = () => frame.querySelector(`[data-index="${lastIndex}"]`)?.textContent ?? '';
    // Committed means the DOM shows the last event's count: a mutation observer sees the commit
    // as it happens (in the microtask after React's), without waiting for a later task or frame.
    let committedAt = Number.NaN;
    const observer = new MutationObserver(() => {
      if (Number.isNaN(committedAt) && lastRow().includes(expected)) {
        committedAt = performance.now();
      }
    });
    observer.observe(frame, { subtree: true, childList: true, characterData: true });
    notifiedAt = Number.NaN;
    // A clean heap: collecting the garbage of building the events and mounting the list is not part
    // of applying them.
    collectGarbage();
    const start = performance.now();
    // A burst stopped by the time budget is scaled up to 1,000 events (the results say how many
    // were applied).
    const applied = deliverBurst(transport.emit, events, start);
    const emittedAt = performance.now();
    const lastReceipt = lastDelivered(events, applied);
    expected = `${lastReceipt?.unreadCount} unread`;
    lastIndex = messages.findIndex((m) => m.messageClientId === lastReceipt?.messageClientId);
    let tasks = 0;
    for (; !lastRow().includes(expected); tasks++) {
      if (tasks > 1000) throw new Error(`bench: the badge never showed "${expected}"`);
      await macrotask();
    }
    const shownAt = performance.now();
    observer.disconnect();
    const committed = Number.isNaN(committedAt) ? shownAt : committedAt;
    const scale = BURST_EVENTS / applied;
    // Where the time went: delivering the events, until the store's (last) notification, until
    // the commit (applyMs), and until a later task could read it (shownMs, after `tasks` tasks).
    return {
      applyMs: (committed - start) * scale,
      applied,
      emitMs: emittedAt - start,
      notifiedMs: notifiedAt - start,
      shownMs: shownAt - start,
      tasks,
    };
  };

  // The first burst in a fresh page also pays for compiling the code paths it runs; a chat app
  // receiving receipts has long done that, so the measured bursts are the WARM_BURSTS after it and
  // the page reports their medians (the first is reported too, as coldApplyMs).
  const cold = await burst(nextEvents(mountedMessages()));
  const warm: Awaited<ReturnType<typeof burst>>[] = [];
  for (let index = 0; index < WARM_BURSTS; index++) {
    // A screen further up: rows that still have members left to read them.
    scroller.scrollTop -= scroller.clientHeight;
    await frames(5);
    warm.push(await burst(nextEvents(mountedMessages())));
  }
  unsubscribe();
  unmount();
  engine.dispose();
  return { ...medianOfFields(warm), coldApplyMs: cold.applyMs };
}
