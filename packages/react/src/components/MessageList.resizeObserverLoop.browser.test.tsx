import type { ReceiptMessage } from '@readmark/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { variedHeightOf } from './scrolledUpOverHistory.test';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * The list's viewport changing size while the list scrolls (the new-messages pill showing under a
 * list without the stylesheet, which it shortens; the app's layout changing during the pill's
 * scroll) renders the rows inside the viewport's ResizeObserver callback, and the rows that leave
 * the range are removed there. Those rows stayed observed (React detaches a row's ref before it
 * removes the row), and Chromium reported "ResizeObserver loop completed with undelivered
 * notifications" as an error event on the window, which apps that report `window.onerror` count as
 * theirs. No stylesheet here: the pill is in the flow, as in an app that does not load it.
 */

const world = listWorldPerTest('loop-list');

/** The messages of the ResizeObserver loop errors the window reported during the test. */
const loopErrors: string[] = [];
const noteLoopError = (event: ErrorEvent) => {
  if (event.message.includes('ResizeObserver loop')) loopErrors.push(event.message);
};
beforeEach(() => {
  loopErrors.length = 0;
  window.addEventListener('error', noteLoopError);
});
afterEach(() => window.removeEventListener('error', noteLoopError));

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ height: variedHeightOf(message) }}>{message.messageClientId}</div>
);
const distanceFromEnd = (scroller: HTMLElement) =>
  scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;

/**
 * Alice's list of 40 messages, scrolled up so that the top of a row is 4 px above the viewport's
 * foot (anything that shortens the viewport by more drops a row from the rendered range), the
 * scroll just made; then Bob's three new messages show the pill. Returns before the next frame.
 */
async function pillShownJustAfterAScroll() {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const template = await world.send(alice, { conversationId: 'alice|1|bob', text: 'x' });
  const engine = world.engineFor(alice);
  let made = 0;
  const fresh = (senderId: string): ReceiptMessage => {
    made++;
    return {
      ...template,
      messageClientId: `m${made}`,
      messageServerId: `s${made}`,
      createTime: template.createTime + made,
      senderId,
    };
  };
  let messages = Array.from({ length: 40 }, () => fresh(alice.accountId));
  const ui = () => (
    <Providers engine={engine}>
      <MessageList
        className="loop-list"
        conversationId="alice|1|bob"
        messages={messages}
        renderMessage={renderMessage}
      />
    </Providers>
  );
  const app = renderApp(ui());
  const scroller = app.container.querySelector('section') as HTMLElement;
  await nextFrame();
  await nextFrame();
  scroller.scrollTop = 0;
  await nextFrame();
  await nextFrame();
  // The first row starting below the viewport (measured: the overscan renders it at the top).
  const rowTops = [...scroller.querySelectorAll<HTMLElement>('[data-index]')].map(
    (row) => row.getBoundingClientRect().top - scroller.getBoundingClientRect().top,
  );
  const below = Math.min(...rowTops.filter((top) => top > scroller.clientHeight));
  // The rows there rendered and reported once first (a row removed before its first report is
  // unobserved by that report), then the last pixel of the scroll: for 150 ms after it the
  // virtualizer counts the list as scrolling, and renders the rows inside the viewport's
  // ResizeObserver callback rather than in a later task.
  scroller.scrollTop = below - scroller.clientHeight + 3;
  await nextFrame();
  await nextFrame();
  scroller.scrollTop += 1;
  await nextFrame();
  messages = [...messages, ...Array.from({ length: 3 }, () => fresh(bob.accountId))];
  app.rerender(ui());
  const pill = app.container.querySelector<HTMLButtonElement>('.readmark-new-messages');
  expect(pill, 'the pill, with the reader scrolled up').not.toBeNull();
  expect(scroller.clientHeight, 'the viewport, shortened by the pill').toBeLessThan(296);
  return { scroller, pill: pill! };
}

it('reports no ResizeObserver loop error when the pill shortens the list the reader just scrolled', async () => {
  await pillShownJustAfterAScroll();
  for (let frame = 0; frame < 3; frame++) await nextFrame();
  expect(loopErrors).toEqual([]);
  await settle(world.server);
});

it('reports no ResizeObserver loop error when the list is resized during the pill scroll, and still reaches the end', async () => {
  const { scroller, pill } = await pillShownJustAfterAScroll();
  await nextFrame();
  await nextFrame();
  pill.click();
  // The app's layout shortens the list frame by frame (a composer growing), while the list glides.
  const list = scroller.parentElement as HTMLElement;
  for (let height = 280; height >= 160; height -= 8) {
    list.style.height = `${height}px`;
    await nextFrame();
  }
  for (let waited = 0; distanceFromEnd(scroller) > 1; waited++) {
    expect(waited, 'frames to reach the end').toBeLessThan(120);
    await nextFrame();
  }
  expect(loopErrors).toEqual([]);
  await settle(world.server);
});
