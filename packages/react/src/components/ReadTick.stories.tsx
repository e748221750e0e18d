import {
  MessageSendingState,
  type MessageStatus,
  type ReceiptEngine,
  type ReceiptMessage,
} from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { element, provider, snippet, sourceFrom } from '../../../../.storybook/usage';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { ReadTick } from './ReadTick';
import type { RenderTickIcon } from './StatusTick';
import { Providers, storyLocale, useWorld } from './testWorld.test';

/**
 * The tick under an own message. Every story runs against the in-memory NIM server through the real
 * transport and engine; switch the language and theme from the toolbar.
 */
const meta = {
  title: 'Components/ReadTick',
  component: ReadTick,
  // The messages come from the story's world; only the class is the story's to change.
  parameters: {
    controls: { editable: ['className'] },
    docs: { source: sourceFrom<TickArgs>(tickUsage) },
  },
} satisfies Meta<typeof ReadTick>;
export default meta;
/** What the Controls panel changes: the class on every tick. */
type TickArgs = { className?: string };

/** "Show code": the tick under an app's own messages. */
function tickUsage({ className }: TickArgs, locale: ReceiptLocale) {
  return snippet({
    imports: ['ReadTick', 'ReceiptProvider'],
    body: provider(
      [
        '  {/* under each message: one-to-one messages you sent get Sending / Sent / Read / Failed */}',
        '  {message.text}',
        element('ReadTick', {
          code: ['message={message}'],
          props: { className },
          indent: '  ',
        }),
      ].join('\n'),
      { locale },
    ),
  });
}
type Story = StoryObj<TickArgs>;

type Locale = { locale: ReceiptLocale };

/**
 * The name of the tick of a `status`, in the provider's language, shown beside it so the language
 * switch shows (the glyphs are the same in every language). Hidden from screen readers, which hear
 * the name from the tick itself.
 */
function TickName({ status }: { status: MessageStatus }) {
  const strings = useReceiptStrings();
  const names = {
    sending: strings.tickSending,
    sent: strings.tickSent,
    read: strings.tickRead,
    failed: strings.tickFailed,
  };
  return (
    <span aria-hidden="true" style={{ fontSize: 12, color: 'var(--readmark-muted)' }}>
      {names[status]}
    </span>
  );
}

function TickRows({
  engine,
  locale,
  messages,
  statuses,
  className,
  renderIcon,
}: Locale &
  TickArgs & {
    engine: ReceiptEngine;
    messages: ReceiptMessage[];
    /** Each message's status, to show the tick's name beside it. */
    statuses?: MessageStatus[];
    renderIcon?: RenderTickIcon;
  }) {
  return (
    <Providers engine={engine} locale={locale}>
      <ul style={{ listStyle: 'none', display: 'grid', gap: 8, margin: 0, padding: 0 }}>
        {messages.map((message, index) => (
          <li key={message.messageClientId}>
            {(message as { text?: string }).text}{' '}
            <ReadTick message={message} className={className} renderIcon={renderIcon} />{' '}
            {statuses?.[index] && <TickName status={statuses[index]} />}
          </li>
        ))}
      </ul>
    </Providers>
  );
}

/**
 * The stories' messages in each language (a story's world is built in its language: its renders
 * are keyed by the locale). In English the rows of "All States" are captioned with their state; in
 * Chinese they are messages as a Chinese chat has them, the state's name beside each tick.
 */
const TEXTS = {
  en: {
    six: 'See you at six',
    states: { sending: 'sending', sent: 'sent', read: 'read', failed: 'failed' },
    live: ['one', 'two', 'three'],
  },
  'zh-CN': {
    six: '六点见',
    states: {
      sending: '我马上到',
      sent: '会议改到下午三点',
      read: '收到，谢谢！',
      failed: '方案发你邮箱了',
    },
    live: ['在吗？', '周五的评审材料准备好了', '晚上一起吃饭吧'],
  },
} satisfies Record<ReceiptLocale, unknown>;

function OneSentMessage({ locale, className }: Locale & TickArgs) {
  const ready = useWorld(async (world) => {
    const alice = world.server.login('alice');
    world.server.login('bob');
    const sent = await world.send(alice, {
      conversationId: 'alice|1|bob',
      text: TEXTS[locale].six,
    });
    return { engine: world.engineFor(alice), messages: [sent] };
  });
  return ready ? <TickRows {...ready} locale={locale} className={className} /> : null;
}

/** A message Alice sent to Bob, who has not read it yet: one check, named "Sent". */
export const Default: Story = {
  render: (args, { globals }) => (
    <OneSentMessage key={storyLocale(globals)} locale={storyLocale(globals)} {...args} />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('img', { name: 'Sent' })).toHaveAttribute(
      'data-status',
      'sent',
    );
  },
};

function EveryState({
  locale,
  className,
  renderIcon,
}: Locale & TickArgs & { renderIcon?: RenderTickIcon }) {
  const ready = useWorld(async (world) => {
    const text = TEXTS[locale].states;
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const read = await world.send(alice, { conversationId: 'alice|1|bob', text: text.read });
    const [copy] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(copy as never);
    const sent = await world.send(alice, { conversationId: 'alice|1|bob', text: text.sent });
    // A send still in flight and a failed one, as the SDK reports them locally.
    const sending: ReceiptMessage = {
      ...sent,
      text: text.sending,
      messageClientId: 'sending',
      messageServerId: '',
      sendingState: MessageSendingState.SENDING,
    } as ReceiptMessage;
    const failed = {
      ...sending,
      text: text.failed,
      messageClientId: 'failed',
      sendingState: MessageSendingState.FAILED,
    } as ReceiptMessage;
    return {
      engine: world.engineFor(alice),
      messages: [sending, sent, read, failed],
      statuses: ['sending', 'sent', 'read', 'failed'] satisfies MessageStatus[],
    };
  });
  return ready ? (
    <TickRows {...ready} locale={locale} className={className} renderIcon={renderIcon} />
  ) : null;
}

const expectNames = (names: string[]) => async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await waitFor(() =>
    expect(canvas.getAllByRole('img').map((tick) => tick.getAttribute('aria-label'))).toEqual(
      names,
    ),
  );
};

/**
 * Every status side by side: sending (clock), sent (one check), read (two checks), failed (alert).
 * Beside each tick, in grey, the name screen readers hear (the tick itself shows no text).
 */
export const AllStates: Story = {
  render: (args, { globals }) => (
    <EveryState key={storyLocale(globals)} locale={storyLocale(globals)} {...args} />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    await expectNames(['Sending', 'Sent', 'Read', 'Failed'])(canvasElement);
  },
};

/**
 * The same states with the built-in Simplified Chinese strings (`<ReceiptProvider locale="zh-CN">`):
 * the glyphs stay the same, their names (in grey) are Chinese.
 */
export const Chinese: Story = {
  ...AllStates,
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expectNames(['发送中', '已发送', '已读', '发送失败'])(canvasElement);
    // Each row: a Chinese message, its tick, and the tick's name beside it in the provider's
    // language; no English left.
    const rows = within(canvasElement).getAllByRole('listitem');
    await expect(rows.map((row) => row.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '我马上到 发送中',
      '会议改到下午三点 已发送',
      '收到，谢谢！ 已读',
      '方案发你邮箱了 发送失败',
    ]);
    await expect(within(canvasElement).getByText('已发送')).toBeVisible();
    await expect(canvasElement.textContent).not.toMatch(/[A-Za-z]/);
  },
};

function LiveTicks({ locale, className }: Locale & TickArgs) {
  const ready = useWorld(async (world, onCleanup) => {
    const alice = world.server.login('alice');
    onCleanup(
      world.server.simulatePeerReader({ accountId: 'bob', minDelayMs: 400, maxDelayMs: 2000 }).stop,
    );
    const messages: ReceiptMessage[] = [];
    for (const text of TEXTS[locale].live) {
      messages.push(await world.send(alice, { conversationId: 'alice|1|bob', text }));
    }
    return { engine: world.engineFor(alice), messages };
  });
  return ready ? <TickRows {...ready} locale={locale} className={className} /> : null;
}

/** A simulated Bob reads each message within two seconds: the ticks turn from "Sent" to "Read". */
export const Live: Story = {
  render: (args, { globals }) => (
    <LiveTicks key={storyLocale(globals)} locale={storyLocale(globals)} {...args} />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole('img', { name: 'Read' })).toHaveLength(3), {
      timeout: 5000,
    });
  },
};

/**
 * Round glyphs in the style of a messenger: an empty ring while sending, a ring with a check when
 * sent, a filled disc when read, a disc with "!" when the send failed. Drawn in `currentColor`, so
 * the stylesheet's `--readmark-tick-*` colours still apply. Module level: a stable function draws
 * each tick once per status.
 */
const roundIcon: RenderTickIcon = (status) => (
  <svg aria-hidden="true" viewBox="0 0 16 16" width="1em" height="1em">
    <circle
      cx="8"
      cy="8"
      r="6.5"
      stroke="currentColor"
      fill={status === 'read' || status === 'failed' ? 'currentColor' : 'none'}
    />
    {(status === 'sent' || status === 'read') && (
      <path
        d="M5 8.2l2 2 4-4.2"
        fill="none"
        stroke={status === 'read' ? 'Canvas' : 'currentColor'}
        strokeWidth="1.6"
      />
    )}
    {status === 'failed' && (
      <path d="M8 4.5v4M8 10.8v.2" stroke="Canvas" strokeWidth="1.8" strokeLinecap="round" />
    )}
  </svg>
);

const customIconsUsage = snippet({
  imports: ['ReadTick', 'ReceiptProvider'],
  extraImports: ["import type { RenderTickIcon } from '@readmark/react';"],
  body: [
    '// Your icon set; module level (or useCallback): a tick draws again only when its status moves.',
    'const icons = { sending: <ClockIcon />, sent: <CheckIcon />, read: <DoubleCheckIcon />, failed: <AlertIcon /> };',
    'const renderIcon: RenderTickIcon = (status) => icons[status];',
    '',
    provider(
      [
        '  {message.text}',
        '  {/* same names ("Sent", "Read"…), data-status and colours; only the glyph is yours */}',
        '  <ReadTick message={message} renderIcon={renderIcon} />',
      ].join('\n'),
    ),
  ].join('\n'),
});

/**
 * Your own glyphs with `renderIcon`: the tick keeps its localized name, `data-status` and colours
 * and draws what the function returns for the status. Here, round messenger-style glyphs.
 */
export const CustomIcons: Story = {
  render: (args, { globals }) => (
    <EveryState
      key={storyLocale(globals)}
      locale={storyLocale(globals)}
      renderIcon={roundIcon}
      {...args}
    />
  ),
  parameters: { docs: { source: { code: customIconsUsage } } },
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    await expectNames(['Sending', 'Sent', 'Read', 'Failed'])(canvasElement);
    const ticks = within(canvasElement).getAllByRole('img');
    // Each tick shows the app's ring, not the built-in checks (whose viewBox is 0 0 24 16).
    for (const tick of ticks) {
      await expect(tick.querySelector('svg')).toHaveAttribute('viewBox', '0 0 16 16');
    }
    await expect(ticks.map((tick) => tick.querySelectorAll('path').length)).toEqual([0, 1, 1, 1]);
  },
};
