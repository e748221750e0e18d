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

interface Setup {
  transport: ReceiptTransport;
  direct: ReceiptMessage & { text?: string };
  group: ReceiptMessage & { text?: string };
}

/** Alice's side of a backend where Bob, then Carol and Dave read her messages a moment later. */
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
    const timers = ['bob', 'carol', 'dave'].map((accountId, index) =>
      setTimeout(
        () => {
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
        },
        400 + index * 600,
      ),
    );
    setSetup({
      transport: createRestReceiptTransport({
        accountId: 'alice',
        http: backend.httpFor('alice'),
        socket: backend.connect('alice'),
      }),
      direct: toReceiptMessage('alice', direct),
      group: toReceiptMessage('alice', group),
    });
    return () => {
      for (const timer of timers) clearTimeout(timer);
      for (const engine of readers) engine.dispose();
    };
  }, []);
  return setup;
}

function AliceOverRest({ locale }: { locale: ReceiptLocale }) {
  const setup = useBackend();
  const [isOpen, setIsOpen] = useState(false);
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

/** Bob reads the direct message; Bob, Carol and Dave read the group message over two seconds. */
export const RestAndWebSocket: Story = {
  render: (_args, { globals }) => <AliceOverRest locale={storyLocale(globals)} />,
  parameters: { docs: { source: { code: customTransportUsage } } },
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('button', { name: '3 unread of 3 members' }),
    ).toBeVisible();
    await waitFor(() => expect(canvas.getAllByRole('img', { name: 'Read' })).toHaveLength(1), {
      timeout: 3000,
    });
    const badge = await canvas.findByRole(
      'button',
      { name: 'All read by 3 members' },
      { timeout: 4000 },
    );
    await expect(canvas.getAllByRole('img', { name: 'Read' })).toHaveLength(2);
    await userEvent.click(badge);
    const dialog = within(await canvas.findByRole('dialog'));
    await userEvent.click(await dialog.findByRole('tab', { name: 'Read (3)' }));
    await waitFor(() =>
      expect(dialog.getAllByRole('listitem').map((row) => row.textContent?.slice(1))).toEqual([
        'Bob',
        'Carol',
        'Dave',
      ]),
    );
  },
};
