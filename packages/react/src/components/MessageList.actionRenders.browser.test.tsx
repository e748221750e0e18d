import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { describe, expect, it } from 'vitest';
import { ReceiptProvider } from '../ReceiptProvider';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList, type MessageListProps } from './MessageList';
import { ReadTick, type ReadTickProps } from './ReadTick';
import { recordRowRenders } from './recordRowRenders.test';
import { renderApp, settle, untilStill } from './testWorld.test';
import { UnreadBadge, type UnreadBadgeProps } from './UnreadBadge';

/**
 * Render counts of everyday actions other than receipts (MessageList.renders covers those): each
 * action renders the list once, and only the rows, ticks and badges it changes. Counted as calls of
 * the component functions, so a render React repeats at once (a state update during render) counts.
 */
const world = listWorldPerTest('action-list');
const count = { list: 0, content: 0, tick: 0, badge: 0 };
/** The messages whose row wrapper (the feed's article around the app's content) rendered. */
const articles = recordRowRenders();
const reset = () => {
  Object.assign(count, { list: 0, content: 0, tick: 0, badge: 0 });
  articles.length = 0;
};

/** Called as functions, the components' hooks belong to these wrappers: one call = one render. */
function CountedList(props: MessageListProps<ReceiptMessage>) {
  count.list++;
  return MessageList(props);
}
function CountedTick(props: ReadTickProps) {
  count.tick++;
  return ReadTick(props);
}
function CountedBadge(props: UnreadBadgeProps) {
  count.badge++;
  return UnreadBadge(props);
}
const open = () => {};
const renderMessage = (message: ReceiptMessage) => {
  count.content++;
  return (
    <div style={{ height: 40 }}>
      {message.messageClientId}
      <CountedTick message={message} />
      <CountedBadge message={message} onOpen={open} />
    </div>
  );
};

function Chat(props: {
  engine: ReceiptEngine;
  conversationId?: string | undefined;
  messages: ReceiptMessage[];
  locale?: string | undefined;
  isRetitled?: boolean | undefined;
}) {
  return (
    <ReceiptProvider
      engine={props.engine}
      locale={props.locale}
      // Inline, as apps write it: a new object each render, with the same text.
      strings={props.isRetitled ? { messageListLabel: 'Team chat' } : undefined}
    >
      <CountedList
        className="action-list"
        conversationId={props.conversationId ?? 'alice|2|t1'}
        messages={props.messages}
        renderMessage={renderMessage}
      />
    </ReceiptProvider>
  );
}

/** Team t1 of Alice, Bob and Carol, 20 flagged messages taking turns, shown in Alice's list. */
async function chat() {
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob', 'carol'] });
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const carol = world.server.login('carol');
  for (let index = 0; index < 20; index++) {
    const sender = index % 2 ? bob : alice;
    await world.send(sender, {
      conversationId: `${sender.accountId}|2|t1`,
      text: `m${index}`,
      isReceiptRequested: true,
    });
  }
  const messages = await world.history(alice, 'alice|2|t1');
  const engine = world.engineFor(alice);
  const app = renderApp(<Chat engine={engine} messages={messages} />);
  await quiet();
  /** Alice's copy of a message just sent by `sender`. */
  const newest = async (sender: typeof bob, text: string) => {
    await world.send(sender, {
      conversationId: `${sender.accountId}|2|t1`,
      text,
      isReceiptRequested: true,
    });
    return (await world.history(alice, 'alice|2|t1')).at(-1)!;
  };
  const show = (shown: ReceiptMessage[], locale?: string, isRetitled?: boolean) =>
    app.rerender(<Chat engine={engine} messages={shown} locale={locale} isRetitled={isRetitled} />);
  /** Shows another conversation's messages in the same list, as an app's chat switcher does. */
  const open = (conversationId: string, shown: ReceiptMessage[]) =>
    app.rerender(<Chat engine={engine} conversationId={conversationId} messages={shown} />);
  return { alice, bob, carol, messages, newest, show, open };
}

/** Deliveries done and nothing rendered for a few frames. */
async function quiet() {
  await settle(world.server);
  await untilStill(() => count.list + count.content + count.tick + count.badge);
}

const scroller = () => document.querySelector('.readmark-message-scroller') as HTMLElement;
const mountedRows = () => scroller().querySelectorAll('[data-index]').length;
/** The client ids of the mounted rows' messages, by their place in the list. */
const mountedIds = (shown: ReceiptMessage[]) =>
  [...scroller().querySelectorAll<HTMLElement>('[data-index]')]
    .map((row) => Number(row.dataset.index))
    .sort((a, b) => a - b)
    .map((index) => shown[index]!.messageClientId);
/** What a screen reader hears of each mounted row: "message <posinset> of <setsize>". */
const feedPlaces = () =>
  [...scroller().querySelectorAll<HTMLElement>('article')].map((row) => [
    row.getAttribute('aria-posinset'),
    row.getAttribute('aria-setsize'),
  ]);
/** What each mounted row must say among `total` messages: its index + 1, of `total`. */
const placesAmong = (total: number) =>
  [...scroller().querySelectorAll<HTMLElement>('article')].map((row) => [
    String(Number(row.dataset.index) + 1),
    String(total),
  ]);

describe('MessageList render counts of everyday actions', () => {
  it('a message appended at the end renders the list once and only the new row', async () => {
    const { bob, messages, newest, show } = await chat();
    const incoming = await newest(bob, 'hi');
    reset();
    show([...messages, incoming]);
    await quiet();
    // Twice for the list while a render-time update marked the newest message seen at the end.
    expect(count).toEqual({ list: 1, content: 1, tick: 1, badge: 1 });
  });

  it('a message appended while scrolled up renders the list once (its pill) and no row', async () => {
    const { bob, messages, newest, show } = await chat();
    // At the top, the end is more than the overscan away: the new row is not mounted.
    scroller().scrollTop = 0;
    await quiet();
    const incoming = await newest(bob, 'hi');
    reset();
    show([...messages, incoming]);
    await quiet();
    expect(screen.getByRole('button', { name: /1 new message/ })).toBeTruthy();
    expect(count).toEqual({ list: 1, content: 0, tick: 0, badge: 0 });
  });

  it('a send renders only its own row: appended sending, replaced by the sent copy, then read', async () => {
    const { bob, carol, messages, newest, show } = await chat();
    const sent = await newest(world.server.login('alice'), 'mine');
    const sending = { ...sent, messageServerId: '', sendingState: 3 as const };
    reset();
    show([...messages, sending]);
    await quiet();
    expect(count).toEqual({ list: 1, content: 1, tick: 1, badge: 1 });

    reset();
    show([...messages, sent]);
    const row = () => screen.getByText(sent.messageClientId, { exact: false });
    await waitFor(() => expect(row().textContent).toMatch(/2 unread/));
    await quiet();
    // The badge twice: loading its counts, then the counts.
    expect(count).toEqual({ list: 1, content: 1, tick: 1, badge: 2 });

    reset();
    for (const reader of [bob, carol]) {
      const copies = await world.history(reader, `${reader.accountId}|2|t1`);
      const copy = copies.find((message) => message.messageClientId === sent.messageClientId);
      await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
      await quiet();
    }
    await waitFor(() => expect(row().textContent).toMatch(/All read/));
    expect(count).toEqual({ list: 0, content: 0, tick: 1, badge: 2 });
  });

  it('older history prepended renders the list once, the rows it mounts and the formerly oldest row', async () => {
    const { messages, show } = await chat();
    show(messages.slice(10));
    await quiet();
    reset();
    show(messages);
    await quiet();
    // The prepended rows that mount (those in the overscan above the view) render, and the row that
    // was the oldest, whose `previous` is now the message above it; no other.
    const prepended = [...scroller().querySelectorAll<HTMLElement>('[data-index]')].filter(
      (row) => Number(row.dataset.index) < 10,
    ).length;
    expect(prepended).toBeGreaterThan(0);
    expect(scroller().querySelector('[data-index="10"]')).not.toBeNull();
    const rendered = prepended + 1;
    expect(count).toEqual({ list: 1, content: rendered, tick: rendered, badge: rendered });
  });

  it('the same props again render the list once and no row; another locale only the badges', async () => {
    const { messages, show } = await chat();
    reset();
    show(messages);
    await quiet();
    expect(count).toEqual({ list: 1, content: 0, tick: 0, badge: 0 });

    reset();
    show(messages, 'zh-CN');
    await quiet();
    // Badges read the strings themselves (ticks through StatusTick, not counted here); the rows'
    // content does not.
    expect(count).toEqual({ list: 1, content: 0, tick: 0, badge: mountedRows() });
  });

  it('inline strings with the same text render no badge again; other text renders every badge', async () => {
    const { messages, show } = await chat();
    show(messages, undefined, true);
    await quiet();
    const labelId = scroller().getAttribute('aria-labelledby')!;
    expect(document.getElementById(labelId)?.textContent).toBe('Team chat');
    reset();
    show(messages, undefined, true);
    await quiet();
    expect(count).toEqual({ list: 1, content: 0, tick: 0, badge: 0 });

    reset();
    show(messages);
    await quiet();
    expect(count).toEqual({ list: 1, content: 0, tick: 0, badge: mountedRows() });
  });

  it("a new or removed message renders no other row for the feed's new size, which every row still says", async () => {
    // Each row is an article of the list's feed with `aria-setsize`, the number of messages: every
    // append and every removal changed it, and rendered every mounted row again for it.
    const { bob, messages, newest, show } = await chat();
    const incoming = await newest(bob, 'hi');
    reset();
    show([...messages, incoming]);
    await quiet();
    expect(articles).toEqual([incoming.messageClientId]);
    expect(count).toEqual({ list: 1, content: 1, tick: 1, badge: 1 });
    expect(feedPlaces()).toEqual(placesAmong(21));

    // Removed again: the rows move down, and only a row that comes into view above renders.
    const mountedBefore = mountedIds([...messages, incoming]);
    reset();
    show(messages);
    await quiet();
    const mounting = mountedIds(messages).filter((id) => !mountedBefore.includes(id));
    expect(articles).toEqual(mounting);
    const rendered = mounting.length;
    expect(count).toEqual({ list: 1, content: rendered, tick: rendered, badge: rendered });
    expect(feedPlaces()).toEqual(placesAmong(20));

    // Scrolled up, the new row is not mounted: no row renders.
    scroller().scrollTop = 0;
    await quiet();
    reset();
    show([...messages, incoming]);
    await quiet();
    expect(articles).toEqual([]);
    expect(feedPlaces()).toEqual(placesAmong(21));
  });

  it('another conversation renders the list once and only the rows it shows, at its end', async () => {
    const { alice, bob, messages, open } = await chat();
    for (let index = 0; index < 5; index++) {
      await world.send(bob, { conversationId: 'bob|1|alice', text: `p${index}` });
    }
    const other = await world.history(alice, 'alice|1|bob');
    // Scrolled up in the team chat, where the list is no longer at its end.
    scroller().scrollTop = 0;
    await quiet();
    const frame = scroller().closest('[data-at-end]')!;
    expect(frame.getAttribute('data-at-end')).toBe('false');
    reset();
    open('alice|1|bob', other);
    expect(frame.getAttribute('data-at-end')).toBe('true');
    await quiet();
    const shown = other.map((message) => message.messageClientId);
    expect(mountedIds(other)).toEqual(shown);
    expect(articles.sort()).toEqual([...shown].sort());
    expect(count).toEqual({ list: 1, content: 5, tick: 5, badge: 5 });
    expect(feedPlaces()).toEqual(placesAmong(5));

    // Back to the team chat: it opens at its end, not scrolled up as it was left, and renders only
    // the rows it shows there. Its rows were first rendered where the short chat was scrolled, at
    // the top, then again at its end: 23 row contents for 14 rows shown, with ticks and badges
    // mounted for rows never seen.
    reset();
    open('alice|2|t1', messages);
    expect(frame.getAttribute('data-at-end')).toBe('true');
    await quiet();
    expect(frame.getAttribute('data-at-end')).toBe('true');
    const backAtEnd = mountedIds(messages);
    expect(backAtEnd.at(-1)).toBe(messages.at(-1)!.messageClientId);
    expect(backAtEnd.length).toBeLessThan(messages.length);
    expect(articles.sort()).toEqual([...backAtEnd].sort());
    const rows = backAtEnd.length;
    expect(count).toEqual({ list: 1, content: rows, tick: rows, badge: rows });
    expect(feedPlaces()).toEqual(placesAmong(20));
  });
});
