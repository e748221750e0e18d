import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { element, provider, snippet, sourceFrom } from '../../../../.storybook/usage';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { ReadBy } from './ReadBy';
import {
  BadgeOpensSheet,
  storyLocale,
  teamWithMessage,
  twelveMembers,
  useWorld,
  type World,
} from './testWorld.test';

/**
 * "Read by Bob, Carol, and 3 others" under your last team message, with the latest readers'
 * avatars. Stories run against the in-memory NIM server through the real transport and engine.
 */
const meta = {
  title: 'Components/ReadBy',
  component: ReadBy,
  args: { max: 3 },
  // The message comes from the story's world; the rest is the story's to change.
  parameters: {
    controls: { editable: ['max', 'className'] },
    docs: { source: sourceFrom<ReadByArgs>((args, locale) => readByUsage(args, locale)) },
  },
} satisfies Meta<typeof ReadBy>;
export default meta;
type ReadByArgs = { max?: number; className?: string };
type Story = StoryObj<ReadByArgs>;

/** "Show code": the line under the last message you sent to a team. */
function readByUsage({ max, className }: ReadByArgs, locale: ReceiptLocale) {
  const line = element('ReadBy', {
    code: ['message={message}'],
    props: { max: max === 3 ? undefined : max, className },
    indent: '  ',
  });
  return snippet({
    imports: ['ReadBy', 'ReceiptProvider', 'UnreadBadge'],
    body: provider(
      [
        '  {message.text} <UnreadBadge message={message} />',
        '  {/* Under your last team message only: it loads that message\u2019s member lists. */}',
        line,
      ].join('\n'),
      { locale, extra: ['resolveMember={(id) => users.get(id)}'] },
    ),
  });
}

/** The members' names in each language, and a picture for some (the others get initials). */
const PEOPLE = {
  en: ['Amy', 'Ben', 'Chloe', 'Dan', 'Eva', 'Finn', 'Gus', 'Hana', 'Ivan', 'Jia', 'Kai', 'Lin'],
  'zh-CN': [
    '张伟',
    '王芳',
    '李娜',
    '刘洋',
    '陈静',
    '杨磊',
    '赵敏',
    '黄强',
    '周杰',
    '吴婷',
    '徐明',
    '孙丽',
  ],
} satisfies Record<ReceiptLocale, string[]>;

/** A plain coloured disc as an image, standing for a member's photo. */
const picture = (colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" fill="${colour}"/></svg>`,
  )}`;
const PICTURES: Record<number, string> = { 1: picture('#2f855a'), 4: picture('#b7791f') };

function resolveMemberIn(locale: ReceiptLocale) {
  return (accountId: string) => {
    const index = twelveMembers.indexOf(accountId);
    if (index < 0) return undefined;
    const avatarUrl = PICTURES[index];
    return { name: PEOPLE[locale][index]!, ...(avatarUrl ? { avatarUrl } : {}) };
  };
}

const TEAM_TEXT = {
  en: 'Slides are in the shared folder',
  'zh-CN': '评审材料已经放到共享文件夹了',
} satisfies Record<ReceiptLocale, string>;

function Chat({
  engine,
  message,
  locale,
  ...line
}: ReadByArgs & { engine: ReceiptEngine; message: ReceiptMessage; locale: ReceiptLocale }) {
  return (
    <ReceiptProvider engine={engine} locale={locale} resolveMember={resolveMemberIn(locale)}>
      <div style={{ display: 'grid', gap: 4, justifyItems: 'end', maxWidth: 360 }}>
        <div>
          {TEAM_TEXT[locale]} <BadgeOpensSheet message={message} />
        </div>
        <ReadBy message={message} {...line} />
      </div>
    </ReceiptProvider>
  );
}

/** Alice's message to a team of twelve, of whom the first `readers` have read it. */
function ReadByCase({
  locale,
  readers,
  simulate = false,
  ...line
}: ReadByArgs & { locale: ReceiptLocale; readers: number; simulate?: boolean }) {
  const ready = useWorld(async (world: World, onCleanup) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers,
      text: TEAM_TEXT[locale],
      beforeSend: simulate
        ? () =>
            onCleanup(
              world.server.simulateTeamReaders({
                teamId: 't1',
                readerIds: twelveMembers,
                minDelayMs: 500,
                maxDelayMs: 12_000,
              }).stop,
            )
        : undefined,
    });
    return { engine: world.engineFor(alice), message };
  });
  return ready ? <Chat {...ready} locale={locale} {...line} /> : null;
}

/** Five of twelve have read: the latest three named, with their pictures or initials. */
export const Default: Story = {
  render: (args, { globals }) => <ReadByCase locale={storyLocale(globals)} readers={5} {...args} />,
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const expected =
      storyLocale(globals) === 'en'
        ? 'Read by \u2068Eva\u2069, \u2068Dan\u2069, \u2068Chloe\u2069, and 2 others'
        : '\u2068陈静\u2069、\u2068刘洋\u2069、\u2068李娜\u2069等5人已读';
    await waitFor(() =>
      expect(canvasElement.querySelector('.readmark-read-by')?.lastChild?.textContent).toBe(
        expected,
      ),
    );
    // Eva has a picture; Dan and Chloe their initials.
    const avatars = canvasElement.querySelectorAll('.readmark-read-by-avatars > *');
    await expect([...avatars].map((avatar) => avatar.tagName)).toEqual(['IMG', 'SPAN', 'SPAN']);
    await expect(
      canvas.getByRole('button', { name: /7 unread of 12|12人中7人未读/ }),
    ).toBeVisible();
  },
};

/** Members read over twelve seconds: the line names each new reader first as they read. */
export const Live: Story = {
  render: (args, { globals }) => (
    <ReadByCase locale={storyLocale(globals)} readers={0} simulate {...args} />
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.readmark-read-by')).not.toBeNull(), {
      timeout: 8000,
    });
  },
};

/** Nobody has read yet: the line renders nothing (the badge says "12 unread"). */
export const NobodyYet: Story = {
  render: (args, { globals }) => <ReadByCase locale={storyLocale(globals)} readers={0} {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /12 unread of 12|12人中12人未读/ });
    await expect(canvasElement.querySelector('.readmark-read-by')).toBeNull();
  },
};
