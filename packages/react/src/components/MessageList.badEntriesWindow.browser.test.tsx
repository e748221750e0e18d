import type { ReceiptMessage } from '@readmark/core';
import { waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageList } from './MessageList';
import {
  cleanupApps,
  createWorld,
  aliceHistory as history,
  Providers,
  renderApp,
  settle,
} from './testWorld.test';
import { HISTORY_WINDOW } from './useHistoryWindow';

let world: ReturnType<typeof createWorld>;
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const ROW = 40;
const style = document.createElement('style');
style.textContent = '.bad-window-list { height: 400px; width: 400px; }';
document.head.append(style);
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const junk = (value: unknown) => value as ReceiptMessage;

function renderList(messages: ReceiptMessage[]) {
  world = createWorld();
  const engine = world.engineFor(world.server.login('alice'));
  const ui = (shown: ReceiptMessage[], conversationId = 'alice|1|bob') => (
    <Providers engine={engine}>
      <MessageList
        className="bad-window-list"
        conversationId={conversationId}
        messages={shown}
        renderMessage={(message) => (
          <div data-testid={message.messageClientId} style={{ height: ROW }}>
            {message.messageClientId}
          </div>
        )}
        estimateSize={() => ROW}
      />
    </Providers>
  );
  const app = renderApp(ui(messages));
  const scroller = app.container.querySelector('section') as HTMLElement;
  return {
    scroller,
    rerender: (shown: ReceiptMessage[], conversationId?: string) =>
      app.rerender(ui(shown, conversationId)),
  };
}

describe('the history window over entries that are not messages', () => {
  it('control: windows a history that arrives after the list mounted empty', async () => {
    const list = renderList([]);
    await settle(world.server);
    await frame();
    list.rerender(history(HISTORY_WINDOW * 5));
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it('windows a history that arrives after the list mounted with only a bad entry ([null])', async () => {
    const list = renderList([junk(null)]);
    await settle(world.server);
    await frame();
    list.rerender(history(HISTORY_WINDOW * 5));
    await frame();
    await frame();
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it('windows a new conversation whose first render holds only a bad entry', async () => {
    const list = renderList(history(HISTORY_WINDOW * 5));
    await settle(world.server);
    await frame();
    list.rerender([junk(undefined)], 'alice|1|carol');
    await frame();
    list.rerender(history(HISTORY_WINDOW * 5, 0, 'carol'), 'alice|1|carol');
    await frame();
    await frame();
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it('control: a history replaced by an unrelated one (clean arrays) is windowed afresh', async () => {
    const list = renderList(history(HISTORY_WINDOW + 1000));
    await settle(world.server);
    await frame();
    expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW);
    list.rerender(history(HISTORY_WINDOW * 3, 50_000));
    await frame();
    await frame();
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it('a history replaced by an unrelated one, both ending with a bad entry, is windowed afresh', async () => {
    // The window holds HISTORY_WINDOW entries of the array, the trailing null among them: one row less.
    const list = renderList([...history(HISTORY_WINDOW + 1000), junk(null)]);
    await settle(world.server);
    await frame();
    expect(list.scroller.scrollHeight).toBe((HISTORY_WINDOW - 1) * ROW);
    list.rerender([...history(HISTORY_WINDOW * 3, 50_000), junk(null)]);
    await frame();
    await frame();
    await waitFor(() => expect(list.scroller.scrollHeight).toBe((HISTORY_WINDOW - 1) * ROW));
  });
});
