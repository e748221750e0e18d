import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { Providers, storyLocale, teamWithMessage, useWorld, type World } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/**
 * Who has read an own team message: a modal dialog with Unread / Read tabs, search, a virtualized
 * member list and live updates. Stories run against the in-memory NIM server.
 */
const meta = {
  title: 'Components/ReceiptDetailSheet',
  component: ReceiptDetailSheet,
} satisfies Meta<typeof ReceiptDetailSheet>;
export default meta;
type Story = StoryObj;

type Locale = { locale: ReceiptLocale };

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
const small = namedMembers(5);
const big = namedMembers(150);

/** A badge that opens the sheet, as an app wires them. */
function BadgeAndSheet({
  engine,
  message,
  locale,
  names,
  isOpenAtStart,
}: Locale & {
  engine: ReceiptEngine;
  message: ReceiptMessage;
  names: Record<string, string>;
  isOpenAtStart: boolean;
}) {
  const [isOpen, setIsOpen] = useState(isOpenAtStart);
  return (
    <Providers engine={engine} locale={locale} names={names}>
      <p style={{ margin: 0 }}>
        {(message as { text?: string }).text}{' '}
        <UnreadBadge message={message} onOpen={() => setIsOpen(true)} />
      </p>
      <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />
    </Providers>
  );
}

/** A team of five; `readers` have read. `after` can break the server once the message exists. */
function SheetCase({
  locale,
  readers,
  isOpenAtStart = false,
  after,
}: Locale & { readers: number; isOpenAtStart?: boolean; after?: (world: World) => void }) {
  const ready = useWorld(async (world) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      readers,
      memberIds: small.ids,
      text: 'Lunch at noon?',
    });
    after?.(world);
    return { engine: world.engineFor(alice), message };
  });
  return ready ? (
    <BadgeAndSheet {...ready} locale={locale} names={small.names} isOpenAtStart={isOpenAtStart} />
  ) : null;
}

/** Two of five have read; the sheet is open on the Unread tab. */
export const Default: Story = {
  render: (_args, { globals }) => (
    <SheetCase locale={storyLocale(globals)} readers={2} isOpenAtStart />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const dialog = await within(canvasElement).findByRole('dialog', { name: 'Message receipts' });
    const sheet = within(dialog);
    await expect(await sheet.findByRole('tab', { name: 'Unread (3)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // The focusable scroll region carries the name; the list inside it is not named again.
    const region = await sheet.findByRole('region', { name: 'Members' });
    const list = within(region).getByRole('list');
    await expect(
      within(list)
        .getAllByRole('listitem')
        .map((row) => row.textContent),
    ).toEqual(['CChen 1', 'DDana 1', 'EEli 1']);
    await userEvent.click(sheet.getByRole('tab', { name: 'Read (2)' }));
    await expect(within(sheet.getByRole('list')).getAllByRole('listitem')).toHaveLength(2);
    await userEvent.type(sheet.getByRole('searchbox', { name: 'Search members' }), 'bo');
    await expect(within(sheet.getByRole('list')).getByRole('listitem')).toHaveTextContent('Bo 1');
    await userEvent.type(sheet.getByRole('searchbox'), 'x');
    await expect(sheet.getByText('No matching members')).toBeVisible();
  },
};

const slowServer = (world: World) => world.server.setFaults({ latencyMs: [600_000, 600_000] });
const failingDetail = (world: World) =>
  world.server.injectFault({ method: 'getTeamMessageReceiptDetail', code: 107404 });

const STATES = [
  { label: 'loading', readers: 0, after: slowServer },
  { label: 'error', readers: 0, after: failingDetail },
  { label: 'nobody read', readers: 0 },
  { label: 'some read', readers: 2 },
  { label: 'everyone read', readers: 5 },
] as const;

function EveryState({ locale }: Locale) {
  return (
    <ul style={{ listStyle: 'none', display: 'grid', gap: 12, margin: 0, padding: 0 }}>
      {STATES.map((state) => (
        <li key={state.label} data-case={state.label}>
          <strong>{state.label}</strong>
          <SheetCase
            locale={locale}
            readers={state.readers}
            after={'after' in state ? state.after : undefined}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * Every state of the sheet, one badge each (a modal shows one at a time): loading, error with Retry,
 * nobody read, some read, everyone read.
 */
export const AllStates: Story = {
  render: (_args, { globals }) => <EveryState locale={storyLocale(globals)} />,
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

    const error = await open('error');
    await expect(await error.findByRole('alert')).toHaveTextContent('Could not load read receipts');
    await userEvent.click(error.getByRole('button', { name: 'Retry' }));
    await expect(await error.findByRole('tab', { name: 'Unread (5)' })).toBeVisible();
    await close(error);

    const nobody = await open('nobody read');
    await userEvent.click(await nobody.findByRole('tab', { name: 'Read (0)' }));
    await expect(nobody.getByText('Nobody has read this yet')).toBeVisible();
    await close(nobody);

    const everyone = await open('everyone read');
    await expect(await everyone.findByText('Everyone has read this')).toBeVisible();
    // Left open so the accessibility check also covers an open sheet.
  },
};

/** The sheet with the built-in Simplified Chinese strings. */
export const Chinese: Story = {
  ...Default,
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', { name: '消息回执' });
    const sheet = within(dialog);
    await expect(await sheet.findByRole('tab', { name: '未读3人' })).toBeVisible();
    await expect(sheet.getByRole('tab', { name: '已读2人' })).toBeVisible();
    await expect(sheet.getByRole('searchbox', { name: '搜索成员' })).toBeVisible();
    await expect(sheet.getByRole('button', { name: '关闭' })).toBeVisible();
  },
};

/** The open sheet in the dark theme (`data-theme="dark"` on an ancestor). */
export const Dark: Story = {
  ...Default,
  globals: { theme: 'dark' },
};

function LiveSheet({ locale, isOpenAtStart }: Locale & { isOpenAtStart: boolean }) {
  const ready = useWorld(async (world, onCleanup) => {
    const { alice, message } = await teamWithMessage(world, {
      teamId: 'big',
      readers: 0,
      memberIds: big.ids,
      text: 'All hands at 3pm',
      beforeSend: () =>
        onCleanup(
          world.server.simulateTeamReaders({
            teamId: 'big',
            readerIds: big.ids,
            minDelayMs: 1000,
            maxDelayMs: 20000,
          }).stop,
        ),
    });
    return { engine: world.engineFor(alice), message };
  });
  return ready ? (
    <BadgeAndSheet {...ready} locale={locale} names={big.names} isOpenAtStart={isOpenAtStart} />
  ) : null;
}

/**
 * 150 members read over twenty seconds while the sheet is open: names move from Unread to Read and
 * each arrival is announced politely to screen readers ("Ada 3 read the message").
 */
export const Live: Story = {
  render: (_args, { globals }) => <LiveSheet locale={storyLocale(globals)} isOpenAtStart />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const dialog = await within(canvasElement).findByRole('dialog', { name: 'Message receipts' });
    const sheet = within(dialog);
    await sheet.findByRole('tab', { name: 'Unread (150)' }, { timeout: 3000 });
    // Only the rows in view are in the DOM, yet each row tells its place in the whole list.
    const rows = within(sheet.getByRole('list')).getAllByRole('listitem');
    await expect(rows.length).toBeLessThan(40);
    await expect(rows[0]).toHaveAttribute('aria-setsize', '150');
    const live = dialog.querySelector('[aria-live="polite"]')!;
    await waitFor(() => expect(live.textContent).toMatch(/read the message$/), { timeout: 5000 });
    await expect(sheet.getByRole('tab', { name: /^Unread \(1[0-4]\d\)$/ })).toBeVisible();
  },
};

/** The same team with the sheet closed: open it from the badge; Esc closes it and focus returns. */
export const FromBadge: Story = {
  render: (_args, { globals }) => <LiveSheet locale={storyLocale(globals)} isOpenAtStart={false} />,
};
