import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import {
  aliceHistory,
  cleanupApps,
  type createWorld,
  nextFrame,
  renderAliceApp,
  settle,
} from './testWorld.test';
import { HISTORY_STEP, HISTORY_WINDOW } from './useHistoryWindow';

/*
 * Entries of the app's array that are not messages (null, undefined, strings, numbers: bad data)
 * anywhere in a long history: the list draws the messages around them as if they were not there,
 * and checks only the part of the history it shows (the window), not all of it.
 */

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world);

const ROW = 30;
addStyle('.bad-entries-list { height: 300px; width: 400px; }');

/** Bad data, typed as messages the way an app's untyped JSON reaches the list. */
const junk = (value: unknown) => value as ReceiptMessage;

/** Alice's list of `messages` whose rows show their message's id and their previous message's. */
function renderList(messages: readonly ReceiptMessage[], conversationId = 'alice|1|bob') {
  const listRef = createRef<MessageListHandle>();
  const app = renderAliceApp(
    (shown: readonly ReceiptMessage[]) => (
      <MessageList
        className="bad-entries-list"
        conversationId={conversationId}
        messages={shown as ReceiptMessage[]}
        renderMessage={(message, previous) => (
          <div
            data-testid={message.messageClientId}
            data-previous={previous?.messageClientId ?? 'none'}
            style={{ height: ROW }}
          >
            {message.messageClientId}
          </div>
        )}
        estimateSize={() => ROW}
        listRef={listRef}
      />
    ),
    [messages],
  );
  world = app.world;
  return { scroller: app.scroller, listRef, rerender: app.rerender };
}

/** {@link renderList}, opened at its end and then scrolled up to the top: no longer at the end. */
async function renderScrolledUp(messages: readonly ReceiptMessage[]) {
  const list = renderList(messages);
  await settle(world.server);
  await waitFor(() => expect(list.scroller.scrollTop).toBeGreaterThan(0));
  list.scroller.scrollTop = 0;
  await waitFor(() => expect(atEnd(list.scroller)).toBe('false'));
  return list;
}

const atEnd = (scroller: HTMLElement) =>
  scroller.closest('[data-at-end]')?.getAttribute('data-at-end');

/** The rows in the DOM, oldest first: each message's id and its previous one's. */
function rows(scroller: HTMLElement): [id: string, previous: string][] {
  return [...scroller.querySelectorAll<HTMLElement>('[data-testid]')]
    .map((row) => [row.dataset.testid!, row.dataset.previous!] as [string, string])
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)));
}

/** What each row's previous message should be: the message before it, whatever lies between. */
const previousOf = (id: string) => (id === 'c0' ? 'none' : `c${Number(id.slice(1)) - 1}`);

describe('MessageList with entries that are not messages in a long history', () => {
  it('leaves them out of the window, its first row and its growth, jumps and the rows above', async () => {
    const count = HISTORY_WINDOW + HISTORY_STEP + 300;
    const messages = aliceHistory(count);
    // The history window starts HISTORY_WINDOW entries from the end, which is the 42 here: the list
    // starts it at c{first}, above the two bad entries, instead.
    const first = count - HISTORY_WINDOW + 1;
    const raw = [
      junk(null),
      ...messages.slice(0, 100),
      junk('a string'),
      ...messages.slice(100, first + 1),
      junk(undefined),
      junk(42),
      ...messages.slice(first + 1),
      junk(null),
    ];
    expect(raw.length - HISTORY_WINDOW).toBe(raw.indexOf(junk(42)));
    const list = renderList(raw);
    await settle(world.server);
    await nextFrame();
    await nextFrame();

    // Opens at the newest message; the window holds c{first} and the messages after it, and no
    // row for anything else (the bad entries take no room).
    expect(rows(list.scroller).at(-1)).toEqual([`c${count - 1}`, `c${count - 2}`]);
    expect(list.scroller.scrollHeight).toBe((count - first) * ROW);
    expect(rows(list.scroller).every(([id, previous]) => previous === previousOf(id))).toBe(true);

    // At the window's top, its first row is c{first}, given the message above the bad entries.
    const atTop = new Promise<string[]>((resolve) => {
      list.scroller.addEventListener(
        'scroll',
        () => {
          const row = list.scroller.querySelector<HTMLElement>('[data-index="0"] [data-testid]');
          resolve([row?.dataset.testid ?? '', row?.dataset.previous ?? '']);
        },
        { once: true },
      );
    });
    list.scroller.scrollTop = 0;
    expect(await atTop).toEqual([`c${first}`, `c${first - 1}`]);
    // The window then grows by a step of entries.
    await waitFor(() =>
      expect(list.scroller.scrollHeight).toBe((count - first + HISTORY_STEP) * ROW),
    );

    // A jump lands on its message's row (the bad entries above it in the window take no row), and
    // one older than the window widens the window to it.
    for (const id of [`c${first + 5}`, 'c100', 'c99']) {
      expect(list.listRef.current!.scrollToMessage(id, { align: 'start' })).toBe(true);
      await waitFor(() => {
        const row = screen.getByTestId(id);
        expect(row.getBoundingClientRect().top).toBe(list.scroller.getBoundingClientRect().top);
      });
    }
    expect(list.scroller.scrollHeight).toBe(count * ROW);
    expect(list.listRef.current!.scrollToMessage('')).toBe(false);
    expect(rows(list.scroller).map(([id]) => id)).toContain('c100');
    expect(rows(list.scroller).every(([id, previous]) => previous === previousOf(id))).toBe(true);

    // Up to the oldest message: the first entry, null, has no row either.
    list.scroller.scrollTop = 0;
    await waitFor(() => expect(rows(list.scroller)[0]).toEqual(['c0', 'none']));
    expect(rows(list.scroller).every(([id, previous]) => previous === previousOf(id))).toBe(true);
  });

  it('reads as many entries of a 100,000-message history as of a 3,000-message one to mount it', () => {
    /** Entries of the app's array read during the synchronous mount of `count` messages. */
    const entryReadsMounting = (count: number) => {
      let reads = 0;
      const counted = new Proxy(aliceHistory(count), {
        get(target, property, receiver) {
          if (typeof property === 'string' && /^\d+$/.test(property)) reads++;
          return Reflect.get(target, property, receiver);
        },
      });
      renderList(counted);
      cleanupApps();
      world.dispose();
      return reads;
    };
    // Both show the newest HISTORY_WINDOW messages; checking every entry read all 100,000.
    const reads = entryReadsMounting(3_000);
    expect(reads).toBeLessThan(3 * HISTORY_WINDOW);
    expect(entryReadsMounting(100_000)).toBe(reads);
  });

  it('counts only messages in the "new messages" pill when the newest entries are bad', async () => {
    // Bob's messages to Alice, read by Alice scrolled up, with a bad entry last.
    const fromBob = (count: number, from = 0) =>
      aliceHistory(count, from).map((message) => ({
        ...message,
        senderId: 'bob',
        receiverId: 'alice',
        isSelf: false,
      }));
    const older = [...fromBob(40), junk(null)];
    const list = await renderScrolledUp(older);
    list.rerender([...older, ...fromBob(2, 40), junk('oops'), ...fromBob(1, 42), junk(7)]);
    const pill = await screen.findByRole('button', { name: /new messages?$/ });
    expect(pill).toHaveAccessibleName('3 new messages');
  });

  it("brings the list to the end for the reader's own message sent while scrolled up, with a bad entry after it", async () => {
    const older = aliceHistory(40);
    const list = await renderScrolledUp(older);
    list.rerender([...older, ...aliceHistory(1, 40), junk(undefined)]);
    await waitFor(() => expect(atEnd(list.scroller)).toBe('true'));
    expect(rows(list.scroller).at(-1)).toEqual(['c40', 'c39']);
  });
});

describe('MessageList feed places with entries that are not messages', () => {
  /** `[aria-posinset, aria-setsize, message id]` of each rendered article, top to bottom. */
  const places = (scroller: HTMLElement) =>
    [...scroller.querySelectorAll<HTMLElement>('article')]
      .map((article) => [
        Number(article.getAttribute('aria-posinset')),
        Number(article.getAttribute('aria-setsize')),
        article.querySelector<HTMLElement>('[data-testid]')!.dataset.testid!,
      ])
      .sort(([a], [b]) => Number(a) - Number(b));

  it('numbers the messages "1 of 5" to "5 of 5" around bad entries, as screen readers count the articles', async () => {
    const [c0, c1, c2, c3, c4] = aliceHistory(5);
    const list = renderList([junk(null), c0!, junk(7), c1!, c2!, junk(null), c3!, c4!, junk(null)]);
    await settle(world.server);
    await nextFrame();
    await nextFrame();
    expect(places(list.scroller)).toEqual([
      [1, 5, 'c0'],
      [2, 5, 'c1'],
      [3, 5, 'c2'],
      [4, 5, 'c3'],
      [5, 5, 'c4'],
    ]);
  });

  it('makes the newest message of a long history "n of n", and the oldest "1 of n" once the window reaches it', async () => {
    const count = HISTORY_WINDOW + 500;
    const messages = aliceHistory(count);
    // Bad entries above the window (not read until it grows over them) and inside it.
    const raw = [
      ...messages.slice(0, 10),
      junk(null),
      ...messages.slice(10, count - 5),
      junk(null),
      junk(0),
      ...messages.slice(count - 5),
    ];
    const list = renderList(raw);
    await settle(world.server);
    await nextFrame();
    await nextFrame();
    const [position, size, id] = places(list.scroller).at(-1)!;
    expect(id).toBe(`c${count - 1}`);
    expect(position).toBe(size);

    list.scroller.focus();
    await waitFor(async () => {
      await userEvent.keyboard('{Home}');
      expect(places(list.scroller)[0]).toEqual([1, count, 'c0']);
    });
    for (const [place, total, shown] of places(list.scroller)) {
      expect([place, total]).toEqual([Number(String(shown).slice(1)) + 1, count]);
    }
  });
});
