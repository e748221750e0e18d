import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { recordRowRenders } from './recordRowRenders.test';
import { type createWorld, aliceHistory as history, renderAliceApp } from './testWorld.test';

/**
 * The list as screen readers get it: a feed (WAI-ARIA APG "Feed") of one article per message, each
 * with its place in the app's whole history, with most rows virtualized away.
 */
let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world);
addStyle('.feed-list { height: 400px; width: 400px; }');

/** The messages whose row rendered (its wrapper, the feed's article). */
const rowRenders = recordRowRenders();

const ROW = 40;
const row = (message: ReceiptMessage) => (
  <div style={{ height: ROW }}>message {message.messageClientId.slice(1)}</div>
);

/** `[aria-posinset, aria-setsize, text]` of each article the feed holds, top to bottom. */
function articles() {
  const feed = screen.getByRole('feed');
  return within(feed)
    .getAllByRole('article')
    .map((article) => [
      Number(article.getAttribute('aria-posinset')),
      Number(article.getAttribute('aria-setsize')),
      article.textContent,
    ])
    .sort(([a], [b]) => (a as number) - (b as number));
}

function renderList(messages: ReceiptMessage[], onLoadOlder?: () => void) {
  const app = renderAliceApp<[shown: ReceiptMessage[], isLoadingOlder?: boolean]>(
    (shown, isLoadingOlder) => (
      <MessageList
        className="feed-list"
        conversationId="alice|1|bob"
        messages={shown}
        renderMessage={row}
        estimateSize={() => ROW}
        onLoadOlder={onLoadOlder}
        isLoadingOlder={isLoadingOlder}
      />
    ),
    [messages],
  );
  world = app.world;
  return app;
}

it('gives each rendered message its place among all of them, "message 2,401 of 2,500", with most of them not in the document', async () => {
  // 2,500 messages: the rows come from a window of the newest 2,000, and positions still count
  // from the oldest.
  const { scroller } = renderList(history(2500));
  await waitFor(() => expect(articles().at(-1)).toEqual([2500, 2500, 'message 2499']));
  const shown = articles();
  expect(shown.length).toBeLessThan(40);
  for (const [position, , text] of shown) expect(text).toBe(`message ${(position as number) - 1}`);

  // Home goes to the oldest message of the window, which then grows up to the oldest of all
  // (each step renumbers nothing): message 1 of 2,500.
  scroller.focus();
  await waitFor(async () => {
    await userEvent.keyboard('{Home}');
    expect(articles()[0]).toEqual([1, 2500, 'message 0']);
  });
  for (const [position, , text] of articles())
    expect(text).toBe(`message ${(position as number) - 1}`);
});

it("moves every row's place as the app adds history above a long one's window and messages below, rendering only the new row", async () => {
  // c100 to c2599: the window holds the newest 2,000, from c600.
  const given = history(2500, 100);
  const app = renderList(given);
  await waitFor(() => expect(articles().at(-1)).toEqual([2500, 2500, 'message 2599']));
  const placesAreRight = () => {
    for (const [position, , text] of articles()) {
      expect(text).toBe(`message ${(position as number) - 1}`);
    }
  };

  // 100 older messages the app prepends land above the window, which stays where it is: no row
  // moves in it, and each is one hundred places further from the oldest.
  rowRenders.length = 0;
  const withOlder = [...history(100), ...given];
  app.rerender(withOlder);
  await waitFor(() => expect(articles().at(-1)).toEqual([2600, 2600, 'message 2599']));
  placesAreRight();
  expect(rowRenders).toEqual([]);

  const newest = history(1, 2600);
  app.rerender([...withOlder, ...newest]);
  await waitFor(() => expect(articles().at(-1)).toEqual([2601, 2601, 'message 2600']));
  placesAreRight();
  expect(rowRenders).toEqual(['c2600']);

  // Rows mounted later by scrolling say the same: Home goes up to the oldest message of all.
  app.scroller.focus();
  await waitFor(async () => {
    await userEvent.keyboard('{Home}');
    expect(articles()[0]).toEqual([1, 2601, 'message 0']);
  });
  placesAreRight();
});

it('counts positions from the oldest message given and an unknown total while older history can load, and is busy while it loads', async () => {
  const app = renderList(history(50, 100), () => {});
  await waitFor(() => expect(articles().at(-1)).toEqual([50, -1, 'message 149']));
  const feed = screen.getByRole('feed');
  expect(feed).toHaveAttribute('aria-busy', 'false');

  app.rerender(history(50, 100), true);
  expect(feed).toHaveAttribute('aria-busy', 'true');

  // 100 older messages prepended: every message shown moves down by 100, none is renumbered wrong.
  app.rerender([...history(100), ...history(50, 100)], false);
  await waitFor(() => expect(articles().at(-1)).toEqual([150, -1, 'message 149']));
  for (const [position, , text] of articles()) {
    expect(text).toBe(`message ${(position as number) - 1}`);
  }
  expect(feed).toHaveAttribute('aria-busy', 'false');
});

it('is no feed while it holds no message, since a feed must hold articles', () => {
  renderList([]);
  expect(screen.queryByRole('feed')).toBeNull();
  expect(screen.getByRole('region', { name: 'Messages' })).toBeTruthy();
});

it('leaves the name to the region around it: the feed has none, so "Messages" is not heard twice', async () => {
  // The feed was labelled by the scroller's label too: entering the list, a screen reader said
  // "Messages, region, Messages, feed".
  renderList(history(5));
  await waitFor(() => expect(articles()).toHaveLength(5));
  expect(screen.getByRole('feed')).not.toHaveAccessibleName();
  expect(screen.getByRole('region', { name: 'Messages' })).toContainElement(
    screen.getByRole('feed'),
  );
});
