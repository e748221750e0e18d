/**
 * WCAG 2.5.8 Target Size (Minimum): every control of the kit takes presses in at least 24 x 24 CSS
 * px, on a 320 x 568 phone screen, so a finger can hit it. The badge keeps its small look: its
 * button takes presses a little around it.
 */
import type { ReceiptMessage } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import { phoneWorldPerTest } from './listWorldPerTest.test';
import { MessageList } from './MessageList';
import {
  BadgeOpensSheet,
  nextFrame,
  Providers,
  renderApp,
  teamWithMessage,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

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

it('the badge’s wider press area adds no scrolling to a list whose last row ends with it', async () => {
  const { alice } = await teamWithMessage(world, { teamId: 't1', readers: 0 });
  for (let index = 0; index < 11; index++) {
    await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: `${index}`,
      isReceiptRequested: true,
    });
  }
  const messages = await world.history(alice, 'alice|2|t1');
  renderApp(
    <Providers engine={world.engineFor(alice)}>
      <div style={{ height: 200 }}>
        <MessageList
          conversationId="alice|2|t1"
          messages={messages}
          // Each row ends with its badge, flush: the press area reaches past the row's edge.
          renderMessage={(own: ReceiptMessage) => (
            <div style={{ display: 'flex', alignItems: 'flex-end', height: 40 }}>
              <UnreadBadge message={own} onOpen={() => {}} />
            </div>
          )}
        />
      </div>
    </Providers>,
  );
  const scroller = screen.getByRole('region', { name: 'Messages' });
  await waitFor(() =>
    expect(screen.getAllByRole('button', { name: /^12 unread/ }).length).toBeGreaterThan(3),
  );
  await nextFrame();
  // The rows' height (the virtualizer's total), no more: a few pixels more let the reader scroll past
  // the newest message, and the list no longer knew it was at the end.
  const rows = scroller.firstElementChild as HTMLElement;
  expect(scroller.scrollHeight).toBe(rows.offsetHeight);
  scroller.scrollTop = scroller.scrollHeight;
  await nextFrame();
  expect(scroller.scrollTop + scroller.clientHeight).toBe(rows.offsetHeight);
});
