import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { receiptWorldPerTest } from '../../../core/src/testing/receiptWorld';
import { UnreadBadge } from '../components/UnreadBadge';
import { ReceiptProvider } from '../ReceiptProvider';
import { en } from './en';
import type { ReceiptStrings } from './ReceiptStrings';
import {
  ReceiptStringsProvider,
  useReceiptLanguage,
  useReceiptStrings,
} from './ReceiptStringsProvider';
import { zhCN } from './zhCN';

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

describe('strings (docs/i18n.md: an override of the wrong type is ignored)', () => {
  // A JavaScript app has no type checker: text where a function is expected, or the reverse.
  it('drops overrides whose type differs from the built-in string and keeps the others', async () => {
    const { alice, team } = await world.aliceWritesToBob();
    const strings = {
      badgeUnread: '未读',
      badgeLabel: 42,
      badgeLoading: () => 'loading',
      badgeAllReadLabel: (totalCount: number) => `Seen by all ${totalCount}`,
      unavailable: 'Receipts off',
    } as unknown as Partial<ReceiptStrings>;
    render(
      <ReceiptProvider engine={alice.engine} strings={strings}>
        <UnreadBadge message={team} onOpen={() => {}} />
        <StringsProbe />
      </ReceiptProvider>,
    );
    await act(() => world.tick(1000));
    const badge = screen.getByRole('button', { name: '1 unread of 1 member' });
    expect(badge.textContent).toContain('1 unread');
    expect(probed!.badgeLoading).toBe(en.badgeLoading);
    expect(probed!.badgeAllReadLabel(3)).toBe('Seen by all 3');
    expect(probed!.unavailable).toBe('Receipts off');
  });
});

describe('strings (docs/i18n.md: a function override that fails gives the built-in text)', () => {
  it('an override that throws or gives no string renders the built-in text, never throws', async () => {
    const { alice, team } = await world.aliceWritesToBob();
    const strings = {
      badgeUnread: () => {
        throw new Error('translation bug');
      },
      badgeLabel: () => undefined,
      badgeAllReadLabel: (totalCount: number) => `Seen by all ${totalCount}`,
    } as unknown as Partial<ReceiptStrings>;
    render(
      <ReceiptProvider engine={alice.engine} strings={strings}>
        <UnreadBadge message={team} onOpen={() => {}} />
        <StringsProbe />
      </ReceiptProvider>,
    );
    await act(() => world.tick(1000));
    const badge = screen.getByRole('button', { name: '1 unread of 1 member' });
    expect(badge.textContent).toContain('1 unread');
    expect(probed!.badgeAllReadLabel(3)).toBe('Seen by all 3');
  });
});

describe('nesting (docs/i18n.md: a nested provider without locale keeps the language around it)', () => {
  it('a nested provider overriding one string keeps the outer language and overrides', async () => {
    const { alice, team } = await world.aliceWritesToBob();
    render(
      <ReceiptProvider engine={alice.engine} locale="zh-CN" strings={{ unavailable: '已关闭' }}>
        <ReceiptStringsProvider strings={{ badgeAllRead: '大家都读了' }}>
          <UnreadBadge message={team} onOpen={() => {}} />
          <StringsProbe />
        </ReceiptStringsProvider>
      </ReceiptProvider>,
    );
    await act(() => world.tick(1000));
    expect(screen.getByRole('button').textContent).toContain('1人未读');
    expect(probed!.badgeAllRead).toBe('大家都读了');
    expect(probed!.unavailable).toBe('已关闭');
  });

  it('a nested provider with a locale uses that language', async () => {
    const { alice, team } = await world.aliceWritesToBob();
    render(
      <ReceiptProvider engine={alice.engine} locale="zh-CN">
        <ReceiptStringsProvider locale="en">
          <UnreadBadge message={team} onOpen={() => {}} />
        </ReceiptStringsProvider>
      </ReceiptProvider>,
    );
    await act(() => world.tick(1000));
    expect(screen.getByRole('button').textContent).toContain('1 unread');
  });
});

describe('the language the components declare (docs/i18n.md: Language of parts)', () => {
  /** The `lang` the components under a provider with these props set, as a BCP 47 tag. */
  const langFor = (props: { locale?: unknown; strings?: Partial<ReceiptStrings> }) => {
    render(
      <ReceiptStringsProvider {...(props as object)}>
        <LanguageProbe />
      </ReceiptStringsProvider>,
    );
    const lang = screen.getByTestId('lang').textContent;
    cleanup();
    return lang;
  };

  it('is the language of the built-in table in use, written as BCP 47 writes it', () => {
    for (const locale of ['zh_CN', 'zh-cn', 'zh-CN', 'zh', 'zh-Hans', 'zh_SG']) {
      expect(langFor({ locale }), locale).toBe('zh-CN');
    }
    // English text, whatever was asked for: labelling it French would make it read with a French voice.
    for (const locale of [
      'en',
      'en_GB',
      'fr',
      'zh-TW',
      'not a tag!',
      'constructor',
      42,
      undefined,
    ]) {
      expect(langFor({ locale }), String(locale)).toBe('en');
    }
    // Outside any provider, as the strings are.
    render(<LanguageProbe />);
    expect(screen.getByTestId('lang').textContent).toBe('en');
  });

  it("is the locale of an app's whole translation, as the app spells it", () => {
    // Every key given (a table typed as ReceiptStrings): the text is all the app's.
    const german: ReceiptStrings = { ...en, tickRead: 'Gelesen' };
    expect(langFor({ locale: 'de_DE', strings: german })).toBe('de-DE');
    expect(langFor({ locale: 'zh_TW', strings: { ...zhCN, tickRead: '已讀' } })).toBe('zh-TW');
    // Kept as written, not as the platform's ICU rewrites it (`iw` is `he` in some versions):
    // the server's HTML and the browser's render must declare the same.
    expect(langFor({ locale: 'iw', strings: german })).toBe('iw');
  });

  it("is the built-in table's language when the app overrides only some strings", () => {
    // An English app's tweaks under `locale={navigator.language}`: still English text.
    expect(langFor({ locale: 'fr-FR', strings: { tickRead: 'Seen' } })).toBe('en');
    const { tickRead: _, ...allButOne } = en;
    expect(langFor({ locale: 'de_DE', strings: allButOne })).toBe('en');
    expect(langFor({ locale: 'en-GB', strings: { tickRead: 'Seen' } })).toBe('en');
    expect(langFor({ locale: 'zh_CN', strings: { tickRead: '已阅' } })).toBe('zh-CN');
  });

  it('a nested provider keeps the language around it unless it names a locale', () => {
    render(
      <ReceiptStringsProvider locale="zh_CN">
        <ReceiptStringsProvider strings={{ badgeAllRead: '大家都读了' }}>
          <LanguageProbe />
        </ReceiptStringsProvider>
        <ReceiptStringsProvider locale="en">
          <LanguageProbe />
        </ReceiptStringsProvider>
      </ReceiptStringsProvider>,
    );
    expect(screen.getAllByTestId('lang').map((probe) => probe.textContent)).toEqual([
      'zh-CN',
      'en',
    ]);
  });
});

function LanguageProbe() {
  return <span data-testid="lang">{useReceiptLanguage()}</span>;
}

let probed: ReceiptStrings | undefined;
/** Hands the strings the components get to the test. */
function StringsProbe() {
  probed = useReceiptStrings();
  return null;
}
