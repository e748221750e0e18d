import type { ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor, within } from '@testing-library/dom';
import { type ReactNode, Suspense, startTransition, useState } from 'react';
import { flushSync } from 'react-dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReceiptProvider } from '../ReceiptProvider';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  cleanupApps,
  createWorld,
  frames,
  renderApp,
  settle,
  teamWithMessage,
} from './testWorld.test';

/*
 * A render React throws away (a transition that suspends or is interrupted) must leave nothing
 * behind: the sheet's hook kept the lists it last showed in a ref written during render, so a
 * discarded render of another member filter replaced them, and the provider's next engine showed
 * "Loading…" over members the sheet had listed.
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

const upperCaseName = (accountId: string) => ({ name: accountId.toUpperCase() });

/** Suspends for good: the transition that renders it is never committed. */
const never = new Promise<never>(() => {});
let pendingRenders = 0;
function Pending(): ReactNode {
  pendingRenders++;
  throw never;
}

const controls: {
  setTransport?: (transport: ReturnType<typeof createNimTransport>) => void;
  setFilter?: (filter: string[]) => void;
} = {};

/** The app's session: a new SDK instance (a re-login) gives the provider a new transport. */
function Session({ children }: { children: ReactNode }) {
  const [transport, setTransport] = useState(() => createNimTransport(world.server.login('alice')));
  controls.setTransport = setTransport;
  return (
    <ReceiptProvider transport={transport} accountId="alice" resolveMember={upperCaseName}>
      {children}
    </ReceiptProvider>
  );
}

/** The chat: its sheet, and a member filter the app sets in a transition that also loads data. */
function Chat({ message }: { message: ReceiptMessage }) {
  const [filter, setFilter] = useState<string[]>();
  controls.setFilter = setFilter;
  return (
    <Suspense fallback={<p>Loading the team…</p>}>
      <ReceiptDetailSheet message={message} isOpen onClose={() => {}} memberAccountIds={filter} />
      {filter && <Pending />}
    </Suspense>
  );
}

it('a member filter rendered in a transition that never commits does not make the next engine flash "Loading…"', async () => {
  world = createWorld();
  const { message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol', 'dave', 'erin'],
    readers: 1,
  });
  renderApp(
    <Session>
      <Chat message={message} />
    </Session>,
  );
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText('CAROL');

  pendingRenders = 0;
  startTransition(() => controls.setFilter!(['bob', 'dave']));
  await waitFor(() => expect(pendingRenders).toBeGreaterThan(0));
  await frames(2);
  // Still the committed sheet: everyone, no filter.
  expect(within(dialog).getByText('CAROL')).toBeTruthy();

  // Every text the panel shows from the new transport on until it is still.
  const panel = () => dialog.querySelector('.readmark-sheet-panel')?.textContent ?? '';
  const seen = new Set<string>();
  const observer = new MutationObserver(() => seen.add(panel()));
  observer.observe(dialog, { subtree: true, childList: true, characterData: true });
  flushSync(() => controls.setTransport!(createNimTransport(world.server.login('alice'))));
  seen.add(panel());
  await settle(world.server);
  await frames(3);
  observer.disconnect();
  expect(panel()).toContain('CAROL');
  expect([...seen].filter((text) => !text.includes('CAROL'))).toEqual([]);
  expect(consoleCalls).toEqual([]);
});
