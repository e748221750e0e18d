import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useCallback, useEffect, useRef, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { element, provider, snippet, sourceFrom } from '../../../../.storybook/usage';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { MessageList } from './MessageList';
import type { MessageListHandle } from './MessageListHandle';
import type { MessageListProps } from './MessageListProps';
import { ReadTick } from './ReadTick';
import { Providers, storyLocale, useWorld, type World } from './testWorld.test';

/**
 * A virtualized chat list that opens at the newest message, follows new ones, shows a "new messages"
 * pill when scrolled up and marks messages read only once they were really seen. Stories run against
 * the in-memory NIM server.
 */
const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  args: { isMarkingRead: true, readDwellMs: 300, isScrollingToOwnMessages: true },
  // The Controls panel sets true or false; an app may also give a function (see its TSDoc). The
  // others are optional (`| undefined`), which Storybook shows as a JSON box unless told.
  argTypes: {
    isScrollingToOwnMessages: { control: 'boolean' },
    isMarkingRead: { control: 'boolean' },
    readDwellMs: { control: { type: 'number', min: 0, step: 100 } },
  },
  // Messages, rendering and names come from the story's world ("Load Older" shows `onLoadOlder`);
  // these reach every list a story shows.
  parameters: {
    controls: {
      editable: ['isMarkingRead', 'readDwellMs', 'isScrollingToOwnMessages', 'className'],
    },
    docs: { source: sourceFrom<ListArgs>((args, locale) => listUsage(args, locale)) },
  },
} satisfies Meta<typeof MessageList>;
export default meta;
/** What the Controls panel changes, on every list of the story ("Load Older": its `onLoadOlder` spy). */
type ListArgs = Pick<
  MessageListProps<ReceiptMessage>,
  'isMarkingRead' | 'readDwellMs' | 'isScrollingToOwnMessages' | 'className' | 'onLoadOlder'
>;
type Story = StoryObj<ListArgs>;

type Locale = { locale: ReceiptLocale };

/** "Show code": a chat's list with the story's props; `isPaged` adds older history on demand. */
function listUsage(
  { isMarkingRead, readDwellMs, isScrollingToOwnMessages, className }: ListArgs,
  locale: ReceiptLocale,
  { isPaged = false } = {},
) {
  const list = element('MessageList', {
    code: [
      'conversationId={conversationId}',
      'messages={messages}',
      'renderMessage={renderMessage}',
      ...(isPaged
        ? ['onLoadOlder={hasOlder ? loadOlder : undefined}', 'isLoadingOlder={isLoading}']
        : []),
      ...(isScrollingToOwnMessages === false ? ['isScrollingToOwnMessages={false}'] : []),
      ...(isMarkingRead === false ? ['isMarkingRead={false}'] : []),
      ...(readDwellMs !== undefined && readDwellMs !== 300 ? [`readDwellMs={${readDwellMs}}`] : []),
    ],
    props: { className: className ?? 'chat-list' },
    indent: isPaged ? '    ' : '  ',
  });
  const renderMessage = `
/** One row. Keep it stable (module level or useCallback): rows are memoized on it. */
function renderMessage(message) {
  return (
    <div className="bubble">
      {message.text} <ReadTick message={message} />
    </div>
  );
}`;
  const scrolling =
    isScrollingToOwnMessages === false
      ? ''
      : `
// A message you send brings the list to the end. NIM syncs your other devices' sends with your
// own senderId; to follow only this device's, pass a function to isScrollingToOwnMessages:
//   (message) => sentHere.has(message.messageClientId)`;
  if (!isPaged) {
    return snippet({
      imports: ['MessageList', 'ReadTick', 'ReceiptProvider'],
      body: `${renderMessage}

// messages: the conversation's V2NIMMessage[], oldest first; .chat-list { height: 480px }${scrolling}
${provider(list, { locale })}`,
    });
  }
  return snippet({
    imports: ['MessageList', 'ReadTick'],
    extraImports: ["import { useCallback, useState } from 'react';"],
    body: `${renderMessage}

/** Inside <ReceiptProvider>: the newest page first, older pages when the reader reaches the top. */
function Chat({ nim, conversationId, firstPage }) {
  const [messages, setMessages] = useState(firstPage); // oldest first
  const [hasOlder, setHasOlder] = useState(true);
  const [isLoading, setIsLoading] = useState(false);
  const loadOlder = useCallback(async () => {
    setIsLoading(true);
    try {
      const older = await nim.V2NIMMessageService.getMessageList({
        conversationId,
        anchorMessage: messages[0],
        limit: 20,
      });
      setMessages((current) => [...older.reverse(), ...current]);
      setHasOlder(older.length === 20);
    } finally {
      setIsLoading(false); // a failed page leaves the list usable (the top asks again)
    }
  }, [nim, conversationId, messages]);
  return (
${list}
  );
}`,
  });
}

/** The app's own words around the lists (an app localizes these itself). */
const APP_STRINGS = {
  en: {
    empty: 'empty',
    atNewest: 'at the newest',
    scrolledUp: 'scrolled up, new messages below',
    carolAndDave: 'Carol and Dave',
    bobAndAliceAtNewest: 'Bob and Alice, at the newest',
    bobAndAliceScrolledUp: 'Bob and Alice, scrolled up',
    aliceChat: "Alice's chat with Bob",
    bobChat: "Bob's chat with Alice",
    aliceSends: 'Alice sends',
    bobSends: 'Bob sends',
    bobReadsNewest: 'Bob reads the newest',
    jumpToFirst: 'Jump to message 1',
    jumpToMiddle: 'Jump to message 2,500',
    backToNewest: 'Back to the newest',
  },
  'zh-CN': {
    empty: '空列表',
    atNewest: '停在最新消息',
    scrolledUp: '已向上滚动，下方有新消息',
    // Alice, Bob, Carol and Dave are 王芳, 张伟, 陈晨 and 李娜 in the Chinese app.
    carolAndDave: '陈晨和李娜',
    bobAndAliceAtNewest: '张伟和王芳，停在最新消息',
    bobAndAliceScrolledUp: '张伟和王芳，已向上滚动',
    aliceChat: '王芳与张伟的聊天',
    bobChat: '张伟与王芳的聊天',
    aliceSends: '王芳发一条消息',
    bobSends: '张伟发一条消息',
    bobReadsNewest: '张伟读最新一条',
    jumpToFirst: '跳到第1条',
    jumpToMiddle: '跳到第2,500条',
    backToNewest: '回到最新',
  },
} satisfies Record<ReceiptLocale, unknown>;

/**
 * The chats' repeating lines, and the two messages Alice sends to a scrolled-up list, in each
 * language (a story's world is built in its language: its renders are keyed by the locale).
 */
const CHAT_TEXTS = {
  en: {
    lines: ['ok', 'see you at the station at six, the train leaves at quarter past', 'sure!'],
    areYouThere: 'are you there?',
    trainIsLate: 'the train is late',
  },
  'zh-CN': {
    lines: ['好的', '六点在火车站见，火车六点一刻开', '没问题！'],
    areYouThere: '在吗？',
    trainIsLate: '火车晚点了',
  },
} satisfies Record<ReceiptLocale, unknown>;
const LINES = CHAT_TEXTS.en.lines;

/** A logged-in client with its engine, in the story's world. */
interface Device {
  world: World;
  client: MemoryClient;
  engine: ReceiptEngine;
  /**
   * Sends a text message from this device. The SDK delivers it to the other devices
   * (`onReceiveMessages`) but not back to the one that sent it, whose app shows it itself:
   * this device's lists hear of it through `onSent`.
   */
  send: (conversationId: string, text: string) => Promise<ReceiptMessage>;
  /** Calls `listener` after each `send` of this device; returns the unsubscribe. */
  onSent: (listener: () => void) => () => void;
}

function deviceOf(world: World, client: MemoryClient): Device {
  const listeners = new Set<() => void>();
  return {
    world,
    client,
    engine: world.engineFor(client),
    send: async (conversationId, text) => {
      const message = await world.send(client, { conversationId, text });
      for (const listener of listeners) listener();
      return message;
    },
    onSent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `count` (forty) messages between Alice and Bob, every third one from Bob; then their devices. */
async function chatHistory(world: World, count = 40, locale: ReceiptLocale = 'en') {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const lines = CHAT_TEXTS[locale].lines;
  for (let index = 0; index < count; index++) {
    const isBob = index % 3 === 0;
    await world.send(isBob ? bob : alice, {
      conversationId: isBob ? 'bob|1|alice' : 'alice|1|bob',
      text: `${index + 1}: ${lines[index % lines.length]}`,
    });
  }
  return { world, alice: deviceOf(world, alice), bob: deviceOf(world, bob) };
}

/** A chat bubble with the tick under own messages. */
function Bubble({ message, isOwn }: { message: ReceiptMessage; isOwn: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: isOwn ? 'flex-end' : 'flex-start', padding: 4 }}>
      <div
        style={{
          maxWidth: '70%',
          padding: '6px 10px',
          borderRadius: 12,
          border: '1px solid var(--readmark-border)',
        }}
      >
        {(message as { text?: string }).text ?? message.messageClientId}{' '}
        {isOwn && <ReadTick message={message} />}
      </div>
    </div>
  );
}

/**
 * One device's list, kept in sync with the memory server's history: reloaded when the device
 * receives a message and after it sends one (so its own messages show, and `isScrollingToOwnMessages`
 * can bring the list to them).
 */
function DeviceList({
  device: { world, client, engine, onSent },
  conversationId,
  locale,
  id,
  title,
  label,
  isEmpty = false,
  onMessages,
  renderMessage: renderOwnMessage,
  list: { onLoadOlder: _notPaged, ...list },
}: Locale & {
  list: ListArgs;
  device: Device;
  conversationId: string;
  /** `data-device` of the list's frame, for play functions (the title is localized). */
  id: string;
  title: string;
  /** Name of the list region when a story shows several lists. */
  label?: string;
  isEmpty?: boolean;
  onMessages?: (messages: ReceiptMessage[], frame: HTMLElement) => void;
  /** The rows as the story draws them; defaults to a {@link Bubble} per message. */
  renderMessage?: MessageListProps<ReceiptMessage>['renderMessage'];
}) {
  const [messages, setMessages] = useState<ReceiptMessage[]>([]);
  const frameRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isEmpty) return;
    let isActive = true;
    const reload = () =>
      void world.history(client, conversationId).then((next) => {
        if (isActive) setMessages(next);
      });
    reload();
    client.V2NIMMessageService.on('onReceiveMessages', reload);
    const stopSent = onSent(reload);
    return () => {
      isActive = false;
      client.V2NIMMessageService.off('onReceiveMessages', reload);
      stopSent();
    };
  }, [world, client, onSent, conversationId, isEmpty]);
  const onMessagesRef = useRef(onMessages);
  useEffect(() => {
    if (frameRef.current && messages.length > 0)
      onMessagesRef.current?.(messages, frameRef.current);
  }, [messages]);
  const renderBubble = useCallback(
    (message: ReceiptMessage) => (
      <Bubble message={message} isOwn={message.senderId === client.accountId} />
    ),
    [client.accountId],
  );
  const renderMessage = renderOwnMessage ?? renderBubble;
  return (
    <Providers engine={engine} locale={locale}>
      <div data-device={id} style={{ display: 'grid', gap: 4 }}>
        <strong>{title}</strong>
        <div
          ref={frameRef}
          style={{ height: 320, width: 300, border: '1px solid var(--readmark-border)' }}
        >
          <MessageList
            {...list}
            conversationId={conversationId}
            messages={messages}
            renderMessage={renderMessage}
            label={label}
          />
        </div>
      </div>
    </Providers>
  );
}

function BobsList({ locale, list }: Locale & { list: ListArgs }) {
  const ready = useWorld((world) => chatHistory(world, 40, locale));
  if (!ready) return null;
  return (
    <DeviceList
      device={ready.bob}
      conversationId="bob|1|alice"
      locale={locale}
      id="Bob"
      title={NAMES[locale].bob}
      list={list}
    />
  );
}

/** Bob's device: forty messages, opened at the newest; what he sees is marked read. */
export const Default: Story = {
  render: (args, { globals }) => (
    <BobsList key={storyLocale(globals)} locale={storyLocale(globals)} list={args} />
  ),
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const name = storyLocale(globals) === 'en' ? 'Messages' : '消息列表';
    const region = await canvas.findByRole('region', { name });
    await waitFor(() => expect(within(region).getByText(/^40: /)).toBeVisible(), { timeout: 3000 });
    // Virtualized: only the rows in view (plus a few) are rendered.
    await expect(region.querySelectorAll('.readmark-message-row').length).toBeLessThan(25);
  },
};

/**
 * Scrolls the list to the top, then Alice sends two messages Bob has not seen. The list's own first
 * scroll to the newest message can still be settling (more slowly on a busy machine), so the top is
 * asked for again each frame until the list has said for two frames running that it left the end.
 */
function scrollUpThenReceive(alice: Device, locale: ReceiptLocale) {
  let isDone = false;
  return (_messages: ReceiptMessage[], frame: HTMLElement) => {
    if (isDone) return;
    isDone = true;
    let framesUp = 0;
    let framesLeft = 600;
    const scrollUp = () => {
      if (--framesLeft < 0) return;
      const scroller = frame.querySelector<HTMLElement>('.readmark-message-scroller')!;
      const isUp =
        scroller.scrollTop === 0 &&
        frame.querySelector('[data-at-end]')?.getAttribute('data-at-end') === 'false';
      framesUp = isUp ? framesUp + 1 : 0;
      if (framesUp < 2) {
        scroller.scrollTop = 0;
        scroller.dispatchEvent(new Event('scroll'));
        requestAnimationFrame(scrollUp);
        return;
      }
      void (async () => {
        await alice.send('alice|1|bob', CHAT_TEXTS[locale].areYouThere);
        await alice.send('alice|1|bob', CHAT_TEXTS[locale].trainIsLate);
      })();
    };
    requestAnimationFrame(scrollUp);
  };
}

function EveryState({ locale, list }: Locale & { list: ListArgs }) {
  const ready = useWorld(async (world) => {
    const chat = await chatHistory(world, 40, locale);
    return { ...chat, carol: deviceOf(world, world.server.login('carol')) };
  });
  if (!ready) return null;
  const { alice, bob, carol } = ready;
  const strings = APP_STRINGS[locale];
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'start' }}>
      <DeviceList
        device={carol}
        conversationId="carol|1|dave"
        locale={locale}
        id="empty"
        title={strings.empty}
        label={strings.carolAndDave}
        isEmpty
        list={list}
      />
      <DeviceList
        device={bob}
        conversationId="bob|1|alice"
        locale={locale}
        id="at the newest"
        title={strings.atNewest}
        label={strings.bobAndAliceAtNewest}
        list={list}
      />
      <DeviceList
        device={bob}
        conversationId="bob|1|alice"
        locale={locale}
        id="scrolled up, new messages below"
        title={strings.scrolledUp}
        label={strings.bobAndAliceScrolledUp}
        onMessages={scrollUpThenReceive(alice, locale)}
        list={list}
      />
    </div>
  );
}

/**
 * The pill of the scrolled-up list of `EveryState`, once Alice's two new messages arrived, and that
 * the list at the newest message followed them instead.
 */
async function findPill(canvasElement: HTMLElement, locale: ReceiptLocale) {
  const scrolled = within(
    await waitFor(() => {
      const element = canvasElement.querySelector<HTMLElement>(
        '[data-device="scrolled up, new messages below"]',
      );
      if (!element) throw new Error('not rendered yet');
      return element;
    }),
  );
  const pill = await scrolled.findByRole(
    'button',
    { name: locale === 'en' ? '2 new messages' : '2条新消息' },
    { timeout: 4000 },
  );
  const atEnd = canvasElement.querySelector<HTMLElement>('[data-device="at the newest"]')!;
  await waitFor(() =>
    expect(within(atEnd).getByText(CHAT_TEXTS[locale].trainIsLate)).toBeVisible(),
  );
  return { scrolled, pill };
}

/**
 * An empty list, a list at its newest message, and one scrolled up with the new-messages pill
 * (press it, or see "Pressing The Pill").
 */
export const AllStates: Story = {
  render: (args, { globals }) => (
    <EveryState key={storyLocale(globals)} locale={storyLocale(globals)} list={args} />
  ),
  // Leaves every state as it is described: the third list stays scrolled up, its pill showing.
  play: async ({ canvasElement, globals }) => {
    const locale = storyLocale(globals);
    const { scrolled } = await findPill(canvasElement, locale);
    await expect(scrolled.queryByText(CHAT_TEXTS[locale].trainIsLate)).toBeNull();
  },
};

/** The pill takes the scrolled-up list to the newest message and leaves. */
export const PressingThePill: Story = {
  render: AllStates.render,
  play: async ({ canvasElement, globals }) => {
    const locale = storyLocale(globals);
    const { scrolled, pill } = await findPill(canvasElement, locale);
    await userEvent.click(pill);
    await waitFor(() => expect(scrolled.queryByRole('button')).toBeNull(), { timeout: 3000 });
    await waitFor(() => expect(scrolled.getByText(CHAT_TEXTS[locale].trainIsLate)).toBeVisible());
  },
};

/**
 * The same lists in a Chinese app: Chinese messages, the lists' names and the pill ("2条新消息") in
 * Simplified Chinese.
 */
export const Chinese: Story = {
  ...AllStates,
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const { scrolled } = await findPill(canvasElement, 'zh-CN');
    await expect(scrolled.queryByText('火车晚点了')).toBeNull();
    const atNewest = await canvas.findByRole('region', { name: '张伟和王芳，停在最新消息' });
    await expect(within(atNewest).getByText('在吗？')).toBeVisible();
    await expect(within(atNewest).getByText('40: 好的')).toBeVisible();
    await expect(canvas.getByRole('region', { name: '陈晨和李娜' })).toBeVisible();
    // No English left in the story.
    await expect(canvasElement.textContent).not.toMatch(/[A-Za-z]/);
  },
};

/** docs/theming.md, "Short chats at the bottom": the rows' container pushed down by a margin. */
const shortChatAtEnd = `.short-at-end .readmark-message-scroller { display: flex; flex-direction: column; }
.short-at-end .readmark-message-rows { margin-block-start: auto; }`;

function ShortChat({ locale, list }: Locale & { list: ListArgs }) {
  const ready = useWorld((world) => chatHistory(world, 3));
  if (!ready) return null;
  return (
    <div className="short-at-end">
      <style>{shortChatAtEnd}</style>
      <DeviceList
        device={ready.bob}
        conversationId="bob|1|alice"
        locale={locale}
        id="Bob"
        title="Bob"
        list={list}
      />
    </div>
  );
}

/**
 * A chat of three messages shown from the bottom, next to where a composer would be, as WhatsApp,
 * Telegram and Slack do, with two lines of the app's CSS (the kit's default is the top, as WeChat's).
 */
export const ShortChatAtTheBottom: Story = {
  parameters: { docs: { source: { code: shortChatAtEnd, language: 'css' } } },
  render: (args, { globals }) => <ShortChat locale={storyLocale(globals)} list={args} />,
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const name = storyLocale(globals) === 'en' ? 'Messages' : '消息列表';
    const region = await canvas.findByRole('region', { name });
    await waitFor(() => expect(within(region).getByText(/^3: /)).toBeVisible(), { timeout: 3000 });
    const rows = region.querySelectorAll('.readmark-message-row');
    await expect(rows).toHaveLength(3);
    const bottom = region.getBoundingClientRect().bottom;
    await expect(rows[2]!.getBoundingClientRect().bottom).toBeCloseTo(bottom, 0);
  },
};

function LiveChat({
  locale,
  list,
  isBobTalking = true,
}: Locale & { list: ListArgs; isBobTalking?: boolean }) {
  const ready = useWorld(async (world, onCleanup) => {
    const chat = await chatHistory(world);
    if (!isBobTalking) return chat;
    // Bob keeps talking: a message every two seconds, on his list as he sends it and on Alice's.
    let count = 0;
    const timer = setInterval(() => {
      count += 1;
      void chat.bob.send('bob|1|alice', `Bob says ${count}`);
    }, 2000);
    onCleanup(() => clearInterval(timer));
    return chat;
  });
  if (!ready) return null;
  const { alice, bob } = ready;
  const strings = APP_STRINGS[locale];
  return (
    // Wraps on a narrow screen: the two lists stay on the story's themed surface.
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'start' }}>
      <div style={{ display: 'grid', gap: 8 }}>
        <DeviceList
          device={alice}
          conversationId="alice|1|bob"
          locale={locale}
          id="Alice"
          title="Alice"
          label={strings.aliceChat}
          list={list}
        />
        <button type="button" onClick={() => void alice.send('alice|1|bob', 'Alice says hi')}>
          {strings.aliceSends}
        </button>
      </div>
      <DeviceList
        device={bob}
        conversationId="bob|1|alice"
        locale={locale}
        id="Bob"
        title="Bob"
        label={strings.bobChat}
        list={list}
      />
    </div>
  );
}

/**
 * Alice (left) and Bob (right), each on a device of their own. Bob writes every two seconds; his list
 * shows each message as he sends it and marks what he really sees as read, so Alice's ticks turn to
 * "Read". Scroll Alice's list up: Bob's new messages show the pill. Press "Alice sends": her own
 * message brings her list to the end (`isScrollingToOwnMessages`; turn it off in Controls and she
 * stays where she was). Scrolled up, Bob's list comes back to the end with his next message the
 * same way.
 */
export const Live: Story = {
  render: (args, { globals }) => <LiveChat locale={storyLocale(globals)} list={args} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    // Generous: a busy machine may be slow, and each wait ends as soon as its state shows.
    const timeout = 15_000;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Alice sends' }, { timeout }));
    const alice = within(canvasElement.querySelector<HTMLElement>('[data-device="Alice"]')!);
    const bob = within(canvasElement.querySelector<HTMLElement>('[data-device="Bob"]')!);
    // Each device shows what it sent itself, without waiting for the other's next message.
    await waitFor(() => expect(alice.getByText(/^Alice says hi/)).toBeVisible(), { timeout });
    // Bob's list shows the new message at the bottom and marks it read after the dwell time.
    await waitFor(
      () => {
        const bubble = alice.getByText('Alice says hi');
        expect(within(bubble).getByRole('img')).toHaveAccessibleName('Read');
      },
      { timeout },
    );
    await waitFor(() => expect(alice.getByText(/^Bob says 1/)).toBeVisible(), { timeout });
    await waitFor(() => expect(bob.getByText(/^Bob says 1/)).toBeVisible(), { timeout });
  },
};

/**
 * `isMarkingRead={false}` (say, a preview pane, or a chat the app knows is behind another window):
 * both lists show every message but send no receipts. Bob has Alice's new message on screen, yet
 * her tick stays "Sent", and so do all of his.
 */
export const NotMarkingRead: Story = {
  render: Live.render,
  args: { isMarkingRead: false },
  play: async ({ canvasElement, globals }) => {
    // Generous: a busy machine may be slow, and each wait ends as soon as its state shows.
    const timeout = 15_000;
    const canvas = within(canvasElement);
    const aliceSends = APP_STRINGS[storyLocale(globals)].aliceSends;
    await userEvent.click(await canvas.findByRole('button', { name: aliceSends }, { timeout }));
    const device = (title: string) =>
      canvasElement.querySelector<HTMLElement>(`[data-device="${title}"]`)!;
    await waitFor(() => expect(within(device('Bob')).getByText('Alice says hi')).toBeVisible(), {
      timeout,
    });
    await waitFor(() => expect(within(device('Alice')).getByText('Alice says hi')).toBeVisible(), {
      timeout,
    });
    // Well past the read dwell (300 ms) and the flush: nothing was acknowledged. (A slow machine can
    // only delay a stray receipt past the checks below, which then pass: it cannot make them fail.)
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Bob's own messages are on his list too (sent by this device, shown without a delivery).
    await waitFor(() => expect(within(device('Bob')).getByText(/^Bob says 1/)).toBeVisible(), {
      timeout,
    });
    const statuses = (title: string) =>
      [...device(title).querySelectorAll('.readmark-tick')].map((tick) =>
        tick.getAttribute('data-status'),
      );
    await expect(statuses('Alice').length).toBeGreaterThan(3);
    await expect(new Set(statuses('Alice'))).toEqual(new Set(['sent']));
    await expect(new Set(statuses('Bob'))).toEqual(new Set(['sent']));
  },
};

/** How many messages the app asks the server for at a time. */
const PAGE = 20;
const OLDER_STRINGS = {
  en: {
    shown: (count: number, isAll: boolean) =>
      `${count} messages${isAll ? ', the whole history' : ''}`,
  },
  'zh-CN': {
    shown: (count: number, isAll: boolean) => `${count}条消息${isAll ? '，已是全部历史' : ''}`,
  },
} satisfies Record<ReceiptLocale, unknown>;

/**
 * Bob's device with sixty messages on the server: the app shows the newest twenty and fetches
 * twenty older ones (`getMessageList` before the oldest shown) whenever `onLoadOlder` asks.
 */
function OlderOnDemand({
  locale,
  list: { onLoadOlder: reportLoadOlder, ...list },
}: Locale & { list: ListArgs }) {
  const ready = useWorld((world) => chatHistory(world, 60));
  const [messages, setMessages] = useState<ReceiptMessage[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [hasOlder, setHasOlder] = useState(true);
  const client = ready?.bob.client;
  const page = useCallback(
    async (anchorMessage?: ReceiptMessage) => {
      const found = await client!.V2NIMMessageService.getMessageList({
        conversationId: 'bob|1|alice',
        limit: PAGE,
        ...(anchorMessage ? { anchorMessage: anchorMessage as never } : {}),
      });
      return [...(found as ReceiptMessage[])].sort((a, b) => a.createTime - b.createTime);
    },
    [client],
  );
  useEffect(() => {
    if (client) void page().then(setMessages);
  }, [client, page]);
  const oldest = messages[0];
  const loadOlder = useCallback(() => {
    reportLoadOlder?.();
    setIsLoading(true);
    // A little network time, so the loading line can be seen.
    setTimeout(() => {
      void page(oldest).then((older) => {
        setMessages((current) => [...older, ...current]);
        setHasOlder(older.length === PAGE);
        setIsLoading(false);
      });
    }, 500);
  }, [page, oldest, reportLoadOlder]);
  const renderMessage = useCallback(
    (message: ReceiptMessage) => <Bubble message={message} isOwn={message.senderId === 'bob'} />,
    [],
  );
  if (!ready) return null;
  const strings = OLDER_STRINGS[locale];
  return (
    <Providers engine={ready.bob.engine} locale={locale}>
      <div style={{ display: 'grid', gap: 4, width: 300 }}>
        {/* The list itself shows and says "Loading older messages…" (isLoadingOlder). */}
        <span role="status" data-count={isLoading ? undefined : messages.length}>
          {strings.shown(messages.length, !hasOlder)}
        </span>
        <div style={{ height: 320, border: '1px solid var(--readmark-border)' }}>
          <MessageList
            {...list}
            conversationId="bob|1|alice"
            messages={messages}
            renderMessage={renderMessage}
            onLoadOlder={hasOlder ? loadOlder : undefined}
            isLoadingOlder={isLoading}
            label={APP_STRINGS[locale].bobChat}
          />
        </div>
      </div>
    </Providers>
  );
}

/**
 * `onLoadOlder`: scrolled to the top, the list asks for older history; the app prepends twenty
 * messages and what was on screen stays where it was. At the first message the app stops passing
 * `onLoadOlder`.
 */
export const LoadOlder: Story = {
  render: (args, { globals }) => <OlderOnDemand locale={storyLocale(globals)} list={args} />,
  // Each call also reaches the Actions panel.
  args: { onLoadOlder: fn() },
  parameters: {
    docs: {
      source: sourceFrom<ListArgs>((args, locale) => listUsage(args, locale, { isPaged: true })),
    },
  },
  play: async ({ args, canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const region = await canvas.findByRole('region', {
      name: APP_STRINGS[storyLocale(globals)].bobChat,
    });
    const status = canvas.getByRole('status');
    await waitFor(() => expect(status).toHaveAttribute('data-count', '20'));
    await waitFor(() => expect(within(region).getByText(/^60: /)).toBeVisible());
    const topOf = (text: RegExp) => within(region).getByText(text).getBoundingClientRect().top;
    /** Scrolls to the top, where `oldest` is the first message, and waits for `count` messages. */
    const loadBefore = async (oldest: RegExp, count: number) => {
      region.scrollTop = 0;
      await waitFor(() => expect(within(region).getByText(oldest)).toBeVisible());
      const top = topOf(oldest);
      // While the page loads, the list says so over its top.
      await waitFor(() =>
        expect(canvasElement.querySelector('.readmark-loading-older')).not.toBeNull(),
      );
      await waitFor(() => expect(status).toHaveAttribute('data-count', String(count)), {
        timeout: 3000,
      });
      // The older messages went above: the reader still looks at the same message, in place.
      await waitFor(() => expect(Math.abs(topOf(oldest) - top)).toBeLessThan(2));
      await expect(region.scrollTop).toBeGreaterThan(100);
    };
    await loadBefore(/^41: /, 40);
    await loadBefore(/^21: /, 60);
    // One more ask finds nothing older: the whole history is shown.
    region.scrollTop = 0;
    await waitFor(() => expect(within(region).getByText(/^1: /)).toBeVisible());
    await waitFor(() => expect(status).toHaveTextContent(/whole history|全部历史/), {
      timeout: 3000,
    });
    await expect(args.onLoadOlder).toHaveBeenCalledTimes(3);
  },
};

/**
 * Alice's chat of `count` messages: the older ones made up in the page (`older-1`…, their text
 * numbered from 1), plus the newest, sent through the server, so Bob can acknowledge it.
 */
async function aliceLongChat(world: World, count: number) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  const newest = await world.send(alice, {
    conversationId: 'alice|1|bob',
    text: `${count}: ${LINES[0]}`,
  });
  const older: ReceiptMessage[] = Array.from({ length: count - 1 }, (_, index) => ({
    ...newest,
    messageClientId: `older-${index + 1}`,
    messageServerId: `older-${index + 1}`,
    // Spread below the newest's time, all positive: the world's clock starts near 1,000 ms, and a
    // time of `newest - count + index` was negative for most of them, which no receipt can cover,
    // so those messages showed no tick at all.
    createTime: (newest.createTime * (index + 1)) / count,
    text: `${index + 1}: ${LINES[index % LINES.length]}`,
  }));
  return { world, alice, bob, engine: world.engineFor(alice), messages: [...older, newest] };
}

const LONG_HISTORY = 100_000;

/**
 * Alice's chat of 100,000 messages: 99,999 older ones made up in the page, plus the newest, sent
 * through the server; Bob reading it acknowledges everything before it too (SPEC P2).
 */
function LongHistory({ locale, list }: Locale & { list: ListArgs }) {
  const ready = useWorld((world) => aliceLongChat(world, LONG_HISTORY));
  const renderMessage = useCallback(
    (message: ReceiptMessage) => <Bubble message={message} isOwn />,
    [],
  );
  if (!ready) return null;
  const { world, bob, engine, messages } = ready;
  const strings = APP_STRINGS[locale];
  const bobReads = async () => {
    const [copy] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(copy as never);
  };
  return (
    <Providers engine={engine} locale={locale}>
      <div style={{ display: 'grid', gap: 8, width: 320 }}>
        <button type="button" onClick={() => void bobReads()}>
          {strings.bobReadsNewest}
        </button>
        <div style={{ height: 360, border: '1px solid var(--readmark-border)' }}>
          <MessageList
            {...list}
            conversationId="alice|1|bob"
            messages={messages}
            renderMessage={renderMessage}
            label={strings.aliceChat}
          />
        </div>
      </div>
    </Providers>
  );
}

/**
 * 100,000 messages: the list opens at once at the newest, renders only the rows in view, and grows
 * its window of the history as you scroll up (it starts with the newest 2,000). One receipt from Bob
 * turns every tick to "Read".
 */
export const HundredThousandMessages: Story = {
  render: (args, { globals }) => <LongHistory locale={storyLocale(globals)} list={args} />,
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const region = await canvas.findByRole('region', {
      name: APP_STRINGS[storyLocale(globals)].aliceChat,
    });
    await waitFor(() => expect(within(region).getByText(/^100000: /)).toBeVisible(), {
      timeout: 4000,
    });
    await expect(region.querySelectorAll('.readmark-message-row').length).toBeLessThan(40);
    if (storyLocale(globals) === 'en') {
      await userEvent.click(canvas.getByRole('button', { name: 'Bob reads the newest' }));
      await waitFor(() =>
        expect(within(region).getAllByRole('img', { name: 'Read' }).length).toBeGreaterThan(3),
      );
      await expect(within(region).queryAllByRole('img', { name: 'Sent' })).toHaveLength(0);
    }
    // Near the top of the window, 1,000 older messages join it above, without moving the view.
    const heightBefore = region.scrollHeight;
    region.scrollTop = 100;
    await waitFor(() => expect(region.scrollHeight).toBeGreaterThan(heightBefore));
    await expect(region.querySelectorAll('.readmark-message-row').length).toBeLessThan(40);
  },
};

const JUMP_HISTORY = 5_000;

/** "Show code" of JumpToAMessage. */
const jumpUsage = snippet({
  imports: ['MessageList'],
  extraImports: ["import { useRef } from 'react';"],
  body: `
/** Inside <ReceiptProvider>. With TypeScript: useRef<MessageListHandle>(null). */
function Chat({ conversationId, messages, renderMessage, quotedMessage }) {
  const listRef = useRef(null);
  // scrollToMessage is false when no message has that key (load older history, then call again)
  const showQuoted = () =>
    listRef.current?.scrollToMessage(quotedMessage.messageClientId, { behavior: 'smooth' });
  return (
    <>
      {quotedMessage && <button onClick={showQuoted}>Go to the quoted message</button>}
      <MessageList
        listRef={listRef}
        conversationId={conversationId}
        messages={messages}
        renderMessage={renderMessage}
      />
    </>
  );
}`,
});

/**
 * Alice's chat of 5,000 messages, with buttons that scroll it through the list's handle: the oldest
 * message is beyond the 2,000 the list virtualizes first.
 */
function JumpAround({ locale, list }: Locale & { list: ListArgs }) {
  const ready = useWorld((world) => aliceLongChat(world, JUMP_HISTORY));
  const listRef = useRef<MessageListHandle>(null);
  const renderMessage = useCallback(
    (message: ReceiptMessage) => <Bubble message={message} isOwn />,
    [],
  );
  if (!ready) return null;
  const strings = APP_STRINGS[locale];
  return (
    <Providers engine={ready.engine} locale={locale}>
      <div style={{ display: 'grid', gap: 8, width: 320 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <button
            type="button"
            onClick={() => listRef.current?.scrollToMessage('older-1', { align: 'start' })}
          >
            {strings.jumpToFirst}
          </button>
          <button
            type="button"
            onClick={() => listRef.current?.scrollToMessage('older-2500', { behavior: 'smooth' })}
          >
            {strings.jumpToMiddle}
          </button>
          <button type="button" onClick={() => listRef.current?.scrollToEnd()}>
            {strings.backToNewest}
          </button>
        </div>
        <div style={{ height: 360, border: '1px solid var(--readmark-border)' }}>
          <MessageList
            {...list}
            listRef={listRef}
            conversationId="alice|1|bob"
            messages={ready.messages}
            renderMessage={renderMessage}
            label={strings.aliceChat}
          />
        </div>
      </div>
    </Providers>
  );
}

/**
 * `listRef`: the app scrolls the list to a message by its key (a quoted message, a search result),
 * even one older than the part of the history the list has virtualized so far, and back to the
 * newest. "Jump to message 2,500" glides (`behavior: 'smooth'`), jumping near it first.
 */
export const JumpToAMessage: Story = {
  render: (args, { globals }) => <JumpAround locale={storyLocale(globals)} list={args} />,
  parameters: { docs: { source: sourceFrom<ListArgs>(() => jumpUsage) } },
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const strings = APP_STRINGS[storyLocale(globals)];
    const region = await canvas.findByRole('region', { name: strings.aliceChat });
    await waitFor(() => expect(within(region).getByText(/^5000: /)).toBeVisible(), {
      timeout: 4000,
    });
    await userEvent.click(canvas.getByRole('button', { name: strings.jumpToFirst }));
    await waitFor(() => expect(within(region).getByText(/^1: /)).toBeVisible());
    await userEvent.click(canvas.getByRole('button', { name: strings.jumpToMiddle }));
    await waitFor(() => expect(within(region).getByText(/^2500: /)).toBeVisible(), {
      timeout: 4000,
    });
    await userEvent.click(canvas.getByRole('button', { name: strings.backToNewest }));
    await waitFor(() => expect(within(region).getByText(/^5000: /)).toBeVisible(), {
      timeout: 4000,
    });
  },
};

/** Messages of one sender less than this apart form one run, under one name. */
const RUN_GAP_MS = 5 * 60_000;
/** The senders' names shown above their runs, in each language. */
const NAMES = {
  en: { alice: 'Alice', bob: 'Bob' },
  'zh-CN': { alice: '王芳', bob: '张伟' },
} satisfies Record<ReceiptLocale, Record<string, string>>;

/** Local midnight at the start of the day of `time`. */
const startOfDay = (time: number) => new Date(time).setHours(0, 0, 0, 0);

/** `time` on the day `daysAgo` days before today, at `hoursMinutes` ("18:30") local time. */
function localTime(daysAgo: number, hoursMinutes: string) {
  const [hours, minutes] = hoursMinutes.split(':').map(Number);
  const date = new Date();
  date.setDate(date.getDate() - daysAgo);
  return date.setHours(hours!, minutes!, 0, 0);
}

/** The platform's formatters per language, made once. */
const formattersOf = new Map<ReceiptLocale, ReturnType<typeof makeFormatters>>();
function makeFormatters(locale: ReceiptLocale) {
  return {
    relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
    weekday: new Intl.DateTimeFormat(locale, { weekday: 'long' }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }),
  };
}
function formatters(locale: ReceiptLocale) {
  let found = formattersOf.get(locale);
  if (!found) {
    found = makeFormatters(locale);
    formattersOf.set(locale, found);
  }
  return found;
}

/**
 * A day separator's text in the reader's language, all from `Intl`: "Today" / "今天", "Yesterday" /
 * "昨天", the weekday within the last week, else the date.
 */
function dayLabel(time: number, locale: ReceiptLocale) {
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((startOfDay(time) - startOfDay(Date.now())) / 86_400_000);
  const { relative, weekday, date } = formatters(locale);
  const label =
    days >= -1 ? relative.format(days, 'day') : (days > -7 ? weekday : date).format(time);
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}

/**
 * A row drawn from the message and the one above it (`previous`): a day separator above the first
 * message of a day, and the sender's name above the first of a run (the same sender, the same day,
 * less than five minutes apart). Own messages are on the right, with their tick and no name.
 */
function DayAndSenderRow({
  message,
  previous,
  me,
  locale,
}: {
  message: ReceiptMessage;
  previous: ReceiptMessage | undefined;
  me: string;
  locale: ReceiptLocale;
}) {
  const isNewDay =
    previous === undefined || startOfDay(previous.createTime) !== startOfDay(message.createTime);
  const isNewRun =
    isNewDay ||
    previous.senderId !== message.senderId ||
    message.createTime - previous.createTime > RUN_GAP_MS;
  const isOwn = message.senderId === me;
  const muted = { fontSize: '0.75rem', color: 'var(--readmark-muted)' };
  return (
    <div>
      {isNewDay && (
        <div data-day="" style={{ ...muted, textAlign: 'center', padding: '12px 0 4px' }}>
          {dayLabel(message.createTime, locale)}
        </div>
      )}
      <div
        style={{
          display: 'flex',
          justifyContent: isOwn ? 'flex-end' : 'flex-start',
          padding: isNewRun ? '6px 8px 1px' : '1px 8px',
        }}
      >
        <div style={{ maxWidth: '75%' }}>
          {isNewRun && !isOwn && (
            <div data-sender="" style={{ fontSize: '0.75rem', fontWeight: 600 }}>
              {(NAMES[locale] as Record<string, string>)[message.senderId] ?? message.senderId}
            </div>
          )}
          <div
            style={{
              padding: '4px 10px',
              borderRadius: 12,
              border: '1px solid var(--readmark-border)',
            }}
          >
            {(message as { text?: string }).text ?? message.messageClientId}{' '}
            <span style={{ ...muted, whiteSpace: 'nowrap' }}>
              {formatters(locale).time.format(message.createTime)}
            </span>{' '}
            {isOwn && <ReadTick message={message} />}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Alice and Bob's chat over four days: days ago, the sender, the local time and the text. */
const DAY_SCRIPT: [
  daysAgo: number,
  sender: 'alice' | 'bob',
  time: string,
  text: Record<ReceiptLocale, string>,
][] = [
  [9, 'bob', '18:30', { en: 'Are we still on for the trip?', 'zh-CN': '旅行还按原计划吗？' }],
  [9, 'alice', '18:32', { en: 'Yes! Booking the tickets now', 'zh-CN': '是的！我正在订票' }],
  [3, 'bob', '08:05', { en: 'The tickets came through', 'zh-CN': '票订好了' }],
  [3, 'bob', '08:06', { en: 'Window seats, both of us', 'zh-CN': '两个都是靠窗座位' }],
  [3, 'alice', '09:40', { en: 'Perfect, thank you', 'zh-CN': '太好了，谢谢' }],
  [1, 'alice', '21:10', { en: 'Packing tonight', 'zh-CN': '今晚收拾行李' }],
  [1, 'alice', '21:11', { en: 'Do I need a jacket?', 'zh-CN': '要带外套吗？' }],
  [1, 'bob', '21:30', { en: 'It gets cold in the evening', 'zh-CN': '晚上会冷' }],
  [1, 'bob', '21:31', { en: 'Bring one', 'zh-CN': '带一件吧' }],
  [0, 'bob', '07:45', { en: 'Leaving home now', 'zh-CN': '我现在出门' }],
  [0, 'bob', '07:46', { en: 'Meet at the ticket hall?', 'zh-CN': '在售票大厅见？' }],
  [0, 'alice', '07:52', { en: 'On my way', 'zh-CN': '我在路上了' }],
  [0, 'alice', '07:53', { en: 'Platform 4', 'zh-CN': '4号站台' }],
];

/** What "Bob sends" sends, numbered, in each language. */
const BOB_SAYS = {
  en: (count: number) => `Bob says ${count}`,
  'zh-CN': (count: number) => `我到车站了（${count}）`,
} satisfies Record<ReceiptLocale, unknown>;

/** The start of a message of `DAY_SCRIPT` (by its English text) in `locale`, as a pattern. */
function dayText(english: string, locale: ReceiptLocale): RegExp {
  const line = DAY_SCRIPT.find(([, , , text]) => text.en.startsWith(english));
  const text = line?.[3][locale] ?? english;
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/**
 * The server's clock for "Day Separators And Grouping": the times the script sets while the
 * history is written, then the real time (never going back).
 */
function scriptedClock() {
  let time = 0;
  let isLive = false;
  return {
    now: () => (time = isLive ? Math.max(Date.now(), time + 1) : time + 1),
    /** The next message is sent at `next`. */
    setNext: (next: number) => {
      time = next - 1;
    },
    goLive: () => {
      isLive = true;
    },
  };
}

/** "Show code" of "Day Separators And Grouping": `renderMessage(message, previous)` with Intl. */
function dayUsage({ className }: ListArgs, locale: ReceiptLocale) {
  const list = element('MessageList', {
    code: [
      'conversationId={conversationId}',
      'messages={messages}',
      'renderMessage={renderMessage}',
    ],
    props: { className: className ?? 'chat-list' },
    indent: '  ',
  });
  return snippet({
    imports: ['MessageList', 'ReadTick', 'ReceiptProvider'],
    body: `
const startOfDay = (time) => new Date(time).setHours(0, 0, 0, 0);
const relative = new Intl.RelativeTimeFormat('${locale}', { numeric: 'auto' });
const weekday = new Intl.DateTimeFormat('${locale}', { weekday: 'long' });
const date = new Intl.DateTimeFormat('${locale}', { dateStyle: 'medium' });
const RUN_GAP_MS = 5 * 60_000; // a sender's run breaks after five quiet minutes

/** "today", "yesterday", the weekday within a week, then the date (capitalize with ::first-letter). */
function dayLabel(time) {
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((startOfDay(time) - startOfDay(Date.now())) / 86_400_000);
  if (days >= -1) return relative.format(days, 'day');
  return (days > -7 ? weekday : date).format(time);
}

/**
 * previous: the message drawn just above (undefined for the oldest). Keep this function stable
 * (module level or useCallback): rows are memoized on it, their message and previous.
 */
function renderMessage(message, previous) {
  const isNewDay = !previous || startOfDay(previous.createTime) !== startOfDay(message.createTime);
  const isNewRun =
    isNewDay ||
    previous.senderId !== message.senderId ||
    message.createTime - previous.createTime > RUN_GAP_MS;
  return (
    <>
      {isNewDay && <div className="day-separator">{dayLabel(message.createTime)}</div>}
      <div className="bubble">
        {isNewRun && <strong>{message.senderId}</strong>}
        {message.text} <ReadTick message={message} />
      </div>
    </>
  );
}

${provider(list, { locale })}`,
  });
}

function DayChat({ locale, list }: Locale & { list: ListArgs }) {
  const [clock] = useState(scriptedClock);
  const ready = useWorld(
    async (world) => {
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      for (const [daysAgo, sender, time, text] of DAY_SCRIPT) {
        clock.setNext(localTime(daysAgo, time));
        await world.send(sender === 'alice' ? alice : bob, {
          conversationId: sender === 'alice' ? 'alice|1|bob' : 'bob|1|alice',
          text: text[locale],
        });
      }
      clock.goLive();
      return { alice: deviceOf(world, alice), bob: deviceOf(world, bob) };
    },
    { now: clock.now },
  );
  const renderMessage = useCallback(
    (message: ReceiptMessage, previous: ReceiptMessage | undefined) => (
      <DayAndSenderRow message={message} previous={previous} me="alice" locale={locale} />
    ),
    [locale],
  );
  const sentRef = useRef(0);
  if (!ready) return null;
  const strings = APP_STRINGS[locale];
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <DeviceList
        device={ready.alice}
        conversationId="alice|1|bob"
        locale={locale}
        id="Alice"
        title={NAMES[locale].alice}
        label={strings.aliceChat}
        renderMessage={renderMessage}
        list={list}
      />
      <button
        type="button"
        onClick={() => void ready.bob.send('bob|1|alice', BOB_SAYS[locale](++sentRef.current))}
      >
        {strings.bobSends}
      </button>
    </div>
  );
}

/**
 * `renderMessage(message, previous)`: Alice's chat with Bob over four days, a separator above each
 * day ("Today", "Yesterday", a weekday, a date, in the toolbar's language through `Intl`) and a
 * sender's name only above the first message of a run. Scroll up: older rows get their separator
 * from the message above. Press "Bob sends" twice: his name shows above the first only.
 */
export const DaySeparatorsAndGrouping: Story = {
  render: (args, { globals }) => (
    <DayChat key={storyLocale(globals)} locale={storyLocale(globals)} list={args} />
  ),
  parameters: { docs: { source: sourceFrom<ListArgs>(dayUsage) } },
  play: async ({ canvasElement, globals }) => {
    const locale = storyLocale(globals);
    const strings = APP_STRINGS[locale];
    const canvas = within(canvasElement);
    const region = await canvas.findByRole('region', { name: strings.aliceChat });
    const rowOf = (text: RegExp) =>
      within(region).getByText(text).closest<HTMLElement>('.readmark-message-row')!;
    const bob = NAMES[locale].bob;
    const text = (english: string) => dayText(english, locale);
    const bobSays = (count: number) =>
      new RegExp(`^${BOB_SAYS[locale](count).replace(/[()]/g, '\\$&')}`);
    // At the newest: today's run of Alice's under Bob's, below today's separator.
    await waitFor(() => expect(within(region).getByText(text('Platform 4'))).toBeVisible(), {
      timeout: 3000,
    });
    await expect(rowOf(text('Leaving home')).querySelector('[data-day]')).toHaveTextContent(
      dayLabel(Date.now(), locale),
    );
    await expect(rowOf(text('Leaving home')).querySelector('[data-sender]')).toHaveTextContent(bob);
    await expect(rowOf(text('Meet at')).querySelector('[data-sender]')).toBeNull();
    await expect(rowOf(text('Meet at')).querySelector('[data-day]')).toBeNull();

    // Bob's two new messages: one name, above the first.
    const bobSends = canvas.getByRole('button', { name: strings.bobSends });
    await userEvent.click(bobSends);
    await waitFor(() => expect(within(region).getByText(bobSays(1))).toBeVisible());
    await userEvent.click(bobSends);
    await waitFor(() => expect(within(region).getByText(bobSays(2))).toBeVisible());
    await expect(rowOf(bobSays(1)).querySelector('[data-sender]')).toHaveTextContent(bob);
    await expect(rowOf(bobSays(2)).querySelector('[data-sender]')).toBeNull();

    // The oldest message, under its date.
    region.scrollTop = 0;
    await waitFor(() => expect(within(region).getByText(text('Are we still on'))).toBeVisible());
    await expect(rowOf(text('Are we still on')).querySelector('[data-day]')).toHaveTextContent(
      dayLabel(localTime(9, '18:30'), locale),
    );
  },
};

/**
 * "Day Separators And Grouping" in a Chinese app: "今天", "昨天", weekdays and dates, 王芳's chat
 * with 张伟 in Chinese, his name above the first message of each run.
 */
export const DaySeparatorsInChinese: Story = {
  ...DaySeparatorsAndGrouping,
  globals: { locale: 'zh-CN' },
  play: async (context) => {
    await DaySeparatorsAndGrouping.play?.(context);
    const region = within(context.canvasElement).getByRole('region', { name: '王芳与张伟的聊天' });
    await expect(within(region).getByText(/^旅行还按原计划吗？/)).toBeVisible();
    await expect(
      within(region).getAllByText('张伟', { selector: '[data-sender]' }).length,
    ).toBeGreaterThan(0);
    await expect(context.canvasElement.textContent).not.toMatch(/[A-Za-z]/);
  },
};
