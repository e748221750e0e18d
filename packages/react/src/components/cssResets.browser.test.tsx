/**
 * The default look survives an app's CSS reset. Tailwind's preflight (and many resets like it)
 * styles elements by type, e.g. `button { color: inherit; background-color: transparent; padding: 0 }`
 * at specificity 0,0,1, which beats zero-specificity rules whatever the order, and `*` rules that
 * tie with them and win by order. The kit's buttons, search box, sheet, tab bar and avatars must
 * keep their look, while a class of the app still wins.
 */
import { screen, within } from '@testing-library/dom';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { ReceiptProvider } from '../ReceiptProvider';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { scrolledUpWithPill } from './scrolledUpWithPill.test';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
} from './testWorld.test';

/** Tailwind 3.4.1+ preflight's rules that touch the kit, loaded after the kit's stylesheet. */
const preflight = `
  *, ::before, ::after { box-sizing: border-box; border-width: 0; border-style: solid; }
  h1, h2, h3 { font-size: inherit; font-weight: inherit; margin: 0; }
  button, input { font-family: inherit; font-size: 100%; font-weight: inherit; line-height: inherit;
    color: inherit; margin: 0; padding: 0; }
  button, input:where([type='button']) { background-color: transparent; background-image: none; }
  img, video { max-width: 100%; height: auto; }
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
/** A 40 x 20 picture: an avatar drawn at its own ratio would not be square. */
const wideAvatar = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>',
)}`;

/** Alice's team message, read by `readers` of two members, with its badge and sheet. */
async function renderBadge({
  className,
  readers = 0,
  avatars = false,
}: {
  className?: string;
  readers?: number;
  avatars?: boolean;
} = {}): Promise<HTMLElement> {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers,
  });
  const badgeWithSheet = <BadgeOpensSheet message={message} className={className} />;
  renderApp(
    avatars ? (
      <ReceiptProvider
        engine={world.engineFor(alice)}
        resolveMember={(id) => ({ name: id, avatarUrl: wideAvatar })}
      >
        {badgeWithSheet}
      </ReceiptProvider>
    ) : (
      <Providers engine={world.engineFor(alice)}>{badgeWithSheet}</Providers>
    ),
  );
  return screen.findByRole('button', { name: readers === 2 ? /all read/i : /unread/ });
}

const style = (element: Element) => getComputedStyle(element);

it("the badge and the sheet's title, close button, tabs, tab bar, border and search box keep their look", async () => {
  const badge = await renderBadge();
  expect(style(badge).backgroundColor).not.toBe(transparent);
  expect(style(badge).paddingLeft).not.toBe('0px');
  await userEvent.click(badge);
  const sheet = await screen.findByRole('dialog');
  expect(style(sheet).borderTopWidth).toBe('1px');
  expect(style(screen.getByRole('heading')).fontSize).toBe('16px'); // 1rem, not inherited
  expect(style(screen.getByRole('button', { name: 'Close' })).fontSize).toBe('20px'); // 1.25rem
  const unreadTab = screen.getByRole('tab', { selected: true });
  const readTab = screen.getByRole('tab', { selected: false });
  // Selected and unselected tabs still differ in colour (the reset made both `inherit`).
  expect(style(unreadTab).color).not.toBe(style(readTab).color);
  expect(style(unreadTab).paddingLeft).not.toBe('0px');
  expect(style(screen.getByRole('tablist')).borderBottomWidth).toBe('1px');
  expect(style(screen.getByRole('searchbox')).paddingLeft).not.toBe('0px');
});

it('an all-read badge keeps its own colours', async () => {
  const badge = await renderBadge({ readers: 2 });
  expect(badge.dataset.status).toBe('all-read');
  expect(style(badge).backgroundColor).not.toBe(transparent);
  expect(style(badge).paddingLeft).not.toBe('0px');
});

it("avatars keep the kit's square size, whatever the picture's ratio", async () => {
  const badge = await renderBadge({ avatars: true });
  await userEvent.click(badge);
  const avatar = (await screen.findByRole('dialog')).querySelector('img.readmark-avatar');
  if (!avatar) throw new Error('no avatar image in the member list');
  const { width, height } = avatar.getBoundingClientRect();
  expect([width, height]).toEqual([28, 28]);
});

it('the new-messages pill keeps its colours and padding', async () => {
  world = createWorld();
  const { pill } = await scrolledUpWithPill(world);
  expect(style(pill).backgroundColor).toBe('rgb(31, 111, 235)'); // --readmark-pill-bg, light
  expect(style(pill).color).toBe('rgb(255, 255, 255)'); // --readmark-pill-text
  expect(style(pill).paddingLeft).not.toBe('0px');
});

it("an app's class on the badge still beats the kit's rules", async () => {
  const badge = await renderBadge({ className: 'app-badge' });
  expect(style(badge).backgroundColor).toBe('rgb(4, 5, 6)');
  expect(style(badge).color).toBe('rgb(7, 8, 9)');
});

it("the sheet's Retry keeps its edge and padding", async () => {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 0 });
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 107404 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
    </Providers>,
  );
  const retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
  expect(style(retry).borderTopWidth).toBe('1px'); // the reset's `border-width: 0` made it bare text
  expect(style(retry).paddingLeft).not.toBe('0px');
  expect(style(retry).color).toBe('rgb(31, 111, 235)'); // --readmark-accent, light
});
