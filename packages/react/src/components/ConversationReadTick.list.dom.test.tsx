import { createReceiptEngine, type ReceiptEngine, type ReceiptLastMessage } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { act, cleanup, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSubscriberCounter } from '../../../core/src/testing/leakCounters';
import { countCalls } from '../../../core/src/testing/receiptWorld';
import { ReceiptProvider } from '../ReceiptProvider';
import { ConversationReadTick } from './ConversationReadTick';
import type { RenderTickIcon } from './StatusTick';
import { TickIcon } from './TickIcon';

// `ticks` counts the renders of ConversationReadTick (its one hook) with a pass-through counter,
// not a stand-in: it runs the real hook. `markup` counts the tick's glyphs drawn (one per render of
// its markup), through the public `renderIcon`, which draws the kit's own glyph.
const renders = vi.hoisted(() => ({ ticks: 0, markup: 0 }));
vi.mock('../hooks/useLastMessageStatus', async (importOriginal) => {
  const real = await importOriginal<typeof import('../hooks/useLastMessageStatus')>();
  return {
    useLastMessageStatus: (...args: Parameters<typeof real.useLastMessageStatus>) => {
      renders.ticks++;
      return real.useLastMessageStatus(...args);
    },
  };
});
const countedIcon: RenderTickIcon = (status) => {
  renders.markup++;
  return <TickIcon status={status} />;
};

/** 1,000 one-to-one conversations and 200 teams, my last message (at 100) in each, unread. */
const P2P_ROWS = 1000;
const TEAM_ROWS = 200;
const p2pId = (index: number) => `A|1|U${index}`;

function lastMessageOf(index: number): ReceiptLastMessage {
  const isTeam = index >= P2P_ROWS;
  const receiverId = isTeam ? `T${index}` : `U${index}`;
  return {
    lastMessageState: 0,
    messageType: 0,
    sendingState: 1,
    messageRefer: {
      messageClientId: `c${index}`,
      messageServerId: `s${index}`,
      createTime: 100,
      senderId: 'A',
      receiverId,
      conversationType: isTeam ? 2 : 1,
      conversationId: `A|${isTeam ? 2 : 1}|${receiverId}`,
    },
  };
}

/**
 * Alice's device on the memory server, through the real NIM transport, its calls counted (each one
 * would be a request on an HTTP backend); `deliver` hands the engine an event as NIM's login sync
 * does. Every receipt time starts at 0, before the last messages.
 */
function aliceDevice() {
  const server = createMemoryServer();
  const counted = countCalls(createNimTransport(server.login('A')));
  const reads = () => ({
    getP2PMessageReceipt: counted.calls.getP2PMessageReceipt.length,
    getSelfReadTime: counted.calls.getSelfReadTime.length,
  });
  return { ...counted, server, reads };
}

interface Row {
  id: number;
  lastMessage: ReceiptLastMessage;
}

let setRows: (rows: Row[]) => void = () => {};
/** The app's conversation list: rows keyed by conversation, each with its name and the tick. */
function ConversationList({ initial }: { initial: Row[] }) {
  const [rows, set] = useState(initial);
  setRows = set;
  return (
    <ul>
      {rows.map((row) => (
        <li key={row.id}>
          conversation {row.id}{' '}
          <ConversationReadTick lastMessage={row.lastMessage} renderIcon={countedIcon} />
        </li>
      ))}
    </ul>
  );
}

const tickCount = (container: HTMLElement, status: string) =>
  container.querySelectorAll(`[data-status="${status}"]`).length;

let engine: ReceiptEngine;
afterEach(() => {
  cleanup();
  engine?.dispose();
});

describe('ConversationReadTick in a list of 1,200 conversations', () => {
  let world: ReturnType<typeof aliceDevice>;
  let rows: Row[];
  const subscribers = createSubscriberCounter();
  const mount = async () => {
    const view = render(
      <ReceiptProvider engine={engine}>
        <ConversationList initial={rows} />
      </ReceiptProvider>,
    );
    await act(() => world.server.settle());
    return view;
  };
  const counting = async (change: () => void) => {
    renders.ticks = 0;
    renders.markup = 0;
    await act(async () => change());
    return { ...renders };
  };

  beforeEach(() => {
    world = aliceDevice();
    engine = createReceiptEngine({ transport: world.transport, accountId: 'A' });
    subscribers.instrument(engine);
    rows = Array.from({ length: P2P_ROWS + TEAM_ROWS }, (_, id) => ({
      id,
      lastMessage: lastMessageOf(id),
    }));
  });

  it('asks each one-to-one conversation’s receipt time once, and nothing else, even remounted', async () => {
    const before = subscribers.live();
    const view = await mount();
    expect(tickCount(view.container, 'sent')).toBe(P2P_ROWS);
    // One call and one store subscription per one-to-one row; team rows cost nothing. The account's
    // own read time is not asked: a row does not send receipts.
    expect(world.reads()).toEqual({ getP2PMessageReceipt: P2P_ROWS, getSelfReadTime: 0 });
    expect(subscribers.live() - before).toBe(P2P_ROWS);

    // Scrolled away and back (a virtualized list unmounts rows), or the list remounted: no call.
    await act(async () => setRows(rows.slice(0, 10)));
    expect(subscribers.live() - before).toBe(10);
    await act(async () => setRows(rows));
    view.unmount();
    await mount();
    expect(world.reads()).toEqual({ getP2PMessageReceipt: P2P_ROWS, getSelfReadTime: 0 });
  });

  it('renders one tick per conversation whose receipt arrives, one event or 500 at once', async () => {
    const view = await mount();
    expect(
      await counting(() =>
        world.deliver({
          type: 'p2pReceipts',
          receipts: [{ conversationId: p2pId(3), timestamp: 100 }],
        }),
      ),
    ).toEqual({ ticks: 1, markup: 1 });

    // The login sync: one event with 500 receipts, 100 of them before the last message.
    const receipts = Array.from({ length: 500 }, (_, index) => ({
      conversationId: p2pId(10 + index),
      timestamp: index < 400 ? 100 : 99,
    }));
    expect(await counting(() => world.deliver({ type: 'p2pReceipts', receipts }))).toEqual({
      ticks: 400,
      markup: 400,
    });
    expect(tickCount(view.container, 'read')).toBe(401);
  });

  it('renders no tick when the list re-renders or re-sorts, and no tick markup for new objects with the same content', async () => {
    await mount();
    // Re-sorted (a message arrived in another conversation) with the same conversation objects.
    expect(await counting(() => setRows([...rows].reverse()))).toEqual({ ticks: 0, markup: 0 });
    // `onConversationChanged`: every lastMessage a new object with the same content. The tick runs
    // its hook (it cannot know without looking) but neither selects again nor renders its markup.
    const copies = rows.map((row) => ({ id: row.id, lastMessage: lastMessageOf(row.id) }));
    expect(await counting(() => setRows(copies))).toEqual({
      ticks: P2P_ROWS + TEAM_ROWS,
      markup: 0,
    });
    expect(world.reads()).toEqual({ getP2PMessageReceipt: P2P_ROWS, getSelfReadTime: 0 });
  });
});
