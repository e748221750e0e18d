import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageList } from './MessageList';
import {
  cleanupApps,
  createWorld,
  nextFrame,
  Providers,
  renderApp,
  settle,
} from './testWorld.test';

/*
 * An app hides the list with `display: none` (a tab panel with the `hidden` attribute, kept mounted)
 * while messages arrive, then shows it again. While hidden the scroller and every row measure 0, so
 * none of that may be taken as the list's layout: once shown, a list that was at the newest message
 * is at the newest message, every row drawn and stacked, and marks what it shows read; a list
 * scrolled up keeps its place. QA found the list blank or cut off instead, until a wheel scroll.
 */
beforeEach(() => {
  window.focus();
  expect(document.hasFocus()).toBe(true);
});

let world: ReturnType<typeof createWorld>;
const style = document.createElement('style');
style.textContent = '.hidden-list { height: 300px; width: 400px; }';
document.head.append(style);
afterEach(() => {
  cleanupApps();
  world?.dispose();
  performance.now = pageNow;
});

/*
 * The list stays hidden a while, as a tab the user reads elsewhere: past the 5 s after which TanStack
 * gives up a scroll command it could not finish (one following an append, whose writes the browser
 * drops while hidden), so no such command is left to finish the job when the list is shown. The
 * page's clock (the virtualizer's) is moved on rather than waited for.
 */
const pageNow = performance.now;
let clockShift = 0;
function staysHiddenAWhile() {
  clockShift += 6_000;
  const shift = clockShift;
  performance.now = () => pageNow.call(performance) + shift;
}

/** Rows of four heights (40, 70, 100, 130 px), none of them the list's 64 px estimate. */
const heightOf = (message: ReceiptMessage) => 40 + (Math.round(message.createTime / 100) % 4) * 30;
const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: heightOf(message) }}>{message.messageClientId}</div>
);
const nextTask = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function settleFrames() {
  await nextFrame();
  await nextFrame();
  await settle(world.server);
}

/**
 * Bob's list of Alice's `total` messages, showing the first `shown` of them; `appendEach` shows more,
 * one per task. Alice's device tells what Bob's device acknowledged as read.
 */
async function bobsList({
  total,
  shown,
  isHiddenAtMount = false,
}: {
  total: number;
  shown: number;
  isHiddenAtMount?: boolean;
}) {
  world = createWorld();
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < total; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index + 1}` });
  }
  const all = await world.history(bob, 'bob|1|alice');
  let count = shown;
  let isHidden = isHiddenAtMount;
  const engine = world.engineFor(bob);
  const ui = () => (
    <Providers engine={engine}>
      {/* A tab panel, as in the demo: the `hidden` attribute, the list kept mounted. */}
      <div role="tabpanel" hidden={isHidden}>
        <MessageList
          className="hidden-list"
          conversationId="bob|1|alice"
          messages={all.slice(0, count)}
          renderMessage={renderMessage}
          readDwellMs={0}
        />
      </div>
    </Providers>
  );
  const app = renderApp(ui());
  const scroller = app.container.querySelector('section') as HTMLElement;
  return {
    scroller,
    all,
    shownMessages: () => all.slice(0, count),
    /**
     * Hides or shows the list with `display: none`, the list kept mounted: by its tab panel's `hidden`
     * attribute, rendered with the list (`by: 'render'`), or set on an ancestor with no render.
     */
    setHidden: (next: boolean, { by = 'dom' }: { by?: 'render' | 'dom' } = {}) => {
      if (by === 'dom') {
        app.container.hidden = next;
        return;
      }
      isHidden = next;
      app.rerender(ui());
    },
    /** One more message per task, as they arrive from the network. */
    appendEach: async (more: number) => {
      for (let index = 0; index < more; index++) {
        count++;
        app.rerender(ui());
        await nextTask(4);
      }
    },
    /** What Alice's device knows Bob has read. */
    peerReadTime: async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp,
  };
}

const distanceFromEnd = (scroller: HTMLElement) =>
  scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;

/** The rows at least partly inside the viewport, top to bottom; their boxes from the viewport's top. */
function rowsOnScreen(scroller: HTMLElement) {
  const view = scroller.getBoundingClientRect();
  return [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
    .map((row) => {
      const { top, bottom, height } = row.getBoundingClientRect();
      return {
        row,
        index: Number(row.dataset.index),
        box: { top: top - view.top, bottom: bottom - view.top, height },
      };
    })
    .filter(({ box }) => box.bottom > 1 && box.top < view.height - 1)
    .sort((a, b) => a.box.top - b.box.top);
}

/** What is wrong with the rows on screen, as sentences; empty when nothing is. */
function layoutProblems(scroller: HTMLElement, messages: readonly ReceiptMessage[]): string[] {
  const rows = rowsOnScreen(scroller);
  const problems: string[] = [];
  rows.forEach(({ row, index, box }, position) => {
    if (row.textContent !== messages[index]?.messageClientId) {
      problems.push(
        `row ${index} shows ${row.textContent}, not ${messages[index]?.messageClientId}`,
      );
    }
    if (Math.abs(box.height - heightOf(messages[index]!)) > 1) {
      problems.push(`row ${index} is ${box.height} px high`);
    }
    const above = rows[position - 1];
    if (!above) return;
    if (index !== above.index + 1) problems.push(`row ${index} is drawn under row ${above.index}`);
    if (Math.abs(box.top - above.box.bottom) > 1) {
      problems.push(
        `row ${index} starts ${Math.round(box.top - above.box.bottom)} px off row ${above.index}`,
      );
    }
  });
  if (rows.length === 0) return ['no row is on screen'];
  // The viewport is filled: blank space below the last row on screen means rows are missing.
  const last = rows[rows.length - 1]!;
  const contentBottom = Math.min(scroller.clientHeight, scroller.scrollHeight);
  if (last.box.bottom < contentBottom - 1) {
    problems.push(
      `blank below row ${last.index}: ${Math.round(contentBottom - last.box.bottom)} px`,
    );
  }
  return problems;
}

/** After being shown: at the newest message, every row drawn in order, the newest marked read. */
async function expectAtNewestAndRead(list: Awaited<ReturnType<typeof bobsList>>) {
  const messages = list.shownMessages();
  const newest = messages[messages.length - 1]!;
  await waitFor(() => {
    expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
    expect(layoutProblems(list.scroller, messages)).toEqual([]);
    expect(rowsOnScreen(list.scroller).at(-1)?.index).toBe(messages.length - 1);
  });
  await waitFor(() =>
    expect(list.scroller.closest('[data-at-end]')?.getAttribute('data-at-end')).toBe('true'),
  );
  expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
  await waitFor(async () => expect(await list.peerReadTime()).toBe(newest.createTime));
}

/**
 * Hidden while a burst arrives, as in QA's demo run (some messages before, most while hidden), then
 * shown: drawn from the first frame painted (QA saw it come back blank), at the newest message and
 * reading it.
 */
async function burstWhileHidden(list: Awaited<ReturnType<typeof bobsList>>) {
  await list.appendEach(3);
  list.setHidden(true, { by: 'render' });
  await list.appendEach(17);
  staysHiddenAWhile();
  await settleFrames();

  list.setHidden(false, { by: 'render' });
  await nextFrame();
  await nextFrame();
  expect(layoutProblems(list.scroller, list.shownMessages())).toEqual([]);
  await settleFrames();
  await expectAtNewestAndRead(list);
}

describe('MessageList hidden with display: none while messages arrive', () => {
  it('a new conversation hidden while its first 20 messages arrive is, shown again, at the newest, drawn in order, and marks it read', async () => {
    const list = await bobsList({ total: 20, shown: 0 });
    await settleFrames();
    await burstWhileHidden(list);
  });

  it('a list at its newest of 20 messages, shown again, is at the newest of 40 and marks it read', async () => {
    const list = await bobsList({ total: 40, shown: 20 });
    await settleFrames();
    expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
    await waitFor(async () => expect(await list.peerReadTime()).toBe(list.all[19]!.createTime));
    await burstWhileHidden(list);
  });

  it('a list scrolled up keeps its place, and counts what arrived in the pill', async () => {
    const list = await bobsList({ total: 40, shown: 30 });
    await settleFrames();
    const readBefore = list.all[29]!.createTime;
    await waitFor(async () => expect(await list.peerReadTime()).toBe(readBefore));
    list.scroller.scrollTop = Math.round(list.scroller.scrollHeight / 3);
    await settleFrames();
    await settleFrames();
    const scrollTop = list.scroller.scrollTop;
    const before = rowsOnScreen(list.scroller).map(({ index, box }) => [index, box.top]);
    expect(before.length).toBeGreaterThan(1);

    await list.appendEach(2);
    list.setHidden(true);
    await list.appendEach(8);
    staysHiddenAWhile();
    await settleFrames();

    list.setHidden(false);
    await settleFrames();
    await settleFrames();
    expect(Math.abs(list.scroller.scrollTop - scrollTop)).toBeLessThanOrEqual(1);
    const after = rowsOnScreen(list.scroller).map(({ index, box }) => [index, box.top]);
    // The same rows at the same places; unstyled, the pill takes its height from the viewport.
    const viewport = list.scroller.clientHeight;
    expect(after).toEqual(before.filter(([, top]) => top! < viewport - 1));
    expect(layoutProblems(list.scroller, list.shownMessages())).toEqual([]);
    expect(list.scroller.closest('[data-at-end]')?.getAttribute('data-at-end')).toBe('false');
    expect(await screen.findByRole('button', { name: '10 new messages' })).toBeTruthy();
    expect(await list.peerReadTime()).toBe(readBefore);
  });

  it('a list mounted hidden opens at its newest message when shown', async () => {
    const list = await bobsList({ total: 30, shown: 20, isHiddenAtMount: true });
    await settleFrames();
    await list.appendEach(10);
    await settleFrames();

    list.setHidden(false, { by: 'render' });
    await settleFrames();
    await expectAtNewestAndRead(list);
  });
});
