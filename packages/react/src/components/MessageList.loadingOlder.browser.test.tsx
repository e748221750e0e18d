import { waitFor } from '@testing-library/dom';
import { describe, expect, it } from 'vitest';
import '../styles.css';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import {
  aliceHistory,
  type createWorld,
  nextFrame,
  renderAliceApp,
  rowOfHeight,
  settle,
} from './testWorld.test';

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world);

addStyle('.loading-list { height: 300px; width: 400px; }');

/** Alice's own history of 50 messages with Bob, oldest first. */
const messages = aliceHistory(50);

const renderMessage = rowOfHeight(50);

function aliceList(locale: ReceiptLocale = 'en') {
  const app = renderAliceApp(
    (isLoadingOlder: boolean) => (
      <MessageList
        className="loading-list"
        conversationId="alice|1|bob"
        messages={messages}
        renderMessage={renderMessage}
        onLoadOlder={() => {}}
        isLoadingOlder={isLoadingOlder}
      />
    ),
    [false],
    { locale },
  );
  world = app.world;
  const frame = app.app.container.querySelector('.readmark-message-list') as HTMLElement;
  return {
    frame,
    scroller: frame.querySelector('section') as HTMLElement,
    setLoading: app.rerender,
    indicator: () => frame.querySelector<HTMLElement>('.readmark-loading-older'),
    /** What the list's polite regions say now. */
    said: () =>
      [...frame.querySelectorAll('[aria-live="polite"]')].map((region) => region.textContent),
  };
}

/** Where each mounted row is on screen. */
const rowTops = (scroller: HTMLElement) =>
  [...scroller.querySelectorAll<HTMLElement>('[data-testid]')].map(
    (row) => `${row.dataset.testid}@${row.getBoundingClientRect().top}`,
  );

describe('MessageList isLoadingOlder', () => {
  it('shows and says "Loading older messages…" over the top of the list while true, without moving a row', async () => {
    const list = aliceList();
    await settle(world.server);
    list.scroller.scrollTop = 0;
    await nextFrame();
    await nextFrame();
    expect(list.indicator()).toBeNull();
    expect(list.said()).toEqual(['', '']);
    const before = rowTops(list.scroller);

    list.setLoading(true);
    expect(list.indicator()?.textContent).toBe('Loading older messages…');
    // Hidden from screen readers (the region says it once), and floating over the first rows.
    expect(list.indicator()?.getAttribute('aria-hidden')).toBe('true');
    // Said once the load has lasted a moment (one that ends at once is not worth a word).
    expect(list.said()).toEqual(['', '']);
    await waitFor(() => expect(list.said()).toContain('Loading older messages…'));
    const box = list.indicator()!.getBoundingClientRect();
    const view = list.scroller.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(view.top);
    expect(box.bottom).toBeLessThan(view.top + 60);
    expect(getComputedStyle(list.indicator()!).position).toBe('absolute');
    await nextFrame();
    expect(rowTops(list.scroller)).toEqual(before);

    list.setLoading(false);
    expect(list.indicator()).toBeNull();
    expect(list.said()).toEqual(['', '']);
  });

  it('in Chinese, in the kit’s language', async () => {
    const list = aliceList('zh-CN');
    await settle(world.server);
    list.setLoading(true);
    expect(list.indicator()?.textContent).toBe('正在加载更早的消息…');
    expect(list.indicator()?.lang).toBe('zh-CN');
    await waitFor(() => expect(list.said()).toContain('正在加载更早的消息…'));
  });

  it('says nothing for a load that ends at once', async () => {
    const list = aliceList();
    await settle(world.server);
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(...list.said().filter(Boolean)));
    observer.observe(list.frame, { subtree: true, childList: true, characterData: true });
    list.setLoading(true);
    await nextFrame();
    list.setLoading(false);
    // Past the moment a longer load would have been said.
    await new Promise((resolve) => setTimeout(resolve, 400));
    observer.disconnect();
    expect(said).toEqual([]);
  });
});
