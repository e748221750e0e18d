import { type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList, type MessageListProps } from './MessageList';
import { pauseForAnnouncement, recordPoliteRegions } from './recordPoliteRegions.test';
import { frames, Providers, renderApp, settle, untilStill } from './testWorld.test';

/**
 * The new-messages pill of a reader scrolled up on one device, who reads the new messages on their
 * other device (NIM's multi-device read time, SPEC P11, scenario 13): what was read there is no
 * longer new here.
 */
const world = listWorldPerTest('read-elsewhere-list');
let listRenders = 0;

function CountedList(props: MessageListProps<ReceiptMessage>) {
  listRenders++;
  return MessageList(props);
}

/** The list's `getMessageKey`, counting its calls per message since `keyReads` was last cleared. */
const keyReads = new Map<string, number>();
const keyOf = ({ messageClientId: key }: ReceiptMessage) => {
  keyReads.set(key, (keyReads.get(key) ?? 0) + 1);
  return key;
};

const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

/**
 * Bob's chat with Alice scrolled to its top, 20 messages seen, and his phone, which acknowledges as
 * the SDK does (syncing the read time to his other devices); `listeners` counts the subscriptions
 * to his engine's store made since the list mounted.
 */
async function bobsChatScrolledUp() {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const bobsPhone = world.server.login('bob');
  const readOnPhone = async (message: ReceiptMessage) => {
    await bobsPhone.V2NIMMessageService.sendP2PMessageReceipt(message as never);
    await settle(world.server);
  };
  for (let index = 0; index < 20; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
  }
  const engine = world.engineFor(bob);
  const { subscribe } = engine.store;
  let listeners = 0;
  engine.store.subscribe = (listener) => {
    const unsubscribe = subscribe(listener);
    listeners++;
    return () => {
      listeners--;
      unsubscribe();
    };
  };
  let shown: ReceiptMessage[] = [];
  const view = (messages: ReceiptMessage[]) => {
    shown = messages;
    return (
      <Providers engine={engine}>
        <CountedList
          className="read-elsewhere-list"
          conversationId="bob|1|alice"
          messages={messages}
          renderMessage={renderRow}
          getMessageKey={keyOf}
        />
      </Providers>
    );
  };
  const app = renderApp(view(await world.history(bob, 'bob|1|alice')));
  const recording = recordPoliteRegions('.read-elsewhere-list');
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  // Opened: until then the list takes itself back to its end.
  await untilStill(() => scroller.scrollTop);
  const listenersAtEnd = listeners;
  scroller.scrollTop = 0;
  await waitFor(() =>
    expect(scroller.closest('[data-at-end]')).toHaveAttribute('data-at-end', 'false'),
  );
  /** Alice sends a message, and the app shows it. */
  const receive = async (text: string) => {
    await world.send(alice, { conversationId: 'alice|1|bob', text });
    await settle(world.server);
    app.rerender(view(await world.history(bob, 'bob|1|alice')));
  };
  const addedListeners = () => listeners - listenersAtEnd;
  /** The app renders again, with the same messages. */
  const renderAgain = () => app.rerender(view(shown));
  return {
    ...recording,
    engine,
    scroller,
    bobsPhone,
    readOnPhone,
    receive,
    addedListeners,
    renderAgain,
  };
}

/** {@link bobsChatScrolledUp}, and 3 new messages below ("3 new messages"). */
async function scrolledUpWithThreeNew() {
  const chat = await bobsChatScrolledUp();
  for (let index = 0; index < 3; index++) await chat.receive(`new ${index}`);
  expect(await screen.findByRole('button', { name: '3 new messages' })).toBeTruthy();
  return { ...chat, onPhone: await world.history(chat.bobsPhone, 'bob|1|alice') };
}

it('the pill counts only what the reader has not read on another device, and shrinks live as they read there', async () => {
  const { engine, scroller, bobsPhone, readOnPhone, onPhone } = await scrolledUpWithThreeNew();

  // The phone reads the first two new messages: one is left to read here.
  await readOnPhone(onPhone[20]!);
  await readOnPhone(onPhone[21]!);
  expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();

  // A read elsewhere that changes no count (the phone reads Carol's chat) renders no list: the
  // pill's subscription renders it only when its count changes.
  const carol = world.server.login('carol');
  const fromCarol = await world.send(carol, { conversationId: 'carol|1|bob', text: 'hi' });
  await untilStill(() => listRenders);
  const rendersBefore = listRenders;
  await readOnPhone((await world.history(bobsPhone, 'bob|1|carol'))[0]!);
  await waitFor(() =>
    expect(selectSelfReadTime(engine.store.getState(), 'bob|1|carol')).toBe(fromCarol.createTime),
  );
  await untilStill(() => listRenders);
  expect(listRenders).toBe(rendersBefore);
  expect(screen.getByRole('button', { name: '1 new message' })).toBeTruthy();

  // The phone reads the last one: nothing is new here any more.
  await readOnPhone(onPhone[22]!);
  await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  expect(scroller.scrollTop).toBe(0);
});

it('a count shrinking as the reader reads on another device is not said; a message arriving after it is', async () => {
  // The region was keyed on the count, so 3 -> 1 said "1 new message" a second later, as if a
  // message had come.
  const { said, region, bobsPhone, readOnPhone, onPhone, receive } = await scrolledUpWithThreeNew();
  await waitFor(() => expect(said).toEqual(['3 new messages']));

  await readOnPhone(onPhone[20]!);
  await readOnPhone(onPhone[21]!);
  expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();
  await pauseForAnnouncement();
  expect(said).toEqual(['3 new messages']);
  // Nor is the count said before left there, where a screen reader's cursor could still read it.
  expect(region).toHaveTextContent('');

  // A message arrives: one more than the pill showed, said although the count is below 3.
  await receive('after the phone');
  expect(await screen.findByRole('button', { name: '2 new messages' })).toBeTruthy();
  await waitFor(() => expect(said).toEqual(['3 new messages', '2 new messages']));

  // Everything read on the phone, the pill goes; the next message is news again.
  await readOnPhone((await world.history(bobsPhone, 'bob|1|alice')).at(-1)!);
  await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  await receive('later');
  await waitFor(() => expect(said).toEqual(['3 new messages', '2 new messages', '1 new message']));
});

it('the pill going while it has the focus, read on another device, hands the focus to the list', async () => {
  // The focused pill unmounted and the focus fell to <body>, where the next Tab starts over.
  const { scroller, readOnPhone, onPhone } = await scrolledUpWithThreeNew();
  screen.getByRole('button', { name: '3 new messages' }).focus();

  await readOnPhone(onPhone[21]!);
  expect(await screen.findByRole('button', { name: '1 new message' })).toHaveFocus();
  await readOnPhone(onPhone[22]!);
  await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  expect(document.activeElement).toBe(scroller);
  // Where the reader was: the list takes the focus without scrolling.
  expect(scroller.scrollTop).toBe(0);
});

it("reads no key of the new messages for the pill when a read elsewhere arrives, and each one's twice when the list renders", async () => {
  // The pill's selector walked the messages below the last one seen, reading each one's key, on
  // every change of the store (every receipt of every chat) while it showed, and a render of the
  // list counted them twice besides finding the last one seen. (The three are off screen below,
  // where marking read reads no key either.)
  const { engine, bobsPhone, readOnPhone, renderAgain, onPhone } = await scrolledUpWithThreeNew();
  const newKeyReads = () =>
    onPhone.slice(20).map(({ messageClientId }) => keyReads.get(messageClientId) ?? 0);
  const carol = world.server.login('carol');
  const fromCarol = await world.send(carol, { conversationId: 'carol|1|bob', text: 'hi' });
  await untilStill(() => listRenders);
  keyReads.clear();
  const rendersBefore = listRenders;
  await readOnPhone((await world.history(bobsPhone, 'bob|1|carol'))[0]!);
  await waitFor(() =>
    expect(selectSelfReadTime(engine.store.getState(), 'bob|1|carol')).toBe(fromCarol.createTime),
  );
  await untilStill(() => listRenders);
  expect(listRenders).toBe(rendersBefore);
  expect(newKeyReads()).toEqual([0, 0, 0]);

  // The app renders the list again: each is read once to find the last message seen above them,
  // and once to count them.
  renderAgain();
  await untilStill(() => listRenders);
  expect(listRenders - rendersBefore).toBe(1);
  expect(newKeyReads()).toEqual([2, 2, 2]);
  expect(screen.getByRole('button', { name: '3 new messages' })).toBeTruthy();
});

it('subscribes to the read time only while scrolled up with a message of the peer below', async () => {
  // Scrolled up through history with nothing new, the list watched the store all the same: every
  // receipt of every chat ran the pill's count.
  const chat = await bobsChatScrolledUp();
  await frames();
  expect(chat.addedListeners()).toBe(0);

  await chat.receive('new');
  expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();
  expect(chat.addedListeners()).toBe(1);
  // Back at the end, the pill goes, and the subscription with it.
  chat.scroller.scrollTop = chat.scroller.scrollHeight;
  await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  await waitFor(() => expect(chat.addedListeners()).toBe(0));
});
