import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useCallback, useEffect, useRef } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { useUnreadSeparator } from '../hooks/useUnreadSeparator';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReceiptStringsProvider } from '../i18n/ReceiptStringsProvider';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import { Providers, storyLocale, useWorld } from './testWorld.test';
import { UnreadSeparator } from './UnreadSeparator';

const USAGE = `import { MessageList, UnreadSeparator, useUnreadSeparator } from '@readmark/react';
import { useCallback, useEffect, useRef } from 'react';

/** Inside <ReceiptProvider>; mounted when the chat opens (the line is where unread began then). */
function Chat({ conversationId, messages }) {
  const listRef = useRef(null);
  const boxRef = useRef(null);
  const hasOpenedAtLine = useRef(false);
  const openedWithKey = useRef(undefined);
  const { firstUnreadKey } = useUnreadSeparator(conversationId, { messages });
  const newestKey = messages[messages.length - 1]?.messageClientId ?? '';
  const renderMessage = useCallback(
    (message) => (
      <>
        {message.messageClientId === firstUnreadKey && <UnreadSeparator />}
        <div className="bubble">{message.text}</div>
      </>
    ),
    [firstUnreadKey],
  );
  // Open at the first unread message instead of the newest: once, and only while the reader has
  // not moved (older unread history moves the key; a late read time must not pull back a reader
  // who has scrolled up, or whom the list took down to messages that came meanwhile).
  useEffect(() => {
    openedWithKey.current ??= newestKey; // the newest message when the chat opened
    if (!firstUnreadKey || hasOpenedAtLine.current) return;
    hasOpenedAtLine.current = true;
    if (
      newestKey === openedWithKey.current &&
      boxRef.current?.querySelector('[data-at-end="true"]')
    ) {
      listRef.current?.scrollToMessage(firstUnreadKey, { align: 'start' });
    }
  }, [firstUnreadKey, newestKey]);
  return (
    <div ref={boxRef} style={{ display: 'contents' }}>
      <MessageList
        conversationId={conversationId}
        messages={messages}
        renderMessage={renderMessage}
        listRef={listRef}
      />
    </div>
  );
}`;

/**
 * "Unread messages" (以下为新消息): a line above the first message Bob had not read when he opened
 * the chat, placed by `useUnreadSeparator` and kept there while he reads; the list opens at it with
 * `listRef.scrollToMessage(firstUnreadKey)`, once and only while he has not moved (the list still at
 * its end, no message added since it opened). Its words are plain text, read in the chat like the
 * messages. Stories run against the in-memory NIM server.
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

function Chat({ messages, label }: { messages: ReceiptMessage[]; label: string }) {
  const listRef = useRef<MessageListHandle>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const hasOpenedAtLine = useRef(false);
  const openedWithKey = useRef<string | undefined>(undefined);
  const { firstUnreadKey } = useUnreadSeparator('bob|1|alice', { messages });
  const newestKey = messages[messages.length - 1]?.messageClientId ?? '';
  const renderMessage = useCallback(
    (message: ReceiptMessage) => (
      <div style={{ padding: '4px 8px' }}>
        {message.messageClientId === firstUnreadKey && <UnreadSeparator />}
        <div style={{ padding: '8px 0' }}>{(message as { text?: string }).text}</div>
      </div>
    ),
    [firstUnreadKey],
  );
  useEffect(() => {
    openedWithKey.current ??= newestKey;
    if (!firstUnreadKey || hasOpenedAtLine.current) return;
    hasOpenedAtLine.current = true;
    if (
      newestKey === openedWithKey.current &&
      boxRef.current?.querySelector('[data-at-end="true"]')
    ) {
      listRef.current?.scrollToMessage(firstUnreadKey, { align: 'start' });
    }
  }, [firstUnreadKey, newestKey]);
  return (
    <div
      ref={boxRef}
      style={{ height: 260, width: 320, border: '1px solid var(--readmark-border)' }}
    >
      <MessageList
        conversationId="bob|1|alice"
        messages={messages}
        renderMessage={renderMessage}
        listRef={listRef}
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

/** The line alone (it needs only the strings), as an app's own list places it. */
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
  await expect(line.parentElement?.textContent).toBe(`${words}${text}`);
  // Opened at the line (scrollToMessage), not at the newest message: the line is in view.
  await waitFor(() => expect(line).toBeVisible());
  const scroller = canvasElement.querySelector('.readmark-message-scroller')!;
  await waitFor(() => {
    const box = line.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(view.top);
    expect(box.bottom).toBeLessThanOrEqual(view.bottom);
  });
}
