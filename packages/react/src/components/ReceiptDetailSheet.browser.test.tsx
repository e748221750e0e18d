import {
  createReceiptEngine,
  type ReceiptEngine,
  type ReceiptMessage,
  type ReceiptTransport,
} from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor, within } from '@testing-library/dom';
import { Profiler, StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  BadgeOpensSheet,
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  settle,
  teamWithMessage,
  untilStill,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';
import { ANNOUNCE_INTERVAL_MS } from './useReadAnnouncement';

const names: Record<string, string> = {
  alice: 'Alice',
  bob: 'Bob',
  carol: 'Carol',
  dave: 'Dave',
  erin: 'Erin',
};

let world: ReturnType<typeof createWorld>;
/** Engines a test built itself (over a held transport), disposed after it. */
const ownEngines: ReceiptEngine[] = [];
beforeEach(() => {
  // Vitest runs tests in an iframe; give it focus so keyboard events reach it (see MessageList tests).
  window.focus();
});
afterEach(() => {
  cleanupApps();
  world?.dispose();
  for (const engine of ownEngines.splice(0)) engine.dispose();
});

/** A new world, and in it Alice's flagged "lunch?" to a team of five, read by `readers` of them. */
function lunchInTeamOfFive(readers: number) {
  world = createWorld();
  return teamWithMessage(world, {
    teamId: 't1',
    memberIds: ['bob', 'carol', 'dave', 'erin'],
    readers,
    text: 'lunch?',
  });
}

/** `accountId` reads Alice's message in team t1 on a device of theirs; the server then settles. */
async function readBy(accountId: string) {
  const reader = world.server.login(accountId);
  const [received] = await world.history(reader, `${accountId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
  await settle(world.server);
}

/** Alice's flagged message to a team of five; `firstReaders` have read it before the sheet mounts. */
async function setup(locale: ReceiptLocale = 'en', firstReaders: readonly string[] = ['bob']) {
  world = createWorld();
  const memberIds = ['bob', 'carol', 'dave', 'erin'];
  const { alice, message } = await teamWithMessage(world, {
    teamId: 't1',
    memberIds,
    readers: 0,
    text: 'lunch?',
  });
  for (const accountId of firstReaders) await readBy(accountId);
  let closedCount = 0;
  renderApp(
    <Providers engine={world.engineFor(alice)} locale={locale} names={names}>
      <BadgeOpensSheet message={message} onClosed={() => closedCount++} />
    </Providers>,
  );
  return { readBy, closedCount: () => closedCount };
}

/** An open sheet over Carol and Dave whose member filter a test widens to Bob too. */
function FilteredSheet({
  message,
  widen,
}: {
  message: ReceiptMessage;
  widen: { current: () => void };
}) {
  const [members, setMembers] = useState<readonly string[]>(['carol', 'dave']);
  widen.current = () => setMembers(['bob', 'carol', 'dave']);
  return (
    <ReceiptDetailSheet message={message} memberAccountIds={members} isOpen onClose={() => {}} />
  );
}

const memberNames = (panel: HTMLElement) =>
  within(panel)
    .queryAllByRole('listitem')
    .map((item) => item.textContent?.slice(1));

describe('ReceiptDetailSheet', () => {
  it('opens as a modal from the badge, switches tabs by keyboard, searches, closes with Esc', async () => {
    const { closedCount } = await setup();
    const badge = await screen.findByRole('button', { name: '3 unread of 4 members' });
    await userEvent.click(badge);

    const dialog = (await screen.findByRole('dialog', {
      name: 'Message receipts',
    })) as HTMLDialogElement;
    expect(dialog.matches(':modal')).toBe(true);
    const unreadTab = screen.getByRole('tab', { name: 'Unread (3)' });
    const readTab = screen.getByRole('tab', { name: 'Read (1)' });
    expect(unreadTab.getAttribute('aria-selected')).toBe('true');
    const unreadPanel = await screen.findByRole('tabpanel', { name: 'Unread (3)' });
    await waitFor(() => expect(memberNames(unreadPanel)).toEqual(['Carol', 'Dave', 'Erin']));

    // WAI-ARIA tabs: arrows move focus and selection, one tab stop.
    unreadTab.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(readTab);
    expect(readTab.getAttribute('aria-selected')).toBe('true');
    expect(readTab.tabIndex).toBe(0);
    expect(unreadTab.tabIndex).toBe(-1);
    const readPanel = screen.getByRole('tabpanel', { name: 'Read (1)' });
    await waitFor(() => expect(memberNames(readPanel)).toEqual(['Bob']));
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(unreadTab);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search members' }), 'da');
    await waitFor(() => expect(memberNames(screen.getByRole('tabpanel'))).toEqual(['Dave']));
    await userEvent.fill(screen.getByRole('searchbox'), 'zed');
    expect(await screen.findByText('No matching members')).toBeTruthy();

    // In a filled search box the first Esc clears the search (native), the next one closes.
    await userEvent.keyboard('{Escape}');
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('');
    expect(dialog.open).toBe(true);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(closedCount()).toBe(1);
    expect(document.activeElement).toBe(badge);
  });

  // WCAG 4.1.3: a search's outcome is a status message. One region, there before the search, so
  // its changes are announced (a live region inserted with its text often is not).
  it.each([
    ['en', '3 unread of 4 members', 'Search members', '1 matching member', 'No matching members'],
    ['zh-CN', '4人中3人未读', '搜索成员', '找到1名成员', '没有匹配的成员'],
  ] as const)(
    'tells screen readers what a search found (%s): a count, or that it matched nobody',
    async (locale, badgeName, searchName, oneFound, noneFound) => {
      await setup(locale);
      await userEvent.click(await screen.findByRole('button', { name: badgeName }));
      const dialog = await screen.findByRole('dialog');
      await within(dialog).findByRole('tabpanel');
      await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(3));
      const status = within(dialog).getByRole('status');
      expect(status.textContent).toBe('');

      const search = within(dialog).getByRole('searchbox', { name: searchName });
      await userEvent.type(search, 'car');
      await waitFor(() => expect(status.textContent).toBe(oneFound));
      // The count is for screen readers only; the list shows the members.
      expect(status.getBoundingClientRect().height).toBeLessThanOrEqual(1);

      await userEvent.type(search, 'zzz');
      await waitFor(() => expect(status.textContent).toBe(noneFound));
      expect(within(dialog).getByText(noneFound).closest('[role="status"]')).toBe(status);
      expect(status.isConnected).toBe(true);

      // Cleared, the search has nothing to say; made again, it is said again. (That it waits for the
      // typing to pause again is MemberList.dom.test.tsx's, with fake timers.)
      await userEvent.clear(search);
      expect(status.textContent).toBe('');
      await userEvent.type(search, 'car');
      await waitFor(() => expect(status.textContent).toBe(oneFound));
    },
  );

  it('searches what an input method commits, not the syllables typed while composing', async () => {
    await setup('zh-CN');
    await userEvent.click(await screen.findByRole('button', { name: '4人中3人未读' }));
    const dialog = await screen.findByRole('dialog');
    const panel = await within(dialog).findByRole('tabpanel');
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
    const search = within(dialog).getByRole('searchbox') as HTMLInputElement;
    const status = within(dialog).getByRole('status');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    /** What Chromium sends as an input method's text changes: the value, then an input event. */
    const inputWhile = (isComposing: boolean, value: string) => {
      setValue.call(search, value);
      search.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing, data: value }));
    };
    search.focus();
    search.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    for (const syllable of ['z', 'zh', 'zhe']) inputWhile(true, syllable);
    // Composing: the box shows the syllables; the list and what is said stay as they were.
    await expect.poll(() => search.value).toBe('zhe');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']);
    expect(status.textContent).toBe('');

    // Committed (Chromium's last input event is still composing; compositionend follows).
    inputWhile(true, 'Car');
    search.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'Car' }));
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol']));
    await waitFor(() => expect(status.textContent).toBe('找到1名成员'));
    // Typed without an input method, it filters at once.
    await userEvent.type(search, 'x');
    await waitFor(() => expect(memberNames(panel)).toEqual([]));
  });

  it('matches full-width letters and digits, as Chinese input methods type them, to their ASCII forms', async () => {
    await setup('zh-CN');
    await userEvent.click(await screen.findByRole('button', { name: '4人中3人未读' }));
    const dialog = await screen.findByRole('dialog');
    const panel = await within(dialog).findByRole('tabpanel');
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
    await userEvent.type(within(dialog).getByRole('searchbox'), 'ＤＡ');
    await waitFor(() => expect(memberNames(panel)).toEqual(['Dave']));
  });

  it('names the tab list, ties only the selected tab to a rendered panel, names the member list once', async () => {
    await setup();
    await userEvent.click(await screen.findByRole('button', { name: '3 unread of 4 members' }));
    const tablist = await screen.findByRole('tablist', { name: 'Members by read status' });
    const panel = await screen.findByRole('tabpanel', { name: 'Unread (3)' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
    const controlled = () =>
      within(tablist)
        .getAllByRole('tab')
        .map((tab) => [tab.textContent, tab.getAttribute('aria-controls')]);
    // Every aria-controls points at a panel that exists; the unselected tab points nowhere.
    expect(controlled()).toEqual([
      ['Unread (3)', panel.id],
      ['Read (1)', null],
    ]);
    await userEvent.click(screen.getByRole('tab', { name: 'Read (1)' }));
    const readPanel = screen.getByRole('tabpanel', { name: 'Read (1)' });
    expect(controlled()).toEqual([
      ['Unread (3)', null],
      ['Read (1)', readPanel.id],
    ]);
    for (const [, id] of controlled()) if (id) expect(document.getElementById(id)).toBe(readPanel);

    // One named, focusable scroll region holds an unnamed list: "Members" is announced once.
    const region = within(readPanel).getByRole('region', { name: 'Members' });
    expect(region.tabIndex).toBe(0);
    expect(within(readPanel).getByRole('list', { name: '' })).toBeTruthy();
    expect(screen.getByRole('dialog').querySelectorAll('[aria-label="Members"]')).toHaveLength(1);
  });

  it('names the tab list in Chinese', async () => {
    await setup('zh-CN');
    await userEvent.click(await screen.findByRole('button', { name: '4人中3人未读' }));
    expect(await screen.findByRole('tablist', { name: '按已读状态查看成员' })).toBeTruthy();
  });

  it('moves a member from Unread to Read live and announces it politely', async () => {
    const { readBy } = await setup();
    await userEvent.click(await screen.findByRole('button', { name: '3 unread of 4 members' }));
    const panel = await screen.findByRole('tabpanel', { name: 'Unread (3)' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));

    await readBy('carol');

    await waitFor(() => expect(memberNames(panel)).toEqual(['Dave', 'Erin']));
    expect(screen.getByRole('tab', { name: 'Unread (2)' })).toBeTruthy();
    const readTab = screen.getByRole('tab', { name: 'Read (2)' });
    const live = screen.getByRole('dialog').querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('Carol read the message');
    expect(screen.getByRole('button', { name: '2 unread of 4 members' })).toBeTruthy();

    await userEvent.click(readTab);
    const readPanel = screen.getByRole('tabpanel', { name: 'Read (2)' });
    await waitFor(() => expect(memberNames(readPanel)?.sort()).toEqual(['Bob', 'Carol']));
  });

  it('names readers gathered in one interval in one Chinese sentence, with Chinese list punctuation', async () => {
    const { readBy } = await setup('zh-CN');
    await userEvent.click(await screen.findByRole('button', { name: '4人中3人未读' }));
    const panel = await screen.findByRole('tabpanel', { name: '未读3人' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
    const live = screen.getByRole('dialog').querySelector('[aria-live="polite"]');

    await readBy('carol');
    await waitFor(() => expect(live?.textContent).toBe('Carol已读该消息'));
    // Within the announcement interval: gathered, then said together once it ends.
    await readBy('dave');
    await readBy('erin');
    await waitFor(() => expect(live?.textContent).toBe('Dave和Erin已读该消息'), {
      timeout: ANNOUNCE_INTERVAL_MS + 2_000,
    });
  });

  it('switched to Chinese while open, never leaves an English announcement under lang="zh-CN"; the next is said in Chinese', async () => {
    const { alice, message } = await lunchInTeamOfFive(1); // Bob has read
    const ui = (locale: ReceiptLocale) => (
      <Providers engine={world.engineFor(alice)} locale={locale} names={names}>
        <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
      </Providers>
    );
    const app = renderApp(ui('en'));
    const dialog = await screen.findByRole('dialog');
    await screen.findByRole('tab', { name: 'Read (1)' });
    const live = dialog.querySelector('[aria-live="polite"]')!;
    await readBy('carol');
    await waitFor(() => expect(live.textContent).toBe('Carol read the message'));
    // Dave reads within the interval: his sentence waits for its end.
    await readBy('dave');

    // Each text the region holds, with the language the sheet declares for it (WCAG 3.1.2).
    const heard: string[] = [];
    const record = () => heard.push(`${dialog.getAttribute('lang')}: ${live.textContent}`);
    new MutationObserver(record).observe(dialog, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
      childList: true,
      characterData: true,
    });
    app.rerender(ui('zh-CN'));
    record();
    await waitFor(() => expect(live.textContent).toBe('Dave已读该消息'), {
      timeout: ANNOUNCE_INTERVAL_MS + 2_000,
    });
    expect(heard.filter((entry) => entry.startsWith('zh-CN') && /read the/.test(entry))).toEqual(
      [],
    );
    expect(heard.at(-1)).toBe('zh-CN: Dave已读该消息');
  });

  it('a wider member filter announces nobody; a member who then reads is announced', async () => {
    const { alice, message } = await lunchInTeamOfFive(1); // Bob has read
    const widen = { current: () => {} };
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <FilteredSheet message={message} widen={widen} />
      </Providers>,
    );
    await screen.findByRole('tab', { name: 'Read (0)' });
    const live = screen.getByRole('dialog').querySelector('[aria-live="polite"]')!;
    const said: string[] = [];
    new MutationObserver(() => {
      if (live.textContent) said.push(live.textContent);
    }).observe(live, { subtree: true, childList: true, characterData: true });

    // Bob comes into view on the Read tab: he read before, nothing happened now. Then Carol reads.
    widen.current();
    await screen.findByRole('tab', { name: 'Read (1)' });
    await readBy('carol');
    await screen.findByRole('tab', { name: 'Read (2)' });
    await waitFor(() => expect(said.join(' / ')).toContain('Carol'));
    expect(said).toEqual(['Carol read the message']);
  });

  it('says which message it is about when the app gives an excerpt: quoted under the title, and the description', async () => {
    const { alice, message } = await lunchInTeamOfFive(1);
    const engine = world.engineFor(alice);
    const sheet = (locale: ReceiptLocale, messageExcerpt?: unknown) => (
      <Providers engine={engine} locale={locale} names={names}>
        <ReceiptDetailSheet
          message={message}
          messageExcerpt={messageExcerpt as string}
          isOpen
          onClose={() => {}}
        />
      </Providers>
    );
    // A message of two paragraphs is quoted on one line.
    const app = renderApp(sheet('en', 'Lunch at noon?\n\n  Bring cash.'));
    const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
    // The excerpt comes isolated (FSI … PDI, as Fluent places arguments): screen readers skip the marks.
    const quoted = (excerpt: string) => `\u2068${excerpt}\u2069`;
    expect(dialog).toHaveAccessibleDescription(
      `Your message: “${quoted('Lunch at noon? Bring cash.')}”`,
    );
    const quote = within(dialog).getByText(
      `Your message: “${quoted('Lunch at noon? Bring cash.')}”`,
    );
    expect(quote.getBoundingClientRect().height).toBeGreaterThan(0);

    app.rerender(sheet('zh-CN', '中午吃饭？'));
    expect(await screen.findByRole('dialog', { name: '消息回执' })).toHaveAccessibleDescription(
      `你的消息：“${quoted('中午吃饭？')}”`,
    );

    // A long message is cut: a screen reader says its start, not all of it, at each opening.
    app.rerender(sheet('en', `${'word '.repeat(40)}${'😀'.repeat(10)}`));
    const long = `Your message: “${quoted(`${'word '.repeat(20).trimEnd()}…`)}”`;
    await waitFor(() => expect(dialog).toHaveAccessibleDescription(long));

    // Without an excerpt, or with one that is no text, the dialog has no description (and no
    // reference to one).
    for (const none of [undefined, '  ', 42, null]) {
      app.rerender(sheet('en', none));
      await waitFor(() => expect(dialog).not.toHaveAttribute('aria-describedby'));
      expect(dialog).toHaveAccessibleDescription('');
    }
  });

  it('a member filter that matches nobody says so on both tabs, not that everyone has read', async () => {
    const { alice, message } = await lunchInTeamOfFive(1);
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <ReceiptDetailSheet
          message={message}
          memberAccountIds={['zed']}
          isOpen
          onClose={() => {}}
        />
      </Providers>,
    );
    const unreadPanel = await screen.findByRole('tabpanel', { name: 'Unread (0)' });
    await waitFor(() => expect(unreadPanel.textContent).toContain('No matching members'));
    await userEvent.click(screen.getByRole('tab', { name: 'Read (0)' }));
    const readPanel = screen.getByRole('tabpanel', { name: 'Read (0)' });
    await waitFor(() => expect(readPanel.textContent).toContain('No matching members'));
  });

  it('an open sheet nobody reads in or searches renders nothing more once it shows its members', async () => {
    const { alice, message } = await lunchInTeamOfFive(1);
    let sheetCommits = 0;
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <Profiler id="sheet" onRender={() => void sheetCommits++}>
          <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
        </Profiler>
      </Providers>,
    );
    const panel = await screen.findByRole('tabpanel', { name: 'Unread (3)' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
    await settle(world.server);
    await untilStill(() => sheetCommits);
    sheetCommits = 0;

    // Longer than the member list waits before it says a search's outcome (500 ms): with no search
    // there is nothing to say, and no timer renders the sheet again.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sheetCommits).toBe(0);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('33: nobody has read: the badge is an empty pie, the zh-CN sheet shows 未读4人 and 已读0人', async () => {
    await setup('zh-CN', []);
    const badge = await screen.findByRole('button', { name: '4人中4人未读' });
    const wedge = badge.querySelectorAll('svg circle')[1];
    expect(wedge && getComputedStyle(wedge).strokeDasharray).toBe('0px, 100px');
    await userEvent.click(badge);
    await screen.findByRole('dialog', { name: '消息回执' });
    expect(screen.getByRole('tab', { name: '未读4人' })).toBeTruthy();
    const readTab = screen.getByRole('tab', { name: '已读0人' });
    await userEvent.click(readTab);
    const readPanel = screen.getByRole('tabpanel', { name: '已读0人' });
    await waitFor(() => expect(readPanel.textContent).toContain('全部成员未读'));
  });

  it('opens on Read when everyone has read, where Unread would be empty', async () => {
    await setup('en', ['bob', 'carol', 'dave', 'erin']);
    const badge = await screen.findByRole('button', { name: 'All read by 4 members' });
    await userEvent.click(badge);
    const readTab = await screen.findByRole('tab', { name: 'Read (4)' });
    expect(readTab.getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel', { name: 'Read (4)' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Bob', 'Carol', 'Dave', 'Erin']));
  });

  it('opens on Unread when everyone has read if the app asks for it with `initialTab`', async () => {
    const { alice, message } = await lunchInTeamOfFive(4);
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <BadgeOpensSheet message={message} initialTab="unread" />
      </Providers>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'All read by 4 members' }));
    const unreadTab = await screen.findByRole('tab', { name: 'Unread (0)' });
    expect(unreadTab.getAttribute('aria-selected')).toBe('true');
  });

  it('closes from the close button and speaks Chinese', async () => {
    const { closedCount } = await setup('zh-CN');
    const badge = await screen.findByRole('button', { name: '4人中3人未读' });
    await userEvent.click(badge);
    await screen.findByRole('dialog', { name: '消息回执' });
    expect(screen.getByRole('tab', { name: '未读3人' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '已读1人' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(closedCount()).toBe(1);
    expect(document.activeElement).toBe(badge);
  });

  it('puts the whole first character of a name outside the Basic Multilingual Plane on its avatar', async () => {
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds: ['bob', 'carol'],
      readers: 0,
    });
    renderApp(
      <Providers engine={world.engineFor(alice)} names={{ bob: '𠮷田 花子', carol: '😀 carol' }}>
        <BadgeOpensSheet message={message} />
      </Providers>,
    );
    await userEvent.click(await screen.findByRole('button', { name: '2 unread of 2 members' }));
    const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
    const initial = async (accountId: string) =>
      waitFor(() => {
        const avatar = dialog.querySelector(`[data-account-id="${accountId}"] .readmark-avatar`);
        expect(avatar).not.toBeNull();
        return avatar!.textContent;
      });
    // Two UTF-16 units each: slicing one off left a lone surrogate, drawn as U+FFFD.
    expect(await initial('bob')).toBe('𠮷');
    expect(await initial('carol')).toBe('😀');
  });

  it('shows an error with a retry that recovers, keeping focus in the sheet', async () => {
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds: ['bob', 'carol'],
      readers: 0,
      text: 'hi',
    });
    world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 107404 });
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <ReceiptDetailSheet message={message} isOpen onClose={() => {}} />
      </Providers>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load read receipts');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    const panel = await screen.findByRole('tabpanel', { name: 'Unread (2)' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Bob', 'Carol']));
    expect(screen.queryByRole('alert')).toBeNull();
    // Retry left with the error: focus went to the panel, not to <body>.
    expect(document.activeElement).toBe(panel);
  });

  it('open for a message with no members’ receipts renders nothing, leaves the page usable and asks nothing', async () => {
    world = createWorld();
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const detailCalls = vi.spyOn(alice.V2NIMMessageService, 'getTeamMessageReceiptDetail');
    const messages = [
      // Own one-to-one (a tick, no members), incoming from Bob, own without `readReceiptEnabled`.
      await world.send(alice, { conversationId: 'alice|1|bob', text: 'to bob' }),
      await world.send(bob, { conversationId: 'bob|2|t1', text: 'from bob' }),
      await world.send(alice, { conversationId: 'alice|2|t1', text: 'unflagged' }),
    ];
    let clicks = 0;
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <button type="button" onClick={() => clicks++}>
          Composer
        </button>
        {messages.map((message) => (
          <ReceiptDetailSheet
            key={message.messageClientId}
            message={message}
            isOpen
            onClose={() => {}}
          />
        ))}
      </Providers>,
    );
    await settle(world.server);
    expect(document.querySelectorAll('dialog')).toHaveLength(0);
    // No modal (nor an error in one) over the page: it still takes clicks and keeps focus.
    const composer = screen.getByRole('button', { name: 'Composer' });
    await userEvent.click(composer);
    expect(clicks).toBe(1);
    expect(document.activeElement).toBe(composer);
    expect(detailCalls).not.toHaveBeenCalled();
  });

  it('virtualizes 200 members and shows custom rows from renderMember', async () => {
    world = createWorld();
    const memberIds = Array.from(
      { length: 199 },
      (_, index) => `u${String(index).padStart(3, '0')}`,
    );
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds,
      readers: 0,
      text: 'all hands',
    });
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <ReceiptDetailSheet
          message={message}
          isOpen
          onClose={() => {}}
          renderMember={(member) => (
            <span data-testid="member">{`${member.name}:${member.isRead}`}</span>
          )}
        />
      </Providers>,
    );
    const panel = await screen.findByRole('tabpanel', { name: 'Unread (199)' });
    await waitFor(() => expect(within(panel).getAllByTestId('member').length).toBeGreaterThan(3));
    const shown = within(panel).getAllByTestId('member');
    expect(shown.length).toBeLessThan(40);
    expect(shown[0]!.textContent).toBe('u000:false');
    const items = within(panel).getAllByRole('listitem');
    expect(items[0]!.getAttribute('aria-setsize')).toBe('199');

    // Search reaches members that were never rendered.
    await userEvent.fill(screen.getByRole('searchbox'), 'u198');
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByTestId('member')
          .map((item) => item.textContent),
      ).toEqual(['u198:false']),
    );
  });
});

/**
 * A chat as apps build it: the badge sits in a row inside a focusable scroller (as `MessageList`'s
 * `<section tabIndex=0>`), and `hideRow()` unmounts that row, as a virtualized list does when it
 * follows new messages. `isMountedWhileOpenOnly`: the sheet is rendered only while open (the demo's
 * way), so it hands focus back as it unmounts instead of on the dialog's `close` event.
 * `isSheetInRow`: the sheet sits in the row beside the badge, so `hideRow()` unmounts both at once.
 */
function ChatWithSheet({
  message,
  isMountedWhileOpenOnly,
  isSheetInRow = false,
  controls,
}: {
  message: ReceiptMessage;
  isMountedWhileOpenOnly: boolean;
  isSheetInRow?: boolean;
  controls: { hideRow?: () => void };
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [isRowShown, setIsRowShown] = useState(true);
  controls.hideRow = () => setIsRowShown(false);
  const sheet = isMountedWhileOpenOnly ? (
    isOpen && (
      <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />
    )
  ) : (
    <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />
  );
  return (
    <>
      <button type="button">Before the chat</button>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region, as MessageList's */}
      <section aria-label="Messages" tabIndex={0}>
        <div>
          {isRowShown && (
            <div>
              lunch? <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
              {isSheetInRow && sheet}
            </div>
          )}
        </div>
      </section>
      {!isSheetInRow && sheet}
    </>
  );
}

describe('ReceiptDetailSheet hands focus back', () => {
  async function openFromBadge(
    isMountedWhileOpenOnly: boolean,
    { isSheetInRow = false }: { isSheetInRow?: boolean } = {},
  ) {
    const { alice, message } = await lunchInTeamOfFive(1);
    const controls: { hideRow?: () => void } = {};
    renderApp(
      <Providers engine={world.engineFor(alice)} names={names}>
        <ChatWithSheet
          message={message}
          isMountedWhileOpenOnly={isMountedWhileOpenOnly}
          isSheetInRow={isSheetInRow}
          controls={controls}
        />
      </Providers>,
    );
    const badge = await screen.findByRole('button', { name: '3 unread of 4 members' });
    badge.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = (await screen.findByRole('dialog')) as HTMLDialogElement;
    await screen.findByRole('tabpanel', { name: 'Unread (3)' });
    expect(document.activeElement?.closest('dialog')).toBe(dialog);
    return { badge, controls };
  }

  it.each([
    ['stays mounted', false],
    ['is mounted only while open', true],
  ])('to the badge that opened it (the sheet %s)', async (_name, isMountedWhileOpenOnly) => {
    const { badge } = await openFromBadge(isMountedWhileOpenOnly);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(badge);
  });

  // A virtualized list unmounting a row that holds both (the README's wiring): the sheet's cleanup
  // focuses the badge while it is still in the document, then the row leaves with it.
  it('to the scroller when the row holding both the badge and the open sheet is unmounted, not to <body>', async () => {
    const { badge, controls } = await openFromBadge(false, { isSheetInRow: true });
    controls.hideRow!();
    await waitFor(() => expect(badge.isConnected).toBe(false));
    expect(screen.queryByRole('dialog')).toBeNull();

    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Messages' })),
    );
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Before the chat' }));
  });

  it.each([
    ['stays mounted', false],
    ['is mounted only while open', true],
  ])(
    'to the scroller that held the badge when its row was unmounted while open, not to <body> (the sheet %s)',
    async (_name, isMountedWhileOpenOnly) => {
      const { badge, controls } = await openFromBadge(isMountedWhileOpenOnly);
      controls.hideRow!();
      await waitFor(() => expect(badge.isConnected).toBe(false));

      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      const scroller = screen.getByRole('region', { name: 'Messages' });
      expect(document.activeElement).toBe(scroller);
      // The next Tab goes on from the chat, not from the top of the page.
      await userEvent.tab({ shift: true });
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Before the chat' }));
    },
  );
});

/** A promise the test opens when it wants: calls waiting on it reach the server only then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * The real nim transport over Alice's memory client, whose count query and detail query each wait
 * for their gate before they go to the server, so a test sees the sheet before each answer.
 */
function heldTransport(transport: ReceiptTransport) {
  const counts = gate();
  const detail = gate();
  const held: ReceiptTransport = {
    ...transport,
    getTeamMessageReceipts: (messages) =>
      counts.opened.then(() => transport.getTeamMessageReceipts(messages)),
    getTeamMessageReceiptDetail: (message, memberAccountIds) =>
      detail.opened.then(() => transport.getTeamMessageReceiptDetail(message, memberAccountIds)),
  };
  return { transport: held, releaseCounts: counts.open, releaseDetail: detail.open };
}

describe('ReceiptDetailSheet while its members load', () => {
  /** Every tab label the page shows from now on, in order, without repeats. */
  function recordTabLabels() {
    const seen: string[] = [];
    const record = () => {
      const labels = [...document.querySelectorAll('[role="tab"]')]
        .map((tab) => tab.textContent)
        .join(' | ');
      if (seen.at(-1) !== labels) seen.push(labels);
    };
    const observer = new MutationObserver(record);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    record();
    return { seen, stop: () => observer.disconnect() };
  }

  async function setupHeld(locale: ReceiptLocale) {
    const { alice, message } = await lunchInTeamOfFive(1);
    const held = heldTransport(createNimTransport(alice));
    const engine = createReceiptEngine({
      transport: held.transport,
      accountId: alice.accountId,
      flushDelayMs: 0,
    });
    ownEngines.push(engine);
    renderApp(
      <Providers engine={engine} locale={locale} names={names}>
        <BadgeOpensSheet message={message} onClosed={() => {}} />
      </Providers>,
    );
    return held;
  }

  it.each([
    ['en', '3 unread of 4 members', 'Loading…', 'Unread (3) | Read (1)'],
    ['zh-CN', '4人中3人未读', '加载中…', '未读3人 | 已读1人'],
  ] as const)(
    "%s: the tabs show the badge's counts while the detail loads, never (0)",
    async (locale, badgeName, loading, tabs) => {
      const held = await setupHeld(locale);
      held.releaseCounts();
      const badge = await screen.findByRole('button', { name: badgeName });
      const labels = recordTabLabels();

      await userEvent.click(badge);
      const dialog = await screen.findByRole('dialog');
      await settle(world.server);
      // The detail has not answered: no members yet, but the badge's counts on the tabs.
      expect(within(dialog).getByRole('status').textContent).toBe(loading);
      expect(
        within(dialog)
          .getAllByRole('tab')
          .map((tab) => tab.textContent)
          .join(' | '),
      ).toBe(tabs);

      held.releaseDetail();
      const panel = await within(dialog).findByRole('tabpanel');
      await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
      labels.stop();
      // From the first frame of the open sheet to the loaded lists, only the badge's counts.
      expect(labels.seen).toEqual(['', tabs]);
    },
  );

  it('shows no counts while none are known, then the counts, then the members', async () => {
    const held = await setupHeld('en');
    const badge = await screen.findByRole('button', { name: 'Loading read receipts…' });
    const labels = recordTabLabels();

    await userEvent.click(badge);
    const dialog = await screen.findByRole('dialog');
    await settle(world.server);
    expect(within(dialog).getByRole('status').textContent).toBe('Loading…');
    expect(within(dialog).queryAllByRole('tab')).toEqual([]);
    // Without its tab, the panel is not announced as a tab panel.
    expect(within(dialog).queryByRole('tabpanel')).toBeNull();

    held.releaseCounts();
    expect(await within(dialog).findByRole('tab', { name: 'Unread (3)' })).toBeTruthy();
    expect(within(dialog).getByRole('status').textContent).toBe('Loading…');

    held.releaseDetail();
    const panel = await within(dialog).findByRole('tabpanel', { name: 'Unread (3)' });
    await waitFor(() => expect(memberNames(panel)).toEqual(['Carol', 'Dave', 'Erin']));
    labels.stop();
    expect(labels.seen).toEqual(['', 'Unread (3) | Read (1)']);
  });
});

function OpenFromStart({ message, onClosed }: { message: ReceiptMessage; onClosed: () => void }) {
  const [isOpen, setIsOpen] = useState(true);
  return (
    <ReceiptDetailSheet
      message={message}
      isOpen={isOpen}
      onClose={() => {
        onClosed();
        setIsOpen(false);
      }}
    />
  );
}

describe('ReceiptDetailSheet under StrictMode', () => {
  it('stays open when first rendered open (effects run twice) and still closes with Esc', async () => {
    const { alice, message } = await lunchInTeamOfFive(0);
    let closedCount = 0;
    const onClosed = () => closedCount++;
    renderApp(
      <StrictMode>
        <Providers engine={world.engineFor(alice)} locale="en" names={names}>
          <OpenFromStart message={message} onClosed={onClosed} />
        </Providers>
      </StrictMode>,
    );
    const dialog = await screen.findByRole('dialog');
    await settle(world.server);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedCount).toBe(0);
    expect((dialog as HTMLDialogElement).open).toBe(true);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(closedCount).toBe(1));
    expect((dialog as HTMLDialogElement).open).toBe(false);
  });
});
