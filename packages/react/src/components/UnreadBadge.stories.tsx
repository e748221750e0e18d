import { MessageSendingState, type ReceiptEngine, type ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ReactNode, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  element,
  provider,
  snippet,
  sourceFrom,
  teamBadgeComponent,
} from '../../../../.storybook/usage';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
  BadgeOpensSheet,
  Providers,
  storyLocale,
  teamWithMessage,
  twelveMembers,
  useWorld,
  type World,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/**
 * "3 unread" under an own team message, counting down live; a button that opens the member sheet.
 * Stories run against the in-memory NIM server through the real transport and engine.
 */
const meta = {
  title: 'Components/UnreadBadge',
  component: UnreadBadge,
  // Each call also reaches the Actions panel; the stories' badges open their sheet as well.
  args: { onOpen: fn() },
  // The message comes from the story's world and `onOpen` opens the sheet (see "Without On Open"
  // for the badge without it); only the class is the story's to change.
  parameters: {
    controls: { editable: ['className'] },
    docs: { source: sourceFrom<BadgeArgs>((args, locale) => badgeUsage(args, locale)) },
  },
} satisfies Meta<typeof UnreadBadge>;
export default meta;
/** What the Controls panel changes (the class on every badge), and the spy of `onOpen`. */
type BadgeArgs = { className?: string; onOpen?: () => void };
type Story = StoryObj<BadgeArgs>;

/** "Show code": a team message's badge that opens its member sheet, or (`isPlain`) a plain badge. */
function badgeUsage({ className }: BadgeArgs, locale: ReceiptLocale, { isPlain = false } = {}) {
  const badge = element('UnreadBadge', {
    code: isPlain ? ['message={message}'] : ['message={message}', 'onOpen={() => setIsOpen(true)}'],
    props: { className },
    indent: '      ',
  });
  if (isPlain) {
    return snippet({
      imports: ['ReceiptProvider', 'UnreadBadge'],
      body: provider(
        [
          '  {/* no onOpen: text, not a button; screen readers hear "3 unread of 12 members" */}',
          '  {message.text}',
          badge.replace(/^ {4}/gm, ''),
        ].join('\n'),
        { locale },
      ),
    });
  }
  return snippet({
    imports: ['ReceiptDetailSheet', 'ReceiptProvider', 'UnreadBadge'],
    extraImports: ["import { useState } from 'react';"],
    body: `${teamBadgeComponent({
      comment: 'Under each message: "3 unread" on team messages you sent with readReceiptEnabled.',
      badge,
    })}
${provider('  {message.text} <TeamBadge message={message} />', { locale })}`,
  });
}

/** The app's own words around the badges (an app localizes these itself). */
const APP_STRINGS = {
  en: {
    loading: 'loading',
    unread: 'unread',
    allRead: 'all read',
    unavailable: 'unavailable',
    caption: (members: number, code: number | undefined) =>
      `${members} members; the last send failed with ${code}`,
  },
  'zh-CN': {
    loading: '加载中',
    unread: '有人未读',
    allRead: '全部已读',
    unavailable: '不可用',
    caption: (members: number, code: number | undefined) =>
      `${members}名成员；上一条消息发送失败，错误码${code}`,
  },
} satisfies Record<ReceiptLocale, unknown>;

type Locale = { locale: ReceiptLocale };

/** The team message the badges sit beside, in each language. */
const TEAM_TEXT = {
  en: 'hello team',
  'zh-CN': '大家好，周五评审改到下午三点',
} satisfies Record<ReceiptLocale, string>;

/** The badge plus the sheet it opens, as an app wires them. */
function BadgeWithSheet({
  engine,
  message,
  locale,
  className,
  onOpen,
}: Locale & BadgeArgs & { engine: ReceiptEngine; message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Providers engine={engine} locale={locale}>
      <p style={{ margin: 0 }}>
        {TEAM_TEXT[locale]}{' '}
        <UnreadBadge
          message={message}
          onOpen={() => {
            onOpen?.();
            setIsOpen(true);
          }}
          className={className}
        />
      </p>
      <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />
    </Providers>
  );
}

/**
 * One badge in its own world. `after` runs once the message exists and is read by `readers` members,
 * e.g. to make the server slow (loading) or refuse counts (unavailable).
 */
function BadgeCase({
  locale,
  readers,
  after,
  ...badge
}: Locale & BadgeArgs & { readers: number; after?: (world: World) => void }) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers });
    after?.(world);
    return { engine: world.engineFor(alice), message };
  });
  return ready ? <BadgeWithSheet {...ready} locale={locale} {...badge} /> : null;
}

/** Counts never arrive: every call and delivery takes ten minutes. */
const slowServer = (world: World) => world.server.setFaults({ latencyMs: [600_000, 600_000] });
/** The team's receipts are off (NIM 108312): counts cannot be had. */
const receiptsOff = (world: World) =>
  world.server.injectFault({ method: 'getTeamMessageReceipts', code: 108312, times: 100 });

/** 9 of 12 members have read: "3 unread", a button named "3 unread of 12 members". */
export const Default: Story = {
  render: (args, { globals }) => <BadgeCase locale={storyLocale(globals)} readers={9} {...args} />,
  play: async ({ args, canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    const badge = await canvas.findByRole('button', { name: '3 unread of 12 members' });
    await expect(badge).toHaveTextContent('3 unread');
    await expect(badge).toHaveAttribute('aria-haspopup', 'dialog');
    await userEvent.click(badge);
    await expect(args.onOpen).toHaveBeenCalledOnce();
    const dialog = await canvas.findByRole('dialog', { name: 'Message receipts' });
    await expect(await within(dialog).findByRole('tab', { name: 'Unread (3)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  },
};

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      <span style={{ fontSize: 12, color: 'var(--readmark-muted)' }}>{label}</span>
      {children}
    </div>
  );
}

function EveryState({ locale, ...badge }: Locale & BadgeArgs) {
  const strings = APP_STRINGS[locale];
  return (
    <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
      <Labelled label={strings.loading}>
        <BadgeCase locale={locale} readers={0} after={slowServer} {...badge} />
      </Labelled>
      <Labelled label={strings.unread}>
        <BadgeCase locale={locale} readers={9} {...badge} />
      </Labelled>
      <Labelled label={strings.allRead}>
        <BadgeCase locale={locale} readers={12} {...badge} />
      </Labelled>
      <Labelled label={strings.unavailable}>
        <BadgeCase locale={locale} readers={0} after={receiptsOff} {...badge} />
      </Labelled>
    </div>
  );
}

const expectStates = async (canvasElement: HTMLElement, names: string[]) => {
  const canvas = within(canvasElement);
  await waitFor(() =>
    expect(
      [...canvasElement.querySelectorAll('.readmark-badge')].map((badge) => [
        badge.getAttribute('data-status'),
        badge.textContent,
      ]),
    ).toEqual([
      ['loading', names[0]],
      ['unread', names[1]],
      ['all-read', names[2]],
      ['unavailable', names[3]],
    ]),
  );
  return canvas;
};

/** Loading, unread, all read and unavailable side by side. Only the middle two open the sheet. */
export const AllStates: Story = {
  render: (args, { globals }) => <EveryState locale={storyLocale(globals)} {...args} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = await expectStates(canvasElement, [
      'Loading read receipts…',
      '3 unread',
      'All read',
      'Read receipts unavailable',
    ]);
    // Says what is loading; no aria-busy, which would hide the button's state from some readers.
    await expect(
      canvas.getByRole('button', { name: 'Loading read receipts…' }),
    ).not.toHaveAttribute('aria-busy');
    await expect(canvas.getByRole('button', { name: 'All read by 12 members' })).toBeVisible();
    // Unavailable is text, not a button: there is nothing to list.
    await expect(canvas.getAllByRole('button')).toHaveLength(3);
  },
};

/** The same states in Simplified Chinese: "3人未读", "全部已读", and the full sentence as the name. */
export const Chinese: Story = {
  ...AllStates,
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: '12人中3人未读' })).toHaveTextContent(
      '3人未读',
    );
    await expect(await canvas.findByRole('button', { name: '12人全部已读' })).toHaveTextContent(
      '全部已读',
    );
    await expect(await canvas.findByText('已读回执不可用')).toBeVisible();
    // The app's words are Chinese too: the states' captions and the message beside each badge.
    await expect(canvas.getByText('有人未读')).toBeVisible();
    await expect(canvas.getAllByText(/^大家好，周五评审改到下午三点/)).toHaveLength(4);
    await expect(canvasElement.textContent).not.toMatch(/[A-Za-z]/);
  },
};

function LiveTeam({ locale, ...badge }: Locale & BadgeArgs) {
  const ready = useWorld(async (world, onCleanup) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 0,
      beforeSend: () =>
        onCleanup(
          world.server.simulateTeamReaders({
            teamId: 't1',
            readerIds: twelveMembers,
            minDelayMs: 300,
            maxDelayMs: 8000,
          }).stop,
        ),
    });
    return { engine: world.engineFor(alice), message };
  });
  return ready ? <BadgeWithSheet {...ready} locale={locale} {...badge} /> : null;
}

/**
 * Simulated members read over eight seconds: the badge counts down to "All read". Open the sheet to
 * watch members move from Unread to Read.
 */
export const Live: Story = {
  render: (args, { globals }) => <LiveTeam locale={storyLocale(globals)} {...args} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: /unread of 12 members/ });
    // The count goes down while the story runs, without a reload.
    await waitFor(
      () => {
        const badge = canvas.getByRole('button', { name: /unread of 12 members|All read by/ });
        expect(Number.parseInt(badge.textContent ?? '', 10)).toBeLessThan(12);
      },
      { timeout: 5000 },
    );
  },
};

function PlainBadge({ locale, className }: Locale & BadgeArgs) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers: 9 });
    return { engine: world.engineFor(alice), message };
  });
  if (!ready) return null;
  return (
    <Providers engine={ready.engine} locale={locale}>
      <p style={{ margin: 0 }}>
        {TEAM_TEXT[locale]} <UnreadBadge message={ready.message} className={className} />
      </p>
    </Providers>
  );
}

/**
 * Without `onOpen` the badge is plain text, not a button: it shows "3 unread" and screen readers
 * hear the full sentence, "3 unread of 12 members".
 */
export const WithoutOnOpen: Story = {
  render: (args, { globals }) => <PlainBadge locale={storyLocale(globals)} {...args} />,
  parameters: {
    docs: {
      source: sourceFrom<BadgeArgs>((args, locale) => badgeUsage(args, locale, { isPlain: true })),
    },
  },
  play: async ({ canvasElement, globals }) => {
    const isEnglish = storyLocale(globals) === 'en';
    const canvas = within(canvasElement);
    const sentence = await canvas.findByText(
      isEnglish ? '3 unread of 12 members' : '12人中3人未读',
    );
    const badge = sentence.closest<HTMLElement>('.readmark-badge')!;
    await expect(badge).toHaveAttribute('data-status', 'unread');
    await expect(within(badge).getByText(isEnglish ? '3 unread' : '3人未读')).toBeVisible();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

type Row = ReceiptMessage & { text?: string };

/** Alice's team messages, each with its tick and its badge (which opens the sheet). */
function TeamRows({
  engine,
  messages,
  locale,
  className,
}: Locale & BadgeArgs & { engine: ReceiptEngine; messages: Row[] }) {
  return (
    <Providers engine={engine} locale={locale}>
      <ul style={{ listStyle: 'none', display: 'grid', gap: 8, margin: 0, padding: 0 }}>
        {messages.map((message) => (
          <li key={message.messageClientId} aria-label={message.text}>
            {message.text} <ReadTick message={message} />{' '}
            <BadgeOpensSheet message={message} className={className} />
          </li>
        ))}
      </ul>
    </Providers>
  );
}

function PendingSends({ locale, className }: Locale & BadgeArgs) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers: 9,
      text: 'sent',
    });
    // A send still in flight and a failed one, as the SDK reports them locally.
    const sending = {
      ...message,
      text: 'sending',
      messageClientId: 'sending',
      messageServerId: '',
      sendingState: MessageSendingState.SENDING,
    } as Row;
    const failed = {
      ...sending,
      text: 'failed',
      messageClientId: 'failed',
      sendingState: MessageSendingState.FAILED,
    } as Row;
    return { engine: world.engineFor(alice), messages: [message as Row, sending, failed] };
  });
  return ready ? <TeamRows {...ready} locale={locale} className={className} /> : null;
}

/** The tick and the badge of one row, found by the message's text. */
const rowParts = (canvasElement: HTMLElement, text: string) => {
  const row = within(canvasElement).getByRole('listitem', { name: text });
  return { tick: row.querySelector('.readmark-tick'), badge: row.querySelector('.readmark-badge') };
};

/**
 * Team messages still sending and failed to send have no counts: their tick shows the clock or the
 * alert and the badge stays hidden. The sent one beside them has its "3 unread".
 */
export const SendingOrFailed: Story = {
  render: (args, { globals }) => <PendingSends locale={storyLocale(globals)} {...args} />,
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(rowParts(canvasElement, 'sent').badge).toHaveAttribute('data-status', 'unread'),
    );
    await expect(rowParts(canvasElement, 'sent').tick).toHaveAttribute('data-status', 'sent');
    for (const status of ['sending', 'failed']) {
      const { tick, badge } = rowParts(canvasElement, status);
      await expect(tick).toHaveAttribute('data-status', status);
      await expect(badge).toBeNull();
    }
  },
};

/** 199 members besides Alice: a team of 200, the most that can have read receipts. */
const nearlyFull = Array.from({ length: 199 }, (_, index) => `member${index + 1}`);

function GrownTeam({ locale, className }: Locale & BadgeArgs) {
  const ready = useWorld(async (world) => {
    const conversationId = 'alice|2|big';
    world.server.createTeam({ teamId: 'big', memberIds: ['alice', ...nearlyFull] });
    const alice = world.server.login('alice');
    const engine = world.engineFor(alice);
    const welcome = await world.send(alice, {
      conversationId,
      text: 'Welcome, everyone',
      isReceiptRequested: true,
    });
    world.server.addTeamMembers('big', ['member200', 'member201']);
    const draft = alice.V2NIMMessageCreator.createTextMessage('Two more joined');
    const error = await alice.V2NIMMessageService.sendMessage(draft, conversationId, {
      messageConfig: { readReceiptEnabled: true },
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    // What an app does with a failed send: keep the message as failed, tell the engine why.
    engine.reportSendFailure(conversationId, error);
    const failed = {
      ...welcome,
      text: 'Two more joined',
      messageClientId: draft.messageClientId,
      messageServerId: '',
      sendingState: MessageSendingState.FAILED,
    } as Row;
    return {
      engine,
      messages: [welcome as Row, failed],
      memberCount: world.server.getTeamMemberIds('big').length,
      code: (error as { code?: number } | undefined)?.code,
    };
  });
  if (!ready) return null;
  const { memberCount, code, ...rows } = ready;
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <span data-testid="caption" style={{ fontSize: 12, color: 'var(--readmark-muted)' }}>
        {APP_STRINGS[locale].caption(memberCount, code)}
      </span>
      <TeamRows {...rows} locale={locale} className={className} />
    </div>
  );
}

/** "Show code": what an app does when a flagged team send fails. */
const failedTeamSendUsage = `import { MessageSendingState } from '@readmark/core';
import { useReceiptEngine } from '@readmark/react';

/** Sends a team message with read receipts (inside <ReceiptProvider>). */
function useSendWithReceipts(nim, conversationId) {
  const engine = useReceiptEngine();
  return async (draft) => {
    try {
      const { message } = await nim.V2NIMMessageService.sendMessage(draft, conversationId, {
        messageConfig: { readReceiptEnabled: true },
      });
      return message;
    } catch (error) {
      // 107302: the team has more than 200 members; its other messages now say "unavailable".
      engine.reportSendFailure(conversationId, error);
      // The SDK leaves the draft unchanged: keep your own failed copy, its <ReadTick> shows the alert.
      return { ...draft, sendingState: MessageSendingState.FAILED };
    }
  };
}`;

/**
 * A team that grew past 200 members cannot have read receipts (NIM 107302): Alice's flagged send
 * fails, so its tick shows the alert and it has no badge. The app reports the failure to the engine
 * (`reportSendFailure`), and the message she sent while the team had 200 members now says "Read
 * receipts unavailable" instead of counts.
 */
export const TeamOverTwoHundredMembers: Story = {
  render: (args, { globals }) => <GrownTeam locale={storyLocale(globals)} {...args} />,
  parameters: { docs: { source: { code: failedTeamSendUsage } } },
  play: async ({ canvasElement, globals }) => {
    const caption = await within(canvasElement).findByTestId('caption');
    await expect(caption).toHaveTextContent(APP_STRINGS[storyLocale(globals)].caption(202, 107302));
    await waitFor(() =>
      expect(rowParts(canvasElement, 'Welcome, everyone').badge).toHaveAttribute(
        'data-status',
        'unavailable',
      ),
    );
    const failed = rowParts(canvasElement, 'Two more joined');
    await expect(failed.tick).toHaveAttribute('data-status', 'failed');
    await expect(failed.badge).toBeNull();
    // Unavailable counts cannot be listed: nothing here opens the sheet.
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};
