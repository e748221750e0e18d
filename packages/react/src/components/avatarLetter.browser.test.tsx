/**
 * The default avatar (a member's first letter on a disc) keeps its letter inside the disc when the
 * reader enlarges text only (WCAG 1.4.4, the browser's font size, not zoom): the letter is drawn in
 * the surface colour, so a letter spilling past the disc vanishes on the sheet.
 */
import { screen } from '@testing-library/dom';
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
} from './testWorld.test';

let world: ReturnType<typeof createWorld>;
afterEach(() => {
  cleanupApps();
  world?.dispose();
  document.documentElement.style.fontSize = '';
});

it.each(['100%', '200%'])(
  "a member's letter stays inside its disc at a %s font size",
  async (size) => {
    document.documentElement.style.fontSize = size;
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds: ['bob'],
      readers: 0,
    });
    renderApp(
      <Providers engine={world.engineFor(alice)} locale="zh-CN" names={{ bob: '成员' }}>
        <BadgeOpensSheet message={message} />
      </Providers>,
    );
    await userEvent.click(await screen.findByRole('button', { name: /未读/ }));
    const avatar = (await screen.findByRole('dialog')).querySelector('span.readmark-avatar');
    if (!avatar?.firstChild) throw new Error('no letter avatar in the member list');
    const disc = avatar.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(avatar);
    const letter = range.getBoundingClientRect();
    expect(avatar.textContent).toBe('成');
    expect(letter.top).toBeGreaterThanOrEqual(disc.top);
    expect(letter.bottom).toBeLessThanOrEqual(disc.bottom);
    expect(letter.left).toBeGreaterThanOrEqual(disc.left);
    expect(letter.right).toBeLessThanOrEqual(disc.right);
  },
);
