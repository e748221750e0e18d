import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { expect, it } from 'vitest';
import { holdSelfReadTime } from '../../../core/src/testing/holdSelfReadTime';
import { addStyle, listWorldPerTest } from './listWorldPerTest.test';
import { MessageList, type MessageListProps } from './MessageList';
import { recordRowRenders } from './recordRowRenders.test';
import { Providers, renderApp, settle, untilStill } from './testWorld.test';

/*
 * What `unreadLine` renders: the line is a boolean per row, so its coming renders the one row it
 * enters (and none of the app's content), and its moving up as older unread history loads renders
 * no row more than the prepend itself does. Rows are short and the frame tall: every row is mounted
 * and nothing scrolls, so each render counted is one the line (or the prepend) caused. The last test
 * scrolls: opening at the line there leaves the end, and the new-messages pill that then counts the
 * unread below costs no render of its own.
 */

const world = listWorldPerTest();
/** The messages whose row wrapper (the feed's article around the app's content) rendered. */
const articles = recordRowRenders();
const count = { list: 0 };
/** The messages whose content the app rendered (`renderMessage` calls). */
const contents: string[] = [];
const reset = () => {
  count.list = 0;
  articles.length = 0;
  contents.length = 0;
};

/** Called as a function, the list's hooks belong to this wrapper: one call = one render. */
function CountedList(props: MessageListProps<ReceiptMessage>) {
  count.list++;
  return MessageList(props);
}
const renderMessage = (message: ReceiptMessage) => {
  contents.push(message.messageClientId);
  return <div style={{ height: 20 }}>{message.messageClientId}</div>;
};

/** 30 messages from Alice, the first 10 read by Bob on his phone; Bob's engine on this device. */
async function bobsChat(): Promise<{ engine: ReceiptEngine; messages: ReceiptMessage[] }> {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  for (let i = 0; i < 30; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[9] as never);
  await settle(world.server);
  return { engine: world.engineFor(world.server.login('bob')), messages };
}

function bobsList(engine: ReceiptEngine, messages: ReceiptMessage[], unreadLine: boolean) {
  return (
    <Providers engine={engine}>
      <div style={{ height: 700 }}>
        <CountedList
          conversationId="bob|1|alice"
          messages={messages}
          renderMessage={renderMessage}
          unreadLine={unreadLine}
        />
      </div>
    </Providers>
  );
}

const lineRow = (container: HTMLElement) =>
  container.querySelector('.readmark-unread-separator')?.closest('article')?.textContent;
const untilRendersStop = () => untilStill(() => articles.length + contents.length + count.list);

it('the read time coming renders the list once and only the row the line enters, none of the content', async () => {
  const { engine, messages } = await bobsChat();
  const { letThrough, isAnswered } = holdSelfReadTime(engine.transport);
  const app = renderApp(bobsList(engine, messages, true));
  await settle(world.server);
  await untilRendersStop();
  expect(app.container.querySelectorAll('article')).toHaveLength(30);
  reset();
  letThrough();
  await expect.poll(isAnswered).toBe(true);
  await expect
    .poll(() => lineRow(app.container))
    .toBe(`Unread messages${messages[10]!.messageClientId}`);
  await untilRendersStop();
  expect(articles).toEqual([messages[10]!.messageClientId]);
  expect(contents).toEqual([]);
  expect(count.list).toBe(1);
});

it('older unread history moving the line up renders the rows the prepend renders without a line', async () => {
  const { engine, messages } = await bobsChat();
  /** The renders of prepending the older 15 messages to a list of the newest 15. */
  const prependRenders = async (unreadLine: boolean) => {
    const app = renderApp(bobsList(engine, messages.slice(15), unreadLine));
    if (unreadLine) {
      await expect
        .poll(() => lineRow(app.container))
        .toBe(`Unread messages${messages[15]!.messageClientId}`);
    }
    await settle(world.server);
    await untilRendersStop();
    reset();
    app.rerender(bobsList(engine, messages, unreadLine));
    await settle(world.server);
    await untilRendersStop();
    if (unreadLine) {
      expect(lineRow(app.container)).toBe(`Unread messages${messages[10]!.messageClientId}`);
    }
    const renders = { articles: [...articles].sort(), contents: [...contents].sort() };
    app.unmount();
    return renders;
  };
  const withLine = await prependRenders(true);
  const withoutLine = await prependRenders(false);
  // One render of each row, in the prepend's own render: every mounted row's place moved, the 15
  // older ones mounted, and the app's content rendered again only for the formerly oldest message
  // (its `previous` came). The line moved with them, from row 15 to row 10, at no render of its own.
  expect(withLine).toEqual(withoutLine);
  expect(withLine.articles).toEqual(messages.map((message) => message.messageClientId).sort());
  expect(withLine.contents).toEqual(
    [...messages.slice(0, 15), messages[15]!].map((message) => message.messageClientId).sort(),
  );
});

it('mounting and switching chats render the list as often with the line as without it', async () => {
  const { engine, messages } = await bobsChat();
  // The read time held back: the renders counted are the opening's own, not the answer's.
  const { letThrough } = holdSelfReadTime(engine.transport);
  const listRenders = async (unreadLine: boolean) => {
    reset();
    const app = renderApp(bobsList(engine, messages, unreadLine));
    await untilRendersStop();
    const mount = count.list;
    reset();
    app.rerender(
      <Providers engine={engine}>
        <div style={{ height: 700 }}>
          <CountedList
            conversationId="bob|1|carol"
            messages={[]}
            renderMessage={renderMessage}
            unreadLine={unreadLine}
          />
        </div>
      </Providers>,
    );
    await untilRendersStop();
    const renders = { mount, switch: count.list };
    app.unmount();
    return renders;
  };
  const without = await listRenders(false);
  const withLine = await listRenders(true);
  // A state update during render ran the whole list twice at each opening.
  expect(withLine).toEqual(without);
  expect(without).toEqual({ mount: 1, switch: 1 });
  letThrough();
});

addStyle('.unread-line-renders-scrolling { height: 300px; }');

it('opening at the line in a list that scrolls renders the list twice: the pill comes with the render that leaving the end already cost', async () => {
  const { engine, messages } = await bobsChat();
  const { letThrough, isAnswered } = holdSelfReadTime(engine.transport);
  const app = renderApp(
    <Providers engine={engine}>
      <div>
        <CountedList
          className="unread-line-renders-scrolling"
          conversationId="bob|1|alice"
          messages={messages}
          renderMessage={renderMessage}
          unreadLine
          isMarkingRead={false}
        />
      </div>
    </Providers>,
  );
  await settle(world.server);
  await untilRendersStop();
  reset();
  letThrough();
  await expect.poll(isAnswered).toBe(true);
  await settle(world.server);
  await untilRendersStop();
  expect(app.container.querySelector('.readmark-new-messages')?.textContent).toBe(
    '↓ 20 new messages',
  );
  // One render for the line, one for leaving the end (as before the pill counted the unread below
  // it): the row the line enters, and the rows the jump mounts above it (the overscan), new to the
  // document, so their content renders; none of the rows shown before renders again.
  const mounted = messages.slice(4, 9).map((message) => message.messageClientId);
  expect(count.list).toBe(2);
  expect([...articles].sort()).toEqual([messages[10]!.messageClientId, ...mounted].sort());
  expect([...contents].sort()).toEqual([...mounted].sort());
});
