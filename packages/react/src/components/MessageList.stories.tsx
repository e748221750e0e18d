import type { ReceiptEngine, ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useCallback, useEffect, useRef, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { MessageList } from './MessageList';
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
} satisfies Meta<typeof MessageList>;
export default meta;
type Story = StoryObj;

type Locale = { locale: ReceiptLocale };

const LINES = ['ok', 'see you at the station at six, the train leaves at quarter past', 'sure!'];

/** A logged-in client with its engine, in the story's world. */
interface Device {
  world: World;
  client: MemoryClient;
  engine: ReceiptEngine;
}

const deviceOf = (world: World, client: MemoryClient): Device => ({
  world,
  client,
  engine: world.engineFor(client),
});

/** Forty messages between Alice and Bob, every third one from Bob; then their devices. */
async function chatHistory(world: World) {
  const alice = world.server.login('alice');
  const bob = world.server.login('bob');
  for (let index = 0; index < 40; index++) {
    const isBob = index % 3 === 0;
    await world.send(isBob ? bob : alice, {
      conversationId: isBob ? 'bob|1|alice' : 'alice|1|bob',
      text: `${index + 1}: ${LINES[index % LINES.length]}`,
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

/** One device's list, kept in sync with the memory server's history. */
function DeviceList({
  device: { world, client, engine },
  conversationId,
  locale,
  title,
  label,
  isEmpty = false,
  onMessages,
}: Locale & {
  device: Device;
  conversationId: string;
  title: string;
  /** Name of the list region when a story shows several lists. */
  label?: string;
  isEmpty?: boolean;
  onMessages?: (messages: ReceiptMessage[], frame: HTMLElement) => void;
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
    return () => {
      isActive = false;
      client.V2NIMMessageService.off('onReceiveMessages', reload);
    };
  }, [world, client, conversationId, isEmpty]);
  const onMessagesRef = useRef(onMessages);
  useEffect(() => {
    if (frameRef.current && messages.length > 0)
      onMessagesRef.current?.(messages, frameRef.current);
  }, [messages]);
  const renderMessage = useCallback(
    (message: ReceiptMessage) => (
      <Bubble message={message} isOwn={message.senderId === client.accountId} />
    ),
    [client.accountId],
  );
  return (
    <Providers engine={engine} locale={locale}>
      <div data-device={title} style={{ display: 'grid', gap: 4 }}>
        <strong>{title}</strong>
        <div
          ref={frameRef}
          style={{ height: 320, width: 300, border: '1px solid var(--readmark-border)' }}
        >
          <MessageList
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

function BobsList({ locale }: Locale) {
  const ready = useWorld(chatHistory);
  if (!ready) return null;
  return <DeviceList device={ready.bob} conversationId="bob|1|alice" locale={locale} title="Bob" />;
}

/** Bob's device: forty messages, opened at the newest; what he sees is marked read. */
export const Default: Story = {
  render: (_args, { globals }) => <BobsList locale={storyLocale(globals)} />,
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const name = storyLocale(globals) === 'en' ? 'Messages' : '消息列表';
    const region = await canvas.findByRole('region', { name });
    await waitFor(() => expect(within(region).getByText(/^40: /)).toBeVisible(), { timeout: 3000 });
    // Virtualized: only the rows in view (plus a few) are rendered.
    await expect(region.querySelectorAll('.readmark-message-row').length).toBeLessThan(25);
  },
};

/** Scrolls the list to the top once, then Alice sends two messages Bob has not seen. */
function scrollUpThenReceive({ world, client: alice }: Device) {
  let isDone = false;
  return (_messages: ReceiptMessage[], frame: HTMLElement) => {
    if (isDone) return;
    isDone = true;
    requestAnimationFrame(() => {
      const scroller = frame.querySelector<HTMLElement>('.readmark-message-scroller')!;
      scroller.scrollTop = 0;
      scroller.dispatchEvent(new Event('scroll'));
      setTimeout(async () => {
        await world.send(alice, { conversationId: 'alice|1|bob', text: 'are you there?' });
        await world.send(alice, { conversationId: 'alice|1|bob', text: 'the train is late' });
      }, 100);
    });
  };
}

function EveryState({ locale }: Locale) {
  const ready = useWorld(async (world) => {
    const chat = await chatHistory(world);
    return { ...chat, carol: deviceOf(world, world.server.login('carol')) };
  });
  if (!ready) return null;
  const { alice, bob, carol } = ready;
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'start' }}>
      <DeviceList
        device={carol}
        conversationId="carol|1|dave"
        locale={locale}
        title="empty"
        label="Carol and Dave"
        isEmpty
      />
      <DeviceList
        device={bob}
        conversationId="bob|1|alice"
        locale={locale}
        title="at the newest"
        label="Bob and Alice, at the newest"
      />
      <DeviceList
        device={bob}
        conversationId="bob|1|alice"
        locale={locale}
        title="scrolled up, new messages below"
        label="Bob and Alice, scrolled up"
        onMessages={scrollUpThenReceive(alice)}
      />
    </div>
  );
}

/** An empty list, a list at its newest message, and one scrolled up with the new-messages pill. */
export const AllStates: Story = {
  render: (_args, { globals }) => <EveryState locale={storyLocale(globals)} />,
  play: async ({ canvasElement, globals }) => {
    const isEnglish = storyLocale(globals) === 'en';
    const scrolled = within(
      canvasElement.querySelector<HTMLElement>('[data-device="scrolled up, new messages below"]') ??
        (await waitFor(() => {
          const element = canvasElement.querySelector<HTMLElement>(
            '[data-device="scrolled up, new messages below"]',
          );
          if (!element) throw new Error('not rendered yet');
          return element;
        })),
    );
    const pill = await scrolled.findByRole(
      'button',
      { name: isEnglish ? '2 new messages' : '2条新消息' },
      { timeout: 4000 },
    );
    // The list that was at the newest message followed the new ones instead.
    const atEnd = canvasElement.querySelector('[data-device="at the newest"]')!;
    await waitFor(() =>
      expect(within(atEnd as HTMLElement).getByText('the train is late')).toBeVisible(),
    );
    await userEvent.click(pill);
    await waitFor(() => expect(scrolled.queryByRole('button')).toBeNull(), { timeout: 3000 });
    await waitFor(() => expect(scrolled.getByText('the train is late')).toBeVisible());
  },
};

/** The pill and the list's name in Simplified Chinese. */
export const Chinese: Story = { ...AllStates, globals: { locale: 'zh-CN' } };

function LiveChat({ locale }: Locale) {
  const ready = useWorld(async (world, onCleanup) => {
    const chat = await chatHistory(world);
    // Bob keeps talking: a message every two seconds arrives on both devices.
    let count = 0;
    const timer = setInterval(() => {
      count += 1;
      void world.send(chat.bob.client, {
        conversationId: 'bob|1|alice',
        text: `Bob says ${count}`,
      });
    }, 2000);
    onCleanup(() => clearInterval(timer));
    return chat;
  });
  if (!ready) return null;
  const { world, alice, bob } = ready;
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'start' }}>
      <div style={{ display: 'grid', gap: 8 }}>
        <DeviceList
          device={alice}
          conversationId="alice|1|bob"
          locale={locale}
          title="Alice"
          label="Alice's chat with Bob"
        />
        <button
          type="button"
          onClick={() =>
            void world.send(alice.client, { conversationId: 'alice|1|bob', text: 'Alice says hi' })
          }
        >
          Alice sends
        </button>
      </div>
      <DeviceList
        device={bob}
        conversationId="bob|1|alice"
        locale={locale}
        title="Bob"
        label="Bob's chat with Alice"
      />
    </div>
  );
}

/**
 * Alice (left) and Bob (right). Bob writes every two seconds; Bob's list marks what he really sees as
 * read, so Alice's ticks turn to "Read". Scroll Bob up and press "Alice sends": the pill appears.
 */
export const Live: Story = {
  render: (_args, { globals }) => <LiveChat locale={storyLocale(globals)} />,
  play: async ({ canvasElement, globals }) => {
    if (storyLocale(globals) !== 'en') return;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Alice sends' }));
    const alice = within(canvasElement.querySelector<HTMLElement>('[data-device="Alice"]')!);
    // Bob's list shows the new message at the bottom and marks it read after the dwell time.
    await waitFor(
      () => {
        const bubble = alice.getByText('Alice says hi');
        expect(within(bubble).getByRole('img')).toHaveAccessibleName('Read');
      },
      { timeout: 4000 },
    );
    await waitFor(() => expect(alice.getByText(/^Bob says 1/)).toBeVisible(), { timeout: 4000 });
  },
};

const LONG_HISTORY = 100_000;

/**
 * Alice's chat of 100,000 messages: 99,999 older ones made up in the page, plus the newest, sent
 * through the server; Bob reading it acknowledges everything before it too (SPEC P2).
 */
function LongHistory({ locale }: Locale) {
  const ready = useWorld(async (world) => {
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const newest = await world.send(alice, {
      conversationId: 'alice|1|bob',
      text: `${LONG_HISTORY}: ${LINES[0]}`,
    });
    const older: ReceiptMessage[] = Array.from({ length: LONG_HISTORY - 1 }, (_, index) => ({
      ...newest,
      messageClientId: `older-${index}`,
      messageServerId: `older-${index}`,
      createTime: newest.createTime - LONG_HISTORY + index,
      text: `${index + 1}: ${LINES[index % LINES.length]}`,
    }));
    return { world, alice, bob, engine: world.engineFor(alice), messages: [...older, newest] };
  });
  const renderMessage = useCallback(
    (message: ReceiptMessage) => <Bubble message={message} isOwn />,
    [],
  );
  if (!ready) return null;
  const { world, bob, engine, messages } = ready;
  const bobReads = async () => {
    const [copy] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(copy as never);
  };
  return (
    <Providers engine={engine} locale={locale}>
      <div style={{ display: 'grid', gap: 8, width: 320 }}>
        <button type="button" onClick={() => void bobReads()}>
          Bob reads the newest
        </button>
        <div style={{ height: 360, border: '1px solid var(--readmark-border)' }}>
          <MessageList
            conversationId="alice|1|bob"
            messages={messages}
            renderMessage={renderMessage}
            label="Alice's chat with Bob"
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
  render: (_args, { globals }) => <LongHistory locale={storyLocale(globals)} />,
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const region = await canvas.findByRole('region', { name: "Alice's chat with Bob" });
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
