import {
  createReceiptEngine,
  MessageSendingState,
  type MessageStatus,
  type ReceiptMessage,
} from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { screen, waitFor } from '@testing-library/dom';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptLocale } from '../i18n/ReceiptStrings';
import { ReadTick } from './ReadTick';
import {
  cleanupApps,
  createWorld,
  Providers,
  renderApp,
  settle,
  teamWithMessage,
} from './testWorld.test';
import { UnreadBadge } from './UnreadBadge';

let world: ReturnType<typeof createWorld>;
afterEach(() => {
  cleanupApps();
  world?.dispose();
});

describe('ReadTick (P2P)', () => {
  for (const [locale, sent, read] of [
    ['en', 'Sent', 'Read'],
    ['zh-CN', '已发送', '已读'],
  ] as const) {
    it(`is "${sent}" until the peer reads, then "${read}" (${locale})`, async () => {
      world = createWorld();
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      const message = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
      renderApp(
        <Providers engine={world.engineFor(alice)} locale={locale}>
          <ReadTick message={message} />
        </Providers>,
      );
      const tick = await screen.findByRole('img', { name: sent });
      expect(tick.dataset.status).toBe('sent');

      const [received] = await world.history(bob, 'bob|1|alice');
      await bob.V2NIMMessageService.sendP2PMessageReceipt(received as never);
      await settle(world.server);

      expect(await screen.findByRole('img', { name: read })).toBe(tick);
      expect(tick.dataset.status).toBe('read');
    });
  }

  it('draws the app’s glyph from `renderIcon`, once per status, keeping the name, status and colour', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const message = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
    const drawn: MessageStatus[] = [];
    const renderIcon = (status: MessageStatus) => {
      drawn.push(status);
      return <b className="app-glyph">{status === 'read' ? '✓✓' : '✓'}</b>;
    };
    const app = (
      <Providers engine={world.engineFor(alice)}>
        <p style={{ color: 'rgb(1, 2, 3)' }}>
          <ReadTick message={message} renderIcon={renderIcon} />
        </p>
      </Providers>
    );
    const view = renderApp(app);
    const tick = await screen.findByRole('img', { name: 'Sent' });
    expect(tick.querySelector('svg')).toBeNull();
    expect(tick.textContent).toBe('✓');
    // The kit's stylesheet is not loaded here: the glyph takes the colour around it.
    expect(getComputedStyle(tick.querySelector('.app-glyph')!).color).toBe('rgb(1, 2, 3)');
    // The app renders again with the same function: nothing is drawn again.
    view.rerender(app);

    const [received] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(received as never);
    await settle(world.server);
    expect(await screen.findByRole('img', { name: 'Read' })).toBe(tick);
    expect(tick.dataset.status).toBe('read');
    expect(tick.textContent).toBe('✓✓');
    expect(drawn).toEqual(['sent', 'read']);
  });

  it('draws the built-in glyph when `renderIcon` is not a function, instead of throwing', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const message = await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <ReadTick message={message} renderIcon={'✓' as never} />
      </Providers>,
    );
    const tick = await screen.findByRole('img', { name: 'Sent' });
    expect(tick.querySelector('svg path')?.getAttribute('d')).toBe('M6 8.5l3.5 3.5L17 4.5');
    expect(tick.textContent).toBe('');
  });

  it('renders nothing for an incoming message', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
    const [received] = await world.history(bob, 'bob|1|alice');
    const { container } = renderApp(
      <Providers engine={world.engineFor(bob)}>
        <ReadTick message={received as ReceiptMessage} />
      </Providers>,
    );
    await settle(world.server);
    expect(container.innerHTML).toBe('');
  });

  it('renders nothing for malformed data instead of throwing', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const { container } = renderApp(
      <Providers engine={world.engineFor(alice)}>
        <ReadTick message={{ messageClientId: 7 } as unknown as ReceiptMessage} />
        <UnreadBadge message={null as unknown as ReceiptMessage} />
      </Providers>,
    );
    await settle(world.server);
    expect(container.innerHTML).toBe('');
  });
});

/**
 * Every state the tick in `container` shows, in order, from now on: its `data-status` and its
 * accessible name, one entry per change.
 */
function recordTick(container: HTMLElement) {
  const shown: string[] = [];
  const take = () => {
    const tick = container.querySelector('.readmark-tick');
    const state = tick && `${tick.getAttribute('data-status')} ${tick.getAttribute('aria-label')}`;
    if (state && state !== shown.at(-1)) shown.push(state);
  };
  take();
  const observer = new MutationObserver(take);
  observer.observe(container, { subtree: true, childList: true, attributes: true });
  return { shown, stop: () => observer.disconnect() };
}

describe('ReadTick on a new page or device, before the peer read time has come', () => {
  for (const [locale, loading, read] of [
    ['en', 'Loading read receipts…', 'Read'],
    ['zh-CN', '已读回执加载中…', '已读'],
  ] as const) {
    it(`a message the peer has read is "${loading}", then "${read}", never "sent" first (${locale})`, async () => {
      // The QA steps: the server answers after 300 ms, Bob has read Alice's message, and Alice
      // logs in anew (a reloaded page, another device) with a fresh engine.
      world = createWorld({ latencyMs: 300 });
      const alice = world.server.login('alice');
      const bob = world.server.login('bob');
      await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
      const [received] = await world.history(bob, 'bob|1|alice');
      await bob.V2NIMMessageService.sendP2PMessageReceipt(received as never);
      await settle(world.server);
      const aliceAgain = world.server.login('alice');
      const [message] = await world.history(aliceAgain, 'alice|1|bob');
      const { container } = renderApp(
        <Providers engine={world.engineFor(aliceAgain)} locale={locale}>
          <ReadTick message={message!} />
        </Providers>,
      );
      const ticks = recordTick(container);
      await screen.findByRole('img', { name: read });
      ticks.stop();
      expect(ticks.shown).toEqual([`loading ${loading}`, `read ${read}`]);
      // The glyph's box is there while loading, empty, so nothing moves when the glyph comes.
      const tick = container.querySelector('.readmark-tick')!;
      expect(tick.getBoundingClientRect().width).toBeGreaterThan(0);
    });
  }

  it('a message it showed sending goes to "Sent" as the send succeeds, not to an empty box first, then "Read"', async () => {
    // The QA steps: the first message of a chat. The tick mounts with the copy still sending and
    // asks for the peer's read time, which comes 300 ms later, after the send succeeded.
    world = createWorld({ latencyMs: 300 });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const sent = await world.send(alice, { conversationId: 'alice|1|bob', text: 'Hello Bob' });
    const sending = { ...sent, messageServerId: '', sendingState: MessageSendingState.SENDING };
    const engine = world.engineFor(world.server.login('alice'));
    const chat = (message: ReceiptMessage) => (
      <Providers engine={engine}>
        <ReadTick message={message} />
      </Providers>
    );
    const { container, rerender } = renderApp(chat(sending));
    const ticks = recordTick(container);
    rerender(chat(sent));
    await settle(world.server);
    expect(ticks.shown).toEqual(['sending Sending', 'sent Sent']);

    const [received] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(received as never);
    await screen.findByRole('img', { name: 'Read' });
    ticks.stop();
    expect(ticks.shown).toEqual(['sending Sending', 'sent Sent', 'read Read']);
  });

  it('shown sent after a sending copy of another message, a message still waits for the read time', async () => {
    world = createWorld({ latencyMs: 300 });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    const read = await world.send(alice, { conversationId: 'alice|1|bob', text: 'read' });
    const [received] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(received as never);
    const other = await world.send(alice, { conversationId: 'alice|1|bob', text: 'other' });
    const sending = { ...other, messageServerId: '', sendingState: MessageSendingState.SENDING };
    const engine = world.engineFor(world.server.login('alice'));
    const chat = (message: ReceiptMessage) => (
      <Providers engine={engine}>
        <ReadTick message={message} />
      </Providers>
    );
    // The same tick shows another message, already sent (a recycled row): it was not sent here.
    const { container, rerender } = renderApp(chat(sending));
    const ticks = recordTick(container);
    rerender(chat(read));
    await screen.findByRole('img', { name: 'Read' });
    ticks.stop();
    expect(ticks.shown).toEqual(['sending Sending', 'loading Loading read receipts…', 'read Read']);
  });

  it('the answer renders only the ticks of its conversation, once each; the glyph keeps its box', async () => {
    world = createWorld({ latencyMs: 300 });
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    world.server.login('carol');
    for (const text of ['b1', 'b2', 'b3']) {
      await world.send(alice, { conversationId: 'alice|1|bob', text });
    }
    for (const text of ['c1', 'c2']) {
      await world.send(alice, { conversationId: 'alice|1|carol', text });
    }
    const [lastToBob] = (await world.history(bob, 'bob|1|alice')).slice(-1);
    await bob.V2NIMMessageService.sendP2PMessageReceipt(lastToBob as never);
    await settle(world.server);
    const aliceAgain = world.server.login('alice');
    // Its login sync over before the engine listens: Bob's read comes only as the answer it asks.
    await settle(world.server);
    const engine = world.engineFor(aliceAgain);
    // Carol's conversation is known already (a conversation row asked): its ticks wait for nothing.
    await engine.loadConversation('alice|1|carol');
    const messages = [
      ...(await world.history(aliceAgain, 'alice|1|bob')),
      ...(await world.history(aliceAgain, 'alice|1|carol')),
    ];
    const commits = new Map<string, string[]>(messages.map((m) => [m.messageClientId, []]));
    const { container } = renderApp(
      <Providers engine={engine}>
        {messages.map((message) => (
          <Profiler
            key={message.messageClientId}
            id={message.messageClientId}
            onRender={(id, phase) => void commits.get(id)!.push(phase)}
          >
            <ReadTick message={message} />
          </Profiler>
        ))}
      </Providers>,
    );
    const widths = () =>
      [...container.querySelectorAll('.readmark-tick')].map((t) => t.getBoundingClientRect().width);
    const loadingWidths = widths();
    const statuses = () =>
      [...container.querySelectorAll('.readmark-tick')].map((t) => t.getAttribute('data-status'));
    // Bob's not known yet, Carol's known: nothing that will change is shown meanwhile.
    expect(statuses()).toEqual(['loading', 'loading', 'loading', 'sent', 'sent']);
    await waitFor(() => expect(screen.getAllByRole('img', { name: 'Read' })).toHaveLength(3));
    await settle(world.server);
    expect(messages.map((m) => commits.get(m.messageClientId))).toEqual([
      ...Array(3).fill(['mount', 'update']),
      ...Array(2).fill(['mount']),
    ]);
    expect(screen.getAllByRole('img', { name: 'Sent' })).toHaveLength(2);
    expect(widths()).toEqual(loadingWidths);
  });

  it('shows "Sent", which is true, when the question fails (logged out, 190002), and "Read" once it is answered', async () => {
    world = createWorld();
    const alice = world.server.login('alice');
    const bob = world.server.login('bob');
    await world.send(alice, { conversationId: 'alice|1|bob', text: 'hi' });
    const [received] = await world.history(bob, 'bob|1|alice');
    await bob.V2NIMMessageService.sendP2PMessageReceipt(received as never);
    await settle(world.server);
    const aliceAgain = world.server.login('alice');
    const [message] = await world.history(aliceAgain, 'alice|1|bob');
    aliceAgain.logout();
    const engine = world.engineFor(aliceAgain);
    const { container } = renderApp(
      <Providers engine={engine}>
        <ReadTick message={message!} />
      </Providers>,
    );
    const ticks = recordTick(container);
    await screen.findByRole('img', { name: 'Sent' });
    await settle(world.server);
    expect(screen.getByRole('img', { name: 'Sent' }).dataset.status).toBe('sent');
    aliceAgain.login();
    await screen.findByRole('img', { name: 'Read' });
    ticks.stop();
    expect(ticks.shown).toEqual(['loading Loading read receipts…', 'sent Sent', 'read Read']);
  });

  it('a team message all have read is "Sent" while its counts load (its badge says they do), then "Read"', async () => {
    world = createWorld({ latencyMs: 300 });
    const { alice, message } = await teamWithMessage(world, {
      teamId: 't1',
      memberIds: ['bob', 'carol'],
      readers: 2,
    });
    const { container } = renderApp(
      <Providers engine={world.engineFor(alice)}>
        <ReadTick message={message} />
      </Providers>,
    );
    const ticks = recordTick(container);
    await screen.findByRole('img', { name: 'Read' });
    ticks.stop();
    // Not an empty box: after every send it would go from the clock to nothing to the check.
    expect(ticks.shown).toEqual(['sent Sent', 'read Read']);
  });
});

/** Alice's flagged message in team t1 (Alice and Bob), which nobody has read yet. */
async function flaggedTeamMessage() {
  world = createWorld();
  return teamWithMessage(world, { teamId: 't1', memberIds: ['bob'], readers: 0, text: 'x' });
}

describe('UnreadBadge and team ReadTick', () => {
  const members = Array.from({ length: 12 }, (_, index) => `m${index + 1}`);

  async function teamMessage(locale: ReceiptLocale) {
    world = createWorld();
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', ...members] });
    const alice = world.server.login('alice');
    const readers = members.map((id) => world.server.login(id));
    const message = await world.send(alice, {
      conversationId: 'alice|2|t1',
      text: 'team',
      isReceiptRequested: true,
    });
    let openCount = 0;
    renderApp(
      <Providers engine={world.engineFor(alice)} locale={locale}>
        <UnreadBadge message={message} onOpen={() => openCount++} />
        <ReadTick message={message} />
      </Providers>,
    );
    const readBy = async (clients: typeof readers) => {
      for (const reader of clients) {
        const [received] = await world.history(reader, `${reader.accountId}|2|t1`);
        await reader.V2NIMMessageService.sendTeamMessageReceipts([received as never]);
      }
      await settle(world.server);
    };
    return { readers, readBy, openCount: () => openCount };
  }

  /** What the badge's indicator draws: the read share of its pie, or a check. */
  function indicatorOf(badge: HTMLElement): string {
    const icon = badge.querySelector('svg');
    if (!icon) return 'no indicator';
    if (icon.getAttribute('aria-hidden') !== 'true') return 'an indicator screen readers read';
    if (icon.querySelector('path')) return 'check';
    const [outline, progress] = icon.querySelectorAll('circle');
    if (!outline || !progress) return 'no pie';
    // As drawn: the dash the browser computed (the share comes from the badge's style).
    const dash = Number.parseFloat(getComputedStyle(progress).strokeDasharray);
    return `pie ${dash}% of ${progress.getAttribute('pathLength')}`;
  }

  it('33 and 34: the indicator is an empty circle while nobody has read, fills as members read, and is a check once all have', async () => {
    const { readers, readBy } = await teamMessage('zh-CN');
    const badge = await screen.findByRole('button', { name: '12人中12人未读' });
    expect(indicatorOf(badge)).toBe('pie 0% of 100');
    // The indicator's box is really drawn next to the words.
    const box = badge.querySelector('svg')?.getBoundingClientRect();
    expect(box?.width).toBeGreaterThan(0);
    expect(box?.height).toBeGreaterThan(0);

    await readBy(readers.slice(0, 9));
    expect(indicatorOf(badge)).toBe('pie 75% of 100');
    await readBy(readers.slice(9));
    expect(indicatorOf(badge)).toBe('check');
    expect(badge.textContent).toBe('全部已读');
  });

  it('a new reader moves the pie through the badge alone: the pie keeps its nodes and nothing in it is written', async () => {
    const { readers, readBy } = await teamMessage('en');
    const badge = await screen.findByRole('button', { name: '12 unread of 12 members' });
    const pie = badge.querySelector('svg')!;
    const written: MutationRecord[] = [];
    const observer = new MutationObserver((records) => written.push(...records));
    observer.observe(pie, {
      subtree: true,
      attributes: true,
      childList: true,
      characterData: true,
    });

    await readBy(readers.slice(0, 3));
    await readBy(readers.slice(3, 6));
    expect(badge.textContent).toBe('6 unread');
    expect(indicatorOf(badge)).toBe('pie 50% of 100');
    expect(badge.querySelector('svg')).toBe(pie);
    written.push(...observer.takeRecords());
    observer.disconnect();
    expect(written).toEqual([]);
  });

  it('counts down to "All read" with full accessible names (en)', async () => {
    const { readers, readBy, openCount } = await teamMessage('en');
    const badge = await screen.findByRole('button', { name: '12 unread of 12 members' });
    expect(badge.textContent).toBe('12 unread');
    expect(badge.getAttribute('aria-haspopup')).toBe('dialog');
    expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();

    await readBy(readers.slice(0, 9));
    expect(badge.getAttribute('aria-label')).toBe('3 unread of 12 members');
    expect(badge.textContent).toBe('3 unread');
    expect(badge.dataset.status).toBe('unread');

    badge.click();
    expect(openCount()).toBe(1);

    await readBy(readers.slice(9));
    expect(badge.textContent).toBe('All read');
    expect(badge.dataset.status).toBe('all-read');
    expect(screen.getByRole('img', { name: 'Read' }).dataset.mode).toBe('team');
  });

  it('uses the Chinese wording (zh-CN)', async () => {
    const { readers, readBy } = await teamMessage('zh-CN');
    await screen.findByRole('button', { name: '12人中12人未读' });
    await readBy(readers.slice(0, 9));
    const badge = screen.getByRole('button', { name: '12人中3人未读' });
    expect(badge.textContent).toBe('3人未读');
    expect(screen.getByRole('img', { name: '已发送' })).toBeTruthy();
    await readBy(readers.slice(9));
    expect(badge.textContent).toBe('全部已读');
    expect(screen.getByRole('img', { name: '已读' })).toBeTruthy();
  });

  it('renders nothing for an unflagged team message', async () => {
    world = createWorld();
    world.server.createTeam({ teamId: 't1', memberIds: ['alice', 'bob'] });
    const alice = world.server.login('alice');
    const message = await world.send(alice, { conversationId: 'alice|2|t1', text: 'no flag' });
    const { container } = renderApp(
      <Providers engine={world.engineFor(alice)}>
        <UnreadBadge message={message} onOpen={() => {}} />
      </Providers>,
    );
    await settle(world.server);
    expect(container.innerHTML).toBe('');
  });

  it('says what is loading, without aria-busy on the button, until the counts arrive', async () => {
    const { alice, message } = await flaggedTeamMessage();
    renderApp(
      <Providers engine={world.engineFor(alice)}>
        <UnreadBadge message={message} onOpen={() => {}} />
      </Providers>,
    );
    const loading = screen.getByRole('button', { name: 'Loading read receipts…' });
    expect(loading.dataset.status).toBe('loading');
    expect(loading.hasAttribute('aria-busy')).toBe(false);
    expect(await screen.findByRole('button', { name: '1 unread of 1 member' })).toBe(loading);
  });

  it('says what is loading in Chinese (zh-CN)', async () => {
    const { alice, message } = await flaggedTeamMessage();
    renderApp(
      <Providers engine={world.engineFor(alice)} locale="zh-CN">
        <UnreadBadge message={message} onOpen={() => {}} />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: '已读回执加载中…' }).textContent).toBe(
      '已读回执加载中…',
    );
    await screen.findByRole('button', { name: '1人中1人未读' });
  });

  it('stops loading and shows nothing when the server has no counts for the message (G7)', async () => {
    const { alice, message: sent } = await flaggedTeamMessage();
    // A flagged own message the server does not know: its answer leaves it out, without an error.
    const unknown = { ...sent, messageClientId: 'not-on-server', messageServerId: '999999' };
    const engine = world.engineFor(alice);
    const { container } = renderApp(
      <Providers engine={engine}>
        <UnreadBadge message={unknown} onOpen={() => {}} />
        <ReadTick message={unknown} />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Loading read receipts…' })).toBeTruthy();
    await waitFor(() => expect(container.querySelector('.readmark-badge')).toBeNull());
    expect(screen.queryByRole('button')).toBeNull();
    // The tick still tells the sender the message went out.
    expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
  });

  it('shows no badge and a "Sent" tick in a team where nobody else could read (0 of 0)', async () => {
    world = createWorld();
    const { alice, message } = await teamWithMessage(world, {
      teamId: 'solo',
      memberIds: [],
      readers: 0,
      text: 'note to self',
    });
    const { container } = renderApp(
      <Providers engine={world.engineFor(alice)}>
        <UnreadBadge message={message} onOpen={() => {}} />
        <ReadTick message={message} />
      </Providers>,
    );
    await waitFor(() => expect(container.querySelector('.readmark-badge')).toBeNull());
    await settle(world.server);
    expect(container.querySelector('.readmark-badge')).toBeNull();
    expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
  });

  it('stops loading and shows nothing when the count query fails for good', async () => {
    const { alice, message } = await flaggedTeamMessage();
    // 191004 is neither retryable nor one of the "team cannot have receipts" codes.
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 191004 });
    const errors: number[] = [];
    const engine = createReceiptEngine({
      transport: createNimTransport(alice),
      accountId: 'alice',
      flushDelayMs: 0,
      onError: (error) => errors.push(error.code),
    });
    try {
      const { container } = renderApp(
        <Providers engine={engine}>
          <UnreadBadge message={message} onOpen={() => {}} />
        </Providers>,
      );
      expect(screen.getByRole('button', { name: 'Loading read receipts…' })).toBeTruthy();
      await waitFor(() => expect(errors).toEqual([191004]));
      await settle(world.server);
      expect(container.querySelector('.readmark-badge')).toBeNull();
    } finally {
      engine.dispose();
    }
  });

  it('shows "unavailable" (as text, not a button) when the team cannot have receipts', async () => {
    const { alice, message } = await flaggedTeamMessage();
    world.server.injectFault({ method: 'getTeamMessageReceipts', code: 108312 });
    const { container } = renderApp(
      <Providers engine={world.engineFor(alice)}>
        <UnreadBadge message={message} onOpen={() => {}} />
      </Providers>,
    );
    const badge = () => container.querySelector('.readmark-badge') as HTMLElement;
    expect(badge().dataset.status).toBe('loading');
    await waitFor(() => expect(badge().dataset.status).toBe('unavailable'));
    expect(badge().textContent).toContain('Read receipts unavailable');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
