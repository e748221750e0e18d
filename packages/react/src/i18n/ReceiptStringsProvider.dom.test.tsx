import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { receiptWorldPerTest } from '../../../core/src/testing/receiptWorld';
import { UnreadBadge } from '../components/UnreadBadge';
import { ReceiptProvider } from '../ReceiptProvider';

const world = receiptWorldPerTest((world) => {
  world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B'] });
});
afterEach(cleanup);

describe('locale (docs/i18n.md: an unknown value falls back to English)', () => {
  // Names every plain object inherits: a lookup in an ordinary object finds Object.prototype's.
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'fr'])(
    'locale "%s" renders the badge in English',
    async (locale) => {
      const { alice, team } = await world.aliceWritesToBob();
      render(
        <ReceiptProvider engine={alice.engine} locale={locale as never}>
          <UnreadBadge message={team} onOpen={() => {}} />
        </ReceiptProvider>,
      );
      await act(() => world.tick(1000));
      const badge = screen.getByRole('button', { name: '1 unread of 1 member' });
      expect(badge.textContent).toContain('1 unread');
    },
  );

  // Language tags as apps get them (navigator.language, Accept-Language, a backend's setting):
  // Simplified Chinese in any spelling; Traditional Chinese, English and malformed tags in English.
  it.each([
    ...['zh', 'zh-cn', 'ZH-CN', 'zh_CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG'].map((tag) => [
      tag,
      '1人未读',
    ]),
    ...['zh-TW', 'zh-Hant', 'zh-HK', 'en-GB', 'EN', 'not a tag!', ''].map((tag) => [
      tag,
      '1 unread',
    ]),
  ])('locale "%s" shows the badge as "%s"', async (locale, text) => {
    const { alice, team } = await world.aliceWritesToBob();
    render(
      <ReceiptProvider engine={alice.engine} locale={locale}>
        <UnreadBadge message={team} onOpen={() => {}} />
      </ReceiptProvider>,
    );
    await act(() => world.tick(1000));
    expect(screen.getByRole('button').textContent).toContain(text);
  });
});
