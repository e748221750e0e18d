import type { ReceiptMessage } from '@readmark/core';
import { describe, expect, it } from 'vitest';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import {
  aliceHistory,
  type createWorld,
  frames,
  renderAliceApp,
  rowOfHeight,
} from './testWorld.test';

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world, { isFocused: true });
addStyle('.short-list { height: 300px; width: 400px; }');
// docs/theming.md, "Short chats at the bottom".
addStyle(`
.short-at-end .readmark-message-scroller { display: flex; flex-direction: column; }
.short-at-end .readmark-message-rows { margin-block-start: auto; }
`);

function mount(count: number, className: string) {
  const list = renderAliceApp(
    (messages: ReceiptMessage[]) => (
      <MessageList
        className={className}
        conversationId="alice|1|bob"
        messages={messages}
        renderMessage={rowOfHeight(50)}
      />
    ),
    [aliceHistory(count)],
  );
  world = list.world;
  const rowBox = (id: string) =>
    list.app.container.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
  return { ...list, rowBox, view: () => list.scroller.getBoundingClientRect() };
}

describe('short chats', () => {
  it('sit at the top of the list by default', async () => {
    const { rowBox, view } = mount(3, 'short-list');
    await frames();
    expect(rowBox('c0').top).toBe(view().top);
    expect(rowBox('c2').bottom).toBe(view().top + 150);
  });

  it('sit at the bottom with the recipe, and the list scrolls as usual once they fill it', async () => {
    const { rowBox, view, scroller, rerender } = mount(3, 'short-list short-at-end');
    await frames();
    expect(rowBox('c2').bottom).toBe(view().bottom);
    expect(rowBox('c0').top).toBe(view().bottom - 150);
    expect(scroller.scrollTop).toBe(0);

    // Eight more: 550 px of rows in a 300 px list, which follows them to the newest.
    rerender(aliceHistory(11));
    await frames();
    expect(rowBox('c10').bottom).toBe(view().bottom);
    expect(scroller.scrollTop).toBe(250);
    // And the oldest can be scrolled to: nothing is pushed out of reach above.
    scroller.scrollTop = 0;
    await frames();
    expect(rowBox('c0').top).toBe(view().top);
  });
});
