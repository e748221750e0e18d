import { screen, waitFor, within } from '@testing-library/dom';
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../styles.css';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { recordPoliteRegions } from './recordPoliteRegions.test';
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
 * An open sheet whose connection drops: its lists stop following reads, and the user must be told
 * so (seen, and heard once), until the connection is back and the lists are reloaded.
 */

let world: World;
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

const texts = {
  en: {
    badge: '3 unread of 12 members',
    offline: 'Offline: the lists may be out of date',
    read: 'member10 read the message',
  },
  'zh-CN': {
    badge: '12人中3人未读',
    offline: '当前网络不可用，列表可能不是最新',
    read: 'member10已读该消息',
  },
} as const;

/** Alice's sheet for her message to twelve members, nine of whom read it, open on Unread. */
async function openSheet(locale: ReceiptLocale) {
  world = createWorld();
  const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 9 });
  const engine = world.engineFor(alice);
  const app = (language: ReceiptLocale) => (
    <Providers engine={engine} locale={language}>
      <div>
        <BadgeOpensSheet message={message} />
      </div>
    </Providers>
  );
  const { rerender } = renderApp(app(locale));
  await userEvent.click(await screen.findByRole('button', { name: texts[locale].badge }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText('member10');
  return { dialog, switchTo: (language: ReceiptLocale) => rerender(app(language)) };
}

/** A member reads Alice's message on their own device (Alice's device hears of it if online). */
async function reads(memberId: string) {
  const reader = world.server.login(memberId);
  const [copy] = await world.history(reader, `${memberId}|2|t1`);
  await reader.V2NIMMessageService.sendTeamMessageReceipts([copy as never]);
  await world.server.settle();
}

it.each(['en', 'zh-CN'] as const)(
  'offline, the open sheet says its lists may be out of date, once, until the connection is back (%s)',
  async (locale) => {
    const { dialog } = await openSheet(locale);
    const { said } = recordPoliteRegions('dialog');

    world.server.dropConnection('alice');
    const notice = await within(dialog).findByText(texts[locale].offline);
    expect(notice).toBeVisible();
    // Above the lists it is about, under the search box (which stays where it was).
    const search = within(dialog).getByRole('searchbox');
    const list = within(dialog).getByRole('region');
    expect(notice.getBoundingClientRect().top).toBeGreaterThanOrEqual(
      search.getBoundingClientRect().bottom,
    );
    expect(notice.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      list.getBoundingClientRect().top,
    );
    // Heard politely, once.
    await waitFor(() => expect(said).toEqual([texts[locale].offline]));

    // Meanwhile member10 reads: the sheet cannot know, and still lists them as unread.
    await reads('member10');
    expect(within(list).getByText('member10')).toBeTruthy();

    world.server.restoreConnection('alice');
    // The engine reloads the lists: member10 leaves Unread, and the notice goes.
    await waitFor(() => expect(within(list).queryByText('member10')).toBeNull());
    expect(within(dialog).queryByText(texts[locale].offline)).toBeNull();
    expect(said.filter((text) => text === texts[locale].offline)).toHaveLength(1);
    expect(within(dialog).getByRole('tab', { selected: true }).textContent).toBe(
      locale === 'en' ? 'Unread (2)' : '未读2人',
    );
  },
);

it('a language switch while offline shows the notice in the new language without saying it again', async () => {
  const { dialog, switchTo } = await openSheet('en');
  const { said } = recordPoliteRegions('dialog');
  world.server.dropConnection('alice');
  await waitFor(() => expect(said).toEqual([texts.en.offline]));

  switchTo('zh-CN');
  expect(within(dialog).getByText(texts['zh-CN'].offline)).toBeVisible();
  // Longer than the notice waits before it is said: it would have been by now.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(said).toEqual([texts.en.offline]);
});
