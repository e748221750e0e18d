import type { ReceiptEngine, ReceiptLastMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ConversationReadTick } from './ConversationReadTick';
import { Providers, storyLocale, useWorld, type World } from './testWorld.test';

/**
 * The read indicator of a conversation-list row (SPEC U7, scenario 35). Alice's conversation list,
 * read from the in-memory NIM server's `V2NIMConversationService` and kept live by its
 * `onConversationChanged` events; each row passes `conversation.lastMessage` straight in.
 */
const meta = {
  title: 'Components/ConversationReadTick',
  component: ConversationReadTick,
} satisfies Meta<typeof ConversationReadTick>;
export default meta;
type Story = StoryObj;

interface Row {
  conversationId: string;
  lastMessage?: ReceiptLastMessage & { text?: string };
}

/** Alice's conversations, newest first, replaced as the server reports changes. */
function useConversationRows(client: MemoryClient): Row[] {
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    const service = client.V2NIMConversationService;
    let isActive = true;
    const merge = (changed: Row[]) =>
      setRows((current) => {
        const byId = new Map(current.map((row) => [row.conversationId, row]));
        for (const row of changed) byId.set(row.conversationId, row);
        return [...byId.values()].sort(
          (a, b) =>
            (b.lastMessage?.messageRefer.createTime ?? 0) -
            (a.lastMessage?.messageRefer.createTime ?? 0),
        );
      });
    const onChanged = (conversations: unknown[]) => merge(conversations as Row[]);
    service.on('onConversationChanged', onChanged);
    void service.getConversationList(0, 50).then(({ conversationList }) => {
      if (isActive) merge(conversationList as unknown as Row[]);
    });
    return () => {
      isActive = false;
      service.off('onConversationChanged', onChanged);
    };
  }, [client]);
  return rows;
}

function preview(row: Row, accountId: string): string {
  const lastMessage = row.lastMessage;
  if (!lastMessage) return '';
  if (lastMessage.lastMessageState === 1) return 'Message recalled';
  const prefix = lastMessage.messageRefer.senderId === accountId ? 'You: ' : '';
  return `${prefix}${lastMessage.text ?? ''}`;
}

function ChatList({
  client,
  engine,
  locale,
}: {
  client: MemoryClient;
  engine: ReceiptEngine;
  locale: ReceiptLocale;
}) {
  const rows = useConversationRows(client);
  return (
    <Providers engine={engine} locale={locale}>
      <ul aria-label="Chats" style={{ listStyle: 'none', margin: 0, padding: 0, maxWidth: 360 }}>
        {rows.map((row) => (
          <li
            key={row.conversationId}
            aria-label={row.conversationId.split('|')[2]}
            style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '8px 0' }}
          >
            <strong style={{ minWidth: 48 }}>{row.conversationId.split('|')[2]}</strong>
            <span style={{ flex: 1 }}>{preview(row, client.accountId)}</span>
            <ConversationReadTick lastMessage={row.lastMessage} />
          </li>
        ))}
      </ul>
    </Providers>
  );
}

/** Bob read Alice's last message, Carol has not, Alice recalled hers to Dave, Erin wrote last. */
async function fourChats(world: World) {
  const alice = world.server.login('alice');
  const [bob, , , erin] = ['bob', 'carol', 'dave', 'erin'].map((id) => world.server.login(id));
  await world.send(alice, { conversationId: 'alice|1|erin', text: 'Lunch?' });
  await world.send(erin as MemoryClient, { conversationId: 'erin|1|alice', text: 'Sure!' });
  const toDave = await world.send(alice, { conversationId: 'alice|1|dave', text: 'Oops' });
  await alice.V2NIMMessageService.revokeMessage(toDave as never);
  await world.send(alice, { conversationId: 'alice|1|carol', text: 'Call me' });
  await world.send(alice, { conversationId: 'alice|1|bob', text: 'See you at six' });
  const [copy] = await world.history(bob as MemoryClient, 'bob|1|alice');
  await (bob as MemoryClient).V2NIMMessageService.sendP2PMessageReceipt(copy as never);
  await world.server.settle();
  return { client: alice, engine: world.engineFor(alice) };
}

function FourChats({ locale }: { locale: ReceiptLocale }) {
  const ready = useWorld(fourChats);
  return ready ? <ChatList {...ready} locale={locale} /> : null;
}

const tickOf = (canvasElement: HTMLElement, name: string) =>
  within(within(canvasElement).getByRole('listitem', { name })).queryByRole('img');

/**
 * Two checks for Bob (read), one for Carol (sent), none for Dave (the last message was recalled)
 * and none for Erin (her message is the last one).
 */
export const Default: Story = {
  name: 'Conversation list',
  render: (_args, { globals }) => <FourChats locale={storyLocale(globals)} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    await waitFor(() => expect(tickOf(canvasElement, 'bob')).toHaveAccessibleName('Read'));
    await expect(tickOf(canvasElement, 'carol')).toHaveAccessibleName('Sent');
    await expect(tickOf(canvasElement, 'dave')).toBeNull();
    await expect(tickOf(canvasElement, 'erin')).toBeNull();
  },
};

/** The same list with the built-in Simplified Chinese strings. */
export const Chinese: Story = {
  ...Default,
  name: 'Chinese',
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(tickOf(canvasElement, 'bob')).toHaveAccessibleName('已读'));
    await expect(tickOf(canvasElement, 'carol')).toHaveAccessibleName('已发送');
  },
};

function LiveList({ locale }: { locale: ReceiptLocale }) {
  const ready = useWorld(async (world, onCleanup) => {
    const alice = world.server.login('alice');
    onCleanup(
      world.server.simulatePeerReader({ accountId: 'bob', minDelayMs: 400, maxDelayMs: 1500 }).stop,
    );
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'Are you there?' });
    return { client: alice, engine: world.engineFor(alice) };
  });
  return ready ? <ChatList {...ready} locale={locale} /> : null;
}

/** A simulated Bob reads Alice's last message: the row's tick turns from "Sent" to "Read". */
export const Live: Story = {
  render: (_args, { globals }) => <LiveList locale={storyLocale(globals)} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    await waitFor(() => expect(tickOf(canvasElement, 'bob')).toHaveAccessibleName('Read'), {
      timeout: 5000,
    });
  },
};
