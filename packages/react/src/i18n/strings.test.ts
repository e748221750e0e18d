import { readFileSync } from 'node:fs';
import { ReceiptError } from '@readmark/core';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatCount } from './formatCount';
import { formatNameList } from './formatNameList';
import type { ReceiptStrings } from './ReceiptStrings';
import { zhCN } from './zhCN';

describe('string tables', () => {
  it('English tick and badge wording', () => {
    expect([en.tickSending, en.tickSent, en.tickRead, en.tickFailed]).toEqual([
      'Sending',
      'Sent',
      'Read',
      'Failed',
    ]);
    expect(en.badgeUnread(3)).toBe('3 unread');
    expect(en.badgeAllRead).toBe('All read');
    expect(en.badgeLabel({ unreadCount: 3, totalCount: 12 })).toBe('3 unread of 12 members');
    expect(en.badgeLabel({ unreadCount: 1, totalCount: 1 })).toBe('1 unread of 1 member');
    expect(en.badgeAllReadLabel(12)).toBe('All read by 12 members');
    expect(en.badgeAllReadLabel(1)).toBe('All read by 1 member');
    expect(en.tabRead(2)).toBe('Read (2)');
    expect(en.tabUnread(10)).toBe('Unread (10)');
    expect(en.newMessages(1)).toBe('1 new message');
    expect(en.newMessages(4)).toBe('4 new messages');
    expect(en.announceRead(['Bob'])).toBe('Bob read the message');
    // Several readers in one sentence, as the language joins a list.
    expect(en.announceRead(['Bob', 'Carol'])).toBe('Bob and Carol read the message');
    expect(en.announceRead(['Bob', 'Carol', 'Dave'])).toBe('Bob, Carol, and Dave read the message');
    expect(en.searchResults(1)).toBe('1 matching member');
    expect(en.searchResults(3)).toBe('3 matching members');
    expect(en.sheetDescription('Lunch at noon?')).toBe('Your message: “Lunch at noon?”');
    expect(en.readBy(['Bob'], 0)).toBe('Read by Bob');
    expect(en.readBy(['Bob', 'Carol'], 0)).toBe('Read by Bob and Carol');
    expect(en.readBy(['Bob'], 1)).toBe('Read by Bob and 1 other');
    expect(en.readBy(['Bob', 'Carol', 'Dave'], 2)).toBe('Read by Bob, Carol, Dave, and 2 others');
  });

  it('Chinese wording', () => {
    expect([zhCN.tickSending, zhCN.tickSent, zhCN.tickRead, zhCN.tickFailed]).toEqual([
      '发送中',
      '已发送',
      '已读',
      '发送失败',
    ]);
    expect(zhCN.badgeUnread(3)).toBe('3人未读');
    expect(zhCN.badgeAllRead).toBe('全部已读');
    expect(zhCN.badgeLabel({ unreadCount: 3, totalCount: 12 })).toBe('12人中3人未读');
    // SPEC U8 and scenario 33: the popover's headers, e.g. "未读4人" and "已读0人".
    expect(zhCN.tabRead(0)).toBe('已读0人');
    expect(zhCN.tabUnread(4)).toBe('未读4人');
    // U8: the Vue3 UIKit's wording for an empty list.
    expect(zhCN.emptyRead).toBe('全部成员未读');
    expect(zhCN.emptyUnread).toBe('全部成员已读');
    expect(zhCN.searchResults(3)).toBe('找到3名成员');
    expect(zhCN.sheetDescription('中午吃饭？')).toBe('你的消息：“中午吃饭？”');
    // One sentence with Chinese list punctuation, never English ". " between sentences.
    expect(zhCN.announceRead(['Bob'])).toBe('Bob已读该消息');
    expect(zhCN.announceRead(['Bob', 'Carol', 'Dave'])).toBe('Bob、Carol和Dave已读该消息');
    // The whole count after 等, as 企业微信 and 钉钉 write it: "Bob、Carol等5人已读".
    expect(zhCN.readBy(['Bob'], 0)).toBe('Bob已读');
    expect(zhCN.readBy(['Bob', 'Carol'], 0)).toBe('Bob和Carol已读');
    expect(zhCN.readBy(['Bob', 'Carol'], 3)).toBe('Bob、Carol等5人已读');
  });

  it('write counts as each language writes numbers, choosing plural forms on the number', () => {
    expect(en.badgeUnread(1234)).toBe('1,234 unread');
    expect(en.badgeLabel({ unreadCount: 1234, totalCount: 12345 })).toBe(
      '1,234 unread of 12,345 members',
    );
    expect(en.badgeAllReadLabel(1000)).toBe('All read by 1,000 members');
    expect([en.tabRead(1234), en.tabUnread(1000)]).toEqual(['Read (1,234)', 'Unread (1,000)']);
    expect(en.searchResults(1234)).toBe('1,234 matching members');
    expect(en.newMessages(1234)).toBe('1,234 new messages');
    expect(en.announceReadCount(1234)).toBe('1,234 more members read the message');
    expect(en.readBy(['Bob'], 1234)).toBe('Read by Bob and 1,234 others');
    // "1,001" is not "1": the plural is chosen on the number, not on the digits after a separator.
    expect(en.newMessages(1001)).toBe('1,001 new messages');
    expect(en.newMessages(1)).toBe('1 new message');

    expect(zhCN.badgeUnread(1234)).toBe('1,234人未读');
    expect(zhCN.badgeLabel({ unreadCount: 1234, totalCount: 12345 })).toBe('12,345人中1,234人未读');
    expect(zhCN.badgeAllReadLabel(1000)).toBe('1,000人全部已读');
    expect([zhCN.tabRead(1234), zhCN.tabUnread(1000)]).toEqual(['已读1,234人', '未读1,000人']);
    expect(zhCN.searchResults(1234)).toBe('找到1,234名成员');
    expect(zhCN.newMessages(1234)).toBe('1,234条新消息');
    expect(zhCN.announceReadCount(1234)).toBe('又有1,234人已读该消息');
    expect(zhCN.readBy(['Bob'], 1233)).toBe('Bob等1,234人已读');
  });

  it('both tables define every key with the same kind of value', () => {
    const keys = Object.keys(en) as (keyof ReceiptStrings)[];
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(typeof zhCN[key]).toBe(typeof en[key]);
  });
});

describe('formatCount', () => {
  it('writes every count as Intl writes it in both languages, and -0 as 0', () => {
    const counts = [
      ...Array.from({ length: 2000 }, (_, count) => count),
      12_345,
      1e21,
      0.5,
      999.5,
      -1,
      Number.NaN,
    ];
    for (const locale of ['en', 'zh-CN'] as const) {
      const format = new Intl.NumberFormat(locale);
      const wrong = counts.filter((count) => formatCount(locale, count) !== format.format(count));
      expect(wrong, locale).toEqual([]);
      expect(formatCount(locale, -0)).toBe('0');
    }
    expect(formatCount('en', 1234)).toBe('1,234');
  });
});

describe('formatNameList', () => {
  it('takes a language tag as the provider does (`_` for `-`), and a malformed one without throwing', () => {
    // An app's own table runs it in the sheet's announcement: a throw there takes the tree down.
    expect(formatNameList('de_DE', ['Bob', 'Carol'])).toBe('Bob und Carol');
    expect(formatNameList('zh_CN', ['Bob', 'Carol'])).toBe('Bob和Carol');
    expect(formatNameList('not a tag!', ['Bob', 'Carol'])).toContain('Carol');
    expect(formatNameList(undefined as unknown as string, ['Bob', 'Carol'])).toContain('Carol');
  });

  it('rejects names that are not an array of strings with 191004, never a TypeError', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'Bob',
      { length: 1, 0: 'Bob' },
      [null],
      ['Bob', 42],
      // A hole is `undefined` to the formatter: `every` would let it through.
      // biome-ignore lint/suspicious/noSparseArray: the hole is the case
      ['Bob', , 'Carol'],
    ];
    for (const names of bad) {
      let thrown: unknown;
      try {
        formatNameList('en', names as string[]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(names)).toBeInstanceOf(ReceiptError);
      expect((thrown as ReceiptError).code).toBe(191004);
      expect((thrown as ReceiptError).message).toMatch(/formatNameList.*array of strings/);
    }
    expect(formatNameList('en', [])).toBe('');
  });

  it('rejects a revoked Proxy (an Immer draft kept after its producer ended) with 191004 too', () => {
    const { proxy, revoke } = Proxy.revocable<string[]>([], {});
    revoke();
    let thrown: unknown;
    try {
      formatNameList('en', proxy);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReceiptError);
    expect((thrown as ReceiptError).code).toBe(191004);
  });
});

describe('docs/i18n.md', () => {
  const docs = readFileSync(new URL('../../../../docs/i18n.md', import.meta.url), 'utf8');
  /** The arguments the docs' examples use for each function string. */
  const sample = (key: keyof ReceiptStrings): string => {
    const value = en[key];
    if (typeof value === 'string') return value;
    if (key === 'badgeLabel') return en.badgeLabel({ unreadCount: 3, totalCount: 12 });
    if (key === 'readBy') return en.readBy(['Bob', 'Carol'], 3);
    const argument = {
      badgeUnread: 3,
      badgeAllReadLabel: 12,
      tabRead: 9,
      tabUnread: 3,
      newMessages: 4,
      searchResults: 3,
      announceRead: ['Bob'],
      announceReadCount: 12,
      sheetDescription: 'Lunch at noon?',
    }[key as string];
    return (value as (argument: unknown) => string)(argument);
  };

  it('lists every string with its real English text', () => {
    for (const key of Object.keys(en) as (keyof ReceiptStrings)[]) {
      const cells = docs
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) =>
          line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim()),
        )
        .find((row) => row[0]?.startsWith(`\`${key}`));
      expect(cells, key).toBeDefined();
      expect(cells!.at(-1), key).toBe(sample(key));
    }
  });
});
