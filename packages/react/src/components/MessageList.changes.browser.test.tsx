import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MessageList } from './MessageList';
import { scrolledUpOverHistory, variedHeightOf } from './scrolledUpOverHistory.test';
import {
  cleanupApps,
  createWorld,
  nextFrame,
  Providers,
  renderApp,
  settle,
} from './testWorld.test';

/*
 * Whatever an app does to its messages array (history prepended, new messages appended, one that
 * arrived late inserted, a message recalled, a sent copy re-sorted to the end, copies replaced, the
 * oldest dropped), wherever the reader has scrolled, and while the new-messages pill's smooth scroll
 * to the end is still travelling, the rows on screen are the messages at their
 * indexes, stacked one under the other with no gap or overlap, and a reader at the newest message
 * stays there. Each change is applied as an app would (a re-render), and checked two frames later,
 * when the reader sees it.
 */

beforeEach(() => {
  window.focus();
});
let world: ReturnType<typeof createWorld>;
const style = document.createElement('style');
style.textContent = '.changes-list { height: 300px; width: 400px; }';
document.head.append(style);
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: variedHeightOf(message) }}>{message.messageClientId}</div>
);

/** Alice's list of her chat with Bob, as the app renders it. */
const changesList = (engine: ReceiptEngine, messages: ReceiptMessage[]) => (
  <Providers engine={engine}>
    <MessageList
      className="changes-list"
      conversationId="alice|1|bob"
      messages={messages}
      renderMessage={renderMessage}
    />
  </Providers>
);

type Change =
  | { kind: 'append' | 'prepend' | 'dropOldest'; count: number }
  | { kind: 'remove' | 'toEnd' | 'replaceCopy' | 'insert'; at: number }
  | { kind: 'move'; at: number; to: number }
  | { kind: 'scroll'; fraction: number }
  /**
   * Bob's `count` messages arrive and the reader clicks the pill if it shows; the next change comes
   * `frames` frames later.
   */
  | { kind: 'pill'; count: number; frames: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('append' as const, 'prepend' as const, 'dropOldest' as const),
    count: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constantFrom(
      'remove' as const,
      'toEnd' as const,
      'replaceCopy' as const,
      'insert' as const,
    ),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
  // Twice as often: a reader scrolled up, with news below, is what the pill needs.
  {
    arbitrary: fc.record({
      kind: fc.constant('scroll' as const),
      fraction: fc.double({ min: 0, max: 1 }),
    }),
    weight: 2,
  },
  {
    // The next change comes while the pill's scroll is travelling (it takes some 20 frames here),
    // at its start or further on.
    arbitrary: fc.record({
      kind: fc.constant('pill' as const),
      count: fc.integer({ min: 1, max: 12 }),
      frames: fc.integer({ min: 0, max: 16 }),
    }),
    weight: 2,
  },
);

/**
 * The messages after `step`; `fresh` makes a message no array has held yet (`received` one from the
 * other member).
 */
function applyChange(
  messages: ReceiptMessage[],
  step: Change,
  fresh: () => ReceiptMessage,
  received: () => ReceiptMessage,
): ReceiptMessage[] {
  const next = [...messages];
  const index = 'at' in step && next.length > 0 ? step.at % next.length : undefined;
  switch (step.kind) {
    case 'append':
      return [...next, ...Array.from({ length: step.count }, fresh)];
    case 'prepend':
      return [...Array.from({ length: step.count }, fresh), ...next];
    case 'dropOldest':
      return next.slice(Math.min(step.count, Math.max(0, next.length - 1)));
    case 'remove':
      if (index !== undefined) next.splice(index, 1);
      return next;
    case 'toEnd':
      if (index !== undefined) next.push(...next.splice(index, 1));
      return next;
    case 'insert':
      // A message that arrived late, sorted in among the others.
      next.splice(index ?? 0, 0, fresh());
      return next;
    case 'replaceCopy':
      if (index !== undefined) next[index] = { ...next[index]! };
      return next;
    case 'move':
      if (index !== undefined) next.splice(step.to % next.length, 0, ...next.splice(index, 1));
      return next;
    case 'pill':
      return [...next, ...Array.from({ length: step.count }, received)];
    case 'scroll':
      return messages;
  }
}

/** What is wrong with the rows on screen, as sentences; empty when nothing is. */
function layoutProblems(scroller: HTMLElement, messages: readonly ReceiptMessage[]): string[] {
  const view = scroller.getBoundingClientRect();
  const rows = [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
    .map((row) => ({ row, index: Number(row.dataset.index), box: row.getBoundingClientRect() }))
    .filter(({ box }) => box.bottom > view.top + 1 && box.top < view.bottom - 1)
    .sort((a, b) => a.box.top - b.box.top);
  const problems: string[] = [];
  rows.forEach(({ row, index, box }, position) => {
    if (row.textContent !== messages[index]?.messageClientId) {
      problems.push(
        `row ${index} shows ${row.textContent}, not ${messages[index]?.messageClientId}`,
      );
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
  if (messages.length > 0 && rows.length === 0) problems.push('no row is on screen');
  return problems;
}

it('keeps the rows on screen stacked in message order, and a reader at the end there, through any changes and scrolls', async () => {
  world = createWorld();
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const [template] = [await world.send(alice, { conversationId: 'alice|1|bob', text: 'x' })];
  const engine = world.engineFor(alice);
  let made = 0;
  const fresh = (): ReceiptMessage => {
    made++;
    return {
      ...template!,
      messageClientId: `m${made}`,
      messageServerId: `s${made}`,
      createTime: template!.createTime + made,
    };
  };
  // Bob's messages are news to Alice: they bring the "new messages" pill while she is scrolled up.
  const received = (): ReceiptMessage => ({ ...fresh(), senderId: bob.accountId });
  let runs = 0;

  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 30 }),
      fc.array(change, { minLength: 1, maxLength: 8 }),
      async (initialCount, changes) => {
        runs++;
        cleanupApps();
        let messages = Array.from({ length: initialCount }, fresh);
        const ui = () => changesList(engine, messages);
        const app = renderApp(ui());
        const scroller = app.container.querySelector('section') as HTMLElement;
        await nextFrame();
        await nextFrame();
        for (const step of changes) {
          const distanceFromEnd = () =>
            scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
          const wasAtEnd = messages.length > 0 && distanceFromEnd() <= 1;
          if (step.kind === 'scroll') {
            scroller.scrollTop = step.fraction * (scroller.scrollHeight - scroller.clientHeight);
          } else {
            messages = applyChange(messages, step, fresh, received);
            app.rerender(ui());
          }
          if (step.kind === 'pill') {
            // The reader's click, with the scroll it starts (smooth: the test browser does not ask
            // for reduced motion) still travelling when the next change comes.
            await nextFrame();
            app.container.querySelector<HTMLButtonElement>('.readmark-new-messages')?.click();
            for (let frame = 0; frame < step.frames; frame++) await nextFrame();
          }
          await nextFrame();
          await nextFrame();
          const problems = layoutProblems(scroller, messages);
          expect(problems, `after ${JSON.stringify(step)}`).toEqual([]);
          if (wasAtEnd && step.kind !== 'scroll' && step.kind !== 'pill') {
            expect(
              distanceFromEnd(),
              `at the end, then ${JSON.stringify(step)}`,
            ).toBeLessThanOrEqual(1);
          }
        }
      },
    ),
    // No shrinking: each run costs a few hundred ms of real frames, and shrinking outlasted the
    // test's time cap, which then reported a timeout instead of the failing changes.
    { numRuns: 40, seed: 82440538, endOnFailure: true },
  );
  expect(runs).toBe(40);
  await settle(world.server);
  // About 13 s on a loaded CI machine: its own cap, well above the shared 30 s one.
}, 120_000);

it('keeps rows on screen when history is prepended twice while the pill scroll is just setting off', async () => {
  // The seeded property's failure under CPU load, without the load. A smooth scroll reports its
  // first position frames after it sets off (later under load), and a prepend before then rendered
  // the rows for where the reader's rows had moved while the list stayed put. Two prepends moved
  // them past the rows the overscan keeps, and no row was on screen (renderWhereSmoothScrollIs in
  // useRowVirtualizer.ts). From further up the pill jumps before it glides, so the reader starts
  // within the glide, where the whole way is a smooth scroll.
  world = createWorld();
  const { scroller, pill, prependHistory, messages } = await scrolledUpOverHistory(world, {
    count: 27,
    news: 4,
    className: 'changes-list',
    renderMessage,
  });
  // Within the pill's glide of the end (two screens), so its scroll is all smooth, no jump.
  scroller.scrollTop = scroller.scrollHeight - 2.5 * scroller.clientHeight;
  await nextFrame();
  await nextFrame();
  pill.click();
  // Each checked a frame later, when the reader sees it; both before the scroll's first event.
  for (const count of [9, 5]) {
    prependHistory(count);
    await nextFrame();
    expect(layoutProblems(scroller, messages()), `after prepending ${count}`).toEqual([]);
  }
  await settle(world.server);
});

it.each([
  ['the other member', 'not counted in the pill'],
  ['the reader', 'not glided to'],
] as const)(
  'follows messages from %s appended the moment the scroller reaches the end, before its scroll event (%s)',
  async (sender, _outcome) => {
    // The seeded property's failure under CPU load, without the load: the pill's smooth scroll took
    // its last step to the end, and an append came before the list (and the virtualizer) read that
    // step's scroll event. The append was judged from the last position read, above the end: the
    // reader's own messages were glided to, and the other member's counted in the pill. Here the
    // scroller is put at the end by a write, and the append committed before the event.
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const template = await world.send(alice, { conversationId: 'alice|1|bob', text: 'x' });
    const engine = world.engineFor(alice);
    let made = 0;
    const fresh = (): ReceiptMessage => {
      made++;
      return {
        ...template,
        messageClientId: `m${made}`,
        messageServerId: `s${made}`,
        createTime: template.createTime + made,
        senderId: sender === 'the reader' ? alice.accountId : bob.accountId,
      };
    };
    let messages = Array.from({ length: 27 }, fresh);
    const ui = () => changesList(engine, messages);
    const app = renderApp(ui());
    const scroller = app.container.querySelector('section') as HTMLElement;
    const list = scroller.closest('[data-at-end]') as HTMLElement;
    const distanceFromEnd = () =>
      scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    await nextFrame();
    await nextFrame();
    scroller.scrollTop = 0;
    await nextFrame();
    await nextFrame();
    expect(list.dataset.atEnd, 'scrolled up').toBe('false');
    scroller.scrollTop = scroller.scrollHeight;
    expect(distanceFromEnd(), 'at the end').toBeLessThanOrEqual(1);
    messages = [...messages, ...Array.from({ length: 3 }, fresh)];
    app.rerender(ui());
    // What the reader sees in the frame that paints the new messages, and two frames on.
    expect(app.container.querySelector('.readmark-new-messages'), 'the pill').toBeNull();
    expect(distanceFromEnd(), 'as the new messages are painted').toBeLessThanOrEqual(1);
    await nextFrame();
    await nextFrame();
    expect(distanceFromEnd(), 'two frames later').toBeLessThanOrEqual(1);
    expect(list.dataset.atEnd).toBe('true');
    expect(app.container.querySelector('.readmark-new-messages'), 'the pill').toBeNull();
    expect(layoutProblems(scroller, messages)).toEqual([]);
    await settle(world.server);
  },
);
