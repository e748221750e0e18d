import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ReceiptLocale, ReceiptStrings } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { ReadTick } from './ReadTick';
import { BadgeOpensSheet, teamWithMessage, useWorld } from './testWorld.test';

/**
 * Languages: English and Simplified Chinese are built in and chosen with `locale` on
 * `ReceiptProvider`; `strings` overrides any string. See docs/i18n.md.
 */
const meta = { title: 'Guides/Languages' } satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * A team message read by 11 of 12 members: "1 unread", and one read by everyone. Each badge opens
 * the member sheet in the section's language.
 */
function Sample({
  engine,
  messages,
  locale,
  strings,
  title,
}: {
  engine: ReceiptEngine;
  messages: ReceiptMessage[];
  locale?: ReceiptLocale;
  strings?: Partial<ReceiptStrings>;
  title: string;
}) {
  return (
    // An English page: the kit declares its own language on its ticks, badges and sheet, so screen
    // readers switch to a Chinese voice for them and back for the app's text (WCAG 3.1.2).
    <section aria-label={title} lang="en" style={{ minWidth: 200 }}>
      <h3 style={{ margin: '0 0 8px' }}>{title}</h3>
      <ReceiptProvider engine={engine} locale={locale} strings={strings}>
        {messages.map((message) => (
          <div
            key={message.messageClientId}
            // 8 px apart: the badges' 24 px circles must not touch (WCAG 2.5.8, which axe checks).
            style={{ margin: '8px 0' }}
          >
            <span>{(message as { text?: string }).text}</span> <ReadTick message={message} />{' '}
            <BadgeOpensSheet message={message} />
          </div>
        ))}
      </ReceiptProvider>
    </section>
  );
}

const englishPlurals = new Intl.PluralRules('en');

/** An app's own overrides: a friendlier English wording, plural forms through `Intl.PluralRules`. */
const friendly: Partial<ReceiptStrings> = {
  tickSent: 'Delivered',
  tickRead: 'Seen',
  badgeUnread: (count) => `${count} waiting`,
  badgeLabel: ({ unreadCount, totalCount }) =>
    `${unreadCount} waiting: ${unreadCount} of ${totalCount} ${
      englishPlurals.select(totalCount) === 'one' ? 'person has' : 'people have'
    } not seen it`,
  badgeAllRead: 'Seen by all',
  badgeAllReadLabel: (totalCount) => `Seen by all ${totalCount}`,
};

function Languages() {
  const ready = useWorld(async (world) => {
    const unread = await teamWithMessage(world, { teamId: 't1', readers: 11, text: 'Lunch?' });
    const allRead = await teamWithMessage(world, { teamId: 't2', readers: 12, text: 'Done!' });
    return { engine: world.engineFor(unread.alice), messages: [unread.message, allRead.message] };
  });
  if (!ready) return null;
  return (
    <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap' }}>
      <Sample {...ready} title="English (default)" />
      <Sample {...ready} locale="zh-CN" title="Simplified Chinese (locale: zh-CN)" />
      <Sample {...ready} strings={friendly} title="Overridden strings" />
    </div>
  );
}

/** "Show code": the three providers of the story, as an app writes them. */
const languagesUsage = `import { ReceiptProvider, type ReceiptStrings } from '@readmark/react';

// English, the default
<ReceiptProvider transport={transport} accountId={me}>…</ReceiptProvider>

// Simplified Chinese, built in
<ReceiptProvider transport={transport} accountId={me} locale="zh-CN">…</ReceiptProvider>

// Your own wording: any of the strings, over the locale's (plural forms with Intl.PluralRules)
const englishPlurals = new Intl.PluralRules('en');
const friendly: Partial<ReceiptStrings> = {
  tickSent: 'Delivered',
  tickRead: 'Seen',
  badgeUnread: (count) => \`\${count} waiting\`,
  badgeLabel: ({ unreadCount, totalCount }) =>
    \`\${unreadCount} waiting: \${unreadCount} of \${totalCount} \${
      englishPlurals.select(totalCount) === 'one' ? 'person has' : 'people have'
    } not seen it\`,
  badgeAllRead: 'Seen by all',
  badgeAllReadLabel: (totalCount) => \`Seen by all \${totalCount}\`,
};
<ReceiptProvider transport={transport} accountId={me} strings={friendly}>…</ReceiptProvider>`;

/**
 * The built-in English and Chinese strings and an app's overrides, side by side. Each badge opens
 * the member sheet in its section's language.
 */
export const SideBySide: Story = {
  render: () => <Languages />,
  parameters: { docs: { source: { code: languagesUsage } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The story's world is built after the first render: wait for it.
    const english = within(await canvas.findByRole('region', { name: 'English (default)' }));
    const chinese = within(
      canvas.getByRole('region', { name: 'Simplified Chinese (locale: zh-CN)' }),
    );
    const custom = within(canvas.getByRole('region', { name: 'Overridden strings' }));
    // Plural forms: "1 unread of 12 members" (English uses Intl.PluralRules for member/members).
    await expect(
      await english.findByRole('button', { name: '1 unread of 12 members' }),
    ).toBeVisible();
    await expect(
      await english.findByRole('button', { name: 'All read by 12 members' }),
    ).toBeVisible();
    await expect(english.getAllByRole('img', { name: 'Sent' })).toHaveLength(1);
    await expect(english.getAllByRole('img', { name: 'Read' })).toHaveLength(1);

    await expect(await chinese.findByRole('button', { name: '12人中1人未读' })).toHaveTextContent(
      '1人未读',
    );
    await expect(chinese.getByRole('img', { name: '已发送' })).toBeVisible();
    await expect(chinese.getByRole('img', { name: '已读' })).toBeVisible();
    // On the English page, the kit's words are read in Chinese (WCAG 3.1.2), the app's in English.
    await expect(chinese.getByRole('img', { name: '已发送' }).matches(':lang(zh-CN)')).toBe(true);
    await expect(
      chinese.getByRole('button', { name: '12人中1人未读' }).matches(':lang(zh-CN)'),
    ).toBe(true);
    await expect(chinese.getByText('Lunch?').matches(':lang(en)')).toBe(true);

    await waitFor(() =>
      expect(custom.getByRole('button', { name: /^1 waiting/ })).toHaveAccessibleName(
        '1 waiting: 1 of 12 people have not seen it',
      ),
    );
    await expect(custom.getByRole('button', { name: 'Seen by all 12' })).toHaveTextContent(
      'Seen by all',
    );
    await expect(custom.getByRole('img', { name: 'Delivered' })).toBeVisible();

    // The Chinese badge opens the sheet in Chinese; its close button closes it again.
    await userEvent.click(chinese.getByRole('button', { name: '12人中1人未读' }));
    const dialog = await chinese.findByRole('dialog', { name: '消息回执' });
    await expect(dialog.matches(':lang(zh-CN)')).toBe(true);
    const sheet = within(dialog);
    await expect(await sheet.findByRole('tab', { name: '未读1人' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await userEvent.click(sheet.getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(chinese.queryByRole('dialog')).toBeNull());
  },
};
