import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor, within } from '@testing-library/dom';
import { type ReactNode, Suspense, startTransition, useState } from 'react';
import { flushSync } from 'react-dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  cleanupApps,
  createWorld,
  frames,
  Providers,
  renderApp,
  settle,
  teamWithMessage,
} from './testWorld.test';
import { ANNOUNCE_INTERVAL_MS } from './useReadAnnouncement';

/*
 * A render React throws away (a transition that suspends or is interrupted) must leave nothing
 * behind. The sheet's hook kept the lists it last showed in a ref written during render, so a
 * discarded render of another member filter replaced them, and the provider's next engine showed
 * "Loading…" over members the sheet had listed. Its announcements kept the sentence builders in
 * one too, so a discarded language switch had the next sentence written in a language the sheet
 * does not show, and withdrawn unsaid.
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

/** `accountId` reads Alice's message in team t1 on a device of theirs; the server then settles. */
async function readBy(accountId: string) {
  const reader = world.server.login(accountId);
  const [received] = await world.history(reader, `${accountId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
  await settle(world.server);
}

const localeControl: { setLocale?: (locale: ReceiptLocale) => void } = {};

/** A chat whose language the app switches in a transition that loads the new one's resources. */
function LocalizedChat({ engine, message }: { engine: ReceiptEngine; message: ReceiptMessage }) {
  const [locale, setLocale] = useState<ReceiptLocale>('en');
  localeControl.setLocale = setLocale;
  return (
    <Providers engine={engine} locale={locale} names={{ carol: 'Carol', dave: 'Dave' }}>
      <Suspense fallback={<p>Loading the language…</p>}>
        <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
        {locale !== 'en' && <Pending />}
      </Suspense>
    </Providers>
  );
}

it('a language switch rendered in a transition that never commits leaves the next announcement in the language shown', async () => {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol', 'dave', 'erin'],
    readers: 1,
  });
  renderApp(<LocalizedChat engine={world.engineFor(alice)} message={message} />);
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByRole('tab', { name: 'Read (1)' });
  const live = dialog.querySelector('[aria-live="polite"]')!;
  await readBy('carol');
  await waitFor(() => expect(live.textContent).toBe('Carol read the message'));
  // Dave reads within the interval: his sentence waits for its end.
  await readBy('dave');

  pendingRenders = 0;
  startTransition(() => localeControl.setLocale!('zh-CN'));
  await waitFor(() => expect(pendingRenders).toBeGreaterThan(0));
  await waitFor(() => expect(live.textContent).toBe('Dave read the message'), {
    timeout: ANNOUNCE_INTERVAL_MS + 2_000,
  });
  expect(dialog.getAttribute('lang')).toBe('en');
  expect(consoleCalls).toEqual([]);
});
