/**
 * The "Unread messages" line over the real engine, nim transport and memory server: where it goes
 * when a chat opens, that it stays there while the reader reads, and what another chat does to it.
 */
import {
  createReceiptEngine,
  type ReceiptEngine,
  type ReceiptMessage,
  type ReceiptTransport,
  selectSelfReadTime,
} from '@readmark/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { receiptWorldPerTest, type WorldDevice } from '../../../core/src/testing/receiptWorld';
import { UnreadSeparator } from '../components/UnreadSeparator';
import type { ReceiptLocale } from '../i18n';
import { ReceiptProvider } from '../ReceiptProvider';
import { useUnreadSeparator } from './useUnreadSeparator';

const world = receiptWorldPerTest();
const tick = (ms: number) => act(() => world.tick(ms));
afterEach(cleanup);

/** A chat as an app draws it from `renderMessage`: the line inside the row of the first unread. */
function Chat(props: { conversationId: string; messages: ReceiptMessage[] }) {
  const { firstUnreadKey } = useUnreadSeparator(props.conversationId, { messages: props.messages });
  return (
    <ul>
      {props.messages.map((message) => (
        <li key={message.messageClientId} data-testid={message.messageClientId}>
          {message.messageClientId === firstUnreadKey && <UnreadSeparator />}
          {message.messageClientId}
        </li>
      ))}
    </ul>
  );
}

function show(
  device: WorldDevice,
  chat: { conversationId: string; messages: ReceiptMessage[] },
  locale: ReceiptLocale = 'en',
) {
  const ui = (next: typeof chat) => (
    <ReceiptProvider engine={device.engine} locale={locale}>
      <Chat {...next} />
    </ReceiptProvider>
  );
  const view = render(ui(chat));
  return { ...view, show: (next: typeof chat) => view.rerender(ui(next)) };
}

/** Bob's chat with Alice shown over `engine`; `showOn` gives the provider another engine. */
function showOn(engine: ReceiptEngine, messages: ReceiptMessage[]) {
  const ui = (current: ReceiptEngine) => (
    <ReceiptProvider engine={current}>
      <Chat conversationId="B|1|A" messages={messages} />
    </ReceiptProvider>
  );
  const view = render(ui(engine));
  return { ...view, showOn: (next: ReceiptEngine) => view.rerender(ui(next)) };
}

const engines: ReceiptEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

/** An engine of Bob over his device's transport, its `getSelfReadTime` replaced (or left out). */
function bobsEngine(
  transport: ReceiptTransport,
  getSelfReadTime: ReceiptTransport['getSelfReadTime'],
): ReceiptEngine {
  const { getSelfReadTime: _real, ...rest } = transport;
  const engine = createReceiptEngine({
    accountId: 'B',
    transport: getSelfReadTime ? { ...rest, getSelfReadTime } : rest,
  });
  engines.push(engine);
  return engine;
}

/** {@link Chat} whose messages may still be loading. */
function LoadingChat(props: { messages: ReceiptMessage[]; isLoading: boolean }) {
  const { firstUnreadKey } = useUnreadSeparator('B|1|A', props);
  return (
    <ul>
      {props.messages.map((message) => (
        <li key={message.messageClientId} data-testid={message.messageClientId}>
          {message.messageClientId === firstUnreadKey && <UnreadSeparator />}
        </li>
      ))}
    </ul>
  );
}

/** Shows the first unread key (or 'none') of the given, maybe malformed, options. */
function KeyProbe(props: { messages: unknown; getMessageKey?: unknown }) {
  const { firstUnreadKey } = useUnreadSeparator('B|1|A', {
    messages: props.messages as ReceiptMessage[],
    getMessageKey: props.getMessageKey as never,
  });
  return <output>{firstUnreadKey ?? 'none'}</output>;
}

/** Catches what its children throw while rendering. */
class Boundary extends Component<{ children: ReactNode; onError: (error: unknown) => void }> {
  override state = { isFailed: false };
  static getDerivedStateFromError() {
    return { isFailed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.isFailed ? null : this.props.children;
  }
}

/** Shows the first unread key (or 'none') of a call without options, or with null ones. */
function NoOptionsProbe(props: { options?: null }) {
  const { firstUnreadKey } = useUnreadSeparator('B|1|A', props.options as never);
  return <output>{firstUnreadKey ?? 'none'}</output>;
}

/** The row the line is in, or null when there is none. */
function rowWithLine(): string | null {
  const lines = document.querySelectorAll('.readmark-unread-separator');
  expect(lines.length).toBeLessThanOrEqual(1);
  return lines[0]?.closest('li')?.getAttribute('data-testid') ?? null;
}

/**
 * Alice writes Bob a1 (100); Bob reads it on his phone (a receipt sent there, not by this engine),
 * answers b1 (150); Alice writes a2 (200) and a3 (300). Bob's copies, oldest first, and his device.
 */
async function bobReadUpToA1() {
  const alice = world.device('A');
  const phone = world.device('B');
  const a1 = await world.send(alice, 'A|1|B', { at: 100 });
  await world.settle();
  await phone.client.V2NIMMessageService.sendP2PMessageReceipt(world.copyOf(phone, a1) as never);
  const b1 = await world.send(phone, 'B|1|A', { at: 150 });
  const a2 = await world.send(alice, 'A|1|B', { at: 200 });
  const a3 = await world.send(alice, 'A|1|B', { at: 300 });
  await world.settle();
  const bob = world.device('B');
  const messages = [world.copyOf(phone, a1), b1, world.copyOf(phone, a2), world.copyOf(phone, a3)];
  return { alice, bob, messages };
}

describe('useUnreadSeparator with UnreadSeparator', () => {
  it('stands above the first message from the other side Bob had not read, its words plain text for screen readers', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [, , a2] = messages;
    show(bob, { conversationId: 'B|1|A', messages });
    expect(rowWithLine()).toBeNull(); // the read time is still being asked
    await tick(0);
    // Not above b1, Bob's own answer, though it came after what he had read.
    expect(rowWithLine()).toBe(a2!.messageClientId);
    // Read in the row's flow: no role or aria-label that some screen readers never speak.
    const line = screen.getByText('Unread messages');
    expect(line.getAttribute('lang')).toBe('en');
    expect(line.className).toBe('readmark-unread-separator');
    expect(line.getAttribute('role')).toBeNull();
    expect(line.getAttribute('aria-hidden')).toBeNull();
  });

  it('stays above the same message while the engine marks the chat read, and for messages that come meanwhile', async () => {
    const { alice, bob, messages } = await bobReadUpToA1();
    const [, , a2, a3] = messages;
    const view = show(bob, { conversationId: 'B|1|A', messages });
    await tick(0);
    expect(rowWithLine()).toBe(a2!.messageClientId);

    bob.engine.markRead([a3!]);
    await tick(1000);
    expect(selectSelfReadTime(bob.engine.store.getState(), 'B|1|A')).toBe(300);
    expect(rowWithLine()).toBe(a2!.messageClientId);

    const a4 = await world.send(alice, 'A|1|B', { at: 400 });
    await tick(0);
    view.show({ conversationId: 'B|1|A', messages: [...messages, world.copyOf(bob, a4)] });
    expect(rowWithLine()).toBe(a2!.messageClientId);
  });

  it('moves with the conversation: another chat has its own line, and a chat read since has none', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [, , a2, a3] = messages;
    const carol = world.device('C');
    const c1 = await world.send(carol, 'C|1|B', { at: 500 });
    await world.settle();
    const fromCarol = [world.copyOf(bob, c1)];
    const view = show(bob, { conversationId: 'B|1|A', messages });
    await tick(0);
    expect(rowWithLine()).toBe(a2!.messageClientId);
    bob.engine.markRead([a3!]);
    await tick(1000);

    view.show({ conversationId: 'B|1|C', messages: fromCarol });
    expect(rowWithLine()).toBeNull(); // never the line of the chat before, not even for a render
    await tick(0);
    expect(rowWithLine()).toBe(fromCarol[0]!.messageClientId);

    view.show({ conversationId: 'B|1|A', messages });
    await tick(0);
    expect(rowWithLine()).toBeNull();
  });

  it('shows no line when everything was read, only my own messages came after, or messages came while open', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [a1, b1, , a3] = messages;
    const view = show(bob, { conversationId: 'B|1|A', messages: [a1!, b1!] });
    await tick(0);
    expect(rowWithLine()).toBeNull();
    view.unmount();

    bob.engine.markRead([a3!]);
    await tick(1000);
    const again = show(bob, { conversationId: 'B|1|A', messages });
    await tick(0);
    expect(rowWithLine()).toBeNull();

    // Alice writes while the chat is open: Bob sees it come, no line starts above it.
    const a4 = await world.send(world.device('A'), 'A|1|B', { at: 400 });
    await tick(0);
    again.show({ conversationId: 'B|1|A', messages: [...messages, world.copyOf(bob, a4)] });
    await tick(0);
    expect(rowWithLine()).toBeNull();
  });

  it('waits for the messages while isLoading, and starts no line in a chat that was empty when opened', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [, , a2] = messages;
    const view = render(
      <ReceiptProvider engine={bob.engine}>
        <LoadingChat messages={[]} isLoading />
      </ReceiptProvider>,
    );
    await tick(0);
    view.rerender(
      <ReceiptProvider engine={bob.engine}>
        <LoadingChat messages={messages} isLoading={false} />
      </ReceiptProvider>,
    );
    expect(rowWithLine()).toBe(a2!.messageClientId);
    view.unmount();

    // Carol's chat is empty when Bob opens it (nothing loading): her first message starts no line.
    const carol = world.device('C');
    const empty = render(
      <ReceiptProvider engine={bob.engine}>
        <Chat conversationId="B|1|C" messages={[]} />
      </ReceiptProvider>,
    );
    await tick(0);
    const c1 = await world.send(carol, 'C|1|B', { at: 500 });
    await tick(0);
    empty.rerender(
      <ReceiptProvider engine={bob.engine}>
        <Chat conversationId="B|1|C" messages={[world.copyOf(bob, c1)]} />
      </ReceiptProvider>,
    );
    await tick(0);
    expect(rowWithLine()).toBeNull();
  });

  it('in a team, stands above the first message after the conversation read time Bob had when he opened it', async () => {
    world.server.createTeam({ teamId: 'T', memberIds: ['A', 'B', 'C'] });
    const alice = world.device('A');
    const bob = world.device('B');
    const g1 = await world.send(alice, 'A|2|T', { at: 100 });
    await world.settle();
    await bob.client.V2NIMConversationService.markConversationRead('B|2|T');
    const g2 = await world.send(alice, 'A|2|T', { at: 200 });
    const g3 = await world.send(alice, 'A|2|T', { at: 300, isFlagged: true });
    await world.settle();
    const messages = [g1, g2, g3].map((message) => world.copyOf(bob, message));
    const view = show(bob, { conversationId: 'B|2|T', messages });
    await tick(0);
    expect(rowWithLine()).toBe(g2.messageClientId);

    await bob.client.V2NIMConversationService.markConversationRead('B|2|T');
    bob.engine.markRead(messages);
    await tick(1000);
    expect(await bob.transport.getSelfReadTime?.('B|2|T')).toBe(300);
    view.show({ conversationId: 'B|2|T', messages: [...messages] });
    await tick(0);
    expect(rowWithLine()).toBe(g2.messageClientId);
  });

  it('renders on the server without a line and without asking anything, then shows it in the browser', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const calls = bob.calls.getSelfReadTime.length;
    const html = renderToString(
      <ReceiptProvider engine={bob.engine}>
        <Chat conversationId="B|1|A" messages={messages} />
        <UnreadSeparator />
      </ReceiptProvider>,
    );
    // Only the line rendered on its own: the hook has no read time before its effect runs.
    expect(html.match(/readmark-unread-separator/g)).toHaveLength(1);
    expect(html).toContain('>Unread messages</div>');
    expect(bob.calls.getSelfReadTime.length).toBe(calls);
  });

  it('says 以下为新消息 in Chinese, in a Chinese voice', async () => {
    const { bob, messages } = await bobReadUpToA1();
    show(bob, { conversationId: 'B|1|A', messages }, 'zh-CN');
    await tick(0);
    const line = screen.getByText('以下为新消息');
    expect(line.getAttribute('lang')).toBe('zh-CN');
    expect(line.className).toBe('readmark-unread-separator');
  });

  it('one-to-one shows no line where nothing tells the read time: no getSelfReadTime, or a failed answer', async () => {
    const { bob, messages } = await bobReadUpToA1();
    // Not above a1, the oldest message from Alice, as a read time of 0 put it.
    for (const getSelfReadTime of [undefined, () => Promise.reject(new Error('offline'))]) {
      const engine = bobsEngine(bob.transport, getSelfReadTime);
      const view = showOn(engine, messages);
      await tick(0);
      expect(rowWithLine()).toBeNull();
      view.unmount();
    }
  });

  it('one-to-one takes the read time the engine knows when the transport tells none or an older one (P11)', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [a1, , a2] = messages;
    for (const getSelfReadTime of [undefined, async () => 0]) {
      const engine = bobsEngine(bob.transport, getSelfReadTime);
      // NIM's read-time sync from Bob's phone, as it reaches a device logged in while he reads there.
      bob.deliver({ type: 'selfReadTime', conversationId: 'B|1|A', readTime: a1!.createTime });
      const view = showOn(engine, messages);
      await tick(0);
      expect(rowWithLine()).toBe(a2!.messageClientId);
      view.unmount();
    }
  });

  it('stays put when the provider gets a new engine of the same account while Bob reads', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [, , a2, a3] = messages;
    const view = showOn(bob.engine, messages);
    await tick(0);
    expect(rowWithLine()).toBe(a2!.messageClientId);
    bob.engine.markRead([a3!]);
    await tick(1000);
    // An <Activity> shown again, or a transport swapped, gives the provider a new engine of Bob.
    const again = world.device('B');
    view.showOn(again.engine);
    await tick(0);
    expect(await again.transport.getSelfReadTime?.('B|1|A')).toBe(300);
    expect(rowWithLine()).toBe(a2!.messageClientId);
  });

  it('asks the read time once per opening: a new engine of the same account asks only while none has answered', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [, , a2] = messages;
    // Bob's first engine never hears back (its transport gone before it answered): the next asks.
    const unanswered = bobsEngine(bob.transport, () => new Promise<number>(() => {}));
    const view = showOn(unanswered, messages);
    await tick(1000);
    expect(rowWithLine()).toBeNull();
    view.showOn(bob.engine);
    await tick(0);
    expect(rowWithLine()).toBe(a2!.messageClientId);
    expect(bob.calls.getSelfReadTime).toEqual([['B|1|A']]);

    // Answered, it is not asked again: the answer would be dropped, the line keeping its place.
    const again = world.device('B');
    view.showOn(again.engine);
    await tick(1000);
    expect(again.calls.getSelfReadTime).toEqual([]);
    expect(bob.calls.getSelfReadTime).toHaveLength(1);
    expect(rowWithLine()).toBe(a2!.messageClientId);
  });

  it('is off without options, or with null ones: no line, nothing asked, nothing thrown', async () => {
    const { bob } = await bobReadUpToA1();
    const wrapper = (ui: ReactNode) => <ReceiptProvider engine={bob.engine}>{ui}</ReceiptProvider>;
    const view = render(wrapper(<NoOptionsProbe />));
    await tick(0);
    expect(screen.getByRole('status').textContent).toBe('none');
    view.rerender(wrapper(<NoOptionsProbe options={null} />));
    await tick(0);
    expect(screen.getByRole('status').textContent).toBe('none');
    // MessageList calls it so while its `unreadLine` is off: it must cost no round trip.
    expect(bob.calls.getSelfReadTime).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['an empty string', ''],
    ["another account's id", 'A|1|B'],
    ['an unknown conversation type', 'B|9|A'],
  ])('shows no line and throws nothing for %s as the conversation', async (_name, id) => {
    const { bob, messages } = await bobReadUpToA1();
    show(bob, { conversationId: id as string, messages });
    await tick(0);
    expect(rowWithLine()).toBeNull();
  });

  it('skips entries that are not messages, and shows none for messages that are not an array', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const [a1, b1, a2, a3] = messages;
    const bad = [null, a1, 'x', b1, { ...a2, createTime: 'late' }, a3];
    const wrapper = (ui: ReactNode) => <ReceiptProvider engine={bob.engine}>{ui}</ReceiptProvider>;
    const view = render(wrapper(<KeyProbe messages={bad} />));
    await tick(0);
    expect(screen.getByRole('status').textContent).toBe(a3!.messageClientId);
    view.rerender(wrapper(<KeyProbe messages={{ length: 3 }} />));
    expect(screen.getByRole('status').textContent).toBe('none');
  });

  it('throws a ReceiptError 191004 for a getMessageKey that is not a function', async () => {
    const { bob, messages } = await bobReadUpToA1();
    const caught: unknown[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      render(
        <ReceiptProvider engine={bob.engine}>
          <Boundary onError={(error) => caught.push(error)}>
            <KeyProbe messages={messages} getMessageKey="messageClientId" />
          </Boundary>
        </ReceiptProvider>,
      );
    } finally {
      console.error = original;
    }
    expect(caught[0]).toMatchObject({ name: 'ReceiptError', code: 191004 });
  });
});
