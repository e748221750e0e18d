import type { ReceiptMessage } from '@readmark/core';
import { createRef, type RefObject, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import { distanceFromEnd, placeOf } from './rowPlaces.test';
import {
  cleanupApps,
  type createWorld,
  frames,
  aliceHistory as history,
  nextFrame,
  renderAliceApp,
  settle,
  threeHeightRow,
} from './testWorld.test';

/*
 * Jumps through MessageList's listRef in the app's harder moments: one after another before the
 * list rendered the first, and history prepended (by the list's window or the app) or the message
 * removed while a jump lands.
 */

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world, { isFocused: true });

const VIEW = 400;
addStyle(`.jumps-list { height: ${VIEW}px; width: 400px; }
.jumps-list.tall { height: 700px; }`);

const renderMessage = threeHeightRow;

/** Alice's list of `messages`, settled at its newest. */
async function aliceList(
  messages: ReceiptMessage[],
  className = 'jumps-list',
  getMessageKey?: (message: ReceiptMessage) => string,
) {
  const handle = createRef<MessageListHandle>();
  const app = renderAliceApp(
    () => (
      <MessageList
        className={className}
        conversationId="alice|1|bob"
        messages={messages}
        getMessageKey={getMessageKey}
        renderMessage={renderMessage}
        listRef={handle}
      />
    ),
    [],
  );
  world = app.world;
  await settle(world.server);
  await frames();
  return { handle: handle.current!, scroller: app.scroller };
}

/** An app that keeps its messages in state: `setMessages.current` changes them, rendered later. */
function ChatInState({
  initial,
  handle,
  setMessages,
}: {
  initial: ReceiptMessage[];
  handle: RefObject<MessageListHandle | null>;
  setMessages: { current: (messages: ReceiptMessage[]) => void };
}) {
  const [messages, set] = useState(initial);
  setMessages.current = set;
  return (
    <MessageList
      className="jumps-list"
      conversationId="alice|1|bob"
      messages={messages}
      renderMessage={renderMessage}
      listRef={handle}
    />
  );
}

/** Alice's list over `initial`, its messages in React state the test sets, opened and settled. */
async function chatInState(initial: ReceiptMessage[]) {
  const handle = createRef<MessageListHandle>();
  const setMessages = { current: (_: ReceiptMessage[]) => {} };
  const app = renderAliceApp(
    () => <ChatInState initial={initial} handle={handle} setMessages={setMessages} />,
    [],
  );
  world = app.world;
  await settle(world.server);
  await frames();
  return { handle: handle.current!, setMessages, scroller: app.scroller };
}

describe('MessageList listRef: one jump after another', () => {
  it('the later call wins over a jump still waiting for the history window to widen', async () => {
    // c10 is older than the window of the newest 2,000: its jump waits for the render that widens it.
    const list = await aliceList(history(5000));
    list.handle.scrollToMessage('c10', { align: 'start' });
    list.handle.scrollToEnd({ behavior: 'auto' });
    await frames(6);
    expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
    expect(placeOf(list.scroller, 'c4999')?.bottom).toBeCloseTo(VIEW, 0);
  });
});

describe('MessageList listRef: the keys a jump reads', () => {
  it('a jump to a message in the history window reads the keys of the window from the newest down to it, once', async () => {
    let reads = 0;
    const list = await aliceList(history(3000), 'jumps-list', (message) => {
      reads++;
      return message.messageClientId;
    });
    reads = 0;
    // 500 messages from the newest (c2999 down to c2500), far below the window's top (c1000).
    expect(list.handle.scrollToMessage('c2500', { align: 'start' })).toBe(true);
    expect(reads).toBe(500);
    await frames(4);
    expect(placeOf(list.scroller, 'c2500')?.top).toBeCloseTo(0, 0);
  });
});

describe('MessageList listRef: messages changed while a jump lands', () => {
  it('a jump near the top of the history window lands on its message as the window widens above it', async () => {
    // The window holds c3000-c4999; within two screens of its top the list widens it by 1,000 older
    // messages, which moves every index the virtualizer holds.
    const list = await aliceList(history(5000));
    list.handle.scrollToMessage('c3002', { align: 'start' });
    await frames(10);
    expect(placeOf(list.scroller, 'c3002')?.top).toBeCloseTo(0, 0);
  });

  it('a jump to a message older than the window, then one within it, lands on the second', async () => {
    const list = await aliceList(history(5000));
    list.handle.scrollToMessage('c10', { align: 'start' });
    list.handle.scrollToMessage('c4990', { align: 'start' });
    await frames(10);
    expect(placeOf(list.scroller, 'c4990')?.top).toBeCloseTo(0, 0);
  });

  it('a jump right after the app prepended older messages, before React rendered them, lands on its message', async () => {
    const all = history(400);
    const { handle, setMessages, scroller } = await chatInState(all.slice(100));
    // The handle reads the last commit, where c150 is the 50th message; rendered, it is the 150th.
    setMessages.current(all);
    expect(handle.scrollToMessage('c150', { align: 'start' })).toBe(true);
    await frames(10);
    expect(placeOf(scroller, 'c150')?.top).toBeCloseTo(0, 0);
  });

  it("a jump far up in the task that appends Bob's new message is not taken back to the end", async () => {
    // The list was at its end by its last scroll event: the append was followed, over the jump.
    const all = history(400);
    const news = { ...all[399]!, messageClientId: 'c400', senderId: 'bob', isSelf: false };
    const { handle, setMessages, scroller } = await chatInState(all);
    expect(handle.scrollToMessage('c20', { align: 'start' })).toBe(true);
    setMessages.current([...all, news]);
    await frames(10);
    expect(placeOf(scroller, 'c20')?.top).toBeCloseTo(0, 0);
  });

  it('a jump whose message the app removed before React rendered stops where it is', async () => {
    const all = history(400);
    const { handle, setMessages, scroller } = await chatInState(all);
    setMessages.current(all.filter((message) => message.messageClientId !== 'c150'));
    expect(handle.scrollToMessage('c150', { align: 'start' })).toBe(true);
    await frames(10);
    // Near where c150 was, not sent on to the top by an index the message no longer has.
    expect(placeOf(scroller, 'c151') ?? placeOf(scroller, 'c149')).toBeDefined();
  });
});

/** The number of the message at the top of the list's view. */
function topMessage(scroller: HTMLElement): number {
  const top = scroller.getBoundingClientRect().top;
  const rows = [...scroller.querySelectorAll<HTMLElement>('[data-testid]')]
    .filter((row) => row.getBoundingClientRect().bottom > top + 1)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  return Number(rows[0]?.dataset.testid?.slice(1));
}

describe('MessageList listRef: gliding near the top of the history window', () => {
  it('glides only over the last two screens, with the window widened before it sets off', async () => {
    // Widened under the glide, the window's 1,000 older messages moved the glide's target 90,000 px
    // down from where the scroller was (a smooth scroll is not anchored): the reader saw messages a
    // thousand away and a long crawl back.
    const list = await aliceList(history(5000));
    list.handle.scrollToMessage('c3002', { align: 'start', behavior: 'smooth' });
    let frame = 0;
    for (; Math.abs(placeOf(list.scroller, 'c3002')?.top ?? 1) >= 0.5; frame++) {
      expect(frame, 'the glide lands').toBeLessThan(60);
      await nextFrame();
      expect(Math.abs(topMessage(list.scroller) - 3002), `frame ${frame}`).toBeLessThan(30);
    }
    // It glided there over several frames (an instant jump would pass the checks above untested).
    expect(frame, 'frames under way').toBeGreaterThan(2);
  });
});

describe('MessageList listRef: the reader takes over a glide', () => {
  /**
   * Alice's list of 400 messages in a 700 px view, settled 1,300 px below c5 (at 400 px: within the
   * two screens a glide covers without a jump), gliding up to c5 and taking one notch of a mouse wheel down, against the glide, as Chromium receives it
   * from a mouse, sent as the glide sets off. Resolves with the list, where the list was once its
   * wheel event was handled (the list's own handler comes first), and whether the glide had moved
   * by then.
   */
  async function wheelUnderGlide() {
    const list = await aliceList(history(400), 'jumps-list tall');
    // Its rows there rendered before the glide: under load, the render of a screen of new rows
    // after the pill's jump outlasted the whole glide.
    list.scroller.scrollTop = 400 + 1300;
    await frames();
    const box = list.scroller.getBoundingClientRect();
    const frame = window.frameElement?.getBoundingClientRect();
    const startedAt = list.scroller.scrollTop;
    let glided = false;
    const onScroll = () => {
      glided ||= list.scroller.scrollTop < startedAt;
    };
    list.scroller.addEventListener('scroll', onScroll, { passive: true });
    const handled = new Promise<number>((resolve) =>
      list.scroller.addEventListener(
        'wheel',
        () => {
          onScroll();
          list.scroller.removeEventListener('scroll', onScroll);
          resolve(list.scroller.scrollTop);
        },
        { once: true, passive: true },
      ),
    );
    list.handle.scrollToMessage('c5', { align: 'start', behavior: 'smooth' });
    // Sent at once: waiting for frames in the page first, under load, the wheel came after the glide.
    await cdp().send('Input.dispatchMouseEvent', {
      type: 'mouseWheel',
      x: (frame?.left ?? 0) + box.left + box.width / 2,
      y: (frame?.top ?? 0) + box.top + box.height / 2,
      deltaX: 0,
      deltaY: 120,
    });
    return { list, wheeledAt: await handled, glided };
  }

  /** For 60 frames, the message at the top of the view stays where it is. */
  async function expectReaderStays(scroller: HTMLElement) {
    const looking = `c${topMessage(scroller)}`;
    const at = placeOf(scroller, looking)!.top;
    for (let frame = 0; frame < 60; frame++) {
      await nextFrame();
      const place = placeOf(scroller, looking);
      expect(place, `${looking}, frame ${frame}`).toBeDefined();
      expect(Math.abs(place!.top - at), `${looking} moved, frame ${frame}`).toBeLessThan(1.5);
    }
  }

  it('a wheel stops it where the reader scrolled', async () => {
    // Chromium's smooth scroll runs on its own clock, while the page's work and the wheel, sent from
    // outside it, can be late under load: a wheel handled before the glide moved, or once it had
    // come near c5, says nothing either way, and the scenario starts over. A run whose wheel came
    // while the glide travelled far from c5 is judged.
    for (let run = 1; ; run++) {
      expect(run, 'a run whose wheel comes while the glide travels').toBeLessThanOrEqual(8);
      const { list, wheeledAt, glided } = await wheelUnderGlide();
      if (glided && wheeledAt - 400 > 250) {
        await nextFrame();
        await nextFrame();
        expect(list.scroller.scrollTop - 400, 'stopped short of c5').toBeGreaterThan(250);
        await expectReaderStays(list.scroller);
        return;
      }
      cleanupApps();
      world.dispose();
    }
  });
});

/**
 * Where the rendered rows are not stacked: a row (in message order) whose top is not the bottom of
 * the row of the message before it, to 1 px.
 */
function stackingProblems(scroller: HTMLElement): string[] {
  const rows = [...scroller.querySelectorAll<HTMLElement>('.readmark-message-row')]
    .map((row) => {
      const id = row.querySelector<HTMLElement>('[data-testid]')?.dataset.testid ?? '';
      return { id, n: Number(id.slice(1)), box: row.getBoundingClientRect() };
    })
    .sort((a, b) => a.n - b.n);
  const top = scroller.getBoundingClientRect().top;
  const problems: string[] = [];
  for (let index = 1; index < rows.length; index++) {
    const [above, row] = [rows[index - 1]!, rows[index]!];
    if (row.n === above.n + 1 && Math.abs(row.box.top - above.box.bottom) > 1) {
      problems.push(
        `${above.id} ${Math.round(above.box.top - top)}…${Math.round(above.box.bottom - top)}, ` +
          `${row.id} ${Math.round(row.box.top - top)}…${Math.round(row.box.bottom - top)}`,
      );
    }
  }
  return problems;
}

describe('MessageList listRef: the rows a glide passes', () => {
  // During a smooth scroll TanStack measured only the rows near its target index: those mounted as
  // the glide set off, two screens below, kept their 64 px estimate and were drawn over one another
  // (or apart), during the glide and for good after it.
  it('are stacked every frame of a glide far up, and after it, with the message where align says', async () => {
    const list = await aliceList(history(3000));
    list.handle.scrollToMessage('c2500', { align: 'center', behavior: 'smooth' });
    const centre = () => {
      const place = placeOf(list.scroller, 'c2500');
      return place && (place.top + place.bottom) / 2;
    };
    let still = 0;
    let frame = 0;
    for (let last = Number.NaN; still < 10; frame++) {
      expect(frame, 'the glide lands').toBeLessThan(180);
      await nextFrame();
      expect(stackingProblems(list.scroller), `frame ${frame}`).toEqual([]);
      still = list.scroller.scrollTop === last ? still + 1 : 0;
      last = list.scroller.scrollTop;
    }
    expect(frame, 'frames under way').toBeGreaterThan(12);
    expect(centre()).toBeCloseTo(VIEW / 2, 0);
    // The reader scrolls on from there: the rows the glide mounted are still stacked.
    list.scroller.scrollTop += 300;
    await frames(3);
    expect(stackingProblems(list.scroller)).toEqual([]);
  });
});
