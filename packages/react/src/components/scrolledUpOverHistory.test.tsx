/**
 * Support for the browser tests of the pill's scroll over a long history (named `.test.tsx` so the
 * library build skips it; it holds no tests itself).
 */
import type { ReceiptMessage } from '@readmark/core';
import type { ReactNode } from 'react';
import { expect } from 'vitest';
import { MessageList } from './MessageList';
import { nextFrame, Providers, renderApp, type World } from './testWorld.test';

/**
 * A row height for each message of five, none of them the list's 64 px estimate, from the number in
 * its client id (`m7`), so every row is measured to something else than estimated.
 */
export const variedHeightOf = (message: ReceiptMessage) =>
  [36, 53, 90, 120, 170][Number(message.messageClientId.slice(1)) % 5]!;

/**
 * Alice's list of `count` messages (class `className`, rows from `renderMessage`), scrolled to the
 * top, with none but the first screen measured; then Bob's `news` new messages show the pill.
 * `prependHistory(n)` puts `n` older messages above, as an app loading history does; `messages()`
 * is what the list shows now.
 */
export async function scrolledUpOverHistory(
  world: World,
  options: {
    count: number;
    news: number;
    className: string;
    renderMessage: (message: ReceiptMessage) => ReactNode;
  },
) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const template = await world.send(alice, { conversationId: 'alice|1|bob', text: 'x' });
  const engine = world.engineFor(alice);
  let made = 0;
  let oldest = template.createTime;
  const fresh = (createTime: number): ReceiptMessage => {
    made++;
    return { ...template, messageClientId: `m${made}`, messageServerId: `s${made}`, createTime };
  };
  let messages = Array.from({ length: options.count }, (_, index) =>
    fresh(template.createTime + index + 1),
  );
  const ui = () => (
    <Providers engine={engine}>
      <MessageList
        className={options.className}
        conversationId="alice|1|bob"
        messages={messages}
        renderMessage={options.renderMessage}
      />
    </Providers>
  );
  const app = renderApp(ui());
  const scroller = app.container.querySelector('section') as HTMLElement;
  await nextFrame();
  await nextFrame();
  scroller.scrollTop = 0;
  await nextFrame();
  await nextFrame();
  const newest = messages.at(-1)!.createTime;
  messages = [
    ...messages,
    ...Array.from({ length: options.news }, (_, index) => ({
      ...fresh(newest + index + 1),
      senderId: bob.accountId,
    })),
  ];
  app.rerender(ui());
  await nextFrame();
  const pill = app.container.querySelector<HTMLButtonElement>('.readmark-new-messages');
  expect(pill, 'the pill, with the reader scrolled up').not.toBeNull();
  const prependHistory = (count: number) => {
    oldest -= count;
    const older = Array.from({ length: count }, (_, index) => fresh(oldest + index));
    messages = [...older, ...messages];
    app.rerender(ui());
  };
  return { scroller, pill: pill!, prependHistory, messages: () => messages };
}
