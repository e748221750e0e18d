import type { Clock, ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
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
 * Focus: vitest runs each test file in an iframe, whose document does not have focus in headless
 * Chromium (`document.hasFocus()` is false), so MessageList rightly marks nothing read. `window.focus()`
 * focuses the test iframe the way a user clicking into the page would; production code keeps its check.
 */
beforeEach(() => {
  window.focus();
  expect(document.hasFocus()).toBe(true);
});

let world: ReturnType<typeof createWorld>;
const style = document.createElement('style');
style.textContent = '.test-list { height: 300px; width: 400px; }';
document.head.append(style);
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

/** Rows of four different heights: 40, 70, 100, 130 px. */
const heightOf = (message: ReceiptMessage) => 40 + (Math.round(message.createTime / 100) % 4) * 30;
const renderMessage = (message: ReceiptMessage) => (
  <div data-testid={`msg-${message.messageClientId}`} style={{ height: heightOf(message) }}>
    {message.messageClientId}
  </div>
);

async function settleFrames() {
  await nextFrame();
  await nextFrame();
  await settle(world.server);
}

/** Bob reads Alice's messages in `bob|1|alice`; Alice's side tells what Bob's device acknowledged. */
async function bobsList(
  count: number,
  {
    isExactEstimate = false,
    isFocused = true,
    readDwellMs = 0,
    clock,
    engineClock,
    render = renderMessage,
    isScrollingToOwnMessages,
  }: {
    isScrollingToOwnMessages?: (message: ReceiptMessage) => boolean;
    /** Draws each row; by default rows of four heights, one per message. */
    render?: (message: ReceiptMessage) => React.ReactNode;
    isExactEstimate?: boolean;
    isFocused?: boolean;
    readDwellMs?: number;
    clock?: Clock;
    engineClock?: Clock;
  } = {},
) {
  world = createWorld();
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < count; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index + 1}` });
  }
  let messages = await world.history(bob, 'bob|1|alice');
  const engine = world.engineFor(bob, engineClock ? { clock: engineClock } : {});
  let loadOlderCount = 0;
  // Exact estimates let a test scroll a row that was never rendered to a precise fraction.
  const estimate = isExactEstimate ? heightOf : undefined;
  if (!isFocused) window.parent.focus();
  const ui = () => (
    <Providers engine={engine}>
      <MessageList
        className="test-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={render}
        estimateSize={estimate}
        readDwellMs={readDwellMs}
        clock={clock}
        onLoadOlder={() => loadOlderCount++}
        isScrollingToOwnMessages={isScrollingToOwnMessages}
      />
    </Providers>
  );
  const app = renderApp(ui());
  const scroller = app.container.querySelector('section') as HTMLElement;
  return {
    alice,
    bob,
    engine,
    scroller,
    messages: () => messages,
    loadOlderCount: () => loadOlderCount,
    /** What Alice's device knows Bob has read. */
    peerReadTime: async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp,
    /** Alice sends one more; Bob's list shows it. */
    receive: async (text: string) => {
      await world.send(alice, { conversationId: 'alice|1|bob', text });
      messages = await world.history(bob, 'bob|1|alice');
      app.rerender(ui());
      await settleFrames();
      return messages[messages.length - 1]!;
    },
    setMessages: (next: ReceiptMessage[]) => {
      messages = next;
      app.rerender(ui());
    },
  };
}

const distanceFromEnd = (scroller: HTMLElement) =>
  scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;

/** A clock the test moves by hand: the dwell timers fire only inside `advance`. */
function manualClock() {
  let time = 0;
  let nextHandle = 1;
  const timers = new Map<number, { dueAt: number; callback: () => void }>();
  const clock: Clock = {
    now: () => time,
    setTimeout: (callback, delayMs) => {
      const handle = nextHandle++;
      timers.set(handle, { dueAt: time + delayMs, callback });
      return handle;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = async (ms: number) => {
    time += ms;
    for (const [handle, timer] of [...timers].sort(([, a], [, b]) => a.dueAt - b.dueAt)) {
      if (timer.dueAt > time || !timers.delete(handle)) continue;
      timer.callback();
    }
    await settleFrames();
  };
  return { clock, advance };
}

async function scrollTo(scroller: HTMLElement, top: number) {
  scroller.scrollTop = top;
  await settleFrames();
}

describe('MessageList', () => {
  it('opens at the newest message with measured rows of different heights and marks it read', async () => {
    const list = await bobsList(30);
    await settleFrames();
    expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
    const last = list.messages()[29]!;
    expect(screen.getByTestId(`msg-${last.messageClientId}`)).toBeTruthy();
    const heights = new Set(
      [...list.scroller.querySelectorAll<HTMLElement>('[data-index]')].map(
        (row) => row.offsetHeight,
      ),
    );
    expect(heights.size).toBeGreaterThan(1);
    // Virtualized: far fewer than 30 rows are in the DOM.
    expect(list.scroller.querySelectorAll('[data-index]').length).toBeLessThan(30);
    await waitFor(async () => expect(await list.peerReadTime()).toBe(last.createTime));
  });

  it('follows a new message while at the bottom and marks it read', async () => {
    const list = await bobsList(20);
    await settleFrames();
    const added = await list.receive('new');
    await waitFor(() => expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1));
    expect(screen.getByTestId(`msg-${added.messageClientId}`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /new message/ })).toBeNull();
    await waitFor(async () => expect(await list.peerReadTime()).toBe(added.createTime));
  });

  it('while scrolled up: shows the pill, leaves unseen and under-half-visible messages unread, marks at half', async () => {
    const list = await bobsList(20, { isExactEstimate: true });
    await settleFrames();
    const readBefore = list.messages()[19]!.createTime;
    await waitFor(async () => expect(await list.peerReadTime()).toBe(readBefore));

    await scrollTo(list.scroller, 0);
    const added = await list.receive('while away');
    expect(list.scroller.scrollTop).toBe(0);
    expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();
    expect(await list.peerReadTime()).toBe(readBefore);

    // Show 40% of the new row: still unread.
    const rowHeight = heightOf(added);
    const end = list.scroller.scrollHeight - list.scroller.clientHeight;
    await scrollTo(list.scroller, end - rowHeight * 0.6);
    expect(screen.getByTestId(`msg-${added.messageClientId}`)).toBeTruthy();
    expect(await list.peerReadTime()).toBe(readBefore);

    // 60%: read.
    await scrollTo(list.scroller, end - rowHeight * 0.4);
    await waitFor(async () => expect(await list.peerReadTime()).toBe(added.createTime));

    // Read, it is no longer new: the pill goes, though the reader never reached the end.
    await scrollTo(list.scroller, 0);
    await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  });

  it('marks a message taller than the list read once it fills half of the list', async () => {
    // A pasted log of 1,000 px in a 300 px list: half of it never fits on screen.
    const tallLast = (message: ReceiptMessage) =>
      (message as { text?: string }).text === 'm3' ? (
        <div data-testid="tall" style={{ height: 1000 }} />
      ) : (
        renderMessage(message)
      );
    const list = await bobsList(3, { render: tallLast });
    await settleFrames();
    const tall = list.messages()[2]!;
    expect(screen.getByTestId('tall').getBoundingClientRect().height).toBe(1000);
    await waitFor(async () => expect(await list.peerReadTime()).toBe(tall.createTime));
  });

  it('while scrolled up: a burst of new messages is said once, with its final count, not once per message', async () => {
    const list = await bobsList(20, { isExactEstimate: true });
    await settleFrames();
    await scrollTo(list.scroller, 0);
    const region = document.querySelector('[aria-live="polite"]')!;
    const said: string[] = [];
    const observer = new MutationObserver(() => {
      if (region.textContent) said.push(region.textContent);
    });
    observer.observe(region, { subtree: true, childList: true, characterData: true });
    // Six messages arrive a frame apart (sent first, so a slow server round trip cannot stretch
    // the burst past the announcement's 1 s pause).
    const before = list.messages();
    for (let index = 0; index < 6; index++) {
      await world.send(list.alice, { conversationId: 'alice|1|bob', text: `burst ${index}` });
    }
    const after = await world.history(list.bob, 'bob|1|alice');
    expect(after).toHaveLength(before.length + 6);
    for (let count = before.length + 1; count <= after.length; count++) {
      list.setMessages(after.slice(0, count));
      await nextFrame();
    }
    expect(await screen.findByRole('button', { name: '6 new messages' })).toBeTruthy();
    await waitFor(() => expect(region.textContent).toBe('6 new messages'), { timeout: 10_000 });
    observer.disconnect();
    expect(said).toEqual(['6 new messages']);
  });

  it('while scrolled up: the pill writes a large count as the language writes numbers', async () => {
    const list = await bobsList(20, { isExactEstimate: true });
    await settleFrames();
    await scrollTo(list.scroller, 0);
    // 1,234 more of Alice's messages, copies of the server's last one under new ids and times.
    const last = list.messages().at(-1)!;
    const more = Array.from({ length: 1234 }, (_, index) => ({
      ...last,
      messageClientId: `more-${index}`,
      messageServerId: `more-server-${index}`,
      createTime: last.createTime + index + 1,
    }));
    list.setMessages([...list.messages(), ...more]);
    await settleFrames();
    expect(await screen.findByRole('button', { name: '1,234 new messages' })).toBeTruthy();
  });

  it('does not mark read while the page is not focused', async () => {
    // Focus is moved out of the test iframe (into the runner's page) before the list renders.
    const list = await bobsList(5, { isFocused: false });
    await settleFrames();
    expect(document.hasFocus()).toBe(false);
    expect(await list.peerReadTime()).toBe(0);
    window.focus();
    await settleFrames();
    await waitFor(async () =>
      expect(await list.peerReadTime()).toBe(list.messages()[4]!.createTime),
    );
  });

  it('while scrolled up: the pill keeps counting when the last message the reader saw is removed', async () => {
    // As when its sender recalls it: the count walked back from the newest message to the last one
    // seen, found none, and the pill vanished until the reader came back to the end.
    const list = await bobsList(20);
    await settleFrames();
    await scrollTo(list.scroller, 0);
    for (const text of ['n1', 'n2', 'n3']) await list.receive(text);
    expect(await screen.findByRole('button', { name: '3 new messages' })).toBeTruthy();

    const lastSeen = list.messages()[19]!;
    const withoutLastSeen = (messages: ReceiptMessage[]) =>
      messages.filter((message) => message.messageClientId !== lastSeen.messageClientId);
    list.setMessages(withoutLastSeen(list.messages()));
    await settleFrames();
    expect(screen.getByRole('button', { name: '3 new messages' })).toBeTruthy();

    // Still counted from there as more arrive, and an unseen one removed counts down.
    await world.send(list.alice, { conversationId: 'alice|1|bob', text: 'n4' });
    list.setMessages(withoutLastSeen(await world.history(list.bob, 'bob|1|alice')));
    await settleFrames();
    expect(screen.getByRole('button', { name: '4 new messages' })).toBeTruthy();
    const n2 = list.messages()[20]!;
    list.setMessages(list.messages().filter((message) => message !== n2));
    await settleFrames();
    expect(screen.getByRole('button', { name: '3 new messages' })).toBeTruthy();
    expect(list.scroller.scrollTop).toBe(0);
  });

  it('the pill activated by keyboard leaves focus on the list, at the end, once the pill is gone', async () => {
    // The pill unmounts at the end, and its focus fell to <body>: a keyboard or screen-reader user
    // lost their place in the page.
    const list = await bobsList(20);
    await settleFrames();
    await scrollTo(list.scroller, 0);
    await list.receive('while away');
    const pill = await screen.findByRole('button', { name: '1 new message' });
    list.scroller.focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(pill);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1));
    await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
    expect(document.activeElement).toBe(list.scroller);
    expect(list.scroller).toHaveAccessibleName('Messages');
  });

  it('while scrolled up: a message the reader sends brings the list to the end; others, history and a new copy do not', async () => {
    // Own messages are not counted in the pill, so a send while scrolled up landed out of view
    // with no sign of it.
    const list = await bobsList(30);
    const all = list.messages();
    const bobSends = async (text: string) => {
      await world.send(list.bob, { conversationId: 'bob|1|alice', text });
      const sent = (await world.history(list.bob, 'bob|1|alice')).at(-1)!;
      expect(sent.senderId).toBe('bob');
      return sent;
    };
    const mine = await bobSends('mine');
    list.setMessages([...all.slice(10), { ...mine }]);
    await settleFrames();
    await scrollTo(list.scroller, 0);

    // Older history, then the sent copy of the newest message in place of the one shown: the
    // reader stays where they are.
    list.setMessages([...all, { ...mine }]);
    await settleFrames();
    const readerAt = list.scroller.scrollTop;
    list.setMessages([...all, mine]);
    await settleFrames();
    expect(list.scroller.scrollTop).toBe(readerAt);
    expect(distanceFromEnd(list.scroller)).toBeGreaterThan(1000);
    // Someone else's new message: the pill tells of it.
    await list.receive('from alice');
    expect(list.scroller.scrollTop).toBe(readerAt);
    expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();

    // A new one of the reader's own: to the end, where it is on screen.
    const next = await bobSends('and more');
    list.setMessages([...list.messages(), next]);
    await waitFor(() => {
      expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
      expect(screen.getByTestId(`msg-${next.messageClientId}`)).toBeTruthy();
    });
    // At the end, Alice's message is seen too.
    await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  });

  it("with a predicate, only own messages it accepts bring the list to the end (another device's do not)", async () => {
    const sentHere = new Set<string>();
    const askedAbout: string[] = [];
    const list = await bobsList(30, {
      isScrollingToOwnMessages: (message) => {
        const { text } = message as { text?: string };
        askedAbout.push(text ?? '');
        if (text === 'broken') throw new Error('app bug');
        return sentHere.has(message.messageClientId);
      },
    });
    // Opened at the end first: scrolled up before that, the list took the top for its end (its
    // rows not yet measured) and went back down, and nothing was asked.
    await waitFor(() => expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1));
    await settleFrames();
    await scrollTo(list.scroller, 0);
    const bobSends = async (text: string) => {
      await world.send(list.bob, { conversationId: 'bob|1|alice', text });
      const sent = (await world.history(list.bob, 'bob|1|alice')).at(-1)!;
      list.setMessages([...list.messages(), sent]);
      await settleFrames();
      return sent;
    };
    // Synced from Bob's other device, and one the predicate throws for: the reader stays.
    await bobSends('from my laptop');
    await bobSends('broken');
    expect(askedAbout).toEqual(['from my laptop', 'broken']);
    expect(list.scroller.scrollTop).toBe(0);
    // Sent here: to the end.
    await world.send(list.bob, { conversationId: 'bob|1|alice', text: 'from here' });
    const sent = (await world.history(list.bob, 'bob|1|alice')).at(-1)!;
    sentHere.add(sent.messageClientId);
    list.setMessages([...list.messages(), sent]);
    await waitFor(() => expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1));
  });

  it('keeps its place when older history is prepended and asks for it once per oldest message', async () => {
    const list = await bobsList(40);
    const all = list.messages();
    list.setMessages(all.slice(20));
    await settleFrames();
    await scrollTo(list.scroller, 120);
    expect(list.loadOlderCount()).toBe(0);
    await scrollTo(list.scroller, 10);
    expect(list.loadOlderCount()).toBe(1);
    await scrollTo(list.scroller, 0);
    expect(list.loadOlderCount()).toBe(1);

    const anchor = list.messages()[2]!;
    const topOf = () =>
      screen.getByTestId(`msg-${anchor.messageClientId}`).getBoundingClientRect().top;
    const before = topOf();
    list.setMessages(all);
    await settleFrames();
    expect(Math.abs(topOf() - before)).toBeLessThanOrEqual(1);
    expect(list.scroller.scrollTop).toBeGreaterThan(500);
  });
  it('a message removed from the middle: the rows stay stacked in order and keep their DOM', async () => {
    const list = await bobsList(40);
    await settleFrames();
    await scrollTo(list.scroller, (list.scroller.scrollHeight - list.scroller.clientHeight) / 2);
    const rowsInOrder = () =>
      [...list.scroller.querySelectorAll<HTMLElement>('[data-index]')].sort(
        (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
      );
    const shown = rowsInOrder();
    const removed = list.messages()[Number(shown[3]!.dataset.index)]!;
    const kept = list.messages()[Number(shown[4]!.dataset.index)]!;
    const keptNode = screen.getByTestId(`msg-${kept.messageClientId}`);
    list.setMessages(list.messages().filter((message) => message !== removed));
    await settleFrames();

    expect(screen.queryByTestId(`msg-${removed.messageClientId}`)).toBeNull();
    // The same element: the row was kept, not rebuilt.
    expect(screen.getByTestId(`msg-${kept.messageClientId}`)).toBe(keptNode);
    const rows = rowsInOrder();
    // The rows on screen before, less the one removed: the loop below has pairs to compare.
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (let index = 1; index < rows.length; index++) {
      const above = rows[index - 1]!.getBoundingClientRect();
      const row = rows[index]!;
      expect(Number(row.dataset.index)).toBe(Number(rows[index - 1]!.dataset.index) + 1);
      expect(Math.abs(row.getBoundingClientRect().top - above.bottom)).toBeLessThanOrEqual(1);
      expect(row.textContent).toBe(list.messages()[Number(row.dataset.index)]!.messageClientId);
    }
  });

  /**
   * What a sender's app does: 20 "sending" copies shown at once in an empty chat, then each server
   * copy, whose server time is later than the others' local times, sorted after them. Calls `check`
   * after each step.
   */
  async function burstResortedOneByOne({
    render,
    step,
    check,
  }: {
    render?: (message: ReceiptMessage) => React.ReactNode;
    step: () => Promise<unknown>;
    check: (list: Awaited<ReturnType<typeof bobsList>>) => void;
  }) {
    const list = await bobsList(0, { render });
    for (let index = 0; index < 20; index++) {
      await world.send(list.alice, { conversationId: 'alice|1|bob', text: `b${index}` });
    }
    const burst = await world.history(list.bob, 'bob|1|alice');
    list.setMessages(burst);
    await settleFrames();
    for (const message of burst) {
      const resorted = { ...message, createTime: message.createTime + 100 };
      list.setMessages([...list.messages().filter((other) => other !== message), resorted]);
      await step();
      check(list);
    }
    await settleFrames();
    return { list, burst };
  }

  it('a burst into an empty chat, re-sorted as its sent copies arrive: the rows stay stacked in the new order', async () => {
    // Each step looked like 19 older messages prepended to one kept message, so the rows that
    // moved kept their old positions, drawn on top of one another at the bottom of the list.
    const { list, burst } = await burstResortedOneByOne({ step: nextFrame, check: () => {} });
    const rows = [...list.scroller.querySelectorAll<HTMLElement>('[data-index]')].sort(
      (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (let index = 1; index < rows.length; index++) {
      const above = rows[index - 1]!.getBoundingClientRect();
      expect(Math.abs(rows[index]!.getBoundingClientRect().top - above.bottom)).toBeLessThanOrEqual(
        1,
      );
    }
    for (const row of rows) {
      expect(row.textContent).toBe(list.messages()[Number(row.dataset.index)]!.messageClientId);
    }
    // The newest row is at the bottom of the list, where the reader is.
    const last = rows[rows.length - 1]!;
    expect(last.textContent).toBe(burst[burst.length - 1]!.messageClientId);
    expect(
      Math.abs(last.getBoundingClientRect().bottom - list.scroller.getBoundingClientRect().bottom),
    ).toBeLessThanOrEqual(1);
  });

  it('a burst into an empty chat, re-sorted as its sent copies arrive one per task: the reader at the newest message stays there', async () => {
    // Rows all of one height, unlike the estimate, as in a chat of one-line messages: heights lost
    // with the moved messages' keys made the list taller above the reader, and it drifted up.
    let checks = 0;
    await burstResortedOneByOne({
      render: (message) => <div style={{ height: 53 }}>{message.messageClientId}</div>,
      step: () => new Promise((resolve) => setTimeout(resolve, 4)),
      check: (list) => {
        checks++;
        expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
      },
    });
    expect(checks).toBe(20);
  });

  it('a burst appended one per task while at the end: stays at the end throughout, no pill', async () => {
    // A message appended before the virtualizer had read back its follow of the one before was not
    // followed: "at the end" went false for a few frames and a "5 new messages" pill flashed (and was
    // announced) while the list caught up.
    const list = await bobsList(30);
    const all = list.messages();
    list.setMessages(all.slice(0, 20));
    await settleFrames();
    const frame = list.scroller.closest('[data-at-end]')!;
    expect(frame.getAttribute('data-at-end')).toBe('true');
    const samples: string[] = [];
    for (let count = 21; count <= 30; count++) {
      list.setMessages(all.slice(0, count));
      await new Promise((resolve) => setTimeout(resolve, 4));
      const pill = screen.queryByRole('button', { name: /new message/ });
      samples.push(
        `${count}: at end ${frame.getAttribute('data-at-end')}, pill ${pill?.textContent}`,
      );
    }
    expect(samples).toEqual(
      Array.from({ length: 10 }, (_, index) => `${index + 21}: at end true, pill undefined`),
    );
    await settleFrames();
    expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
    expect(screen.getByTestId(`msg-${all[29]!.messageClientId}`)).toBeTruthy();
  });

  it('survives malformed messages and still marks the good ones read', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'good' });
    const [good] = await world.history(bob, 'bob|1|alice');
    const junk = [null, { messageClientId: 5 }, { text: 'no id' }] as unknown as ReceiptMessage[];
    const app = renderApp(
      <Providers engine={world.engineFor(bob)}>
        <MessageList
          className="test-list"
          conversationId="bob|1|alice"
          messages={[...junk, good!]}
          readDwellMs={0}
          renderMessage={() => <div style={{ height: 30 }}>row</div>}
        />
      </Providers>,
    );
    await settleFrames();
    expect(app.container.querySelectorAll('[data-index]')).toHaveLength(3);
    await waitFor(async () =>
      expect((await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp).toBe(
        good!.createTime,
      ),
    );
  });

  it('a list of messages that cannot be read (a revoked Proxy) shows no messages rather than throw', async () => {
    world = createWorld();
    const bob = world.server.login('bob');
    const { proxy, revoke } = Proxy.revocable<ReceiptMessage[]>([], {});
    revoke();
    const app = renderApp(
      <Providers engine={world.engineFor(bob)}>
        <MessageList
          className="test-list"
          conversationId="bob|1|alice"
          messages={proxy}
          renderMessage={() => <div style={{ height: 30 }}>row</div>}
        />
      </Providers>,
    );
    await settleFrames();
    expect(screen.getByRole('region', { name: 'Messages' })).toBeTruthy();
    expect(app.container.querySelectorAll('[data-index]')).toHaveLength(0);
  });

  it('a message given twice is drawn as given, each copy its own row, with no React key clash', async () => {
    const list = await bobsList(3);
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args[0]));
    try {
      const [m1, m2, m3] = list.messages();
      list.setMessages([m1!, m2!, m2!, m3!]);
      await settleFrames();
      const rows = [...list.scroller.querySelectorAll<HTMLElement>('[data-index]')].sort(
        (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
      );
      expect(rows.map((row) => row.textContent)).toEqual(
        [m1, m2, m2, m3].map((message) => message!.messageClientId),
      );
      // Stacked one under the other, none drawn over another.
      const tops = rows.map((row) => row.getBoundingClientRect().top);
      for (let index = 1; index < rows.length; index++) {
        expect(tops[index]).toBeCloseTo(rows[index - 1]!.getBoundingClientRect().bottom, 0);
      }
      expect(errors).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('falls back to the platform clock when given a malformed one, and still marks read', async () => {
    const list = await bobsList(5, { clock: { now: 'soon' } as unknown as Clock });
    const newest = list.messages()[4]!;
    await waitFor(async () => expect(await list.peerReadTime()).toBe(newest.createTime));
  });

  it('marks read with a clock that calls back inside setTimeout, at once, without recursing', async () => {
    // A clock whose timers fire at once (its `now` stands still): the call back says the dwell is
    // over. Checked again inside `setTimeout`, the row was still dwelling and set the next timer.
    let timersSet = 0;
    const immediate: Clock = {
      now: () => 1_000,
      setTimeout: (callback) => {
        timersSet++;
        callback();
        return 7;
      },
      clearTimeout: () => {},
    };
    const list = await bobsList(5, { readDwellMs: 300, clock: immediate });
    const newest = list.messages()[4]!;
    await waitFor(async () => expect(await list.peerReadTime()).toBe(newest.createTime));
    expect(timersSet).toBeLessThanOrEqual(2);
  });

  it("times the dwell with the engine's clock when no clock prop is given", async () => {
    const time = manualClock();
    const list = await bobsList(5, { readDwellMs: 60_000, engineClock: time.clock });
    await settleFrames();
    const newest = list.messages()[4]!;
    await time.advance(59_999);
    await time.advance(0); // a flush queued by a premature mark would run here
    await settle(world.server);
    expect(await list.peerReadTime()).toBeLessThan(newest.createTime);
    await time.advance(1); // the dwell ends: marked read, flush scheduled on the same clock
    await time.advance(0); // the flush (flushDelayMs 0) runs
    await waitFor(async () => expect(await list.peerReadTime()).toBe(newest.createTime));
  });

  it('while scrolling through unread rows, keeps one dwell timer instead of setting one per frame', async () => {
    const time = manualClock();
    let timersSet = 0;
    let timersCleared = 0;
    const countingClock: Clock = {
      now: time.clock.now,
      setTimeout: (callback, delayMs) => {
        timersSet++;
        return time.clock.setTimeout(callback, delayMs);
      },
      clearTimeout: (handle) => {
        timersCleared++;
        time.clock.clearTimeout(handle);
      },
    };
    const list = await bobsList(80, { readDwellMs: 60_000, clock: countingClock });
    await settleFrames();
    expect(timersSet).toBe(1);
    // 30 frames of scrolling up, new unread rows coming into view on each: the earliest dwell end
    // does not move (the test's clock stands still), so the pending timer serves them all.
    for (let step = 0; step < 30; step++) {
      list.scroller.scrollTop -= 40;
      await nextFrame();
    }
    expect(list.scroller.scrollTop).toBeGreaterThan(0);
    expect([timersSet, timersCleared]).toEqual([1, 0]);
  });

  it('marks a message only after it stayed visible for the dwell time', async () => {
    const time = manualClock();
    const list = await bobsList(20, {
      isExactEstimate: true,
      readDwellMs: 60_000,
      clock: time.clock,
    });
    await settleFrames();
    const initialRead = await list.peerReadTime();
    const newest = list.messages()[19]!;
    expect(initialRead).toBeLessThan(newest.createTime);
    // A minute's dwell passes on the test's clock only (wall-clock time would never reach it).
    // The newest row is in view from the start: read exactly when its dwell ends.
    await time.advance(59_999);
    expect(await list.peerReadTime()).toBe(initialRead);
    await time.advance(1);
    await waitFor(async () => expect(await list.peerReadTime()).toBe(newest.createTime));

    await scrollTo(list.scroller, 0);
    const added = await list.receive('flung past');
    const end = list.scroller.scrollHeight - list.scroller.clientHeight;

    // Seen briefly while flinging past, then gone: not read, even well after the dwell.
    await scrollTo(list.scroller, end);
    await scrollTo(list.scroller, 0);
    await time.advance(90_000);
    await settle(world.server);
    expect(await list.peerReadTime()).toBe(newest.createTime);

    // Kept in view: read once the dwell has passed, and not a moment before.
    await scrollTo(list.scroller, end);
    await time.advance(59_999);
    await settle(world.server);
    expect(await list.peerReadTime()).toBe(newest.createTime);
    await time.advance(1);
    await waitFor(async () => expect(await list.peerReadTime()).toBe(added.createTime));
  });

  for (const scope of ['this conversation', 'everywhere'] as const) {
    it(`offers a message again once receipts are switched back on (${scope})`, async () => {
      const list = await bobsList(20, { isExactEstimate: true });
      const newest = list.messages()[19]!;
      await waitFor(async () => expect(await list.peerReadTime()).toBe(newest.createTime));
      const setSending = (isOn: boolean) =>
        scope === 'everywhere'
          ? list.engine.setSendingReceipts(isOn)
          : list.engine.setSendingReceipts(isOn, 'bob|1|alice');

      await scrollTo(list.scroller, 0);
      const added = await list.receive('seen while receipts are off');
      setSending(false);
      await scrollTo(list.scroller, list.scroller.scrollHeight - list.scroller.clientHeight);
      expect(screen.getByTestId(`msg-${added.messageClientId}`)).toBeTruthy();
      await settleFrames();
      expect(await list.peerReadTime()).toBe(newest.createTime);

      // Still on screen when receipts come back on: the receipt goes out without another scroll.
      setSending(true);
      await waitFor(async () => expect(await list.peerReadTime()).toBe(added.createTime));
    });
  }
});
