import type { ReceiptTransport } from '@readmark/core';
import { createReceiptEngine, type ReceiptEngine, type ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createFakeChatBackend } from '../../../../docs/examples/fakeChatBackend';
import {
  createRestReceiptTransport,
  toReceiptMessage,
} from '../../../../docs/examples/restReceiptTransport';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
import { ReadTick } from './ReadTick';
import { ReceiptDetailSheet } from './ReceiptDetailSheet';
import { storyLocale } from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

/**
 * The components over the custom transport of docs/custom-transport.md (a REST API and a WebSocket,
 * here an in-process fake backend) instead of NIM: nothing in the UI changes.
 */
const meta = { title: 'Guides/Custom transport' } satisfies Meta;
export default meta;
type Story = StoryObj;

const names: Record<string, string> = { bob: 'Bob', carol: 'Carol', dave: 'Dave' };

/** The app's own words on the readers' buttons (an app localizes these itself). */
const READS = {
  en: (name: string) => `${name} reads`,
  'zh-CN': (name: string) => `${name} 读消息`,
} satisfies Record<ReceiptLocale, unknown>;

/** The members who read Alice's messages in this story, in the order of their buttons. */
const readerIds = ['bob', 'carol', 'dave'] as const;
type ReaderId = (typeof readerIds)[number];

interface Setup {
  transport: ReceiptTransport;
  direct: ReceiptMessage & { text?: string };
  group: ReceiptMessage & { text?: string };
  /** The member logs in on a device of their own and reads what Alice sent them. */
  read: (accountId: ReaderId) => void;
}

/**
 * Alice's side of a backend where Bob, Carol and Dave read her messages when `read` is called (their
 * buttons in the story): Bob the direct and the group message, Carol and Dave the group message.
 */
function useBackend(): Setup | undefined {
  const [setup, setSetup] = useState<Setup>();
  useEffect(() => {
    const backend = createFakeChatBackend();
    backend.createGroup('g1', ['alice', 'bob', 'carol', 'dave']);
    const direct = backend.sendMessage('alice', { to: 'bob', kind: 'direct', text: 'Hi Bob' });
    const group = backend.sendMessage('alice', {
      to: 'g1',
      kind: 'group',
      text: 'Lunch at noon?',
      wantsReceipt: true,
    });
    const readers: ReceiptEngine[] = [];
    let isDisposed = false;
    const read = (accountId: ReaderId) => {
      if (isDisposed) return;
      const engine = createReceiptEngine({
        accountId,
        flushDelayMs: 0,
        transport: createRestReceiptTransport({
          accountId,
          http: backend.httpFor(accountId),
          socket: backend.connect(accountId),
        }),
      });
      readers.push(engine);
      const seen = accountId === 'bob' ? [direct, group] : [group];
      engine.markRead(seen.map((message) => toReceiptMessage(accountId, message)));
    };
    setSetup({
      transport: createRestReceiptTransport({
        accountId: 'alice',
        http: backend.httpFor('alice'),
        socket: backend.connect('alice'),
      }),
      direct: toReceiptMessage('alice', direct),
      group: toReceiptMessage('alice', group),
      read,
    });
    return () => {
      isDisposed = true;
      for (const engine of readers) engine.dispose();
    };
  }, []);
  return setup;
}

function AliceOverRest({ locale }: { locale: ReceiptLocale }) {
  const setup = useBackend();
  const [isOpen, setIsOpen] = useState(false);
  const [hasRead, setHasRead] = useState<ReadonlySet<ReaderId>>(new Set());
  if (!setup) return null;
  return (
    // The provider owns the engine: pass the transport and the logged-in account.
    <ReceiptProvider
      transport={setup.transport}
      accountId="alice"
      locale={locale}
      resolveMember={(accountId) => (names[accountId] ? { name: names[accountId] } : undefined)}
    >
      <p>
        {setup.direct.text} <ReadTick message={setup.direct} />
      </p>
      <p>
        {setup.group.text} <ReadTick message={setup.group} />{' '}
        <UnreadBadge message={setup.group} onOpen={() => setIsOpen(true)} />
      </p>
      <ReceiptDetailSheet message={setup.group} isOpen={isOpen} onClose={() => setIsOpen(false)} />
      {/* The other members, each on a device of their own: a press makes them read. */}
      <p style={{ display: 'flex', gap: 8 }}>
        {readerIds.map((accountId) => (
          <button
            key={accountId}
            type="button"
            disabled={hasRead.has(accountId)}
            onClick={() => {
              setHasRead((current) => new Set(current).add(accountId));
              setup.read(accountId);
            }}
          >
            {READS[locale](names[accountId]!)}
          </button>
        ))}
      </p>
    </ReceiptProvider>
  );
}

/** "Show code": the provider over the REST + WebSocket transport of docs/custom-transport.md. */
const customTransportUsage = `import { useMemo, useState } from 'react';
import { ReadTick, ReceiptDetailSheet, ReceiptProvider, UnreadBadge } from '@readmark/react';
import '@readmark/react/styles.css';
import { createRestReceiptTransport, fetchHttpClient } from './restReceiptTransport';

function ChatWithReceipts({ me, socket, baseUrl, getToken, direct, group }) {
  // Keep it stable: a new transport makes the provider dispose its engine and create another.
  const transport = useMemo(
    () =>
      createRestReceiptTransport({
        accountId: me,
        http: fetchHttpClient({ baseUrl, getToken }),
        socket,
      }),
    [me, socket, baseUrl, getToken],
  );
  const [isOpen, setIsOpen] = useState(false);
  return (
    <ReceiptProvider transport={transport} accountId={me}>
      <p>
        {direct.text} <ReadTick message={direct} />
      </p>
      <p>
        {group.text} <ReadTick message={group} />{' '}
        <UnreadBadge message={group} onOpen={() => setIsOpen(true)} />
      </p>
      <ReceiptDetailSheet message={group} isOpen={isOpen} onClose={() => setIsOpen(false)} />
    </ReceiptProvider>
  );
}`;

/**
 * Press "Bob reads", "Carol reads", "Dave reads": Bob reads the direct message and the group
 * message, Carol and Dave the group message, and Alice's ticks and badge follow over the WebSocket.
 */
export const RestAndWebSocket: Story = {
  name: 'REST and WebSocket',
  render: (_args, { globals }) => <AliceOverRest locale={storyLocale(globals)} />,
  parameters: { docs: { source: { code: customTransportUsage } } },
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    // Generous: a busy machine may be slow, and each wait ends as soon as its state shows.
    const timeout = 10_000;
    const readTicks = () => canvas.queryAllByRole('img', { name: 'Read' });
    const badgeNamed = (name: string) => canvas.findByRole('button', { name }, { timeout });
    const press = async (reader: string) =>
      userEvent.click(canvas.getByRole('button', { name: `${reader} reads` }));

    // Nobody has read yet: both messages are sent, all three members unread.
    await expect(await badgeNamed('3 unread of 3 members')).toBeVisible();
    await expect(canvas.getAllByRole('img', { name: 'Sent' })).toHaveLength(2);
    await expect(readTicks()).toHaveLength(0);

    // Bob reads both: the direct message's tick turns Read, the group message waits for the others.
    await press('Bob');
    await expect(await badgeNamed('2 unread of 3 members')).toBeVisible();
    await waitFor(() => expect(readTicks()).toHaveLength(1), { timeout });
    await press('Carol');
    await expect(await badgeNamed('1 unread of 3 members')).toBeVisible();
    await expect(readTicks()).toHaveLength(1);
    await press('Dave');
    const badge = await badgeNamed('All read by 3 members');
    await waitFor(() => expect(readTicks()).toHaveLength(2), { timeout });

    await userEvent.click(badge);
    const dialog = within(await canvas.findByRole('dialog'));
    await userEvent.click(await dialog.findByRole('tab', { name: 'Read (3)' }, { timeout }));
    await waitFor(
      () =>
        expect(dialog.getAllByRole('listitem').map((row) => row.textContent?.slice(1))).toEqual([
          'Bob',
          'Carol',
          'Dave',
        ]),
      { timeout },
    );
  },
};
