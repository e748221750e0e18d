import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptStringsProvider } from '../i18n/ReceiptStringsProvider';
import { MessageList } from './MessageList';
import { Providers, storyLocale, useWorld } from './testWorld.test';
import { UnreadSeparator } from './UnreadSeparator';

const USAGE = `import { MessageList } from '@readmark/react';

const renderMessage = (message) => <div className="bubble">{message.text}</div>;

/** Inside <ReceiptProvider>: the line goes where unread began as the chat opened, and it opens there. */
function Chat({ conversationId, messages, isLoading }) {
  return (
    <MessageList
      conversationId={conversationId}
      messages={messages}
      renderMessage={renderMessage}
      unreadLine
      isLoading={isLoading}
    />
  );
}`;

/**
 * "Unread messages" (以下为新消息): `MessageList`'s `unreadLine` draws it above the first message
 * Bob had not read when he opened the chat, keeps it there while he reads, and opens the list at it,
 * once and only while he has not moved (the list still at its end, no message added since it
 * opened). Its words are plain text, read in the chat like the messages. A list of the app's own
 * places it with `useUnreadSeparator` (the "Alone" story). Stories run against the in-memory NIM
 * server.
 */
const meta = {
  title: 'Components/UnreadSeparator',
  component: UnreadSeparator,
  parameters: { docs: { source: { code: USAGE } } },
} satisfies Meta<typeof UnreadSeparator>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Alice's messages: Bob read the first ones on his phone, the rest came since. */
const TEXTS = {
  en: {
    read: ['Morning!', 'Are we still on for the review?', 'I booked room 4'],
    unread: [
      'Slides are in the drive',
      'Can you check page 3?',
      'The numbers changed',
      'Also, lunch after?',
      'The client moved it to 3pm',
      'Let me know',
      'Thanks!',
    ],
    chat: 'Chat with Alice',
  },
  'zh-CN': {
    read: ['早上好！', '评审会还照常吗？', '我订了4号会议室'],
    unread: [
      '幻灯片放在网盘里了',
      '帮我看看第3页？',
      '数据有变化',
      '会后一起吃午饭吗？',
      '客户改到下午三点了',
      '有空回我一下',
      '谢谢！',
    ],
    chat: '与王芳的会话',
  },
} satisfies Record<ReceiptLocale, { read: string[]; unread: string[]; chat: string }>;

const renderMessage = (message: ReceiptMessage) => (
  <div style={{ padding: '8px' }}>{(message as { text?: string }).text}</div>
);

function Chat({ messages, label }: { messages: ReceiptMessage[]; label: string }) {
  return (
    <div style={{ height: 260, width: 320, border: '1px solid var(--readmark-border)' }}>
      <MessageList
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        unreadLine
        label={label}
      />
    </div>
  );
}

function BobOpensTheChat({ locale }: { locale: ReceiptLocale }) {
  const texts = TEXTS[locale];
  const ready = useWorld<{ engine: ReceiptEngine; messages: ReceiptMessage[] }>(async (world) => {
    const alice = world.server.login('alice');
    const phone = world.server.login('bob');
    for (const text of [...texts.read, ...texts.unread]) {
      await world.send(alice, { conversationId: 'alice|1|bob', text });
    }
    const messages = await world.history(phone, 'bob|1|alice');
    // Bob read the first three on his phone; this device opens the chat now.
    await phone.V2NIMMessageService.sendP2PMessageReceipt(messages[texts.read.length - 1] as never);
    await world.server.settle();
    return { engine: world.engineFor(world.server.login('bob')), messages };
  });
  return ready ? (
    <Providers engine={ready.engine} locale={locale}>
      <Chat messages={ready.messages} label={texts.chat} />
    </Providers>
  ) : null;
}

/** Opens at the line, above Alice's first message Bob had not read, in the toolbar's language. */
export const Default: Story = {
  render: (_args, { globals }) => (
    <BobOpensTheChat key={storyLocale(globals)} locale={storyLocale(globals)} />
  ),
  play: async ({ canvasElement, globals }) => {
    const locale = storyLocale(globals);
    await expectLineAbove(canvasElement, locale, TEXTS[locale].unread[0]!);
  },
};

/** The same chat in a Chinese app: 以下为新消息, read in a Chinese voice (`lang="zh-CN"`). */
export const Chinese: Story = {
  ...Default,
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expectLineAbove(canvasElement, 'zh-CN', TEXTS['zh-CN'].unread[0]!);
    await expect(canvasElement.textContent).not.toMatch(/[A-Za-z]/);
  },
};

/**
 * The line alone (it needs only the strings), as a list of the app's own places it: above the
 * message whose key is `useUnreadSeparator(conversationId, { messages }).firstUnreadKey`.
 */
export const Alone: Story = {
  render: (_args, { globals }) => (
    <ReceiptStringsProvider locale={storyLocale(globals)}>
      <div style={{ width: 320 }}>
        <UnreadSeparator />
      </div>
    </ReceiptStringsProvider>
  ),
  play: async ({ canvasElement, globals }) => {
    const text = storyLocale(globals) === 'zh-CN' ? '以下为新消息' : 'Unread messages';
    await expect(within(canvasElement).getByText(text)).toBeVisible();
  },
};

async function expectLineAbove(canvasElement: HTMLElement, locale: ReceiptLocale, text: string) {
  const words = locale === 'zh-CN' ? '以下为新消息' : 'Unread messages';
  // Plain text in the row, before the message: read by every screen reader as it goes down the chat.
  const line = await within(canvasElement).findByText(words);
  await expect(line).toHaveAttribute('lang', locale);
  await expect(line).toHaveClass('readmark-unread-separator');
  await expect(line.closest('article')?.textContent).toBe(`${words}${text}`);
  // Opened at the line, not at the newest message: the line is in view.
  await waitFor(() => expect(line).toBeVisible());
  const scroller = canvasElement.querySelector('.readmark-message-scroller')!;
  await waitFor(() => {
    const box = line.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(view.top);
    expect(box.bottom).toBeLessThanOrEqual(view.bottom);
  });
}
