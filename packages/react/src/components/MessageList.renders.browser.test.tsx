import type { ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { screen, waitFor } from '@testing-library/dom';
import { Profiler, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageList, type MessageListProps } from './MessageList';
import { ReadTick } from './ReadTick';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  settle,
  untilStill,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

let world: ReturnType<typeof createWorld>;
beforeEach(() => {
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

/**
 * Counts, per message, how often the row content was rendered (`renderMessage` calls) and how often the
 * receipt inside it committed (React Profiler). Rows are short so every row is mounted.
 */
function counters() {
  const rowRenders = new Map<string, number>();
  const receiptCommits = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const renderMessage = (message: ReceiptMessage) => {
    bump(rowRenders, message.messageClientId);
    return (
      <div style={{ height: 24 }}>
        {message.messageClientId}
        <Profiler
          id={message.messageClientId}
          onRender={(id) => {
            bump(receiptCommits, id);
          }}
        >
          <ReadTick message={message} />
          <UnreadBadge message={message} onOpen={() => {}} />
        </Profiler>
      </div>
    );
  };
  const reset = () => {
    rowRenders.clear();
    receiptCommits.clear();
  };
  const of = (map: Map<string, number>, messages: ReceiptMessage[]) =>
    messages.map((message) => map.get(message.messageClientId) ?? 0);
  return { renderMessage, reset, rowRenders, receiptCommits, of };
}

const listRenders = { count: 0 };
/** Called as a function, MessageList's hooks belong to this component: one call = one render. */
function CountedList(props: MessageListProps<ReceiptMessage>) {
  listRenders.count++;
  return MessageList(props);
}

/** Alice's list of `messages` (her own) in a frame `height` px tall, so every row is mounted. */
function renderAlicesList(
  alice: MemoryClient,
  {
    conversationId,
    messages,
    renderMessage,
    height,
  }: {
    conversationId: string;
    messages: ReceiptMessage[];
    renderMessage: (message: ReceiptMessage) => ReactNode;
    height: number;
  },
) {
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div style={{ height }}>
        <MessageList
          conversationId={conversationId}
          messages={messages}
          renderMessage={renderMessage}
        />
      </div>
    </Providers>,
  );
}

/** Team t1 of Alice and `memberIds` (all logged in), and Alice's `count` flagged messages in it. */
async function teamWorld(memberIds: string[], count: number) {
  world = createWorld();
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', ...memberIds] });
  const alice = world.server.login('alice');
  const readers = memberIds.map((id) => world.server.login(id));
  for (let index = 0; index < count; index++) {
    await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: `g${index}`,
      isReceiptRequested: true,
    });
  }
  const mine = await world.history(alice, 'alice|2|t1');
  return { alice, readers, mine };
}

describe('MessageList render counts', () => {
  it('a P2P receipt re-renders only the ticks whose status changed, and no row', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 0; index < 20; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
    }
    const mine = await world.history(alice, 'alice|1|bob');
    const count = counters();
    renderAlicesList(alice, {
      conversationId: 'alice|1|bob',
      messages: mine,
      renderMessage: count.renderMessage,
      height: 800,
    });
    await settle(world.server);
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(20));
    count.reset();

    // Bob acknowledges the 10th message: it covers messages 1-10 (SPEC P2).
    const bobsCopies = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(bobsCopies[9] as never);
    await settle(world.server);
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Read' })).toHaveLength(10));

    expect(count.of(count.receiptCommits, mine)).toEqual([
      ...Array(10).fill(1),
      ...Array(10).fill(0),
    ]);
    expect(count.of(count.rowRenders, mine)).toEqual(Array(20).fill(0));
  });

  it('a burst of team receipts re-renders only the badge of the message read, once per event', async () => {
    const memberIds = Array.from({ length: 59 }, (_, index) => `u${index}`);
    const { alice, readers, mine } = await teamWorld(memberIds, 5);
    const count = counters();
    renderAlicesList(alice, {
      conversationId: 'alice|2|t1',
      messages: mine,
      renderMessage: count.renderMessage,
      height: 400,
    });
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /59 unread of 59/ })).toHaveLength(5),
    );
    await settle(world.server);
    count.reset();

    // Every member reads the third message, one receipt (and one event to Alice) at a time.
    for (const reader of readers) {
      const copies = await world.history(reader, `${reader.accountId}|2|t1`);
      const third = copies.find((message) => message.messageClientId === mine[2]!.messageClientId);
      await reader.V2NIMMessageService.sendTeamMessageReceipts([third as never]);
      await settle(world.server);
    }
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /All read by 59/ })).toHaveLength(1),
    );

    expect(count.of(count.receiptCommits, mine)).toEqual([0, 0, 59, 0, 0]);
    expect(count.of(count.rowRenders, mine)).toEqual([0, 0, 0, 0, 0]);
  });

  it('a team count that leaves the status unchanged re-renders the badge but not the tick', async () => {
    const { alice, readers, mine } = await teamWorld(['u1', 'u2', 'u3'], 1);
    const tickCommits: string[] = [];
    const badgeCommits: string[] = [];
    renderAlicesList(alice, {
      conversationId: 'alice|2|t1',
      messages: mine,
      renderMessage: (message) => (
        <div>
          <Profiler id="tick" onRender={(_, phase) => void tickCommits.push(phase)}>
            <ReadTick message={message} />
          </Profiler>
          <Profiler id="badge" onRender={(_, phase) => void badgeCommits.push(phase)}>
            <UnreadBadge message={message} onOpen={() => {}} />
          </Profiler>
        </div>
      ),
      height: 400,
    });
    await waitFor(() => expect(screen.getByRole('button', { name: /3 unread of 3/ })).toBeTruthy());
    await settle(world.server);
    tickCommits.length = 0;
    badgeCommits.length = 0;

    for (const [index, reader] of readers.entries()) {
      const [copy] = await world.history(reader, `${reader.accountId}|2|t1`);
      await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
      await settle(world.server);
      // 2 and 1 unread: the tick still says "Sent" and is not rendered again.
      if (index < 2) expect(tickCommits).toEqual([]);
    }
    await waitFor(() => expect(screen.getByRole('img', { name: 'Read' })).toBeTruthy());
    expect(tickCommits).toEqual(['update']);
    expect(badgeCommits).toEqual(['update', 'update', 'update']);
  });

  it('a list nothing happens in renders nothing more once it has settled', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    world.server.login('bob');
    for (let index = 0; index < 5; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
    }
    const mine = await world.history(alice, 'alice|1|bob');
    let listCommits = 0;
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <div style={{ height: 400 }}>
          <Profiler id="list" onRender={() => void listCommits++}>
            <MessageList
              conversationId="alice|1|bob"
              messages={mine}
              renderMessage={(message) => <ReadTick message={message} />}
            />
          </Profiler>
        </div>
      </Providers>,
    );
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(5));
    await settle(world.server);
    await untilStill(() => listCommits);
    listCommits = 0;

    // Longer than the new-messages announcement waits for a burst to settle (1 s): with no new
    // messages it has nothing to say, and no timer renders the list again. (One commit a second
    // after every mount, it also landed in the middle of the scrolling test below on a slow machine.)
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(listCommits).toBe(0);
    expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(5);
  });

  it('scrolling renders the list once per change of the rows on screen, and those rows are always there', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    world.server.login('bob');
    for (let index = 0; index < 120; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
    }
    const mine = await world.history(alice, 'alice|1|bob');
    const rowHeight = 40;
    const style = document.createElement('style');
    style.textContent = '.scroll-count-list { height: 400px; width: 400px; }';
    document.head.append(style);
    let listCommits = 0;
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <div>
          <Profiler id="list" onRender={() => void listCommits++}>
            <CountedList
              className="scroll-count-list"
              conversationId="alice|1|bob"
              messages={mine}
              renderMessage={(message) => (
                <div style={{ height: rowHeight }}>{message.messageClientId}</div>
              )}
              estimateSize={() => rowHeight}
            />
          </Profiler>
        </div>
      </Providers>,
    );
    const scroller = document.querySelector('.readmark-message-scroller') as HTMLElement;
    await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
    await settle(world.server);
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    await frame();
    listCommits = 0;
    listRenders.count = 0;

    // 40 frames, one row (40 px) up per frame: the visible rows change on every frame.
    const steps = 40;
    for (let step = 0; step < steps; step++) {
      scroller.scrollTop -= rowHeight;
      await frame();
      const first = Math.floor(scroller.scrollTop / rowHeight);
      const last = Math.floor((scroller.scrollTop + scroller.clientHeight - 1) / rowHeight);
      const mounted = new Set(
        [...scroller.querySelectorAll<HTMLElement>('[data-index]')].map((row) =>
          Number(row.dataset.index),
        ),
      );
      for (let index = first; index <= last; index++) expect(mounted.has(index)).toBe(true);
    }
    // One commit per frame, each mounting the row that scrolled in (rows are positioned without
    // React), plus one when the list leaves the end (its "at the end" state). Only the rows are
    // rendered on scroll frames: the list itself renders once, for leaving the end. (It was two list
    // renders per frame while that state was set on every frame, then one per frame.)
    expect(scroller.closest('[data-at-end]')?.getAttribute('data-at-end')).toBe('false');
    expect(listCommits).toBe(steps + 1);
    expect(listRenders.count).toBe(1);
    style.remove();
  });
});
