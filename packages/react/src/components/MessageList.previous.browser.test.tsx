import type { ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { screen, waitFor } from '@testing-library/dom';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { createWorld, nextFrame, Providers, renderApp, settle, untilStill } from './testWorld.test';
import { HISTORY_WINDOW } from './useHistoryWindow';

/*
 * `renderMessage(message, previous)`: day separators and sender groups drawn from the message above,
 * and rows rendered again exactly when their message, the message above it or `renderMessage`
 * changes.
 */

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world, { isFocused: true });

const DAY = 86_400_000;
const ROW = 30;
/** The server's time: noon (UTC) of a day in 2024, 100 ms more per message. */
let time = 0;
const nextDay = () => {
  time += DAY;
};
/** The day of a message, in UTC so the test does not depend on the machine's time zone. */
const dayOf = (message: ReceiptMessage) => Math.floor(message.createTime / DAY);
const textOf = (message: ReceiptMessage) =>
  (message as { text?: string }).text ?? message.messageClientId;

/**
 * A `renderMessage` that draws a day separator above the first message of a day and the sender's
 * name on the first message of a run, from `previous`; it counts its calls and the receipt commits
 * (React Profiler) per message.
 */
function dayAndSenderRows() {
  const previousIds = new Map<string, (string | undefined)[]>();
  const receiptCommits = new Map<string, number>();
  const renderMessage = (message: ReceiptMessage, previous: ReceiptMessage | undefined) => {
    const id = message.messageClientId;
    previousIds.set(id, [...(previousIds.get(id) ?? []), previous?.messageClientId]);
    const isNewDay = !previous || dayOf(previous) !== dayOf(message);
    const isNewSender = isNewDay || previous.senderId !== message.senderId;
    return (
      <div data-testid={id} style={{ height: ROW }}>
        {isNewDay && <span data-day="">{`day ${dayOf(message)} `}</span>}
        {isNewSender && <b data-sender="">{`${message.senderId}: `}</b>}
        {textOf(message)}
        <Profiler
          id={id}
          onRender={() => void receiptCommits.set(id, (receiptCommits.get(id) ?? 0) + 1)}
        >
          <ReadTick message={message} />
        </Profiler>
      </div>
    );
  };
  return {
    renderMessage,
    /** How often each message's row content rendered since the last reset. */
    renders: (messages: readonly ReceiptMessage[]) =>
      messages.map((message) => previousIds.get(message.messageClientId)?.length ?? 0),
    /** The `previous` each message's row content was last rendered with (its client id). */
    lastPrevious: (message: ReceiptMessage) => previousIds.get(message.messageClientId)?.at(-1),
    /** Every `previous` each render of a message's row content got. */
    previousOf: (message: ReceiptMessage) => previousIds.get(message.messageClientId) ?? [],
    receiptCommits: (messages: readonly ReceiptMessage[]) =>
      messages.map((message) => receiptCommits.get(message.messageClientId) ?? 0),
    reset: () => {
      previousIds.clear();
      receiptCommits.clear();
    },
  };
}

/** What each message's row shows, "day 19725 alice: hello" or "hello", as the reader sees it. */
function shown(messages: readonly ReceiptMessage[]) {
  return messages.map((message) => screen.getByTestId(message.messageClientId).textContent);
}

/** What each row should show, worked out from the array itself (the message before in it). */
function expected(messages: readonly ReceiptMessage[]) {
  return messages.map((message, index) => {
    const before = messages[index - 1];
    const isNewDay = !before || dayOf(before) !== dayOf(message);
    const isNewSender = isNewDay || before.senderId !== message.senderId;
    return `${isNewDay ? `day ${dayOf(message)} ` : ''}${isNewSender ? `${message.senderId}: ` : ''}${textOf(message)}`;
  });
}

/** Alice, Bob and a world whose server clock the test moves on by days. */
function chatWorld() {
  time = Date.UTC(2024, 0, 2, 12);
  world = createWorld({ now: () => (time += 100) });
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const send = (client: MemoryClient, text: string) =>
    world.send(client, {
      conversationId: client === alice ? 'alice|1|bob' : 'bob|1|alice',
      text,
    });
  return { alice, bob, send };
}

/** `count` messages in runs of three per sender (Alice first), all on one day; Alice's copies. */
async function runsOfThree(count: number) {
  const { alice, bob, send } = chatWorld();
  for (let index = 0; index < count; index++) {
    await send(index % 6 < 3 ? alice : bob, `m${index}`);
  }
  return { alice, bob, messages: await world.history(alice, 'alice|1|bob') };
}

addStyle(`
  .previous-list { height: ${24 * ROW}px; width: 400px; }
  .previous-list-short { height: ${10 * ROW}px; width: 400px; }
`);

/**
 * Alice's list, tall enough for every row of the short histories to be mounted (`isShort`: ten rows
 * high); returns `show` to pass other messages, as the app re-renders.
 */
function renderAlicesList(
  alice: MemoryClient,
  messages: readonly ReceiptMessage[],
  renderMessage: (message: ReceiptMessage, previous: ReceiptMessage | undefined) => ReactNode,
  { isShort = false } = {},
) {
  const engine = world.engineFor(alice);
  const ui = (shownMessages: readonly ReceiptMessage[]) => (
    <Providers engine={engine}>
      <MessageList
        className={isShort ? 'previous-list-short' : 'previous-list'}
        conversationId="alice|1|bob"
        messages={shownMessages}
        renderMessage={renderMessage}
        estimateSize={() => ROW}
      />
    </Providers>
  );
  const app = renderApp(ui(messages));
  return { show: (next: readonly ReceiptMessage[]) => app.rerender(ui(next)) };
}

/** Deliveries done and nothing rendered for a few frames. */
async function quiet(rows: ReturnType<typeof dayAndSenderRows>, messages: ReceiptMessage[]) {
  await settle(world.server);
  await untilStill(() => rows.renders(messages).reduce((sum, count) => sum + count, 0));
}

describe('MessageList renderMessage(message, previous)', () => {
  it('draws day separators and sender groups from the message above', async () => {
    const { alice, bob, send } = chatWorld();
    await send(alice, 'a1');
    await send(alice, 'a2');
    await send(bob, 'b1');
    nextDay();
    await send(bob, 'b2');
    await send(bob, 'b3');
    await send(alice, 'a3');
    await send(alice, 'a4');
    const messages = await world.history(alice, 'alice|1|bob');
    const rows = dayAndSenderRows();
    renderAlicesList(alice, messages, rows.renderMessage);
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(4));

    const [first, second] = [dayOf(messages[0]!), dayOf(messages[3]!)];
    expect(second).toBe(first + 1);
    expect(shown(messages)).toEqual([
      `day ${first} alice: a1`,
      'a2',
      'bob: b1',
      `day ${second} bob: b2`,
      'b3',
      'alice: a3',
      'a4',
    ]);
    expect(messages.map(rows.lastPrevious)).toEqual([
      undefined,
      ...messages.slice(0, -1).map((message) => message.messageClientId),
    ]);
  });

  it('older history prepended renders the formerly oldest row again with its new previous, and no other row that was there', async () => {
    const { alice, messages } = await runsOfThree(20);
    const rows = dayAndSenderRows();
    const list = renderAlicesList(alice, messages.slice(10), rows.renderMessage);
    await quiet(rows, messages);
    const formerlyOldest = messages[10]!;
    expect(screen.getByTestId(formerlyOldest.messageClientId).textContent).toMatch(/^day \d+ bob/);
    const row = screen.getByTestId(formerlyOldest.messageClientId);
    rows.reset();

    list.show(messages);
    await quiet(rows, messages);
    // The ten older rows mount; m10 (Bob's, like m9 on the same day) loses its separator and name.
    expect(rows.renders(messages)).toEqual([...Array(10).fill(1), 1, ...Array(9).fill(0)]);
    expect(rows.lastPrevious(formerlyOldest)).toBe(messages[9]!.messageClientId);
    expect(screen.getByTestId(formerlyOldest.messageClientId).textContent).toBe('m10');
    // Rendered again in place, not mounted anew.
    expect(screen.getByTestId(formerlyOldest.messageClientId)).toBe(row);
    expect(shown(messages)).toEqual(expected(messages));
  });

  it('a message appended renders only its own row, grouped with the row above, which does not render', async () => {
    const { alice, messages } = await runsOfThree(20);
    const rows = dayAndSenderRows();
    const list = renderAlicesList(alice, messages.slice(0, 19), rows.renderMessage);
    await quiet(rows, messages);
    rows.reset();

    list.show(messages);
    await quiet(rows, messages);
    expect(rows.renders(messages)).toEqual([...Array(19).fill(0), 1]);
    // m19 follows Alice's m18 on the same day: no separator, no name.
    expect(rows.lastPrevious(messages[19]!)).toBe(messages[18]!.messageClientId);
    expect(shown(messages)).toEqual(expected(messages));
    expect(shown(messages).at(-1)).toBe('m19');
  });

  it('a new copy of a message renders its row and the one below; its removal only the one below', async () => {
    const { alice, messages } = await runsOfThree(12);
    const rows = dayAndSenderRows();
    const list = renderAlicesList(alice, messages, rows.renderMessage);
    await quiet(rows, messages);
    rows.reset();

    // The app replaces m5 with an updated copy (same message, new object).
    const copied = messages.map((message, index) => (index === 5 ? { ...message } : message));
    list.show(copied);
    await quiet(rows, copied);
    expect(rows.renders(copied)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(rows.lastPrevious(copied[6]!)).toBe(copied[5]!.messageClientId);
    rows.reset();

    // m5 is recalled: m6 now follows m4.
    const removed = copied.filter((_, index) => index !== 5);
    list.show(removed);
    await quiet(rows, removed);
    expect(rows.renders(removed)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(rows.lastPrevious(removed[5]!)).toBe(removed[4]!.messageClientId);
    expect(shown(removed)).toEqual(expected(removed));
  });

  it("gives the first row of a long history's window the message before it in the app's array", async () => {
    const { alice } = chatWorld();
    // Alice's own messages, 10 ms apart on one day: only the very first shows a separator and name.
    const count = HISTORY_WINDOW + 300;
    const messages: ReceiptMessage[] = Array.from({ length: count }, (_, index) => ({
      messageClientId: `c${index}`,
      messageServerId: `s${index}`,
      createTime: time + index * 10,
      senderId: 'alice',
      receiverId: 'bob',
      conversationType: 1,
      conversationId: 'alice|1|bob',
      isSelf: true,
    }));
    const rows = dayAndSenderRows();
    renderAlicesList(alice, messages, rows.renderMessage, { isShort: true });
    await quiet(rows, messages);
    const scroller = document.querySelector('.readmark-message-scroller') as HTMLElement;
    expect(scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW);

    // At the window's top, its first row (c300) renders before the window grows (in the frame
    // after): seen from the scroll event, after the virtualizer's own listener rendered the rows.
    const firstOfWindow = messages[count - HISTORY_WINDOW]!;
    const atTop = new Promise<{ id?: string; text: string | null }>((resolve) => {
      scroller.addEventListener(
        'scroll',
        () => {
          const row = scroller.querySelector<HTMLElement>('[data-index="0"] [data-testid]');
          resolve({ id: row?.dataset.testid, text: row?.textContent ?? null });
        },
        { once: true },
      );
    });
    scroller.scrollTop = 0;
    expect(await atTop).toEqual({ id: firstOfWindow.messageClientId, text: 'c300' });
    // The window then grows to the whole history: c300's previous stays c299, so it renders no more.
    await waitFor(() => expect(scroller.scrollHeight).toBe(count * ROW));
    await quiet(rows, messages);
    await nextFrame();
    expect(rows.previousOf(firstOfWindow)).toEqual(['c299']);
    const onScreen = [...scroller.querySelectorAll<HTMLElement>('[data-testid]')].map(
      (row) => messages[Number(row.dataset.testid!.slice(1))]!,
    );
    expect(onScreen.length).toBeGreaterThan(5);
    expect(onScreen.map((message) => textOf(message))).toContain('c300');
    expect(onScreen.map(rows.lastPrevious)).toEqual(
      onScreen.map((message) => `c${Number(message.messageClientId.slice(1)) - 1}`),
    );
  });

  it('a receipt re-renders only the ticks it changes, and no row: separators and groups stay', async () => {
    const { alice, bob, messages } = await runsOfThree(15);
    const rows = dayAndSenderRows();
    renderAlicesList(alice, messages, rows.renderMessage);
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(9));
    await quiet(rows, messages);
    expect(shown(messages)).toEqual(expected(messages));
    rows.reset();

    // Bob acknowledges Alice's m8, which covers her m0-m2 and m6-m8 (SPEC P2), not m12-m14.
    const bobsCopies = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(bobsCopies[8] as never);
    await settle(world.server);
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Read' })).toHaveLength(6));
    await quiet(rows, messages);

    expect(rows.receiptCommits(messages)).toEqual([
      ...[1, 1, 1, 0, 0, 0],
      ...[1, 1, 1, 0, 0, 0],
      ...[0, 0, 0],
    ]);
    expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(3);
    expect(rows.renders(messages)).toEqual(Array(15).fill(0));
    expect(shown(messages)).toEqual(expected(messages));
  });
});
