import {
  createReceiptEngine,
  type TeamMessageReadReceipt,
  type TransportEvent,
} from '@readmark/core';
import { MessageList } from '@readmark/react';
import { BaselineList } from '../BaselineList';
import { renderBenchRow } from '../BenchRow';
import { createBenchTransport } from '../benchTransport';
import { frames, macrotask } from '../frames';
import { makeMessages, TEAM_CONVERSATION } from '../messages';
import { createFrame, mountApp, mountedIndexes } from '../mount';

const MEMBERS = 200;
const EVENTS = 1000;
const TIME_BUDGET_MS = 2000;

/**
 * Metric 2: 1,000 team receipt events (absolute counts, as NIM pushes them) for the rows on screen,
 * delivered back to back, until React has committed the last one. The store already holds `stored`
 * receipts (the list's 1,000 messages plus others), so the run shows how the cost grows with it.
 */
export async function receiptApply({
  stored,
  variant,
}: {
  stored: number;
  variant: 'kit' | 'baseline';
}): Promise<{ applyMs: number; applied: number }> {
  const transport = createBenchTransport({ memberCount: MEMBERS });
  const engine = createReceiptEngine({ transport, accountId: 'alice' });
  const messages = makeMessages({ from: -1000, to: 0, kind: 'team', ownEvery: 1 });
  const receipts: TeamMessageReadReceipt[] = [];
  for (let index = 0; index < stored; index++) {
    const message = messages[index];
    receipts.push({
      conversationId: message ? TEAM_CONVERSATION : 'alice|2|archive',
      messageServerId: message ? message.messageServerId : `as${index}`,
      messageClientId: message ? message.messageClientId : `ac${index}`,
      readCount: 0,
      unreadCount: MEMBERS - 1,
    });
  }
  transport.emit({ type: 'teamReceipts', receipts });

  const frame = createFrame();
  const unmount = mountApp(
    frame,
    engine,
    variant === 'kit' ? (
      <MessageList
        conversationId={TEAM_CONVERSATION}
        messages={messages}
        renderMessage={renderBenchRow}
      />
    ) : (
      <BaselineList messages={messages} />
    ),
  );
  await frames(20);
  const targets = mountedIndexes(frame)
    .slice(0, 20)
    .map((index) => messages[index]!);
  const readCounts = new Map<string, number>();
  const events: TransportEvent[] = [];
  for (let event = 0; event < EVENTS; event++) {
    const message = targets[event % targets.length]!;
    const readCount = (readCounts.get(message.messageClientId) ?? 0) + 1;
    readCounts.set(message.messageClientId, readCount);
    events.push({
      type: 'teamReceipts',
      receipts: [
        {
          conversationId: TEAM_CONVERSATION,
          messageServerId: message.messageServerId,
          messageClientId: message.messageClientId,
          readCount,
          unreadCount: MEMBERS - 1 - readCount,
          latestReadAccount: `u${event % 199}`,
        },
      ],
    });
  }
  const start = performance.now();
  let applied = 0;
  // A store that makes this very slow is stopped after a time budget and its cost scaled up to
  // 1,000 events, so a run still ends (the results say how many were applied).
  while (applied < events.length && performance.now() - start < TIME_BUDGET_MS) {
    transport.emit(events[applied]!);
    applied++;
  }
  const last = events[applied - 1]!;
  const lastReceipt = last.type === 'teamReceipts' ? last.receipts[0]! : undefined;
  const expected = `${lastReceipt?.unreadCount} unread`;
  const lastIndex = messages.findIndex((m) => m.messageClientId === lastReceipt?.messageClientId);
  const lastRow = () => frame.querySelector(`[data-index="${lastIndex}"]`)?.textContent ?? '';
  // Committed means the DOM shows the last event's count; yield tasks until it does.
  for (let task = 0; !lastRow().includes(expected); task++) {
    if (task > 1000) throw new Error(`bench: the badge never showed "${expected}"`);
    await macrotask();
  }
  const applyMs = ((performance.now() - start) * EVENTS) / applied;
  unmount();
  engine.dispose();
  return { applyMs, applied };
}
