import type { RetryPolicy } from '@readmark/core';
import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
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
 * A first load of the sheet's members that keeps failing for a passing reason (here the server's
 * rate limit, 416) while online: the engine retries it by itself after a backoff, and the sheet
 * said "Loading…" for as long as that lasted, with no hint that anything was wrong and nothing to
 * do about it.
 */

let world: World;
beforeEach(() => {
  // Vitest runs tests in an iframe; give it focus so keyboard events reach it.
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const texts = {
  en: {
    badge: '2 unread of 2 members',
    retrying: 'Could not load read receipts. Trying again…',
    retry: 'Retry',
    tab: 'Unread (2)',
  },
  'zh-CN': {
    badge: '2人中2人未读',
    retrying: '已读回执加载失败，正在重试…',
    retry: '重试',
    tab: '未读2人',
  },
} as const;

/** Waits the engine never reaches in a test: only Retry can try again. */
const noAutomaticRetry: Partial<RetryPolicy> = { baseDelayMs: 3_600_000, maxDelayMs: 3_600_000 };

/**
 * Alice's sheet for her message to Bob and Carol, opened from its badge, while the member detail's
 * next `failures` queries answer 416.
 */
async function openFailingSheet(
  locale: ReceiptLocale,
  failures: number,
  retry: Partial<RetryPolicy>,
) {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol'],
    readers: 0,
  });
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 416, times: failures });
  renderApp(
    <Providers engine={world.engineFor(alice, { retry })} locale={locale}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>,
  );
  await userEvent.click(await screen.findByRole('button', { name: texts[locale].badge }));
  return screen.findByRole('dialog');
}

/** Every text the sheet's status takes from now on (one entry per change; none while it is gone). */
function recordSheetStatus() {
  const said: string[] = [];
  let last = '';
  const observer = new MutationObserver(() => {
    const text = document.querySelector('dialog [role="status"]')?.textContent ?? '';
    if (text && text !== last) said.push(text);
    last = text;
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  return { said, stop: () => observer.disconnect() };
}

it.each(['en', 'zh-CN'] as const)(
  'while online, a first load that failed says so as the engine tries again, and Retry tries again at once (%s)',
  async (locale) => {
    const dialog = await openFailingSheet(locale, 1, noAutomaticRetry);

    // Said as a status, not left at "Loading…" until the backoff ends.
    const status = await within(dialog).findByRole('status');
    await waitFor(() => expect(status.textContent).toBe(texts[locale].retrying));
    expect(status).toBeVisible();
    const retry = within(dialog).getByRole('button', { name: texts[locale].retry });
    expect(retry).toBeVisible();

    await userEvent.click(retry);
    const panel = await within(dialog).findByRole('tabpanel', { name: texts[locale].tab });
    await waitFor(() => expect(panel.textContent).toContain('carol'));
    expect(panel.textContent).toContain('bob');
    expect(within(dialog).queryByText(texts[locale].retrying)).toBeNull();
    expect(within(dialog).queryByRole('button', { name: texts[locale].retry })).toBeNull();
    // Retry left with the failure it answered: focus went to the panel, not to <body>.
    expect(document.activeElement).toBe(panel);
  },
);

it('Retry pressed by keyboard that fails again gives the focus back to Retry', async () => {
  const dialog = await openFailingSheet('en', 2, noAutomaticRetry);
  const retry = await within(dialog).findByRole('button', { name: 'Retry' });
  retry.focus();
  await userEvent.keyboard('{Enter}');
  // The query fails again: Retry comes back, and the keyboard user is on it, not on the panel
  // (they had to Tab round the sheet to find it).
  await waitFor(() =>
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Retry' })),
  );
  expect(within(dialog).getByRole('status').textContent).toBe(texts.en.retrying);
  // And the next one succeeds: the members show, the focus on the panel.
  await userEvent.keyboard('{Enter}');
  const panel = within(dialog).getByRole('tabpanel');
  await waitFor(() => expect(panel.textContent).toContain('carol'));
  expect(document.activeElement).toBe(panel);
});

it('says it once while the automatic retries keep failing, then shows the members', async () => {
  const recording = recordSheetStatus();
  const dialog = await openFailingSheet('en', 3, { baseDelayMs: 1, maxDelayMs: 1 });

  await waitFor(() => expect(within(dialog).getByRole('tabpanel').textContent).toContain('carol'));
  recording.stop();
  // Three failures in a row, one notice: each retry's query did not bring "Loading…" back.
  expect(recording.said).toContain(texts.en.retrying);
  expect(recording.said.slice(recording.said.indexOf(texts.en.retrying))).toEqual([
    texts.en.retrying,
  ]);
});

it('offline, it waits for the connection instead, and focus on Retry stays in the sheet as Retry goes', async () => {
  const dialog = await openFailingSheet('en', 1, noAutomaticRetry);
  const retry = await within(dialog).findByRole('button', { name: texts.en.retry });
  retry.focus();

  world.server.dropConnection('alice');
  const status = within(dialog).getByRole('status');
  await waitFor(() => expect(status.textContent).toBe('Waiting for a connection…'));
  expect(within(dialog).queryByRole('button', { name: texts.en.retry })).toBeNull();
  const panel = within(dialog).getByRole('tabpanel', { name: texts.en.tab });
  expect(document.activeElement).toBe(panel);

  // Back online, the engine loads the members at once.
  world.server.restoreConnection('alice');
  await waitFor(() => expect(panel.textContent).toContain('carol'));
  expect(within(dialog).queryByText(texts.en.retrying)).toBeNull();
});
