import { createReceiptEngine } from '@readmark/core';
import { createMemoryServer, type MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import {
  MessageList,
  type MessageListProps,
  ReadTick,
  type ReadTickProps,
  UnreadBadge,
  type UnreadBadgeProps,
} from '@readmark/react';
import { BaselineList } from '../BaselineList';
import { frames, macrotask } from '../frames';
import { history } from '../history';
import type { BenchMessage } from '../messages';
import { createFrame, mountApp, mountedIndexes } from '../mount';
import { createRenderCounter } from '../renderCounter';

/** More than the 200 messages each conversation holds. */
const HISTORY_LIMIT = 1000;
const counter = createRenderCounter();

// Counting wrappers: calling a function component from another keeps its hooks and subscriptions, so
// each render of the part is exactly one call here.
function CountedTick(props: ReadTickProps) {
  counter.part(props.message.messageClientId, 'tick');
  return ReadTick(props);
}
function CountedBadge(props: UnreadBadgeProps) {
  counter.part(props.message.messageClientId, 'badge');
  return UnreadBadge(props);
}
function CountedMessageList(props: MessageListProps<BenchMessage>) {
  counter.list();
  return MessageList(props);
}
const renderCountedRow = (message: BenchMessage) => {
  counter.part(message.messageClientId, 'content');
  return (
    <div className={message.isSelf ? 'bench-bubble bench-own' : 'bench-bubble'}>
      <span>{message.text}</span>
      <CountedTick message={message} />
      <CountedBadge message={message} />
    </div>
  );
};
const countBaselineList = () => counter.list();
const countBaselineRow = (message: BenchMessage) =>
  counter.part(message.messageClientId, 'content');

/** What one event did to the rows. */
interface EventCount {
  affectedMounted: number;
  rowRenders: number;
  unaffectedRowRenders: number;
  listRenders: number;
}

export interface RenderCountsResult {
  /** Row re-renders over affected mounted rows, for events touching mounted rows. */
  rowsPerAffectedRow: number;
  /** List-level renders over all events. */
  listRenders: number;
  /** Row renders for events that only touched unmounted rows. */
  unmountedRowRenders: number;
  /** Renders of mounted rows whose receipt did not change, over all events. */
  unaffectedRowRenders: number;
  events: Record<string, EventCount>;
}

async function settle(server: { settle(): Promise<void> }) {
  for (let round = 0; round < 3; round++) {
    await server.settle();
    await macrotask();
  }
  await frames(2);
}

/**
 * Metric 1 on the real stack (memory server, nim transport, engine, provider). One list at a time,
 * P2P then team; each event is delivered by the memory server like a NIM push and counted.
 */
export async function renderCounts({
  variant,
}: {
  variant: 'kit' | 'baseline';
}): Promise<RenderCountsResult> {
  let time = 1_000_000;
  const server = createMemoryServer({ now: () => (time += 10) });
  const members = Array.from({ length: 9 }, (_, index) => `u${index}`);
  server.createTeam({ teamId: 't1', memberIds: ['alice', ...members] });
  const alice = server.login('alice');
  const bob = server.login('bob');
  const readers = members.map((id) => server.login(id));
  const send = (client: MemoryClient, conversationId: string, text: string, isFlagged = false) =>
    client.V2NIMMessageService.sendMessage(
      client.V2NIMMessageCreator.createTextMessage(text),
      conversationId,
      isFlagged ? { messageConfig: { readReceiptEnabled: true } } : undefined,
    );
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit'.split(' ');
  const textOf = (index: number) => `#${index} ${words.slice(0, 1 + ((index * 7) % 8)).join(' ')}`;
  for (let index = 0; index < 200; index++) {
    if (index % 2 === 0) await send(alice, 'alice|1|bob', textOf(index));
    else await send(bob, 'bob|1|alice', textOf(index));
    if (index % 2 === 0) await send(alice, 'alice|2|t1', textOf(index), true);
    else await send(readers[index % 9]!, `u${index % 9}|2|t1`, textOf(index));
  }
  await server.settle();
  const engine = createReceiptEngine({
    transport: createNimTransport(alice),
    accountId: 'alice',
    flushDelayMs: 0,
  });
  const events: Record<string, EventCount> = {};

  const mountList = async (conversationId: string) => {
    const messages = await history(alice, conversationId, HISTORY_LIMIT);
    const frame = createFrame();
    const unmount = mountApp(
      frame,
      engine,
      variant === 'kit' ? (
        <CountedMessageList
          conversationId={conversationId}
          messages={messages}
          renderMessage={renderCountedRow}
        />
      ) : (
        <BaselineList
          messages={messages}
          onRenderList={countBaselineList}
          onRenderRow={countBaselineRow}
        />
      ),
    );
    await settle(server);
    await frames(10);
    await settle(server);
    return { messages, frame, unmount };
  };

  /** Runs `deliver`, then counts renders against the rows whose receipt view changed. */
  const measure = async (
    name: string,
    frame: HTMLElement,
    messages: BenchMessage[],
    deliver: () => Promise<unknown>,
  ) => {
    const snapshot = () =>
      new Map(
        mountedIndexes(frame).map((index) => {
          const row = frame.querySelector(`[data-index="${index}"]`);
          return [messages[index]!.messageClientId, row?.innerHTML ?? ''] as const;
        }),
      );
    const before = snapshot();
    counter.reset();
    await deliver();
    await settle(server);
    const after = snapshot();
    const { listRenders, rowRenders } = counter.read();
    let affectedMounted = 0;
    let rowRenderCount = 0;
    let unaffectedRowRenders = 0;
    for (const [id, text] of after) {
      const isAffected = before.has(id) && before.get(id) !== text;
      if (isAffected) affectedMounted++;
      const renders = rowRenders.get(id) ?? 0;
      rowRenderCount += renders;
      if (!isAffected) unaffectedRowRenders += renders;
    }
    // Renders of rows that are not mounted at all (should be impossible) count too.
    for (const [id, renders] of rowRenders) if (!after.has(id)) rowRenderCount += renders;
    events[name] = {
      affectedMounted,
      rowRenders: rowRenderCount,
      unaffectedRowRenders,
      listRenders,
    };
  };

  // --- P2P: the peer's watermark moves ---
  {
    const { messages, frame, unmount } = await mountList('alice|1|bob');
    const bobsCopies = await history(bob, 'bob|1|alice', HISTORY_LIMIT);
    const mounted = new Set(mountedIndexes(frame));
    const ownIndexes = messages.flatMap((m, index) => (m.senderId === 'alice' ? [index] : []));
    const firstMounted = Math.min(...mounted);
    // Far above the mounted rows: moves the watermark over unmounted rows only.
    const unmountedTarget = ownIndexes.find((index) => index < firstMounted - 20)!;
    const mountedOwn = ownIndexes.filter((index) => mounted.has(index));
    const visibleTarget = mountedOwn[Math.floor(mountedOwn.length / 2)]!;
    const ack = (index: number) => {
      const copy = bobsCopies.find((m) => m.messageClientId === messages[index]!.messageClientId);
      return bob.V2NIMMessageService.sendP2PMessageReceipt(copy as never);
    };
    await measure('p2pUnmounted', frame, messages, () => ack(unmountedTarget));
    await measure('p2pMounted', frame, messages, () => ack(visibleTarget));
    unmount();
  }

  // --- team: counts change for some rows ---
  {
    const { messages, frame, unmount } = await mountList('alice|2|t1');
    const mounted = new Set(mountedIndexes(frame));
    const ownIndexes = messages.flatMap((m, index) => (m.senderId === 'alice' ? [index] : []));
    const firstMounted = Math.min(...mounted);
    const unmountedTargets = ownIndexes.filter((index) => index < firstMounted - 20).slice(0, 3);
    const mountedOwn = ownIndexes.filter((index) => mounted.has(index));
    const visibleTargets = mountedOwn.slice(-6, -3);
    const readerCopies = await history(readers[0]!, 'u0|2|t1', HISTORY_LIMIT);
    const read = (indexes: number[]) => {
      const ids = new Set(indexes.map((index) => messages[index]!.messageClientId));
      return readers[0]!.V2NIMMessageService.sendTeamMessageReceipts(
        readerCopies.filter((m) => ids.has(m.messageClientId)) as never,
      );
    };
    await measure('teamUnmounted', frame, messages, () => read(unmountedTargets));
    await measure('teamMounted', frame, messages, () => read(visibleTargets));
    unmount();
  }
  engine.dispose();

  const mountedEvents = [events.p2pMounted!, events.teamMounted!];
  const unmountedEvents = [events.p2pUnmounted!, events.teamUnmounted!];
  const all = Object.values(events);
  const sum = (list: EventCount[], key: keyof EventCount) =>
    list.reduce((total, event) => total + event[key], 0);
  return {
    rowsPerAffectedRow: sum(mountedEvents, 'rowRenders') / sum(mountedEvents, 'affectedMounted'),
    listRenders: sum(all, 'listRenders'),
    unmountedRowRenders: sum(unmountedEvents, 'rowRenders'),
    unaffectedRowRenders: sum(all, 'unaffectedRowRenders'),
    events,
  };
}
