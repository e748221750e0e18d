import type { ReceiptMessage } from '@readmark/core';
import { expect, it } from 'vitest';
import { useUnreadSeparator } from '../hooks/useUnreadSeparator';
import { listWorldPerTest } from './listWorldPerTest.test';
import { Providers, renderApp, settle } from './testWorld.test';
import { UnreadSeparator } from './UnreadSeparator';

/*
 * The line in a list of the app's own, for which `MessageList`'s `unreadLine` is not there: the
 * hook gives the key of the first message Bob had not read when he opened the chat, and the app
 * draws `<UnreadSeparator />` above it. (MessageList's own line: MessageList.unreadLine tests.)
 */

const world = listWorldPerTest();

/** The README's custom list: the hook's key, the line drawn above that message. */
function CustomChat({ messages }: { messages: ReceiptMessage[] }) {
  const { firstUnreadKey } = useUnreadSeparator('bob|1|alice', { messages });
  return (
    <ul>
      {messages.map((message) => (
        <li key={message.messageClientId} data-testid={message.messageClientId}>
          {message.messageClientId === firstUnreadKey && <UnreadSeparator />}
          {(message as { text?: string }).text}
        </li>
      ))}
    </ul>
  );
}

it('draws the line in a custom list above the first message Bob had not read', async () => {
  const alice = world.server.login('alice');
  const phone = world.server.login('bob');
  for (let i = 0; i < 6; i++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `a${i}` });
  }
  const messages = await world.history(phone, 'bob|1|alice');
  await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[1] as never);
  await settle(world.server);
  const engine = world.engineFor(world.server.login('bob'));
  const app = renderApp(
    <Providers engine={engine}>
      <CustomChat messages={messages} />
    </Providers>,
  );
  await expect
    .poll(
      () => app.container.querySelector('.readmark-unread-separator')?.closest('li')?.textContent,
    )
    .toBe('Unread messagesa2');
  expect(app.container.querySelectorAll('.readmark-unread-separator')).toHaveLength(1);
});
