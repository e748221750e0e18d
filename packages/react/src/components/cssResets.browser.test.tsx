/**
 * The default look survives an app's CSS reset. Tailwind v3's preflight (and many resets like it)
 * style elements by type, e.g. `button { color: inherit; background-color: transparent; padding: 0 }`
 * at specificity 0,0,1, which beats the kit's zero-specificity rules whatever the order. The kit's
 * buttons, search box and sheet title must keep their look, while a class of the app still wins.
 */
import { screen } from '@testing-library/dom';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { BadgeWithSheet } from './BadgeWithSheet.test';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import { cleanupApps, createWorld, Providers, renderApp, teamWithMessage } from './testWorld.test';

/** Tailwind v3.4 preflight's element rules (the parts that touch the kit), loaded after the kit. */
const preflight = `
  h1, h2, h3 { font-size: inherit; font-weight: inherit; margin: 0; }
  button, input { font-family: inherit; font-size: 100%; font-weight: inherit; line-height: inherit;
    color: inherit; margin: 0; padding: 0; }
  button, input:where([type='button']) { background-color: transparent; background-image: none; }
  button.app-pill-class-test { background-color: rgb(1, 2, 3); }
  .app-badge { background: rgb(4, 5, 6); color: rgb(7, 8, 9); }
`;
const reset = document.createElement('style');
beforeAll(() => {
  reset.textContent = preflight;
  document.head.append(reset); // after the kit's stylesheet, as a later import would be
});
afterAll(() => reset.remove());

let world: ReturnType<typeof createWorld>;
beforeEach(() => window.focus());
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const transparent = 'rgba(0, 0, 0, 0)';

/** Alice's team message with its badge (given `className`) and sheet; returns the badge. */
async function renderBadge(className?: string): Promise<HTMLElement> {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 0,
  });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <BadgeWithSheet message={message} className={className} />
    </Providers>,
  );
  return screen.findByRole('button', { name: /unread/ });
}

it("the badge, the sheet's title, close button, tabs and search box keep their look under a reset", async () => {
  const badge = await renderBadge();
  expect(getComputedStyle(badge).backgroundColor).not.toBe(transparent);
  expect(getComputedStyle(badge).paddingLeft).not.toBe('0px');
  await userEvent.click(badge);
  const title = await screen.findByRole('heading');
  expect(getComputedStyle(title).fontSize).toBe('16px'); // the kit's 1rem, not the page's inherited size
  const close = screen.getByRole('button', { name: 'Close' });
  expect(getComputedStyle(close).fontSize).toBe('20px'); // 1.25rem
  const unreadTab = screen.getByRole('tab', { selected: true });
  const readTab = screen.getByRole('tab', { selected: false });
  // Selected and unselected tabs still differ in colour (the reset made both `inherit`).
  expect(getComputedStyle(unreadTab).color).not.toBe(getComputedStyle(readTab).color);
  expect(getComputedStyle(unreadTab).paddingLeft).not.toBe('0px');
  const search = screen.getByRole('searchbox');
  expect(getComputedStyle(search).paddingLeft).not.toBe('0px');
});

it('the new-messages pill keeps its colours and padding under a reset', async () => {
  world = createWorld();
  const { pill } = await scrolledUpWithPill(world);
  const style = getComputedStyle(pill);
  expect(style.backgroundColor).toBe('rgb(31, 111, 235)'); // --readmark-pill-bg, light
  expect(style.color).toBe('rgb(255, 255, 255)'); // --readmark-pill-text
  expect(style.paddingLeft).not.toBe('0px');
});

it("an app's class on the badge still beats the kit's rules under a reset", async () => {
  const badge = await renderBadge('app-badge');
  expect(getComputedStyle(badge).backgroundColor).toBe('rgb(4, 5, 6)');
  expect(getComputedStyle(badge).color).toBe('rgb(7, 8, 9)');
});
