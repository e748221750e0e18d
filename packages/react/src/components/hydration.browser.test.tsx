import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { consoleCallsPerTest } from './consoleCallsPerTest.test';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { serverPagePerTest } from './serverPagePerTest.test';
import { createWorld, Providers, teamWithMessage, type World } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

let world: World;
const consoleCalls = consoleCallsPerTest();
afterEach(() => {
  world?.dispose();
});
const serverPage = serverPagePerTest(consoleCalls);

function Page({
  engine,
  locale,
  p2p,
  team,
  isSheetOpen,
}: {
  engine: ReceiptEngine;
  locale: ReceiptLocale;
  p2p: ReceiptMessage;
  team: ReceiptMessage;
  isSheetOpen: boolean;
}) {
  return (
    <Providers engine={engine} locale={locale} names={{ member1: 'Ada' }}>
      <p>
        hi <ReadTick message={p2p} />
      </p>
      <p>
        hello team <ReadTick message={team} /> <UnreadBadge message={team} onOpen={() => {}} />
      </p>
      <ReceiptDetailSheet message={team} isOpen={isSheetOpen} onClose={() => {}} />
      <div style={{ height: 200 }}>
        <MessageList
          conversationId="alice|1|bob"
          messages={[p2p]}
          renderMessage={(message) => (message as { text?: string }).text}
        />
      </div>
    </Providers>
  );
}

/** Server HTML for the page, set as the container's markup, then hydrated by React in Chromium. */
async function serverRenderThenHydrate(locale: ReceiptLocale, isSheetOpen: boolean) {
  world = createWorld();
  const { alice, message: team } = await teamWithMessage(world, { teamId: 't1', readers: 3 });
  const p2p = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
  const engine = world.engineFor(alice);
  const page = (
    <Page engine={engine} locale={locale} p2p={p2p} team={team} isSheetOpen={isSheetOpen} />
  );
  const { html, container } = serverPage.renderAndServe(page);
  const recoverable = serverPage.hydrate(page);
  return { html, container, recoverable };
}

describe('server rendering and hydration', () => {
  for (const [locale, sent, loading] of [
    ['en', 'Sent', 'Loading read receipts…'],
    ['zh-CN', '已发送', '已读回执加载中…'],
  ] as const) {
    it(`hydrates every component without a warning (${locale})`, async () => {
      const { html, container, recoverable } = await serverRenderThenHydrate(locale, false);
      // The server markup already carries the accessible states: the peer's read time is not known
      // there, so the one-to-one tick says it loads, never a "Sent" that turns into "Read" once
      // hydrated; the team tick says "Sent" and its badge that the counts load.
      expect(html.match(new RegExp(`aria-label="${loading}"`, 'g'))).toHaveLength(2);
      expect(html.match(new RegExp(`aria-label="${sent}"[^>]*data-mode="team"`, 'g'))).toHaveLength(
        1,
      );
      expect(html.match(new RegExp(`aria-label="${sent}"`, 'g'))).toHaveLength(1);
      // The closed sheet renders nothing.
      expect(html).not.toContain('<dialog');
      // After hydration the live store takes over: counts arrive and the badge updates in place.
      const badge = await screen.findByRole('button', {
        name: locale === 'en' ? '9 unread of 12 members' : '12人中9人未读',
      });
      expect(container.contains(badge)).toBe(true);
      // Both ticks, once the peer's read time and the counts have come.
      await waitFor(() => expect(screen.getAllByRole('img', { name: sent })).toHaveLength(2));
      expect(recoverable).toEqual([]);
      expect(consoleCalls).toEqual([]);
    });
  }

  it('hydrates an open sheet and shows it as a modal', async () => {
    const { recoverable } = await serverRenderThenHydrate('en', true);
    const dialog = await screen.findByRole('dialog', { name: 'Message receipts' });
    expect((dialog as HTMLDialogElement).open).toBe(true);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Unread (9)' })).toBeTruthy());
    expect(recoverable).toEqual([]);
    expect(consoleCalls).toEqual([]);
  });
});
