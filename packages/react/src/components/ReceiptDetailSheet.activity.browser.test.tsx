import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor, within } from '@testing-library/dom';
import { Activity } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ReceiptProvider } from '../ReceiptProvider';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  frames,
  Providers,
  renderApp,
  settle,
  teamWithMessage,
} from './testWorld.test';

/*
 * A sheet open in a tab panel kept in React's `<Activity>` when the app hides the panel (a
 * notification switches tabs): React hides it with `display: none` and tears its effects down, and
 * runs them again when the panel is shown. The page must not stay inert behind an invisible modal,
 * and shown again the sheet is the one the app still has open, with focus going back, when it
 * closes, to the badge that opened it. React 18 has no Activity.
 */
let world: ReturnType<typeof createWorld>;
const consoleCalls = consoleCallsPerTest();
beforeEach(() => {
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

function Page({
  engine,
  message,
  mode,
  onClosed,
}: {
  engine: ReceiptEngine;
  message: ReceiptMessage;
  mode: 'visible' | 'hidden';
  onClosed: () => void;
}) {
  return (
    <Providers engine={engine} names={{ bob: 'Bob', carol: 'Carol' }}>
      <button type="button">Other tab</button>
      <Activity mode={mode}>
        <div>
          <BadgeOpensSheet message={message} onClosed={onClosed} />
        </div>
      </Activity>
    </Providers>
  );
}

describe.skipIf(!Activity)('ReceiptDetailSheet in a hidden <Activity>', () => {
  it('closes its modal while hidden, opens again with who read meanwhile when shown, and Esc returns focus to its badge', async () => {
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds: ['bob', 'carol', 'dave', 'erin'],
      readers: 1,
    });
    const engine = world.engineFor(alice);
    let closedCount = 0;
    const page = (mode: 'visible' | 'hidden') => (
      <Page engine={engine} message={message} mode={mode} onClosed={() => closedCount++} />
    );
    const app = renderApp(page('visible'));
    const badge = await screen.findByRole('button', { name: '3 unread of 4 members' });
    await userEvent.click(badge);
    const dialog = (await screen.findByRole('dialog')) as HTMLDialogElement;
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Read (1)' })).toBeTruthy());

    app.rerender(page('hidden'));
    expect(dialog.open).toBe(false);
    // Nothing is left inert behind a modal nobody sees.
    const otherTab = screen.getByRole('button', { name: 'Other tab' });
    otherTab.focus();
    expect(document.activeElement).toBe(otherTab);
    const carol = world.server.login('carol');
    const [copy] = await world.history(carol, 'carol|2|t1');
    await carol.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
    await settle(world.server);

    app.rerender(page('visible'));
    expect(dialog.open).toBe(true);
    expect(closedCount).toBe(0);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Read (2)' })).toBeTruthy());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(closedCount).toBe(1));
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(badge);
    expect(consoleCalls).toEqual([]);
  });
});

describe.skipIf(!Activity)(
  'an open ReceiptDetailSheet under a provider that owns its engine, in <Activity>',
  () => {
    it('shown again, lists the members it had at once, never "Loading…" while it asks again', async () => {
      world = createWorld();
      const { message } = await teamWithMessage(world, {
        teamId: 't1',
        memberIds: ['bob', 'carol', 'dave', 'erin'],
        readers: 1,
      });
      const transport = createNimTransport(world.server.login('alice'));
      const ui = (mode: 'visible' | 'hidden') => (
        <Activity mode={mode}>
          <ReceiptProvider
            transport={transport}
            accountId="alice"
            resolveMember={(accountId) => ({ name: accountId.toUpperCase() })}
          >
            <div>
              <BadgeOpensSheet message={message} />
            </div>
          </ReceiptProvider>
        </Activity>
      );
      const app = renderApp(ui('visible'));
      await userEvent.click(await screen.findByRole('button', { name: '3 unread of 4 members' }));
      const dialog = await screen.findByRole('dialog');
      await within(dialog).findByText('CAROL');
      app.rerender(ui('hidden'));
      // Hidden, the provider's engine is disposed; Dave reads meanwhile (an event nobody hears).
      const dave = world.server.login('dave');
      const [copy] = await world.history(dave, 'dave|2|t1');
      await dave.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
      await settle(world.server);

      // Every text the sheet's panel shows from the moment it is shown again until it is still.
      const panel = () => dialog.querySelector('.readmark-sheet-panel')?.textContent ?? '';
      const seen = new Set<string>();
      const observer = new MutationObserver(() => seen.add(panel()));
      observer.observe(dialog, { subtree: true, childList: true, characterData: true });
      app.rerender(ui('visible'));
      seen.add(panel());
      // The new engine asks again, and Dave leaves the Unread tab.
      await waitFor(() => expect(screen.getByRole('tab', { name: 'Read (2)' })).toBeTruthy());
      await settle(world.server);
      await frames(3);
      observer.disconnect();
      expect(panel()).toContain('CAROL');
      expect(panel()).not.toContain('DAVE');
      expect([...seen].filter((text) => !text.includes('CAROL'))).toEqual([]);
      expect(consoleCalls).toEqual([]);
    });
  },
);
