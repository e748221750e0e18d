import type { ReceiptMessage } from '@readmark/core';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * A measured row above the view that grows (an image loading) moves nothing the reader sees, even
 * right after they scrolled up: TanStack skips its scroll correction while the last scroll went
 * backward (for about 150 ms), and the visible rows jumped down by the growth.
 */

const world = listWorldPerTest('resize-list');

const renderMessage = (message: ReceiptMessage) => (
  <div data-id={message.messageClientId} style={{ height: 50 }}>
    {message.messageClientId}
  </div>
);

async function frames(count: number) {
  for (let i = 0; i < count; i++) await nextFrame();
  await settle(world.server);
}

async function scrolledUpList({ settleMs }: { settleMs: number }) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let i = 0; i < 60; i++)
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${i}` });
  const messages = await world.history(bob, 'bob|1|alice');
  const app = renderApp(
    <Providers engine={world.engineFor(bob)}>
      <MessageList
        className="resize-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        isMarkingRead={false}
      />
    </Providers>,
  );
  await frames(3);
  const scroller = app.container.querySelector('section') as HTMLElement;
  // Up from the end: TanStack's last scroll direction is now "backward".
  scroller.scrollTop = 1200;
  await frames(3);
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  const view = scroller.getBoundingClientRect();
  const rowOf = (message: ReceiptMessage) =>
    app.container.querySelector<HTMLElement>(`[data-id="${message.messageClientId}"]`);
  const above = messages.find((message) => {
    const row = rowOf(message);
    return row && row.getBoundingClientRect().bottom < view.top;
  });
  const firstVisible = messages.find((message) => {
    const row = rowOf(message);
    return row && row.getBoundingClientRect().top >= view.top;
  });
  return { above: rowOf(above!)!, firstVisible: rowOf(firstVisible!)! };
}

for (const { when, settleMs } of [
  { when: 'right after the reader scrolled up', settleMs: 0 },
  { when: 'once scrolling has settled', settleMs: 400 },
]) {
  it(`keeps the visible rows in place when a row above the view grows ${when}`, async () => {
    const { above, firstVisible } = await scrolledUpList({ settleMs });
    const topBefore = firstVisible.getBoundingClientRect().top;
    above.style.height = '250px'; // its image loaded
    await frames(4);
    expect(Math.abs(firstVisible.getBoundingClientRect().top - topBefore)).toBeLessThanOrEqual(1);
  });
}
