import { createRef, type RefObject, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import { placeOf } from './rowPlaces.test';
import {
  type createWorld,
  frames,
  aliceHistory as history,
  renderAliceApp,
  settle,
  threeHeightRow,
} from './testWorld.test';

/*
 * A jump through MessageList's listRef asked for while the list is hidden (`display: none`, a tab
 * panel kept mounted), where the browser drops scroll writes: the list is at the message once shown,
 * as when an app's search tab shows the chat and jumps to a result in one click.
 */

let world: ReturnType<typeof createWorld>;
cleanupAfterEach(() => world, { isFocused: true });

addStyle('.hidden-jump-list { height: 400px; width: 400px; }');

const messages = history(400);

const renderMessage = threeHeightRow;

/** Where the top of the row of `key` is in the scroller's viewport (undefined: not rendered). */
const topOf = (scroller: HTMLElement, key: string) => placeOf(scroller, key)?.top;

/** The app: a chat tab (the list, hidden while another tab shows) that `show.current` switches. */
function ChatTab({
  isHiddenAtFirst,
  handle,
  show,
}: {
  isHiddenAtFirst: boolean;
  handle: RefObject<MessageListHandle | null>;
  show: { current: (isShown: boolean) => void };
}) {
  const [isShown, setIsShown] = useState(!isHiddenAtFirst);
  show.current = setIsShown;
  return (
    <div role="tabpanel" hidden={!isShown}>
      <MessageList
        className="hidden-jump-list"
        conversationId="alice|1|bob"
        messages={messages}
        renderMessage={renderMessage}
        listRef={handle}
      />
    </div>
  );
}

async function chatTab({ isHiddenAtFirst }: { isHiddenAtFirst: boolean }) {
  const handle = createRef<MessageListHandle>();
  const show = { current: (_: boolean) => {} };
  const app = renderAliceApp(
    () => <ChatTab isHiddenAtFirst={isHiddenAtFirst} handle={handle} show={show} />,
    [],
  );
  world = app.world;
  await settle(world.server);
  await frames();
  return { handle: handle.current!, show: show.current, scroller: app.scroller };
}

describe('MessageList listRef: a jump while the list is hidden', () => {
  it('a list hidden at its newest message, asked to jump, is at the message when shown', async () => {
    const list = await chatTab({ isHiddenAtFirst: false });
    list.show(false);
    await frames();
    expect(list.handle.scrollToMessage('c20', { align: 'start' })).toBe(true);
    await frames();
    list.show(true);
    await frames(6);
    expect(topOf(list.scroller, 'c20')).toBeCloseTo(0, 0);
  });

  it('shown and asked to jump in one click (the jump comes before the render that shows it)', async () => {
    const list = await chatTab({ isHiddenAtFirst: false });
    list.show(false);
    await frames();
    list.show(true);
    expect(list.handle.scrollToMessage('c20', { align: 'start' })).toBe(true);
    await frames(6);
    expect(topOf(list.scroller, 'c20')).toBeCloseTo(0, 0);
  });

  it('a list mounted hidden, before its first layout, is at the message when shown', async () => {
    const list = await chatTab({ isHiddenAtFirst: true });
    list.show(true);
    expect(list.handle.scrollToMessage('c20', { align: 'start' })).toBe(true);
    await frames(6);
    expect(topOf(list.scroller, 'c20')).toBeCloseTo(0, 0);
  });
});
