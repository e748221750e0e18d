/**
 * The stylesheet as a browser without `:has()` reads it (Firefox before 121, Safari before 15.4):
 * every selector using it matches nothing. The message list must keep a keyboard focus ring there
 * (WCAG 2.4.7), if not the one its frame draws over the rows.
 */
import { screen } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import css from '../styles.css?raw';
import { listWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import { Providers, renderApp } from './testWorld.test';

const ring = '5px dotted rgb(255, 0, 0)';
const world = listWorldPerTest();
let style: HTMLStyleElement;
beforeEach(() => {
  style = document.createElement('style');
  // An unknown pseudo-class: inside `:where()` the selector is dropped, as `:has()` is there.
  style.textContent = css.replaceAll(':has(', ':-readmark-unknown(');
  document.head.append(style);
  document.documentElement.style.setProperty('--readmark-focus-ring', ring);
});
afterEach(() => {
  style.remove();
  document.documentElement.style.removeProperty('--readmark-focus-ring');
});

it('outlines the focused message list even where :has() is not supported', async () => {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'hello' });
  renderApp(
    <Providers engine={world.engineFor(bob)}>
      <button type="button">Before</button>
      <div style={{ height: 300, width: 400 }}>
        <MessageList
          conversationId="bob|1|alice"
          messages={await world.history(bob, 'bob|1|alice')}
          renderMessage={(message) => <div>{(message as { text?: string }).text}</div>}
        />
      </div>
    </Providers>,
  );
  const scroller = screen.getByRole('region', { name: 'Messages' });
  screen.getByRole('button', { name: 'Before' }).focus();
  await userEvent.tab();
  expect(document.activeElement).toBe(scroller);
  const outlines = [
    getComputedStyle(scroller),
    getComputedStyle(scroller.parentElement!, '::after'),
  ]
    .filter((box) => box.outlineStyle !== 'none' && box.content !== 'none')
    .map((box) => `${box.outlineWidth} ${box.outlineStyle} ${box.outlineColor}`);
  expect(outlines).toContain(ring);
});
