import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ReceiptProvider } from '../ReceiptProvider';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  nextFrame,
  renderApp,
  settle,
  teamWithMessage,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/*
 * WCAG 3.1.2 (language of parts): the language a screen reader picks its voice by is the element's
 * language as the browser computes it, the one `:lang()` matches (inherited from the nearest
 * `lang`). An English page with the kit in Chinese: the kit's words must be Chinese there, the
 * app's messages around them English.
 */

let world: ReturnType<typeof createWorld>;
beforeEach(() => {
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const style = document.createElement('style');
style.textContent = '.test-list { height: 300px; width: 400px; }';
document.head.append(style);

const isChinese = (element: Element) => element.matches(':lang(zh-CN)');
const isEnglish = (element: Element) => element.matches(':lang(en)');

/** Alice's flagged message to a team of three, in a chat on an English page, the kit's locale `locale`. */
async function englishPageWithKitIn(locale: string, listLabel?: string) {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 1,
    text: 'lunch?',
  });
  const engine = world.engineFor(alice);
  const renderRow = (row: ReceiptMessage) => (
    <div data-testid="row">
      <p data-testid="message-text">{(row as ReceiptMessage & { text?: string }).text}</p>
      <ReadTick message={row} />
      <UnreadBadge message={row} />
    </div>
  );
  const app = renderApp(
    <div lang="en" data-testid="page">
      <ReceiptProvider engine={engine} locale={locale}>
        <MessageList
          className="test-list"
          conversationId="alice|2|t1"
          messages={[message]}
          renderMessage={renderRow}
          label={listLabel}
        />
        {/* The tick and badge of a message shown outside the list, e.g. in a thread panel. */}
        <div data-testid="outside">
          <ReadTick message={message} />
          <BadgeOpensSheet message={message} />
        </div>
      </ReceiptProvider>
    </div>,
  );
  await settle(world.server);
  await nextFrame();
  return app;
}

describe('language of parts (WCAG 3.1.2)', () => {
  it('a zh_CN kit on an English page: the kit speaks Chinese, the app’s messages stay English', async () => {
    await englishPageWithKitIn('zh_CN');

    // Ticks and badges wherever the app puts them: outside the list and inside its rows.
    const outside = screen.getByTestId('outside');
    const row = await screen.findByTestId('row');
    for (const part of [outside, row]) {
      // Once the counts have come: until then it says they load, as the badge does.
      const tick = await within(part).findByRole('img', { name: '已发送' });
      expect(isChinese(tick)).toBe(true);
      const badge = await within(part).findByText('1人未读');
      expect(isChinese(badge)).toBe(true);
    }
    // The message list's name and its live region (the pill's count is said there)...
    const list = screen.getByRole('region', { name: '消息列表' });
    const listName = document.getElementById(list.getAttribute('aria-labelledby')!)!;
    expect(isChinese(listName)).toBe(true);
    const listFrame = list.parentElement!;
    const listAnnouncements = listFrame.querySelector(':scope > [aria-live="polite"]')!;
    expect(isChinese(listAnnouncements)).toBe(true);
    // ...but the rows inside it are the app's, in the page's language.
    expect(isEnglish(screen.getByTestId('message-text'))).toBe(true);
    expect(isChinese(screen.getByTestId('message-text'))).toBe(false);

    // The sheet: its title, tabs and polite announcements.
    await userEvent.click(within(outside).getByRole('button', { name: '2人中1人未读' }));
    const dialog = await screen.findByRole('dialog', { name: '消息回执' });
    expect(isChinese(dialog)).toBe(true);
    expect(isChinese(within(dialog).getByRole('tab', { name: '已读1人' }))).toBe(true);
    expect(isChinese(dialog.querySelector('[aria-live="polite"]')!)).toBe(true);
  });

  it('a list name the app gives is in the page’s language, not the kit’s', async () => {
    await englishPageWithKitIn('zh-CN', 'Chat with Bob');
    const list = screen.getByRole('region', { name: 'Chat with Bob' });
    const listName = document.getElementById(list.getAttribute('aria-labelledby')!)!;
    expect(isEnglish(listName)).toBe(true);
    expect(isChinese(listName)).toBe(false);
  });

  it('the rows follow the page when the app changes its language later', async () => {
    // An i18n library sets the page's `lang` after the first render.
    await englishPageWithKitIn('zh-CN');
    const text = await screen.findByTestId('message-text');
    screen.getByTestId('page').setAttribute('lang', 'fr');
    await waitFor(() => expect(text.matches(':lang(fr)')).toBe(true));
    const list = screen.getByRole('region', { name: '消息列表' });
    expect(isChinese(document.getElementById(list.getAttribute('aria-labelledby')!)!)).toBe(true);
  });

  it('an app in a shadow root: the rows take the language of its host, and follow it', async () => {
    // A chat widget rendered into a shadow root: the browser's language inheritance goes on to the
    // shadow host, and so must the rows'.
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 0,
      text: 'lunch?',
    });
    const host = document.createElement('div');
    host.lang = 'en';
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow.append(container);
    const root = createRoot(container);
    try {
      flushSync(() =>
        root.render(
          <ReceiptProvider engine={world.engineFor(alice)} locale="zh-CN">
            <MessageList
              conversationId="alice|2|t1"
              messages={[message]}
              renderMessage={(row) => <p>{(row as ReceiptMessage & { text?: string }).text}</p>}
            />
          </ReceiptProvider>,
        ),
      );
      await settle(world.server);
      const text = await waitFor(() => within(container).getByText('lunch?'));
      expect(isEnglish(text)).toBe(true);
      host.lang = 'fr';
      await waitFor(() => expect(text.matches(':lang(fr)')).toBe(true));
      // A `lang` set inside the shadow root, which the document's observers never hear of.
      container.lang = 'de';
      await waitFor(() => expect(text.matches(':lang(de)')).toBe(true));
    } finally {
      flushSync(() => root.unmount());
      host.remove();
    }
  });
});
