import type { ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { formatNameList } from '../i18n/formatNameList';
import type { ReceiptStrings } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { MessageList } from './MessageList';
import { ReadTick } from './ReadTick';
import { BadgeOpensSheet, teamWithMessage, twelveMembers, useWorld } from './testWorld.test';

/**
 * Right-to-left: an Arabic chat puts the kit under `dir="rtl"` with its own strings. The
 * stylesheet's rules do not name a side, so the row, the badge, the sheet and its tabs mirror; the
 * tick does not (a check mark is not mirrored); member names keep their own direction. See
 * docs/theming.md.
 */
const meta = { title: 'Guides/Right To Left' } satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * An app's Arabic table (an example: the kit has no Arabic built in). Every key, passed with
 * `locale="ar"`, so the components declare `lang="ar"`: a partial table counts as overrides of the
 * English one, and Arabic words were declared English (WCAG 3.1.2).
 */
const arabic: ReceiptStrings = {
  tickSending: 'جارٍ الإرسال',
  tickSent: 'تم الإرسال',
  tickRead: 'تمت القراءة',
  tickFailed: 'تعذّر الإرسال',
  badgeUnread: (count) => `غير مقروءة: ${count}`,
  badgeLabel: ({ unreadCount, totalCount }) => `غير مقروءة: ${unreadCount} من ${totalCount}`,
  badgeAllRead: 'قرأها الجميع',
  badgeAllReadLabel: (totalCount) => `قرأها الجميع (${totalCount})`,
  badgeLoading: 'جارٍ تحميل إيصالات القراءة…',
  unavailable: 'إيصالات القراءة غير متاحة',
  sheetTitle: 'إيصالات القراءة',
  sheetDescription: (excerpt) => `رسالتك: «${excerpt}»`,
  tabListLabel: 'الأعضاء حسب القراءة',
  tabRead: (count) => `قرأها (${count})`,
  tabUnread: (count) => `لم يقرأها (${count})`,
  searchPlaceholder: 'ابحث عن عضو',
  close: 'إغلاق',
  emptyRead: 'لم يقرأها أحد بعد',
  emptyUnread: 'قرأها جميع الأعضاء',
  emptySearch: 'لا يوجد أعضاء مطابقون',
  searchResults: (count) => `أعضاء مطابقون: ${count}`,
  loading: 'جارٍ التحميل…',
  waitingForConnection: 'في انتظار الاتصال…',
  sheetOffline: 'غير متصل: قد لا تكون القوائم محدّثة',
  tryingAgain: 'تعذّر تحميل إيصالات القراءة. جارٍ إعادة المحاولة…',
  error: 'تعذّر تحميل إيصالات القراءة',
  retry: 'إعادة المحاولة',
  newMessages: (count) => `رسائل جديدة: ${count}`,
  messageListLabel: 'الرسائل',
  loadingOlder: 'جارٍ تحميل الرسائل الأقدم…',
  memberListLabel: 'الأعضاء',
  announceRead: (names) =>
    `${formatNameList('ar', names)} ${names.length === 1 ? 'قرأ' : 'قرأوا'} الرسالة`,
  announceReadCount: (count) => `أعضاء آخرون قرأوا الرسالة: ${count}`,
  unreadSeparator: 'رسائل غير مقروءة',
  readBy: (names, othersCount) =>
    `قرأها ${formatNameList('ar', othersCount > 0 ? [...names, `${othersCount} آخرون`] : names)}`,
};

/** Arabic, Hebrew and Latin names side by side: each keeps its own direction in the sheet. */
const names: Record<string, string> = Object.fromEntries(
  twelveMembers.map((id, index) => [id, ['سارة', 'Bob!', 'דוד', 'عمر', 'Lee #2'][index % 5]!]),
);

function ArabicChat() {
  const ready = useWorld(async (world) => {
    const { alice } = await teamWithMessage(world, { teamId: 't1', readers: 10, text: 'غداء؟' });
    await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'في الساعة الواحدة',
      isReceiptRequested: true,
    });
    return {
      engine: world.engineFor(alice),
      messages: await world.history(alice, 'alice|2|t1'),
    };
  });
  if (!ready) return null;
  return (
    <div dir="rtl" lang="ar" style={{ width: '100%', maxWidth: 320, height: 240 }}>
      <ReceiptProvider
        engine={ready.engine}
        locale="ar"
        strings={arabic}
        resolveMember={(accountId) => ({ name: names[accountId] ?? accountId })}
      >
        <MessageList
          conversationId="alice|2|t1"
          messages={ready.messages}
          renderMessage={(message: ReceiptMessage) => (
            <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '4px 8px' }}>
              <span>{(message as { text?: string }).text}</span>
              <ReadTick message={message} />
              <BadgeOpensSheet message={message} />
            </div>
          )}
        />
      </ReceiptProvider>
    </div>
  );
}

const usage = `import { ReceiptProvider } from '@readmark/react';

// The page (or any ancestor) sets the direction; the kit's strings come from the app: a whole
// table (every key, typed ReceiptStrings) with its language as locale, which the parts declare.
<html dir="rtl" lang="ar">
  <ReceiptProvider transport={transport} accountId={me} locale="ar" strings={arabic}>…</ReceiptProvider>
</html>`;

/**
 * A team chat in Arabic, right to left: the text, then the tick, then the badge, from the right. The
 * badge opens the member sheet: its title on the right, the close button on the left, the first tab
 * (Unread) on the right, and Left arrow goes to the next tab.
 */
export const RightToLeft: Story = {
  parameters: { docs: { source: { code: usage } } },
  render: () => <ArabicChat />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const badge = await canvas.findByRole('button', { name: 'غير مقروءة: 2 من 12' });
    const row = badge.parentElement!;
    const tick = within(row).getByRole('img', { name: 'تم الإرسال' });
    const text = within(row).getByText('غداء؟');
    const box = (element: Element) => element.getBoundingClientRect();
    await expect(box(text).left).toBeGreaterThan(box(tick).right);
    await expect(box(tick).left).toBeGreaterThan(box(badge).right);
    // Declared Arabic, as they read: with a partial table they said lang="en".
    await expect(tick).toHaveAttribute('lang', 'ar');
    await expect(badge).toHaveAttribute('lang', 'ar');

    await userEvent.click(badge);
    const dialog = await canvas.findByRole('dialog', { name: 'إيصالات القراءة' });
    await expect(dialog).toHaveAttribute('lang', 'ar');
    const sheet = within(dialog);
    const close = sheet.getByRole('button', { name: 'إغلاق' });
    await expect(box(sheet.getByRole('heading')).left).toBeGreaterThan(box(close).right);
    const unreadTab = await sheet.findByRole('tab', { name: 'لم يقرأها (2)' });
    const readTab = sheet.getByRole('tab', { name: 'قرأها (10)' });
    await expect(box(unreadTab).left).toBeGreaterThan(box(readTab).right);
    unreadTab.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(readTab).toHaveFocus();
    await expect(readTab).toHaveAttribute('aria-selected', 'true');

    await userEvent.click(close);
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(badge).toHaveFocus();
  },
};
