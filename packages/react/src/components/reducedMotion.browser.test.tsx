import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../styles.css';
import { MessageList } from './MessageList';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  settle,
  type World,
} from './testWorld.test';

let world: World;
beforeEach(() => {
  window.focus();
});
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  await emulateReducedMotion('no-preference');
});

/** Chromium's own media emulation, so `matchMedia` and the stylesheet's media query both see it. */
async function emulateReducedMotion(value: 'reduce' | 'no-preference') {
  await cdp().send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-reduced-motion', value }],
  });
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const renderRow = (message: ReceiptMessage) => (
  <div style={{ height: 48 }}>{(message as { text?: string }).text}</div>
);

/** Bob's list of 30 messages, scrolled to the top, then Alice sends one: the pill shows. */
async function scrolledUpWithPill() {
  world = createWorld();
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

const distanceFromEnd = (element: HTMLElement) =>
  element.scrollHeight - element.clientHeight - element.scrollTop;

describe('prefers-reduced-motion', () => {
  it('jumps to the newest message without animating when the user asks for reduced motion', async () => {
    await emulateReducedMotion('reduce');
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
    const { scroller, pill } = await scrolledUpWithPill();
    expect(getComputedStyle(pill).transitionDuration).toBe('0s');

    await userEvent.click(pill);
    await nextFrame();
    await nextFrame();
    // An instant jump: already at the end two frames later (a smooth scroll would still be moving).
    expect(distanceFromEnd(scroller)).toBeLessThanOrEqual(8);
  });

  it('animates otherwise', async () => {
    const { pill } = await scrolledUpWithPill();
    expect(getComputedStyle(pill).transitionDuration).toBe('0.15s');
  });
});
