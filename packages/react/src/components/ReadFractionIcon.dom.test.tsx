import { cleanup, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createReceiptWorld } from '../../../core/src/testing/receiptWorld';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { UnreadBadge } from './UnreadBadge';

/**
 * The badge's pie from counts a custom transport pushes. Core accepts any non-negative integer
 * count, so the pie must stay finite, and show the check exactly when the words say "All read".
 * The engine is the real one over the real nim transport on the memory server; the extreme counts
 * (no memory team is that big) are handed to it next to the real events, as a custom transport might.
 */
async function badgeWith(
  readCount: number,
  unreadCount: number,
  { locale = 'en', onOpen }: { locale?: ReceiptLocale; onOpen?: () => void } = {},
): Promise<string> {
  const world = createReceiptWorld();
  world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
  const alice = world.device('alice');
  const message = await world.send(alice, 'alice|2|t1', { at: 100, isFlagged: true });
  alice.deliver({
    type: 'teamReceipts',
    receipts: [
      {
        conversationId: 'alice|2|t1',
        messageClientId: message.messageClientId,
        messageServerId: message.messageServerId,
        readCount,
        unreadCount,
      },
    ],
  });
  const { container } = render(
    <ReceiptProvider engine={alice.engine} locale={locale}>
      <UnreadBadge message={message} onOpen={onOpen} />
    </ReceiptProvider>,
  );
  const html = container.innerHTML;
  cleanup();
  world.disposeAll();
  return html;
}

describe('UnreadBadge indicator with extreme counts', () => {
  it('never draws NaN or Infinity', async () => {
    const html = await badgeWith(1e307, 1e307);
    expect(html).toContain('data-status="unread"');
    expect(html).not.toMatch(/NaN|Infinity/);
    expect(html).toContain('--readmark-read-percent: 50;');
  });

  it.each(['en', 'zh-CN'] as const)(
    'shows no badge (%s), as for counts it cannot have, when the counts add up past Number.MAX_VALUE',
    async (locale) => {
      // Their sum is Infinity: the label said "1.798e308 unread of ∞ members" ("∞人中…人未读").
      for (const onOpen of [undefined, () => {}]) {
        expect(await badgeWith(Number.MAX_VALUE, Number.MAX_VALUE, { locale, onOpen })).toBe('');
        expect(await badgeWith(Number.MAX_VALUE / 4, Number.MAX_VALUE, { locale, onOpen })).toBe(
          '',
        );
      }
      // Just below, the counts still show, and in full.
      const html = await badgeWith(1e307, 1e307, { locale, onOpen: () => {} });
      expect(html).toContain('data-status="unread"');
      expect(html).not.toMatch(/∞|NaN|Infinity/);
    },
  );

  it('shows the check only when nobody is unread', async () => {
    // 2^53 + 1 rounds to 2^53: a sum-based test takes 1 unread for all read.
    const html = await badgeWith(2 ** 53, 1);
    expect(html).toContain('data-status="unread"');
    expect(html).toContain('stroke-dasharray: var(--readmark-read-percent, 0) 100');
    expect(html).not.toContain('<path');
  });

  it('draws the usual pie and check', async () => {
    expect(await badgeWith(3, 1)).toContain('--readmark-read-percent: 75;');
    const allRead = await badgeWith(4, 0);
    expect(allRead).toContain('data-status="all-read"');
    expect(allRead).toContain('<path');
  });
});
