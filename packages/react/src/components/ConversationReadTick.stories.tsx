import type { ReceiptEngine, ReceiptLastMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useMemo, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { element, provider, snippet, sourceFrom } from '../../../../.storybook/usage';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptProvider } from '../ReceiptProvider';
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
  // Rows pass their own `lastMessage`; only the class is the story's to change.
  parameters: {
    controls: { editable: ['className'] },
    docs: { source: sourceFrom<TickArgs>(rowUsage) },
  },
} satisfies Meta<typeof ConversationReadTick>;
export default meta;
/** What the Controls panel changes: the class on every row's tick. */
type TickArgs = { className?: string };
type Story = StoryObj<TickArgs>;

/** "Show code": a conversation list's rows; `isWholeApp` wraps an app from before login. */
function rowUsage({ className }: TickArgs, locale: ReceiptLocale, { isWholeApp = false } = {}) {
  const tick = element('ConversationReadTick', {
    code: ['lastMessage={conversation.lastMessage}'],
    props: { className },
  });
  const row = `
/** A row of the conversation list (V2NIMConversation, kept fresh by onConversationChanged). */
function ChatRow({ conversation }) {
  return (
    <li>
      {conversation.name} ${tick}
    </li>
  );
}`;
  if (isWholeApp) {
    return snippet({
      imports: ['ConversationReadTick', 'ReceiptProvider'],
      extraImports: ["import { useState } from 'react';"],
      body: `${row}

/** The provider around the whole app, from before login to after logout. */
function App({ transport, conversations }) {
  // setAccountId(me) once NIM's login succeeds, setAccountId(undefined) at logout: while it is
  // empty the children render with no receipt state, and nothing of the previous account shows.
  const [accountId, setAccountId] = useState();
  return (
    <ReceiptProvider transport={transport} accountId={accountId}${
      locale === 'en' ? '' : ` locale="${locale}"`
    }>
      <ul>
        {conversations.map((conversation) => (
          <ChatRow key={conversation.conversationId} conversation={conversation} />
        ))}
      </ul>
    </ReceiptProvider>
  );
}`,
    });
  }
  return snippet({
    imports: ['ConversationReadTick', 'ReceiptProvider'],
    body: `${row}

${provider(
  `  <ul>
    {conversations.map((conversation) => (
      <ChatRow key={conversation.conversationId} conversation={conversation} />
    ))}
  </ul>`,
  { locale },
)}`,
  });
}

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

/** The app's own words around the kit's tick (an app localizes these itself). */
const APP_STRINGS = {
  en: {
    chats: 'Chats',
    you: 'You: ',
    recalled: 'Message recalled',
    logIn: 'Log in',
    logOut: 'Log out',
    loggedOut: 'Not logged in',
  },
  'zh-CN': {
    chats: '聊天',
    you: '我：',
    recalled: '你撤回了一条消息',
    logIn: '登录',
    logOut: '退出登录',
    loggedOut: '未登录',
  },
} satisfies Record<ReceiptLocale, unknown>;

/** The peers' display names, as the app's contact list would give them. */
const PEER_NAMES = {
  en: { bob: 'Bob', carol: 'Carol', dave: 'Dave', erin: 'Erin' },
  'zh-CN': { bob: '张伟', carol: '陈晨', dave: '李娜', erin: '刘洋' },
} satisfies Record<ReceiptLocale, Record<string, string>>;

/** The display name of a row's peer (its account id if the app has none). */
function peerName(row: Row, locale: ReceiptLocale): string {
  const accountId = row.conversationId.split('|')[2] ?? '';
  return (PEER_NAMES[locale] as Record<string, string>)[accountId] ?? accountId;
}

function preview(row: Row, accountId: string, locale: ReceiptLocale): string {
  const lastMessage = row.lastMessage;
  if (!lastMessage) return '';
  const strings = APP_STRINGS[locale];
  if (lastMessage.lastMessageState === 1) return strings.recalled;
  const prefix = lastMessage.messageRefer.senderId === accountId ? strings.you : '';
  return `${prefix}${lastMessage.text ?? ''}`;
}

/** Alice's conversation list, inside a provider. */
function ChatList({
  client,
  engine,
  locale,
  className,
}: TickArgs & {
  client: MemoryClient;
  engine: ReceiptEngine;
  locale: ReceiptLocale;
}) {
  return (
    <Providers engine={engine} locale={locale}>
      <ChatRows client={client} locale={locale} className={className} />
    </Providers>
  );
}

function ChatRows({
  client,
  locale,
  className,
}: TickArgs & { client: MemoryClient; locale: ReceiptLocale }) {
  const rows = useConversationRows(client);
  return (
    <ul
      aria-label={APP_STRINGS[locale].chats}
      style={{ listStyle: 'none', margin: 0, padding: 0, maxWidth: 360 }}
    >
      {rows.map((row) => (
        <li
          key={row.conversationId}
          aria-label={peerName(row, locale)}
          style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '8px 0' }}
        >
          <strong style={{ minWidth: 48 }}>{peerName(row, locale)}</strong>
          <span style={{ flex: 1 }}>{preview(row, client.accountId, locale)}</span>
          <ConversationReadTick lastMessage={row.lastMessage} className={className} />
        </li>
      ))}
    </ul>
  );
}

/** The chats' messages in each language. */
const TEXTS = {
  en: { lunch: 'Lunch?', sure: 'Sure!', oops: 'Oops', callMe: 'Call me', six: 'See you at six' },
  'zh-CN': {
    lunch: '一起吃午饭？',
    sure: '好呀！',
    oops: '发错了',
    callMe: '给我回电话',
    six: '六点见',
  },
} satisfies Record<ReceiptLocale, unknown>;

/** Alice's client: Bob read her last message, Carol has not, she recalled hers to Dave, Erin wrote last. */
async function fourChats(world: World, locale: ReceiptLocale) {
  const text = TEXTS[locale];
  const alice = world.server.login('alice');
  const [bob, , , erin] = ['bob', 'carol', 'dave', 'erin'].map((id) => world.server.login(id));
  await world.send(alice, { conversationId: 'alice|1|erin', text: text.lunch });
  await world.send(erin as MemoryClient, { conversationId: 'erin|1|alice', text: text.sure });
  const toDave = await world.send(alice, { conversationId: 'alice|1|dave', text: text.oops });
  await alice.V2NIMMessageService.revokeMessage(toDave as never);
  await world.send(alice, { conversationId: 'alice|1|carol', text: text.callMe });
  await world.send(alice, { conversationId: 'alice|1|bob', text: text.six });
  const [copy] = await world.history(bob as MemoryClient, 'bob|1|alice');
  await (bob as MemoryClient).V2NIMMessageService.sendP2PMessageReceipt(copy as never);
  await world.server.settle();
  return alice;
}

function FourChats({ locale, className }: TickArgs & { locale: ReceiptLocale }) {
  const ready = useWorld(async (world) => {
    const client = await fourChats(world, locale);
    return { client, engine: world.engineFor(client) };
  });
  return ready ? <ChatList {...ready} locale={locale} className={className} /> : null;
}

const tickOf = (canvasElement: HTMLElement, name: string) =>
  within(within(canvasElement).getByRole('listitem', { name })).queryByRole('img');

/**
 * Two checks for Bob (read), one for Carol (sent), none for Dave (the last message was recalled)
 * and none for Erin (her message is the last one).
 */
export const Default: Story = {
  name: 'Conversation list',
  // A new world per language: the chats' own messages are written in it.
  render: (args, { globals }) => (
    <FourChats key={storyLocale(globals)} locale={storyLocale(globals)} {...args} />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    await waitFor(() => expect(tickOf(canvasElement, 'Bob')).toHaveAccessibleName('Read'));
    await expect(tickOf(canvasElement, 'Carol')).toHaveAccessibleName('Sent');
    await expect(tickOf(canvasElement, 'Dave')).toBeNull();
    await expect(tickOf(canvasElement, 'Erin')).toBeNull();
  },
};

/** The same list in Simplified Chinese: the kit's built-in strings, the app's own previews. */
export const Chinese: Story = {
  ...Default,
  name: 'Chinese',
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    // Bob, Carol, Dave and Erin are 张伟, 陈晨, 李娜 and 刘洋 in the Chinese app.
    await waitFor(() => expect(tickOf(canvasElement, '张伟')).toHaveAccessibleName('已读'));
    await expect(tickOf(canvasElement, '陈晨')).toHaveAccessibleName('已发送');
    await expect(tickOf(canvasElement, '李娜')).toBeNull();
    await expect(tickOf(canvasElement, '刘洋')).toBeNull();
    const row = (name: string) => within(canvasElement).getByRole('listitem', { name });
    await expect(row('张伟')).toHaveTextContent('张伟我：六点见');
    await expect(row('陈晨')).toHaveTextContent('陈晨我：给我回电话');
    await expect(row('李娜')).toHaveTextContent('李娜你撤回了一条消息');
    await expect(row('刘洋')).toHaveTextContent('刘洋好呀！');
  },
};

function LiveList({ locale, className }: TickArgs & { locale: ReceiptLocale }) {
  const ready = useWorld(async (world, onCleanup) => {
    const alice = world.server.login('alice');
    onCleanup(
      world.server.simulatePeerReader({ accountId: 'bob', minDelayMs: 400, maxDelayMs: 1500 }).stop,
    );
    await world.send(alice, {
      conversationId: 'alice|1|bob',
      text: locale === 'zh-CN' ? '在吗？' : 'Are you there?',
    });
    return { client: alice, engine: world.engineFor(alice) };
  });
  return ready ? <ChatList {...ready} locale={locale} className={className} /> : null;
}

/** A simulated Bob reads Alice's last message: the row's tick turns from "Sent" to "Read". */
export const Live: Story = {
  render: (args, { globals }) => (
    <LiveList key={storyLocale(globals)} locale={storyLocale(globals)} {...args} />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    await waitFor(() => expect(tickOf(canvasElement, 'Bob')).toHaveAccessibleName('Read'), {
      timeout: 5000,
    });
  },
};

/**
 * An app's root, wrapped in the provider from its first render: `accountId` is empty until the
 * login succeeds and again after logout (here the buttons stand for NIM's login and logout).
 */
function LoginAndLogoutApp({ locale, className }: TickArgs & { locale: ReceiptLocale }) {
  // The provider below owns the engine: the world makes none.
  const ready = useWorld((world) => fourChats(world, locale));
  const transport = useMemo(() => ready && createNimTransport(ready), [ready]);
  const [accountId, setAccountId] = useState<string>();
  if (!ready || !transport) return null;
  const strings = APP_STRINGS[locale];
  return (
    <ReceiptProvider transport={transport} accountId={accountId} locale={locale}>
      <button type="button" onClick={() => setAccountId(accountId ? undefined : ready.accountId)}>
        {accountId ? strings.logOut : strings.logIn}
      </button>
      {accountId ? (
        <ChatRows client={ready} locale={locale} className={className} />
      ) : (
        <p>{strings.loggedOut}</p>
      )}
    </ReceiptProvider>
  );
}

/**
 * The provider can wrap the whole app: before login its children render with no receipt state
 * (no error), at login Alice's ticks appear, and at logout they leave with her account.
 */
export const LoginAndLogout: Story = {
  name: 'Login and logout',
  parameters: {
    docs: {
      source: sourceFrom<TickArgs>((args, locale) => rowUsage(args, locale, { isWholeApp: true })),
    },
  },
  render: (args, { globals }) => (
    <LoginAndLogoutApp key={storyLocale(globals)} locale={storyLocale(globals)} {...args} />
  ),
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(tickOf(canvasElement, 'Bob')).toHaveAccessibleName('Read'));
    await expect(tickOf(canvasElement, 'Carol')).toHaveAccessibleName('Sent');
    await userEvent.click(canvas.getByRole('button', { name: 'Log out' }));
    await expect(canvas.queryByRole('img')).toBeNull();
    await expect(canvas.getByText('Not logged in')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(tickOf(canvasElement, 'Bob')).toHaveAccessibleName('Read'));
  },
};
