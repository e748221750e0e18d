import { screen, waitFor } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { listWorldPerTest } from './listWorldPerTest.test';
import { BadgeOpensSheet, Providers, renderApp, teamWithMessage } from './testWorld.test';

const world = listWorldPerTest();

/*
 * An app that hides the part of the page holding an open sheet with `display: none` (another tab
 * of its own, a route kept mounted): a modal `<dialog>` there is not drawn, yet it kept the rest
 * of the page inert, a page that looked normal and took no click.
 */
it('an open sheet whose part of the page the app hides leaves the page usable, and is there again when shown', async () => {
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 1,
  });
  const engine = world.engineFor(alice);
  let closes = 0;
  let clicks = 0;
  const app = (isHidden: boolean) => (
    <Providers engine={engine}>
      <div style={isHidden ? { display: 'none' } : undefined}>
        <BadgeOpensSheet message={message} onClosed={() => closes++} />
      </div>
      <button type="button" onClick={() => clicks++}>
        Other tab
      </button>
    </Providers>
  );
  const { rerender } = renderApp(app(false));
  const badge = await screen.findByRole('button', { name: '1 unread of 2 members' });
  await userEvent.click(badge);
  const sheet = (await screen.findByRole('dialog')) as HTMLDialogElement;
  expect(sheet.matches(':modal')).toBe(true);

  rerender(app(true));
  await waitFor(() => expect(sheet.matches(':modal')).toBe(false));
  // The page takes clicks again, and the app was not told to close the sheet.
  await userEvent.click(screen.getByRole('button', { name: 'Other tab' }));
  expect(clicks).toBe(1);
  expect(closes).toBe(0);

  // Shown again, the sheet is modal again, as the reader left it, and closes as before.
  rerender(app(false));
  await waitFor(() => expect(sheet.matches(':modal')).toBe(true));
  expect(screen.getByRole('dialog')).toBe(sheet);
  expect(sheet.contains(document.activeElement)).toBe(true);
  await userEvent.keyboard('{Escape}');
  await waitFor(() => expect(sheet.open).toBe(false));
  expect(closes).toBe(1);
  expect(document.activeElement).toBe(badge);
});

it('closing the sheet brings the badge it focuses again back into view', async () => {
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 1,
  });
  const { container } = renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div data-testid="scroller" style={{ height: 200, overflowY: 'auto' }}>
        <BadgeOpensSheet message={message} />
        <div style={{ height: 2000 }} />
      </div>
    </Providers>,
  );
  const badge = await screen.findByRole('button', { name: '1 unread of 2 members' });
  await userEvent.click(badge);
  await screen.findByRole('dialog');
  // While the sheet is open, the part of the page with the badge scrolls away (new messages
  // followed in a list, a swipe on the page behind).
  const scroller = container.querySelector<HTMLElement>('[data-testid="scroller"]')!;
  scroller.scrollTop = 1500;
  await userEvent.keyboard('{Escape}');
  await waitFor(() => expect(document.activeElement).toBe(badge));
  const view = scroller.getBoundingClientRect();
  const box = badge.getBoundingClientRect();
  expect(box.top).toBeGreaterThanOrEqual(view.top);
  expect(box.bottom).toBeLessThanOrEqual(view.bottom);
});
