import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { pauseForAnnouncement, recordPoliteRegions } from './recordPoliteRegions.test';
import { Providers, renderApp, settle } from './testWorld.test';

/**
 * What a screen-reader user at the newest message hears as messages arrive: the list follows them
 * and shows no pill, so the polite region says how many came, once a burst has settled.
 */
const world = listWorldPerTest('following-list');

const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

it("at the end, others' new messages are said once per burst; own sends, older history, the opening history and another chat are not", async () => {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const carol = world.server.login('carol');
  for (let index = 0; index < 30; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
  }
  await world.send(carol, { conversationId: 'carol|1|bob', text: 'hi from Carol' });
  const engine = world.engineFor(bob);
  const view = (conversationId: string, messages: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <MessageList
        className="following-list"
        conversationId={conversationId}
        messages={messages}
        renderMessage={renderRow}
      />
    </Providers>
  );
  const withAlice = async () => world.history(bob, 'bob|1|alice');
  // The chat opens with its newest 20 messages: its history, not news.
  const app = renderApp(view('bob|1|alice', (await withAlice()).slice(-20)));
  const { said } = recordPoliteRegions('.following-list');
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  const show = async () => {
    await settle(world.server);
    app.rerender(view('bob|1|alice', await withAlice()));
  };

  // Older history prepended: nothing new below.
  app.rerender(view('bob|1|alice', await withAlice()));
  await pauseForAnnouncement();
  expect(said).toEqual([]);

  await world.send(alice, { conversationId: 'alice|1|bob', text: 'one' });
  await show();
  await waitFor(() => expect(said).toEqual(['1 new message']));
  expect(scroller.closest('[data-at-end]')).toHaveAttribute('data-at-end', 'true');
  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();

  // Bob's own message is not news to him.
  await world.send(bob, { conversationId: 'bob|1|alice', text: 'mine' });
  await show();
  await pauseForAnnouncement();
  expect(said).toEqual(['1 new message']);

  // Three in a row: said once, with their count.
  for (const text of ['two', 'three', 'four']) {
    await world.send(alice, { conversationId: 'alice|1|bob', text });
    await show();
  }
  await waitFor(() => expect(said).toEqual(['1 new message', '3 new messages']));

  // One more later: the same sentence as the first, said again.
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'five' });
  await show();
  await waitFor(() => expect(said).toEqual(['1 new message', '3 new messages', '1 new message']));

  // Another chat opens: its history is not news either.
  app.rerender(view('bob|1|carol', await world.history(bob, 'bob|1|carol')));
  await screen.findByText('hi from Carol');
  await pauseForAnnouncement();
  expect(said).toEqual(['1 new message', '3 new messages', '1 new message']);
});

it('a chat that opened empty, told so by isLoading false, says its first messages; while loading, the page it opens with is not news', async () => {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const engine = world.engineFor(bob);
  const view = (messages: ReceiptMessage[], isLoading: boolean | undefined) => (
    <Providers engine={engine}>
      <MessageList
        className="following-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderRow}
        isLoading={isLoading}
      />
    </Providers>
  );
  // Loading: empty, then the first page: history, not news.
  const app = renderApp(view([], true));
  const { said } = recordPoliteRegions('.following-list');
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'earlier' });
  await settle(world.server);
  app.rerender(view(await world.history(bob, 'bob|1|alice'), false));
  await screen.findByText('earlier');
  await pauseForAnnouncement();
  expect(said).toEqual([]);

  // A new chat, loaded and empty: its first message is news (it was said at the second only,
  // and a first burst of 20 as 19).
  app.rerender(
    <Providers engine={engine}>
      <MessageList
        className="following-list"
        conversationId="bob|1|carol"
        messages={[]}
        renderMessage={renderRow}
        isLoading={false}
      />
    </Providers>,
  );
  const carol = world.server.login('carol');
  await world.send(carol, { conversationId: 'carol|1|bob', text: 'first from Carol' });
  await settle(world.server);
  app.rerender(
    <Providers engine={engine}>
      <MessageList
        className="following-list"
        conversationId="bob|1|carol"
        messages={await world.history(bob, 'bob|1|carol')}
        renderMessage={renderRow}
        isLoading={false}
      />
    </Providers>,
  );
  await waitFor(() => expect(said).toEqual(['1 new message']));
});
