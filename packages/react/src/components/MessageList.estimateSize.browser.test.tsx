import type { ReceiptMessage } from '@readmark/core';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, settle } from './testWorld.test';

/*
 * An `estimateSize` that gives no usable height (NaN from a missing field, 0, a negative number, a
 * string) is replaced by the default estimate: with NaN every row was stacked at the top and the
 * newest messages were never rendered.
 */

const world = listWorldPerTest('estimate-list');

const renderMessage = (message: ReceiptMessage) => (
  <div data-id={message.messageClientId} style={{ height: 50 }}>
    {message.messageClientId}
  </div>
);

for (const [name, estimate] of [
  ['NaN', Number.NaN],
  // 0 did no harm before the fallback either (rows are measured from 0): kept as a guard that it
  // stays harmless, not as a check of the fallback.
  ['0', 0],
  ['a negative number', -40],
  ['a string', '50'],
] as const) {
  it(`opens at the newest messages, rows stacked, when estimateSize returns ${name}`, async () => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let i = 0; i < 30; i++)
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${i}` });
    const messages = await world.history(bob, 'bob|1|alice');
    const app = renderApp(
      <Providers engine={world.engineFor(bob)}>
        <MessageList
          className="estimate-list"
          conversationId="bob|1|alice"
          messages={messages}
          renderMessage={renderMessage}
          estimateSize={() => estimate as number}
        />
      </Providers>,
    );
    for (let i = 0; i < 4; i++) await nextFrame();
    await settle(world.server);
    const scroller = app.container.querySelector('section')!;
    const view = scroller.getBoundingClientRect();
    const newest = app.container.querySelector(`[data-id="${messages.at(-1)!.messageClientId}"]`);
    expect(newest).not.toBeNull();
    expect(newest!.getBoundingClientRect().bottom).toBeLessThanOrEqual(view.bottom + 1);
    expect(newest!.getBoundingClientRect().top).toBeGreaterThanOrEqual(view.top);
    // One under the other: no two rendered rows share a place.
    const tops = [...app.container.querySelectorAll('.readmark-message-row')].map(
      (row) => row.getBoundingClientRect().top,
    );
    expect(new Set(tops).size).toBe(tops.length);
  });
}
