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

/** Bob's list of 30 messages in 300 px, scrolled to the top; then Alice sends one: the pill shows. */
export async function scrolledUpWithPill(
  world: World,
): Promise<{ scroller: HTMLElement; pill: HTMLElement }> {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 30; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `message ${index + 1}` });
  }
  const engine = world.engineFor(bob);
  const view = (messages: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <div style={{ height: 300 }}>
        <MessageList conversationId="bob|1|alice" messages={messages} renderMessage={renderRow} />
      </div>
    </Providers>
  );
  const app = renderApp(view(await world.history(bob, 'bob|1|alice')));
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(0));
  scroller.scrollTop = 0;
  await waitFor(() =>
    expect(scroller.closest('[data-at-end]')).toHaveAttribute('data-at-end', 'false'),
  );
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'one more' });
  await settle(world.server);
  app.rerender(view(await world.history(bob, 'bob|1|alice')));
  const pill = await screen.findByRole('button', { name: '1 new message' });
  return { scroller, pill };
}
