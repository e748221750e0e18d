import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../styles.css';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { Providers, renderApp } from './testWorld.test';

/*
 * The message list zoomed to 400% (WCAG 1.4.10 Reflow: 320 CSS px wide) with the user's own text
 * spacing (1.4.12: line height 1.5, letters 0.12em, words 0.16em apart).
 */

const world = listWorldPerTest();
const textSpacing = document.createElement('style');
textSpacing.textContent =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }';
afterEach(async () => {
  textSpacing.remove();
  await page.viewport(1024, 768);
});

const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

it('at 320 px with text spacing, the new-messages pill keeps to one line over the list', async () => {
  await page.viewport(320, 256);
  document.head.append(textSpacing);
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 20; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `message ${index}` });
  }
  const engine = world.engineFor(bob);
  const view = (messages: ReceiptMessage[]) => (
    <Providers engine={engine}>
      <div style={{ height: 240 }}>
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
  for (let index = 0; index < 12; index++) {
    await world.send(alice, { conversationId: 'alice|1|bob', text: `new ${index}` });
  }
  app.rerender(view(await world.history(bob, 'bob|1|alice')));
  const pill = await screen.findByRole('button', { name: '12 new messages' });

  const lineHeight = Number.parseFloat(getComputedStyle(pill).lineHeight);
  const box = pill.getBoundingClientRect();
  const list = scroller.getBoundingClientRect();
  // "↓ 12 new messages" fits in the list's 300-odd px on one line; the pill's `left: 50%` left it
  // only half of them, so it wrapped to two lines and covered twice the rows.
  expect(box.height).toBeLessThan(2 * lineHeight);
  expect(box.left).toBeGreaterThanOrEqual(list.left);
  expect(box.right).toBeLessThanOrEqual(list.right);
});
