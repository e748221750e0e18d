import { type ReceiptMessage, selectSelfReadTime } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList, type MessageListProps } from './MessageList';
import { Providers, renderApp, settle, untilStill } from './testWorld.test';

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

const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

it('the pill counts only what the reader has not read on another device, and shrinks live as they read there', async () => {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const bobsPhone = world.server.login('bob');
  // The phone acknowledges as the SDK does, which syncs the read time to Bob's other devices.
  const readOnPhone = (message: ReceiptMessage) =>
    bobsPhone.V2NIMMessageService.sendP2PMessageReceipt(message as never);
  for (let index = 0; index < 20; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `m${index}` });
  }
  const engine = world.engineFor(bob);
  const view = (messages: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <CountedList
        className="read-elsewhere-list"
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderRow}
      />
    </Providers>
  );
  const app = renderApp(view(await world.history(bob, 'bob|1|alice')));
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  scroller.scrollTop = 0;
  await waitFor(() =>
    expect(scroller.closest('[data-at-end]')).toHaveAttribute('data-at-end', 'false'),
  );
  for (let index = 0; index < 3; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `new ${index}` });
  }
  await settle(world.server);
  app.rerender(view(await world.history(bob, 'bob|1|alice')));
  expect(await screen.findByRole('button', { name: '3 new messages' })).toBeTruthy();

  // The phone reads the first two new messages: one is left to read here.
  const onPhone = await world.history(bobsPhone, 'bob|1|alice');
  await readOnPhone(onPhone[20]!);
  await readOnPhone(onPhone[21]!);
  await settle(world.server);
  expect(await screen.findByRole('button', { name: '1 new message' })).toBeTruthy();

  // A read elsewhere that changes no count (the phone reads Carol's chat) renders no list: the
  // pill's subscription renders it only when its count changes.
  const carol = world.server.login('carol');
  const fromCarol = await world.send(carol, { conversationId: 'carol|1|bob', text: 'hi' });
  await untilStill(() => listRenders);
  const rendersBefore = listRenders;
  await readOnPhone((await world.history(bobsPhone, 'bob|1|carol'))[0]!);
  await settle(world.server);
  await waitFor(() =>
    expect(selectSelfReadTime(engine.store.getState(), 'bob|1|carol')).toBe(fromCarol.createTime),
  );
  await untilStill(() => listRenders);
  expect(listRenders).toBe(rendersBefore);
  expect(screen.getByRole('button', { name: '1 new message' })).toBeTruthy();

  // The phone reads the last one: nothing is new here any more.
  await readOnPhone(onPhone[22]!);
  await settle(world.server);
  await waitFor(() => expect(screen.queryByRole('button', { name: /new message/ })).toBeNull());
  expect(scroller.scrollTop).toBe(0);
});
