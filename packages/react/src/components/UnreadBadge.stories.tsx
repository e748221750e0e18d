import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ReactNode, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import {
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
} satisfies Meta<typeof UnreadBadge>;
export default meta;
type Story = StoryObj;

type Locale = { locale: ReceiptLocale };

/** The badge plus the sheet it opens, as an app wires them. */
function BadgeWithSheet({
  engine,
  message,
  locale,
}: Locale & { engine: ReceiptEngine; message: ReceiptMessage }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Providers engine={engine} locale={locale}>
      <p style={{ margin: 0 }}>
        hello team <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
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
}: Locale & { readers: number; after?: (world: World) => void }) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, { teamId: 't1', readers });
    after?.(world);
    return { engine: world.engineFor(alice), message };
  });
  return ready ? <BadgeWithSheet {...ready} locale={locale} /> : null;
}

/** Counts never arrive: every call and delivery takes ten minutes. */
const slowServer = (world: World) => world.server.setFaults({ latencyMs: [600_000, 600_000] });
/** The team's receipts are off (NIM 108312): counts cannot be had. */
const receiptsOff = (world: World) =>
  world.server.injectFault({ method: 'getTeamMessageReceipts', code: 108312, times: 100 });

/** 9 of 12 members have read: "3 unread", a button named "3 unread of 12 members". */
export const Default: Story = {
  render: (_args, { globals }) => <BadgeCase locale={storyLocale(globals)} readers={9} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    const badge = await canvas.findByRole('button', { name: '3 unread of 12 members' });
    await expect(badge).toHaveTextContent('3 unread');
    await expect(badge).toHaveAttribute('aria-haspopup', 'dialog');
    await userEvent.click(badge);
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

function EveryState({ locale }: Locale) {
  return (
    <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
      <Labelled label="loading">
        <BadgeCase locale={locale} readers={0} after={slowServer} />
      </Labelled>
      <Labelled label="unread">
        <BadgeCase locale={locale} readers={9} />
      </Labelled>
      <Labelled label="all read">
        <BadgeCase locale={locale} readers={12} />
      </Labelled>
      <Labelled label="unavailable">
        <BadgeCase locale={locale} readers={0} after={receiptsOff} />
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
  render: (_args, { globals }) => <EveryState locale={storyLocale(globals)} />,
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
  },
};

function LiveTeam({ locale }: Locale) {
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
  return ready ? <BadgeWithSheet {...ready} locale={locale} /> : null;
}

/**
 * Simulated members read over eight seconds: the badge counts down to "All read". Open the sheet to
 * watch members move from Unread to Read.
 */
export const Live: Story = {
  render: (_args, { globals }) => <LiveTeam locale={storyLocale(globals)} />,
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
