import { screen, within } from '@testing-library/dom';
import { afterEach, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../styles.css';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  teamWithMessage,
  type World,
} from './testWorld.test';

/*
 * Under a finger (`pointer: coarse`, Chromium's touch emulation) the sheet's buttons are 44 px
 * targets (WCAG 2.5.5, the platforms' guidance): Close was 29 x 24 px, Retry 73 x 29.
 */

let world: World;
afterEach(async () => {
  cleanupApps();
  world?.dispose();
  await cdp().send('Emulation.setTouchEmulationEnabled', { enabled: false });
});

it('under a finger, Close is 44 x 44 px and Retry 44 px tall', async () => {
  await cdp().send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  expect(matchMedia('(pointer: coarse)').matches).toBe(true);
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 0,
  });
  // The rate limit, for longer than the test: the sheet says it tries again, with Retry.
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 416, times: 100 });
  renderApp(
    <Providers engine={world.engineFor(alice, { retry: { baseDelayMs: 3_600_000 } })}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: '2 unread of 2 members' }));
  const dialog = await screen.findByRole('dialog');
  const retry = await within(dialog).findByRole('button', { name: 'Retry' });
  expect(retry.getBoundingClientRect().height).toBeGreaterThanOrEqual(44);
  const close = within(dialog).getByRole('button', { name: 'Close' }).getBoundingClientRect();
  expect(close.width).toBeGreaterThanOrEqual(44);
  expect(close.height).toBeGreaterThanOrEqual(44);
});
