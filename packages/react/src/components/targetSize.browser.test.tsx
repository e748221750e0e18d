import { screen, within } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { contrastRatio } from '../../../../scripts/contrastRatio';
import { phoneWorldPerTest } from './listWorldPerTest.test';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { BadgeOpensSheet, Providers, renderApp, teamWithMessage } from './testWorld.test';

const MIN_TARGET = 24;

const world = phoneWorldPerTest();

async function badgeOfTeamMessage() {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div style={{ padding: 16 }}>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  return screen.findByRole('button', { name: '10 unread of 12 members' });
}

it('the badge takes presses in a 24 x 24 px square around its centre, and a press just above it opens the sheet', async () => {
  const badge = await badgeOfTeamMessage();
  const box = badge.getBoundingClientRect();
  const centreX = box.left + box.width / 2;
  const centreY = box.top + box.height / 2;
  const reach = MIN_TARGET / 2 - 0.5;
  for (const [x, y] of [
    [centreX, centreY - reach],
    [centreX, centreY + reach],
    [centreX - reach, centreY],
    [centreX + reach, centreY],
  ] as const) {
    expect(badge.contains(document.elementFromPoint(x, y))).toBe(true);
  }
  // A tap that lands a little above the drawn badge (it is about 18 px tall) still opens the sheet.
  await userEvent.click(badge, { position: { x: box.width / 2, y: box.height / 2 - reach } });
  expect(await screen.findByRole('dialog')).toHaveAttribute('open');
});

it("the sheet's close button is at least 24 x 24 px", async () => {
  const badge = await badgeOfTeamMessage();
  await userEvent.click(badge);
  const dialog = await screen.findByRole('dialog');
  const close = within(dialog).getByRole('button', { name: 'Close' });
  const box = close.getBoundingClientRect();
  expect(box.width).toBeGreaterThanOrEqual(MIN_TARGET);
  expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET);
});

it("the sheet's Retry is a 24 px tall button in the sheet's font and accent, with an edge at 3:1", async () => {
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 2 });
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 107404 });
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
    </Providers>,
  );
  const dialog = await screen.findByRole('dialog');
  const retry = within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' });
  // It was the browser's own grey button: 21 px tall, in its 13.33 px system font.
  const box = retry.getBoundingClientRect();
  expect(box.width).toBeGreaterThanOrEqual(MIN_TARGET);
  expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET);
  const look = getComputedStyle(retry);
  const sheet = getComputedStyle(dialog);
  expect(look.fontFamily).toBe(sheet.fontFamily);
  expect(look.fontSize).toBe(sheet.fontSize);
  expect(look.color).toBe('rgb(31, 111, 235)'); // --readmark-accent, light
  expect(contrastRatio(look.borderTopColor, sheet.backgroundColor)).toBeGreaterThanOrEqual(3);
});
