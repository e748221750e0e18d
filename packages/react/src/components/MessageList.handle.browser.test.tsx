import { ReceiptError, type ReceiptMessage } from '@readmark/core';
import { waitFor } from '@testing-library/dom';
import { createRef, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { addStyle, cleanupAfterEach } from './listWorldPerTest.test';
import { MessageList, type MessageListProps } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import { distanceFromEnd, placeOf } from './rowPlaces.test';
import {
  createWorld,
  frames,
  aliceHistory as history,
  nextFrame,
  Providers,
  renderAliceApp,
  renderApp,
  rowOfHeight,
  settle,
  threeHeightRow,
} from './testWorld.test';
import { HISTORY_STEP, HISTORY_WINDOW } from './useHistoryWindow';

let world: ReturnType<typeof createWorld>;
// The test iframe must have focus for messages to be marked read (see MessageList.browser.test).
cleanupAfterEach(() => world, { isFocused: true });

const VIEW = 400;
addStyle(`.handle-list { height: ${VIEW}px; width: 400px; }`);

const renderMessage = threeHeightRow;

const listRenders = { count: 0 };
/** Called as a function, MessageList's hooks belong to this component: one call = one render. */
function CountedList(props: MessageListProps<ReceiptMessage>) {
  listRenders.count++;
  return MessageList(props);
}

function aliceList(messages: ReceiptMessage[]) {
  const handle = createRef<MessageListHandle>();
  const app = renderAliceApp(
    () => (
      <CountedList
        className="handle-list"
        conversationId="alice|1|bob"
        messages={messages}
        renderMessage={renderMessage}
        listRef={handle}
      />
    ),
    [],
  );
  world = app.world;
  return { handle: handle.current!, scroller: app.scroller };
}

describe('MessageList listRef: scrolling to a message', () => {
  it('brings a message far above into view: centred by default, or at the start or end of the view', async () => {
    const list = aliceList(history(400));
    await settle(world.server);
    await frames();
    expect(placeOf(list.scroller, 'c20')).toBeUndefined();

    expect(list.handle.scrollToMessage('c20')).toBe(true);
    await waitFor(() => {
      const place = placeOf(list.scroller, 'c20');
      expect(place).toBeDefined();
      expect(Math.abs(place!.top + place!.height / 2 - VIEW / 2)).toBeLessThanOrEqual(1);
    });

    list.handle.scrollToMessage('c300', { align: 'start' });
    await waitFor(() => expect(placeOf(list.scroller, 'c300')?.top).toBeCloseTo(0, 0));
    list.handle.scrollToMessage('c100', { align: 'end' });
    await waitFor(() => expect(placeOf(list.scroller, 'c100')?.bottom).toBeCloseTo(VIEW, 0));
    // 'auto' leaves a message already in full view where it is. Asked once the jump's scroll event
    // has been read: TanStack judges 'auto' from the offset of its last scroll event, and a waitFor
    // that saw the rows in place from a mutation callback sometimes came before it (1 run in 6 moved
    // 90 px).
    await frames();
    const before = list.scroller.scrollTop;
    list.handle.scrollToMessage('c99', { align: 'auto' });
    await frames();
    expect(list.scroller.scrollTop).toBe(before);
  });

  it('glides there when asked (behavior smooth), jumping near first from far away', async () => {
    const list = aliceList(history(400));
    await settle(world.server);
    await frames();
    list.handle.scrollToMessage('c5', { behavior: 'smooth', align: 'start' });
    const jumpedTo = list.scroller.scrollTop;
    await nextFrame();
    const frameLater = list.scroller.scrollTop;
    await waitFor(() => expect(placeOf(list.scroller, 'c5')?.top).toBeCloseTo(0, 0), {
      timeout: 5000,
    });
    // From the end (some 25,000 px down) the list jumps to within two screens of c5 at once, and
    // a frame later it is still on its way there: it glides the rest.
    const landed = list.scroller.scrollTop;
    expect(jumpedTo - landed, 'jumped near first').toBeLessThanOrEqual(2 * VIEW);
    expect(frameLater - landed, 'gliding a frame later').toBeGreaterThan(1);
  });

  it('reaches a message older than the history window: the window widens to it in one render', async () => {
    const count = HISTORY_WINDOW + 10 * HISTORY_STEP;
    const list = aliceList(history(count));
    await settle(world.server);
    await frames();
    listRenders.count = 0;
    expect(list.handle.scrollToMessage('c10', { align: 'start' })).toBe(true);
    await waitFor(() => expect(placeOf(list.scroller, 'c10')?.top).toBeCloseTo(0, 0));
    await frames();
    // The render that widens the window to a step above the message (here all the rest), and the
    // one after the scroll's frame (the list has left the end): not one render per 1,000 older
    // messages in between (11 here).
    expect(listRenders.count).toBe(2);
    // And back to the newest message.
    list.handle.scrollToEnd({ behavior: 'auto' });
    await waitFor(() => {
      expect(distanceFromEnd(list.scroller)).toBeLessThanOrEqual(1);
      expect(placeOf(list.scroller, `c${count - 1}`)?.bottom).toBeCloseTo(VIEW, 0);
    });
  });

  it('returns false and stays put for a key no message has', async () => {
    const list = aliceList(history(100));
    await settle(world.server);
    await frames();
    const before = list.scroller.scrollTop;
    expect(list.handle.scrollToMessage('not-here')).toBe(false);
    await frames();
    expect(list.scroller.scrollTop).toBe(before);
  });

  it('refuses a key that is not a string, or unknown options, with 191004, and does not scroll', async () => {
    const list = aliceList(history(100));
    await settle(world.server);
    await frames();
    const before = list.scroller.scrollTop;
    // Options that cannot be read: an Immer draft kept after its producer ended.
    const { proxy: revoked, revoke } = Proxy.revocable({ align: 'start' }, {});
    revoke();
    const calls: (() => unknown)[] = [
      () => list.handle.scrollToMessage(20 as never),
      () => list.handle.scrollToMessage('c1', { align: 'middle' as never }),
      () => list.handle.scrollToMessage('c1', { behavior: 'fast' as never }),
      () => list.handle.scrollToMessage('c1', 'start' as never),
      () => list.handle.scrollToMessage('c1', revoked as never),
      () => list.handle.scrollToEnd({ behavior: 1 as never }),
      () => list.handle.scrollToEnd('auto' as never),
      () => list.handle.scrollToEnd(revoked as never),
    ];
    for (const call of calls) {
      expect(call).toThrow(ReceiptError);
      expect(() => call()).toThrow(expect.objectContaining({ code: 191004 }));
    }
    await frames();
    expect(list.scroller.scrollTop).toBe(before);
  });
});

describe('MessageList listRef: scrolling to the end', () => {
  it('brings a reader who scrolled up back to the newest message, which is then marked read, and follows new ones again', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 0; index < 30; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
    }
    const engine = world.engineFor(bob);
    const handle = createRef<MessageListHandle>();
    let messages = await world.history(bob, 'bob|1|alice');
    const ui = () => (
      <Providers engine={engine}>
        <MessageList
          className="handle-list"
          conversationId="bob|1|alice"
          messages={messages}
          renderMessage={rowOfHeight(60)}
          readDwellMs={0}
          listRef={handle}
        />
      </Providers>
    );
    const app = renderApp(ui());
    const scroller = app.container.querySelector('section') as HTMLElement;
    const peerReadTime = async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
    await settle(world.server);
    await frames();
    await waitFor(async () => expect(await peerReadTime()).toBe(messages.at(-1)!.createTime));

    scroller.scrollTop = 0;
    await frames();
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'while away' });
    messages = await world.history(bob, 'bob|1|alice');
    app.rerender(ui());
    await settle(world.server);
    await frames();
    const away = messages.at(-1)!;
    expect(await peerReadTime()).toBeLessThan(away.createTime);

    handle.current!.scrollToEnd();
    await waitFor(() => expect(distanceFromEnd(scroller)).toBeLessThanOrEqual(1));
    await waitFor(async () => expect(await peerReadTime()).toBe(away.createTime));
    // At the end again: the next message is followed.
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'next' });
    messages = await world.history(bob, 'bob|1|alice');
    app.rerender(ui());
    await settle(world.server);
    await waitFor(() => expect(distanceFromEnd(scroller)).toBeLessThanOrEqual(1));
    expect(placeOf(scroller, messages.at(-1)!.messageClientId)).toBeDefined();
  });
});

/** The README's recipe: Bob's chat, opened at the first of his `unreadCount` unread messages. */
function ChatAtFirstUnread({
  messages,
  unreadCount,
}: {
  messages: ReceiptMessage[];
  unreadCount: number;
}) {
  const listRef = useRef<MessageListHandle>(null);
  const [firstUnreadKey] = useState(() => {
    const theirs = messages.filter((message) => message.senderId !== 'bob');
    const index = Math.max(0, theirs.length - unreadCount);
    return unreadCount > 0 ? theirs[index]?.messageClientId : undefined;
  });
  const renderRow = useCallback(
    (message: ReceiptMessage) => (
      <div data-testid={message.messageClientId} style={{ height: 60 }}>
        {message.messageClientId === firstUnreadKey && (
          <div className="unread-separator">Unread messages</div>
        )}
        {message.messageClientId}
      </div>
    ),
    [firstUnreadKey],
  );
  useLayoutEffect(() => {
    if (firstUnreadKey) listRef.current?.scrollToMessage(firstUnreadKey, { align: 'auto' });
  }, [firstUnreadKey]);
  return (
    <MessageList
      listRef={listRef}
      className="handle-list"
      conversationId="bob|1|alice"
      messages={messages}
      renderMessage={renderRow}
      readDwellMs={50}
    />
  );
}

describe('MessageList listRef: opening at the first unread message (README recipe)', () => {
  it('opens at the unread separator instead of the newest message, and acknowledges only what was seen', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    for (let index = 0; index < 40; index++) {
      await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
    }
    const messages = await world.history(bob, 'bob|1|alice');
    const engine = world.engineFor(bob);
    // NIM's unreadCount as the chat opens: the last 30 of Alice's messages.
    const unreadCount = 30;

    const app = renderApp(
      <Providers engine={engine}>
        <ChatAtFirstUnread messages={messages} unreadCount={unreadCount} />
      </Providers>,
    );
    const scroller = app.container.querySelector('section') as HTMLElement;
    const firstUnread = messages[10]!;
    await waitFor(() =>
      expect(placeOf(scroller, firstUnread.messageClientId)?.top).toBeCloseTo(0, 0),
    );
    expect(scroller.querySelector('.unread-separator')?.closest('[data-testid]')).toBe(
      scroller.querySelector(`[data-testid="${firstUnread.messageClientId}"]`),
    );
    const peerReadTime = async () =>
      (await alice.V2NIMMessageService.getP2PMessageReceipt('alice|1|bob')).timestamp;
    // The rows in view are acknowledged (the last of them covers those before, SPEC P2): seven at
    // least half on screen, the seventh showing 40 of its 60 px. The newest, never on screen, is not.
    const lastInView = messages[16]!;
    await waitFor(async () => expect(await peerReadTime()).toBe(lastInView.createTime));
    await settle(world.server);
    await frames(5);
    expect(await peerReadTime()).toBe(lastInView.createTime);
    expect(await peerReadTime()).toBeLessThan(messages.at(-1)!.createTime);
  });
});
