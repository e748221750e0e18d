import { createReceiptEngine, type TeamMessageReadReceipt } from '@readmark/core';
import { createBenchTransport } from '../benchTransport';
import { collectGarbage } from '../collectGarbage';
import { frames } from '../frames';
import { type BenchMessage, makeMessages, TEAM_CONVERSATION } from '../messages';
import { createFrame, mountBenchList } from '../mount';

const COUNT = 100_000;

interface MemoryMeasurement {
  bytes: number;
}

/** Bytes used by the page's JS heaps and DOM, after a full GC (needs cross-origin isolation). */
async function measureBytes(): Promise<number> {
  const api = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement>;
  };
  if (!crossOriginIsolated || !api.measureUserAgentSpecificMemory) {
    throw new Error(
      'bench: measureUserAgentSpecificMemory needs COOP/COEP (cross-origin isolation)',
    );
  }
  collectGarbage();
  await frames(2);
  collectGarbage();
  return (await api.measureUserAgentSpecificMemory()).bytes;
}

/**
 * Mounts and unmounts a 50-message list once, as metric 4 does before timing: the first mount in a
 * page compiles React's and the kit's code (~0.7 MB of bytecode and feedback), which is per page, not
 * per message, and would otherwise be counted as the list's memory.
 */
async function warmUp(): Promise<void> {
  const engine = createReceiptEngine({ transport: createBenchTransport(), accountId: 'alice' });
  const unmount = mountBenchList(createFrame(), engine, {
    conversationId: TEAM_CONVERSATION,
    messages: makeMessages({ from: -50, to: 0, kind: 'team', ownEvery: 1 }),
  });
  await frames(30);
  unmount();
  engine.dispose();
}

/**
 * Metric 8: memory of the kit over the app's own data. First the app's data alone (100,000 team
 * messages, all mine and flagged); then the kit on top: engine, provider and a mounted MessageList
 * over all of them, with a receipt (counts) stored for every message. Kit = second minus first.
 */
export async function kitMemory(): Promise<{
  dataBytes: number;
  kitBytes: number;
  engineBytes: number;
  listBytes: number;
  count: number;
}> {
  await warmUp();
  const empty = await measureBytes();
  const messages: BenchMessage[] = makeMessages({ from: -COUNT, to: 0, kind: 'team', ownEvery: 1 });
  const withData = await measureBytes();

  const transport = createBenchTransport({ memberCount: 200 });
  const engine = createReceiptEngine({ transport, accountId: 'alice' });
  const receipts: TeamMessageReadReceipt[] = messages.map((message, index) => ({
    conversationId: TEAM_CONVERSATION,
    messageServerId: message.messageServerId,
    messageClientId: message.messageClientId,
    readCount: index % 200,
    unreadCount: 199 - (index % 200),
  }));
  transport.emit({ type: 'teamReceipts', receipts });
  receipts.length = 0;
  const withEngine = await measureBytes();
  const unmount = mountBenchList(createFrame(), engine, {
    conversationId: TEAM_CONVERSATION,
    messages,
  });
  await frames(30);
  const withKit = await measureBytes();
  // `messages` stays referenced until here, so the data is alive in both measurements.
  unmount();
  engine.dispose();
  return {
    dataBytes: withData - empty,
    kitBytes: withKit - withData,
    engineBytes: withEngine - withData,
    listBytes: withKit - withEngine,
    count: messages.length,
  };
}
