/**
 * Support for the browser tests of the new-messages pill (named `.test.tsx` so the library build
 * skips it; it holds no tests itself).
 */
import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { expect } from 'vitest';
import { MessageList } from './MessageList';
import { Providers, renderApp, settle, type World } from './testWorld.test';

const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

/**
 * Bob's list of Alice's `messageCount` messages ("message 0", …) in a frame of `height` px (or sized
 * by `className` alone), scrolled to the top; then Alice sends `newCount` more: the pill shows.
 */
export async function scrolledUpWithPill(
  world: World,
  {
    messageCount = 30,
    newCount = 1,
    height = 300 as number | undefined,
    className = undefined as string | undefined,
    renderMessage = renderRow,
  } = {},
): Promise<{ scroller: HTMLElement; pill: HTMLElement }> {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < messageCount; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `message ${index}` });
  }
  const engine = world.engineFor(bob);
  const list = (messages: ReceiptMessage[]) => (
    <MessageList
      className={className}
      conversationId="bob|1|alice"
      messages={messages}
      renderMessage={renderMessage}
    />
  );
  const view = (messages: ReceiptMessage[]) => (
    <Providers engine={engine}>
      {height === undefined ? list(messages) : <div style={{ height }}>{list(messages)}</div>}
    </Providers>
  );
  const app = renderApp(view(await world.history(bob, 'bob|1|alice')));
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  scroller.scrollTop = 0;
  await waitFor(() =>
    expect(scroller.closest('[data-at-end]')).toHaveAttribute('data-at-end', 'false'),
  );
  for (let index = 0; index < newCount; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `new ${index}` });
  }
  await settle(world.server);
  app.rerender(view(await world.history(bob, 'bob|1|alice')));
  const name = newCount === 1 ? '1 new message' : `${newCount} new messages`;
  const pill = await screen.findByRole('button', { name });
  return { scroller, pill };
}
