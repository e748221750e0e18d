import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { pauseForAnnouncement, recordPoliteRegions } from './recordPoliteRegions.test';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/**
 * What a screen-reader user hears from the list's polite regions when the app switches the kit's
 * language: nothing. What was said is not said again in the new language (old news would sound
 * like news), nor left in the old one under the new `lang`; the next real change is said in the new
 * language.
 */
const world = listWorldPerTest('switching-list');

const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

/** Bob's chat with Alice, its newest 20 messages shown, and Alice sending more. */
async function bobsChat() {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 30; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
  }
  const engine = world.engineFor(bob);
  let shown = (await world.history(bob, 'bob|1|alice')).slice(-20);
  let locale: ReceiptLocale = 'en';
  let isLoadingOlder = false;
  const view = () => (
    <Providers engine={engine} locale={locale}>
      <MessageList
        className="switching-list"
        conversationId="bob|1|alice"
        messages={shown}
        renderMessage={renderRow}
        onLoadOlder={() => {}}
        isLoadingOlder={isLoadingOlder}
      />
    </Providers>
  );
  const app = renderApp(view());
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  return {
    scroller,
    /** Alice sends a message, and the app shows it. */
    receive: async (text: string) => {
      await world.send(alice, { conversationId: 'alice|1|bob', text });
      await settle(world.server);
      shown = await world.history(bob, 'bob|1|alice');
      app.rerender(view());
    },
    switchTo: (next: ReceiptLocale) => {
      locale = next;
      app.rerender(view());
    },
    setLoadingOlder: (next: boolean) => {
      isLoadingOlder = next;
      app.rerender(view());
    },
  };
}

it('at the end, switching languages after "1 new message" says nothing; the next message is said in the language then', async () => {
  const chat = await bobsChat();
  const { said } = recordPoliteRegions('.switching-list', { withLanguage: true });
  await chat.receive('one');
  await waitFor(() => expect(said).toEqual(['en: 1 new message']));

  said.length = 0;
  chat.switchTo('zh-CN');
  await pauseForAnnouncement();
  chat.switchTo('en');
  await pauseForAnnouncement();
  expect(said).toEqual([]);

  // One message, not two: the one said before the switches is not counted again.
  await chat.receive('two');
  await waitFor(() => expect(said).toEqual(['en: 1 new message']));
  chat.switchTo('zh-CN');
  await pauseForAnnouncement();
  await chat.receive('three');
  await waitFor(() => expect(said).toEqual(['en: 1 new message', 'zh-CN: 1条新消息']));
});

it("scrolled up, switching languages doesn't say the pill's count again; a new message is said in the language then", async () => {
  const chat = await bobsChat();
  chat.scroller.scrollTop = 0;
  await nextFrame();
  await nextFrame();
  const { said } = recordPoliteRegions('.switching-list', { withLanguage: true });
  await chat.receive('one');
  expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();
  await waitFor(() => expect(said).toEqual(['en: 1 new message']));

  said.length = 0;
  chat.switchTo('zh-CN');
  await pauseForAnnouncement();
  chat.switchTo('en');
  await pauseForAnnouncement();
  expect(said).toEqual([]);

  await chat.receive('two');
  await waitFor(() => expect(said).toEqual(['en: 2 new messages']));
  chat.switchTo('zh-CN');
  await pauseForAnnouncement();
  await chat.receive('three');
  await waitFor(() => expect(said).toEqual(['en: 2 new messages', 'zh-CN: 3条新消息']));
});

it('while older messages load, switching languages leaves no "Loading older messages…" and says nothing; the next load is said in the language then', async () => {
  const chat = await bobsChat();
  const { said } = recordPoliteRegions('.switching-list', { withLanguage: true });
  chat.setLoadingOlder(true);
  await waitFor(() => expect(said).toEqual(['en: Loading older messages…']));

  said.length = 0;
  chat.switchTo('zh-CN');
  await pauseForAnnouncement();
  chat.switchTo('en');
  await pauseForAnnouncement();
  expect(said).toEqual([]);

  chat.setLoadingOlder(false);
  chat.switchTo('zh-CN');
  chat.setLoadingOlder(true);
  await waitFor(() => expect(said).toEqual(['zh-CN: 正在加载更早的消息…']));
});
