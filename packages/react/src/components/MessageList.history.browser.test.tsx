import type { ReceiptMessage } from '@readmark/core';
import { waitFor } from '@testing-library/dom';
import { describe, expect, it } from 'vitest';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import {
  type createWorld,
  nextFrame as frame,
  aliceHistory as history,
  renderAliceApp,
  rowOfHeight,
  settle,
} from './testWorld.test';
import { HISTORY_STEP, HISTORY_WINDOW } from './useHistoryWindow';

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world);

const ROW = 40;
addStyle('.history-list { height: 400px; width: 400px; }');

function renderList(messages: ReceiptMessage[], onLoadOlder: () => void) {
  const app = renderAliceApp<[shown: ReceiptMessage[], conversationId?: string]>(
    (shown: ReceiptMessage[], conversationId = 'alice|1|bob') => (
      <MessageList
        className="history-list"
        conversationId={conversationId}
        messages={shown}
        renderMessage={rowOfHeight(ROW)}
        estimateSize={() => ROW}
        onLoadOlder={onLoadOlder}
      />
    ),
    [messages],
  );
  world = app.world;
  return { scroller: app.scroller, rerender: app.rerender };
}

/** The row nearest the top of the viewport and where it is on screen. */
function topRow(scroller: HTMLElement) {
  const viewportTop = scroller.getBoundingClientRect().top;
  const rows = [...scroller.querySelectorAll<HTMLElement>('[data-testid]')]
    .map((row) => ({ id: row.dataset.testid, top: row.getBoundingClientRect().top }))
    .filter((row) => row.top >= viewportTop)
    .sort((a, b) => a.top - b.top);
  return rows[0]!;
}

describe('MessageList with a long history', () => {
  it('mounts 100,000 messages reading the keys of the rows it mounts, as a mount of 1,000 does', async () => {
    /** `getMessageKey` calls during the synchronous mount of `count` messages. */
    const keyReadsMounting = (count: number) => {
      let reads = 0;
      const list = renderAliceApp(
        () => (
          <MessageList
            className="history-list"
            conversationId="alice|1|bob"
            messages={history(count)}
            renderMessage={(message) => (
              <div style={{ height: ROW }}>{message.messageClientId}</div>
            )}
            estimateSize={() => ROW}
            getMessageKey={(message) => {
              reads++;
              return message.messageClientId;
            }}
          />
        ),
        [],
      );
      world = list.world;
      list.app.unmount();
      world.dispose();
      return reads;
    };
    // The rows mounted, not the history, plus the window's first message: keyed to anchor the
    // window, and found again at its place in the next render. It was looked for by walking the
    // 2,000 messages the window holds (2,020 reads against 16).
    expect(keyReadsMounting(100_000)).toBe(keyReadsMounting(1_000) + 2);
  });

  it('virtualizes the newest messages first and grows towards older ones as the reader scrolls up, without moving what is on screen', async () => {
    const count = HISTORY_WINDOW + 2 * HISTORY_STEP + 500;
    let loadOlderCalls = 0;
    const list = renderList(history(count), () => loadOlderCalls++);
    await settle(world.server);
    await frame();
    await frame();
    // Opens at the newest message, with only the window's height to scroll.
    expect(list.scroller.querySelector(`[data-testid="c${count - 1}"]`)).not.toBeNull();
    expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW);

    // Near the window's top: older messages are added above, and the row in view stays put.
    list.scroller.scrollTop = ROW * 10;
    await frame();
    const before = topRow(list.scroller);
    // Waited for, not counted in frames: the window grows in a render React schedules after the
    // frame, which a loaded machine may run a frame or two later.
    await waitFor(() =>
      expect(list.scroller.scrollHeight).toBe((HISTORY_WINDOW + HISTORY_STEP) * ROW),
    );
    await frame();
    const after = topRow(list.scroller);
    expect(after.id).toBe(before.id);
    expect(after.top).toBe(before.top);
    expect(loadOlderCalls).toBe(0);

    // Up to the oldest message given: only then is the app asked for more.
    for (
      let step = 0;
      step < 10 && list.scroller.querySelector('[data-testid="c0"]') === null;
      step++
    ) {
      list.scroller.scrollTop = 0;
      await frame();
      await frame();
    }
    expect(list.scroller.scrollHeight).toBe(count * ROW);
    list.scroller.scrollTop = 0;
    await frame();
    await frame();
    expect(list.scroller.querySelector('[data-testid="c0"]')).not.toBeNull();
    expect(loadOlderCalls).toBe(1);
  });

  it('keeps its window when the app appends and prepends messages', async () => {
    const count = HISTORY_WINDOW + 300;
    const messages = history(count);
    const list = renderList(messages, () => {});
    await settle(world.server);
    await frame();
    expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW);

    // 5 new messages at the end: the window keeps its first message and takes the new ones.
    const appended = [...messages, ...history(5, count)];
    list.rerender(appended);
    await waitFor(() => expect(list.scroller.scrollHeight).toBe((HISTORY_WINDOW + 5) * ROW));

    // 100 older messages loaded at the start: outside the window until the reader gets there.
    list.rerender([...history(100, -100), ...appended]);
    await frame();
    await frame();
    expect(list.scroller.scrollHeight).toBe((HISTORY_WINDOW + 5) * ROW);
  });

  it('windows a history that arrives after the list mounted empty', async () => {
    const list = renderList([], () => {});
    await settle(world.server);
    await frame();
    list.rerender(history(HISTORY_WINDOW * 5));
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it('windows the new conversation afresh when its messages arrive a render after its id', async () => {
    const list = renderList(history(HISTORY_WINDOW * 5), () => {});
    await settle(world.server);
    await frame();
    // The app switches the conversation first and passes its messages one render later.
    list.rerender(history(HISTORY_WINDOW * 5), 'alice|1|carol');
    list.rerender(history(HISTORY_WINDOW * 7, 0, 'carol'), 'alice|1|carol');
    await waitFor(() =>
      expect(
        list.scroller.querySelector(`[data-testid="carol-c${HISTORY_WINDOW * 7 - 1}"]`),
      ).not.toBeNull(),
    );
    await frame();
    expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW);
  });
});

describe('MessageList with a long history and entries that are not messages', () => {
  const junk = (value: unknown) => value as ReceiptMessage;

  it('windows a history that arrives after the list mounted with only a bad entry ([null])', async () => {
    const list = renderList([junk(null)], () => {});
    await settle(world.server);
    await frame();
    list.rerender(history(HISTORY_WINDOW * 5));
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it('windows a new conversation whose first render holds only a bad entry', async () => {
    const list = renderList(history(HISTORY_WINDOW * 5), () => {});
    await settle(world.server);
    await frame();
    list.rerender([junk(undefined)], 'alice|1|carol');
    await frame();
    list.rerender(history(HISTORY_WINDOW * 5, 0, 'carol'), 'alice|1|carol');
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(HISTORY_WINDOW * ROW));
  });

  it.each([
    ['', []],
    [', both ending with a bad entry', [junk(null)]],
  ])('windows afresh a history replaced by an unrelated one%s', async (_name, tail) => {
    // The window holds HISTORY_WINDOW entries of the array, a trailing bad one among them.
    const rows = HISTORY_WINDOW - tail.length;
    const list = renderList([...history(HISTORY_WINDOW + 1000), ...tail], () => {});
    await settle(world.server);
    await frame();
    expect(list.scroller.scrollHeight).toBe(rows * ROW);
    list.rerender([...history(HISTORY_WINDOW * 3, 50_000), ...tail]);
    await frame();
    await frame();
    await waitFor(() => expect(list.scroller.scrollHeight).toBe(rows * ROW));
  });
});
