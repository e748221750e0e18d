import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  element,
  provider,
  snippet,
  sourceFrom,
  teamBadgeComponent,
} from '../../../../.storybook/usage';
import type { ReceiptMember } from '../context/MemberResolverContext';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import type { ReceiptDetailMember } from './ReceiptDetailMember';
import { ReceiptDetailSheet, type ReceiptDetailSheetProps } from './ReceiptDetailSheet';
import {
  Providers,
  settle,
  storyLocale,
  teamWithMessage,
  useWorld,
  type World,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/**
 * Who has read an own team message: a modal dialog with Unread / Read tabs, search, a virtualized
 * member list and live updates. Stories run against the in-memory NIM server.
 */
const meta = {
  title: 'Components/ReceiptDetailSheet',
  component: ReceiptDetailSheet,
  // `onClose` also reaches the Actions panel; the stories' sheets close as well.
  // No `initialTab`: the sheet's own choice (Unread, or Read once everyone has read).
  args: { onClose: fn() },
  argTypes: {
    initialTab: { control: 'inline-radio', options: ['unread', 'read'] },
    memberAccountIds: {
      control: 'object',
      table: { type: { summary: 'readonly string[]' } },
    },
  },
  // The message, the open state and `renderMember` (see "Render Member") come from the story; the
  // rest reaches every sheet it shows. Member ids are user1, user2, …
  parameters: {
    controls: { editable: ['initialTab', 'memberAccountIds', 'messageExcerpt', 'className'] },
    docs: { source: sourceFrom<SheetArgs>(sheetUsage) },
  },
} satisfies Meta<typeof ReceiptDetailSheet>;
export default meta;
/** What the Controls panel changes, on every sheet of the story, and the spy of `onClose`. */
type SheetArgs = Pick<
  ReceiptDetailSheetProps,
  'initialTab' | 'memberAccountIds' | 'className' | 'renderMember' | 'messageExcerpt'
> & { onClose?: () => void };
type Story = StoryObj<SheetArgs>;

type Locale = { locale: ReceiptLocale };

/** "Show code": a team message's badge and the sheet it opens, with the story's sheet props. */
function sheetUsage(
  { initialTab, memberAccountIds, className, renderMember, messageExcerpt }: SheetArgs,
  locale: ReceiptLocale,
) {
  const sheet = element('ReceiptDetailSheet', {
    code: [
      'message={message}',
      'isOpen={isOpen}',
      'onClose={() => setIsOpen(false)}',
      ...(messageExcerpt ? ['messageExcerpt={message.text}'] : []),
      ...(renderMember ? ['renderMember={MemberRow}'] : []),
    ],
    props: {
      initialTab,
      memberAccountIds,
      className,
    },
    indent: '      ',
  });
  const memberRow = renderMember
    ? `
/** An own member row; the sheet keeps the tabs, search and the virtualized list. */
function MemberRow({ name, accountId, isRead }) {
  return (
    <span>
      <strong>{name}</strong> @{accountId} {isRead ? '· read' : '· not yet'}
    </span>
  );
}
`
    : '';
  return snippet({
    imports: ['ReceiptDetailSheet', 'ReceiptProvider', 'UnreadBadge'],
    extraImports: ["import { useState } from 'react';"],
    body: `${teamBadgeComponent({
      comment:
        'Who has read a team message you sent with readReceiptEnabled, opened from its badge.',
      badge: '      <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />',
      sheet,
    })}${memberRow}
/** Names and avatars for the sheet's rows: { name, avatarUrl? }, or undefined for the account id. */
const resolveMember = (accountId) => members.get(accountId);

${provider('  {message.text} <TeamBadge message={message} />', {
  locale,
  extra: ['resolveMember={resolveMember}'],
})}`,
  });
}

/** The story's language, for the app's own words inside the sheet's rows ("Render Member"). */
const LocaleContext = createContext<ReceiptLocale>('en');

/** The app's own words around the sheet (an app localizes these itself). */
const APP_STRINGS = {
  en: {
    isRead: '· read',
    isUnread: '· not yet',
    states: {
      loading: 'loading',
      retrying: 'retrying',
      error: 'error',
      'nobody read': 'nobody read',
      'some read': 'some read',
      'everyone read': 'everyone read',
    },
  },
  'zh-CN': {
    isRead: '· 已读',
    isUnread: '· 未读',
    states: {
      loading: '加载中',
      retrying: '重试中',
      error: '出错',
      'nobody read': '无人已读',
      'some read': '部分已读',
      'everyone read': '全部已读',
    },
  },
} satisfies Record<ReceiptLocale, unknown>;

const FIRST_NAMES = ['Ada', 'Bo', 'Chen', 'Dana', 'Eli', 'Fang', 'Gus', 'Hui', 'Ivy', 'Jun'];
/** `count` members named "Ada 1", "Bo 1", … by the provider's resolver. */
function namedMembers(count: number) {
  const ids = Array.from({ length: count }, (_, index) => `user${index + 1}`);
  const names = Object.fromEntries(
    ids.map((id, index) => [
      id,
      `${FIRST_NAMES[index % FIRST_NAMES.length]} ${Math.floor(index / FIRST_NAMES.length) + 1}`,
    ]),
  );
  return { ids, names };
}

/** Surnames and given names that make the 150 distinct Chinese names of the big team. */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡'];
const GIVEN_NAMES = [...'芳娜伟敏静磊洋艳勇军'];
/** The same members in a Chinese app: the five of the small team, then 王芳, 李芳, … for 150. */
function chineseMembers(count: number) {
  const ids = Array.from({ length: count }, (_, index) => `user${index + 1}`);
  const five = ['王芳', '李娜', '陈晨', '张伟', '刘洋'];
  const names = Object.fromEntries(
    ids.map((id, index) => [
      id,
      count <= five.length
        ? (five[index] ?? id)
        : `${SURNAMES[index % SURNAMES.length]}${GIVEN_NAMES[Math.floor(index / SURNAMES.length) % GIVEN_NAMES.length]}`,
    ]),
  );
  return { ids, names };
}

/** The small team (five) and the big one (150), named in each language. */
const MEMBERS = {
  en: { small: namedMembers(5), big: namedMembers(150) },
  'zh-CN': { small: chineseMembers(5), big: chineseMembers(150) },
} satisfies Record<ReceiptLocale, unknown>;
const small = MEMBERS.en.small;
const big = MEMBERS.en.big;

/** The stories' team messages in each language (a story's world is built in its language). */
const TEXTS = {
  en: { lunch: 'Lunch at noon?', allHands: 'All hands at 3pm' },
  'zh-CN': { lunch: '中午一起吃饭吗？', allHands: '下午三点开全员大会' },
} satisfies Record<ReceiptLocale, unknown>;

/** A component remounted, with a new world, when the story's language changes. */
function perLocale<P extends Locale>(Component: (props: P) => ReactNode) {
  return function PerLocale(props: P) {
    return <Component key={props.locale} {...props} />;
  };
}

/** A badge that opens the sheet, as an app wires them. */
function BadgeAndSheet({
  engine,
  message,
  locale,
  names,
  isOpenAtStart,
  sheet,
}: Locale & {
  engine: ReceiptEngine;
  message: ReceiptMessage;
  names: Record<string, string>;
  isOpenAtStart: boolean;
  sheet: SheetArgs;
}) {
  const [isOpen, setIsOpen] = useState(isOpenAtStart);
  return (
    <LocaleContext.Provider value={locale}>
      <Providers engine={engine} locale={locale} names={names}>
        <p style={{ margin: 0 }}>
          {(message as { text?: string }).text}{' '}
          <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
        </p>
        {/* A new initial tab from the Controls panel shows at once, as on the next opening. */}
        <ReceiptDetailSheet
          key={sheet.initialTab}
          {...sheet}
          message={message}
          isOpen={isOpen}
          onClose={() => {
            sheet.onClose?.();
            setIsOpen(false);
          }}
        />
      </Providers>
    </LocaleContext.Provider>
  );
}

/**
 * Whether a story opens its sheet at once: on the story's own canvas (and in the Vitest run), not
 * on the docs page, where every story shares one page and a modal sheet would make it inert. There
 * the badge opens it.
 */
const isOpenAtStartIn = (viewMode: string) => viewMode !== 'docs';

/** A team of five; `readers` have read. `after` can break the server once the message exists. */
const SheetCase = perLocale(function SheetCase({
  locale,
  readers,
  isOpenAtStart = false,
  after,
  sheet,
}: Locale & {
  readers: number;
  isOpenAtStart?: boolean;
  after?: (world: World) => void;
  sheet: SheetArgs;
}) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers,
      memberIds: small.ids,
      text: TEXTS[locale].lunch,
    });
    after?.(world);
    return { engine: world.engineFor(alice), message };
  });
  return ready ? (
    <BadgeAndSheet
      {...ready}
      locale={locale}
      names={MEMBERS[locale].small.names}
      isOpenAtStart={isOpenAtStart}
      sheet={sheet}
    />
  ) : null;
});

/** The open English sheet of a story (the story's world is built after the first render). */
async function openSheet(canvasElement: HTMLElement) {
  const dialog = await within(canvasElement).findByRole('dialog', { name: 'Message receipts' });
  return within(dialog);
}

/** The names in the sheet's member list, once it shows `count` rows. */
async function memberNames(sheet: ReturnType<typeof within>, count: number, label = 'Members') {
  // The focusable scroll region carries the name; the list inside it is not named again.
  const region = await sheet.findByRole('region', { name: label });
  return waitFor(() => {
    const rows = within(within(region).getByRole('list')).getAllByRole('listitem');
    expect(rows).toHaveLength(count);
    return rows.map((row) => row.textContent);
  });
}

/** The tab named `name` is the selected one. */
async function expectSelectedTab(sheet: ReturnType<typeof within>, name: string) {
  await expect(await sheet.findByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/**
 * Two of five have read; the sheet is open on the Unread tab. (On this docs page the sheets of the
 * stories start closed: open one from its badge.)
 */
export const Default: Story = {
  render: (args, { globals, viewMode }) => (
    <SheetCase
      locale={storyLocale(globals)}
      readers={2}
      isOpenAtStart={isOpenAtStartIn(viewMode)}
      sheet={args}
    />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    const unread = await sheet.findByRole('tab', { name: 'Unread (3)' });
    await expect(unread).toHaveAttribute('aria-selected', 'true');
    await expect(await memberNames(sheet, 3)).toEqual(['CChen 1', 'DDana 1', 'EEli 1']);
    // The Read tab lists the other two; the story ends back on Unread, as it opened.
    await userEvent.click(sheet.getByRole('tab', { name: 'Read (2)' }));
    await expect(await memberNames(sheet, 2)).toEqual(['AAda 1', 'BBo 1']);
    await userEvent.click(unread);
    await expect(unread).toHaveAttribute('aria-selected', 'true');
    await expect(await memberNames(sheet, 3)).toEqual(['CChen 1', 'DDana 1', 'EEli 1']);
  },
};

/**
 * Search by name on the Unread tab: "box" matches nobody and says so; "da" leaves Dana 1. The sheet
 * is left filtered to Dana 1.
 */
export const Search: Story = {
  render: Default.render,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    await memberNames(sheet, 3);
    const search = sheet.getByRole('searchbox', { name: 'Search members' });
    await userEvent.type(search, 'box');
    await expect(await sheet.findByText('No matching members')).toBeVisible();
    await userEvent.clear(search);
    await userEvent.type(search, 'da');
    await expect(await memberNames(sheet, 1)).toEqual(['DDana 1']);
    await expectSelectedTab(sheet, 'Unread (3)');
  },
};

/** `initialTab="read"`: the sheet opens on who has read (Ada 1 and Bo 1). */
export const InitialTabRead: Story = {
  render: Default.render,
  args: { initialTab: 'read' },
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    await expectSelectedTab(sheet, 'Read (2)');
    await expect(await memberNames(sheet, 2)).toEqual(['AAda 1', 'BBo 1']);
  },
};

/**
 * `memberAccountIds` lists only some members (e.g. the people in a thread): of Bo 1, Chen 1 and
 * Dana 1, Bo 1 has read; Chen 1 and Dana 1 have not. Ada 1 and Eli 1 are left out.
 */
export const MemberFilter: Story = {
  render: Default.render,
  args: { memberAccountIds: ['user2', 'user3', 'user4'] },
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    await expectSelectedTab(sheet, 'Unread (2)');
    await expect(await memberNames(sheet, 2)).toEqual(['CChen 1', 'DDana 1']);
    await expect(sheet.getByRole('tab', { name: 'Read (1)' })).toBeVisible();
  },
};

/** The row of `OwnMemberRow`, in the story's language. */
function OwnMemberRowView({ name, accountId, isRead }: ReceiptDetailMember) {
  const strings = APP_STRINGS[useContext(LocaleContext)];
  return (
    <span style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
      <strong>{name}</strong>
      <code style={{ color: 'var(--readmark-muted)' }}>@{accountId}</code>
      <span>{isRead ? strings.isRead : strings.isUnread}</span>
    </span>
  );
}

/** An app's own member row: the name, the account id and a read mark, instead of avatar + name. */
function OwnMemberRow(member: ReceiptDetailMember) {
  return <OwnMemberRowView {...member} />;
}

/** `renderMember` draws each row the app's way; the sheet keeps the list, tabs and search. */
export const RenderMember: Story = {
  render: Default.render,
  args: { renderMember: OwnMemberRow },
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    await expect(await memberNames(sheet, 3)).toEqual([
      'Chen 1@user3· not yet',
      'Dana 1@user4· not yet',
      'Eli 1@user5· not yet',
    ]);
  },
};

/** An avatar the app would load from its CDN, here an inline SVG so the story needs no network. */
const avatar = (initials: string, color: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" fill="${color}"/><text x="14" y="18.5" font-family="sans-serif" font-size="12" fill="#fff" text-anchor="middle">${initials}</text></svg>`,
  )}`;

/**
 * Members as real directories return them: photos for some, a very long name, a long Chinese name
 * without spaces, a name whose first character lies outside the Basic Multilingual Plane (𠮷, as in
 * 𠮷野家), and an account the resolver does not know (the sheet shows its id).
 */
const realistic = {
  ids: ['user1', 'user2', 'user3', 'ops_oncall_pager_bridge_eu_west_2026', 'user5'],
  members: {
    user1: {
      name: 'Maximiliana Alexandra Montgomery-Wolfeschlegelsteinhausenbergerdorff',
      avatarUrl: avatar('MM', '#8250df'),
    },
    user2: { name: '欧阳诸葛慕容端木上官司徒皇甫令狐长孙宇文轩辕夏侯公孙' },
    user3: { name: '𠮷田 花子' },
    user5: { name: 'Ivy Chen', avatarUrl: avatar('IC', '#1a7f37') },
  } as Record<string, ReceiptMember>,
};

const RealisticMembers = perLocale(function RealisticMembers({
  locale,
  isOpenAtStart,
  sheet,
}: Locale & { isOpenAtStart: boolean; sheet: SheetArgs }) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 2,
      memberIds: realistic.ids,
      text: TEXTS[locale].lunch,
    });
    return { engine: world.engineFor(alice), message };
  });
  const [isOpen, setIsOpen] = useState(isOpenAtStart);
  if (!ready) return null;
  return (
    <ReceiptProvider
      engine={ready.engine}
      locale={locale}
      resolveMember={(accountId) => realistic.members[accountId]}
    >
      <p style={{ margin: 0 }}>
        {(ready.message as { text?: string }).text}{' '}
        <UnreadBadge message={ready.message} onOpen={() => setIsOpen(true)} />
      </p>
      <ReceiptDetailSheet
        key={sheet.initialTab}
        {...sheet}
        message={ready.message}
        isOpen={isOpen}
        onClose={() => {
          sheet.onClose?.();
          setIsOpen(false);
        }}
      />
    </ReceiptProvider>
  );
});

/**
 * Members with photos (`resolveMember` returning `avatarUrl`), a very long name, a long Chinese
 * name, a name starting with 𠮷 (outside the Basic Multilingual Plane) and an account the resolver
 * does not know, shown by its id: long names wrap inside the sheet instead of widening it.
 */
export const LongNamesAndAvatars: Story = {
  render: (args, { globals, viewMode }) => (
    <RealisticMembers
      locale={storyLocale(globals)}
      isOpenAtStart={isOpenAtStartIn(viewMode)}
      sheet={args}
    />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    await expect(await memberNames(sheet, 3)).toEqual([
      '𠮷𠮷田 花子',
      'Oops_oncall_pager_bridge_eu_west_2026',
      'Ivy Chen',
    ]);
    // Nothing is wider than the sheet: no horizontal scrolling, whatever the names.
    const dialog = canvasElement.querySelector('dialog')!;
    for (const element of dialog.querySelectorAll<HTMLElement>('li, ul, section')) {
      await expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth);
    }
    await userEvent.click(sheet.getByRole('tab', { name: 'Read (2)' }));
    await expect(await memberNames(sheet, 2)).toEqual([
      'Maximiliana Alexandra Montgomery-Wolfeschlegelsteinhausenbergerdorff',
      '欧欧阳诸葛慕容端木上官司徒皇甫令狐长孙宇文轩辕夏侯公孙',
    ]);
    await userEvent.click(sheet.getByRole('tab', { name: 'Unread (3)' }));
  },
};

const slowServer = (world: World) => world.server.setFaults({ latencyMs: [600_000, 600_000] });
const failingDetail = (world: World) =>
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 107404 });
/** A rate limit (416) for the detail's next thousand queries: retried, by the engine and by Retry. */
const rateLimitedDetail = (world: World) =>
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 416, times: 1000 });

const STATES = [
  { label: 'loading', readers: 0, after: slowServer },
  { label: 'retrying', readers: 0, after: rateLimitedDetail },
  { label: 'error', readers: 0, after: failingDetail },
  { label: 'nobody read', readers: 0 },
  { label: 'some read', readers: 2 },
  { label: 'everyone read', readers: 5 },
] as const;

function EveryState({ locale, sheet }: Locale & { sheet: SheetArgs }) {
  return (
    <ul style={{ listStyle: 'none', display: 'grid', gap: 12, margin: 0, padding: 0 }}>
      {STATES.map((state) => (
        <li key={state.label} data-case={state.label}>
          <strong>{APP_STRINGS[locale].states[state.label]}</strong>
          <SheetCase
            locale={locale}
            readers={state.readers}
            after={'after' in state ? state.after : undefined}
            sheet={sheet}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * Every state of the sheet, one badge each (a modal shows one at a time): loading, a failed first
 * load the engine tries again (with Retry to try at once), error with Retry, nobody read, some read,
 * everyone read.
 */
export const AllStates: Story = {
  render: (args, { globals }) => <EveryState locale={storyLocale(globals)} sheet={args} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const open = async (label: string) => {
      const item = canvasElement.querySelector<HTMLElement>(`[data-case="${label}"]`)!;
      await userEvent.click(await within(item).findByRole('button'));
      return within(await within(item).findByRole('dialog'));
    };
    const close = async (sheet: ReturnType<typeof within>) =>
      userEvent.click(sheet.getByRole('button', { name: 'Close' }));

    // The badge of the slow server never gets counts, so it stays "Loading…" and busy.
    const loading = await open('loading');
    await expect(loading.getByRole('status')).toHaveTextContent('Loading…');
    await close(loading);

    // Rate-limited: said as a status while the engine waits to try again, and Retry offered.
    const retrying = await open('retrying');
    await expect(
      await retrying.findByText('Could not load read receipts. Trying again…'),
    ).toHaveAttribute('role', 'status');
    await expect(retrying.getByRole('button', { name: 'Retry' })).toBeVisible();
    await close(retrying);

    const error = await open('error');
    await expect(await error.findByRole('alert')).toHaveTextContent('Could not load read receipts');
    await userEvent.click(error.getByRole('button', { name: 'Retry' }));
    await expect(await error.findByRole('tab', { name: 'Unread (5)' })).toBeVisible();
    await close(error);

    const nobody = await open('nobody read');
    await userEvent.click(await nobody.findByRole('tab', { name: 'Read (0)' }));
    await expect(nobody.getByText('Nobody has read this yet')).toBeVisible();
    await close(nobody);

    // Everyone has read: it opens on Read, whose list is the one with members in it.
    const everyone = await open('everyone read');
    await expect(await everyone.findByRole('tab', { name: 'Read (5)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await userEvent.click(everyone.getByRole('tab', { name: 'Unread (0)' }));
    await expect(await everyone.findByText('Everyone has read this')).toBeVisible();
    // Left open so the accessibility check also covers an open sheet.
  },
};

/** Two of five have read, and the connection dropped after the sheet's lists loaded. */
const OfflineSheet = perLocale(function OfflineSheet({
  locale,
  isOpenAtStart,
  sheet,
}: Locale & { isOpenAtStart: boolean; sheet: SheetArgs }) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 2,
      memberIds: small.ids,
      text: TEXTS[locale].lunch,
    });
    const engine = world.engineFor(alice);
    // Loaded once, as by an earlier opening: the lists the sheet shows offline.
    const stopWatching = engine.watchTeamDetail(message);
    await settle(world.server);
    stopWatching();
    world.server.dropConnection('alice');
    return { engine, message };
  });
  return ready ? (
    <BadgeAndSheet
      {...ready}
      locale={locale}
      names={MEMBERS[locale].small.names}
      isOpenAtStart={isOpenAtStart}
      sheet={sheet}
    />
  ) : null;
});

/**
 * Offline: the lists cannot follow reads, so the sheet says, above them, that they may be out of
 * date (screen readers hear it once), until the connection is back and they are reloaded.
 */
export const Offline: Story = {
  render: (args, { globals, viewMode }) => (
    <OfflineSheet
      locale={storyLocale(globals)}
      isOpenAtStart={isOpenAtStartIn(viewMode)}
      sheet={args}
    />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const sheet = await openSheet(canvasElement);
    await expect(await sheet.findByText('Offline: the lists may be out of date')).toBeVisible();
    await expect(await memberNames(sheet, 3)).toEqual(['CChen 1', 'DDana 1', 'EEli 1']);
  },
};

/**
 * `messageExcerpt`: the sheet quotes the message under its title and makes it the dialog's
 * description, so a screen reader says which message the receipts are for as it opens.
 */
export const MessageExcerpt: Story = {
  render: Default.render,
  args: { messageExcerpt: 'Lunch at noon?' },
  play: async ({ canvasElement, globals }) => {
    const isChinese = storyLocale(globals) === 'zh-CN';
    const dialog = await within(canvasElement).findByRole('dialog', {
      name: isChinese ? '消息回执' : 'Message receipts',
    });
    // The excerpt is isolated (FSI … PDI) in the direction of its own letters.
    const excerpt = '\u2068Lunch at noon?\u2069';
    const description = isChinese ? `你的消息：“${excerpt}”` : `Your message: “${excerpt}”`;
    await expect(dialog).toHaveAccessibleDescription(description);
    await expect(within(dialog).getByText(description)).toBeVisible();
  },
};

/**
 * The sheet with the built-in Simplified Chinese strings, in a Chinese app: Chinese members (王芳 and
 * 李娜 have read; 陈晨, 张伟 and 刘洋 have not) and the message quoted under the title.
 */
export const Chinese: Story = {
  ...Default,
  args: { messageExcerpt: TEXTS['zh-CN'].lunch },
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', { name: '消息回执' });
    const sheet = within(dialog);
    const unread = await sheet.findByRole('tab', { name: '未读3人' });
    await expect(unread).toHaveAttribute('aria-selected', 'true');
    await expect(dialog).toHaveAccessibleDescription('你的消息：“\u2068中午一起吃饭吗？\u2069”');
    // Each row: the avatar's initial, then the name.
    await expect(await memberNames(sheet, 3, '成员列表')).toEqual(['陈陈晨', '张张伟', '刘刘洋']);
    await userEvent.click(sheet.getByRole('tab', { name: '已读2人' }));
    await expect(await memberNames(sheet, 2, '成员列表')).toEqual(['王王芳', '李李娜']);
    await userEvent.click(unread);
    await expect(unread).toHaveAttribute('aria-selected', 'true');
    const search = sheet.getByRole('searchbox', { name: '搜索成员' });
    await userEvent.type(search, '张');
    await expect(await memberNames(sheet, 1, '成员列表')).toEqual(['张张伟']);
    await userEvent.clear(search);
    await expect(await memberNames(sheet, 3, '成员列表')).toEqual(['陈陈晨', '张张伟', '刘刘洋']);
    await expect(sheet.getByRole('button', { name: '关闭' })).toBeVisible();
    // No English left in the story: the page's message and the sheet are Chinese.
    await expect(canvasElement.textContent).not.toMatch(/[A-Za-z]/);
  },
};

/** The open sheet in the dark theme (`data-theme="dark"` on an ancestor). */
export const Dark: Story = {
  ...Default,
  globals: { theme: 'dark' },
};

const LiveSheet = perLocale(function LiveSheet({
  locale,
  isOpenAtStart,
  sheet,
}: Locale & { isOpenAtStart: boolean; sheet: SheetArgs }) {
  const ready = useWorld(async (world, onCleanup) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 'big',
      readers: 0,
      memberIds: big.ids,
      text: TEXTS[locale].allHands,
      beforeSend: () =>
        onCleanup(
          world.server.simulateTeamReaders({
            teamId: 'big',
            readerIds: big.ids,
            // Nobody reads in the first three seconds: the sheet opens on all 150 unread.
            minDelayMs: 3000,
            maxDelayMs: 20000,
          }).stop,
        ),
    });
    return { engine: world.engineFor(alice), message };
  });
  return ready ? (
    <BadgeAndSheet
      {...ready}
      locale={locale}
      names={MEMBERS[locale].big.names}
      isOpenAtStart={isOpenAtStart}
      sheet={sheet}
    />
  ) : null;
});

/**
 * 150 members read over twenty seconds while the sheet is open: names move from Unread to Read and
 * each arrival is announced politely to screen readers ("Ada 3 read the message").
 */
export const Live: Story = {
  render: (args, { globals, viewMode }) => (
    <LiveSheet
      locale={storyLocale(globals)}
      isOpenAtStart={isOpenAtStartIn(viewMode)}
      sheet={args}
    />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    // Generous: a busy machine may be slow, and each wait ends as soon as its state shows.
    const timeout = 15_000;
    const dialog = await within(canvasElement).findByRole(
      'dialog',
      { name: 'Message receipts' },
      { timeout },
    );
    const sheet = within(dialog);
    // The tabs' counts, read together. Members read from three seconds after the send, and the play
    // may start later on a busy machine, so any count can show; they always add up to the 150.
    const counts = () => {
      const count = (tab: string) =>
        Number(
          sheet
            .getByRole('tab', { name: new RegExp(`^${tab} \\(\\d+\\)$`) })
            .textContent?.match(/\d+/)?.[0],
        );
      const unread = count('Unread');
      expect(unread + count('Read')).toBe(150);
      return unread;
    };
    const unreadAtStart = await waitFor(
      () => {
        const unread = counts();
        expect(unread).toBeGreaterThan(0);
        // Only the rows in view are in the DOM, yet each row tells its place in the whole list.
        const rows = within(sheet.getByRole('list')).getAllByRole('listitem');
        expect(rows.length).toBeLessThan(40);
        expect(rows[0]).toHaveAttribute('aria-setsize', String(unread));
        return unread;
      },
      { timeout },
    );
    // Members keep reading: each arrival is announced, and the Unread count falls.
    const live = dialog.querySelector('[aria-live="polite"]')!;
    await waitFor(() => expect(live.textContent).toMatch(/read the message$/), { timeout });
    await waitFor(() => expect(counts()).toBeLessThan(unreadAtStart), { timeout });
  },
};

/**
 * The same team with the sheet closed: open it from the badge; Esc or Close closes it and focus
 * returns to the badge.
 */
export const FromBadge: Story = {
  render: (args, { globals }) => (
    <LiveSheet locale={storyLocale(globals)} isOpenAtStart={false} sheet={args} />
  ),
  play: async ({ args, canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    // Waits are generous: the team of 150 is set up, and its counts loaded, on a shared CI machine.
    const badge = await canvas.findByRole(
      'button',
      { name: /of 150 members$/ },
      { timeout: 15_000 },
    );
    await userEvent.click(badge);
    const dialog = await canvas.findByRole(
      'dialog',
      { name: 'Message receipts' },
      { timeout: 15_000 },
    );
    await expect(dialog).toBeVisible();
    // (Esc works too; the play function's synthetic keys do not reach the native <dialog>.)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(badge).toHaveFocus();
    await expect(args.onClose).toHaveBeenCalledOnce();
  },
};
