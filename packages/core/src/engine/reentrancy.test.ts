/**
 * App code running inside the engine's own work: a custom transport that delivers an event before
 * its call returns (its store update runs the app's subscribers), and subscribers or an `onError`
 * that call the engine back (flush, mute, dispose). The engine's loops must not send a receipt
 * twice, send one the app just muted, or keep working after a dispose made from inside them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../clock';
import { ReceiptError } from '../ReceiptError';
import type { ConnectionState, ReceiptTransport, TransportEvent } from '../ReceiptTransport';
import { createCountingClock } from '../testing/leakCounters';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptEngine, ReceiptEngineOptions } from './ReceiptEngine';
import { selectSelfReadTime, selectTeamCountLoad } from './selectors';

/** A minimal custom transport whose listeners are called synchronously by `deliver`. */
function createTransport(overrides: Partial<ReceiptTransport> = {}) {
  const listeners = new Set<(event: TransportEvent) => void>();
  const calls: Array<[string, ...unknown[]]> = [];
  const transport: ReceiptTransport = {
    async sendP2PMessageReceipt(message) {
      calls.push(['sendP2PMessageReceipt', message.createTime]);
    },
    async getP2PMessageReceipt(conversationId) {
      return { conversationId, timestamp: 0 };
    },
    async sendTeamMessageReceipts(messages) {
      calls.push(['sendTeamMessageReceipts', messages.map((m) => m.messageClientId)]);
    },
    async getTeamMessageReceipts(messages) {
      calls.push(['getTeamMessageReceipts', messages.map((m) => m.messageClientId)]);
      return [];
    },
    async getTeamMessageReceiptDetail(message) {
      calls.push(['getTeamMessageReceiptDetail', message.messageClientId]);
      return {
        readReceipt: {
          conversationId: message.conversationId,
          messageServerId: message.messageServerId ?? '',
          messageClientId: message.messageClientId,
          readCount: 0,
          unreadCount: 2,
        },
        readAccountList: [],
        unreadAccountList: ['B', 'C'],
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...overrides,
  };
  const deliver = (event: TransportEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  return { transport, calls, deliver, listeners };
}

/** B's message to A (account A's side). */
const fromBob = (createTime: number): ReceiptMessage => ({
  messageClientId: `b${createTime}`,
  messageServerId: `sb${createTime}`,
  createTime,
  senderId: 'B',
  receiverId: 'A',
  conversationType: 1,
  conversationId: 'A|1|B',
});

/** A flagged message of team `teamId`, from `senderId`. */
const inTeam = (teamId: string, id: string, senderId = 'B'): ReceiptMessage => ({
  messageClientId: id,
  messageServerId: `s${id}`,
  createTime: 100,
  senderId,
  receiverId: teamId,
  conversationType: 2,
  conversationId: `A|2|${teamId}`,
  messageConfig: { readReceiptEnabled: true },
});

/** Engines a test made: disposed after it, so none is left to take the next test's receipts. */
const engines: ReceiptEngine[] = [];
function engineOf(options: ReceiptEngineOptions): ReceiptEngine {
  const engine = createReceiptEngine(options);
  engines.push(engine);
  return engine;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
  vi.useRealTimers();
});

describe('a transport event delivered inside sendTeamMessageReceipts', () => {
  /** A transport that tells of a peer's read before each team send returns, as a socket may. */
  function eventfulTransport() {
    const world = createTransport();
    const send = world.transport.sendTeamMessageReceipts;
    world.transport.sendTeamMessageReceipts = (messages) => {
      world.deliver({ type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|Z', timestamp: 1 }] });
      return send(messages);
    };
    return world;
  }
  /** The team calls made, in any order (the event is delivered before the call is counted). */
  const teamSends = (calls: Array<[string, ...unknown[]]>) =>
    calls
      .filter(([method]) => method === 'sendTeamMessageReceipts')
      .map(([, ids]) => String(ids))
      .sort();

  it('with a subscriber that flushes: each team’s receipts go once', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() => engine.flush());
    engine.markRead([inTeam('T1', 'x'), inTeam('T2', 'y')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual(['x', 'y']);
  });

  it('with a subscriber that disposes: each team’s receipts go once', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() => engine.dispose());
    engine.markRead([inTeam('T1', 'x'), inTeam('T2', 'y')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual(['x', 'y']);
  });

  it('with a subscriber that marks a later team unavailable: nothing is sent to it', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() =>
      engine.reportSendFailure('A|2|T2', new ReceiptError(108312, 'receipts off')),
    );
    engine.markRead([inTeam('T1', 'x'), inTeam('T2', 'y')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual(['x']);
  });

  it('with a subscriber that mutes the team inside its first batch of 50: the rest is not sent', async () => {
    const { transport, calls } = eventfulTransport();
    const engine = engineOf({ accountId: 'A', transport });
    const seen = Array.from({ length: 60 }, (_, index) => inTeam('T1', `x${index}`));
    const unsubscribe = engine.store.subscribe(() => {
      unsubscribe();
      engine.setSendingReceipts(false, 'A|2|T1');
    });
    engine.markRead(seen);
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toEqual([
      seen
        .slice(0, 50)
        .map((m) => m.messageClientId)
        .join(),
    ]);
    // Dropped, not sent: marked again once receipts are back on, they go.
    engine.setSendingReceipts(true, 'A|2|T1');
    engine.markRead(seen.slice(50));
    await vi.advanceTimersByTimeAsync(300);
    expect(teamSends(calls)).toHaveLength(2);
  });
});

describe('a dispose made by onError or a subscriber while the engine handles an answer', () => {
  /** An engine of A over `overrides` whose onError disposes it; calls and timers are counted. */
  function disposedByOnError(overrides: Partial<ReceiptTransport>) {
    const { transport, calls } = createTransport(overrides);
    const { clock, pending } = createCountingClock();
    const engine: ReceiptEngine = engineOf({
      accountId: 'A',
      transport,
      clock,
      onError: () => engine.dispose(),
    });
    return { engine, calls, pending };
  }
  /** A failure without a NIM code: retried, and told to onError the first time. */
  const networkDown = () => Promise.reject(new TypeError('Failed to fetch'));

  it('P2P: the failed receipt is sent again at once, not by a retry timer left running', async () => {
    const { engine, calls, pending } = disposedByOnError({
      sendP2PMessageReceipt: (message) => {
        calls.push(['sendP2PMessageReceipt', message.createTime]);
        return networkDown();
      },
    });
    engine.markRead([fromBob(10)]);
    await vi.advanceTimersByTimeAsync(300);
    expect(engine.isDisposed).toBe(true);
    // Waiting for a retry, with nobody to take it: dispose sends it now (README, dispose()).
    expect(calls).toEqual([
      ['sendP2PMessageReceipt', 10],
      ['sendP2PMessageReceipt', 10],
    ]);
    expect(pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(2);
  });

  it('P2P: the failed receipt goes to the running engine of the account, once', async () => {
    const { engine, calls, pending } = disposedByOnError({
      sendP2PMessageReceipt: (message) => {
        calls.push(['sendP2PMessageReceipt', message.createTime]);
        return networkDown();
      },
    });
    const heir = createTransport();
    engineOf({ accountId: 'A', transport: heir.transport });
    engine.markRead([fromBob(10)]);
    await vi.advanceTimersByTimeAsync(300);
    expect(engine.isDisposed).toBe(true);
    expect(pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toEqual([['sendP2PMessageReceipt', 10]]);
    expect(heir.calls).toEqual([['sendP2PMessageReceipt', 10]]);
  });

  it('team: the failed batch is sent again at once, not by a retry timer left running', async () => {
    const { engine, calls, pending } = disposedByOnError({
      sendTeamMessageReceipts: (messages) => {
        calls.push(['sendTeamMessageReceipts', messages.map((m) => m.messageClientId)]);
        return networkDown();
      },
    });
    engine.markRead([inTeam('T', 'x')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(engine.isDisposed).toBe(true);
    expect(calls).toEqual([
      ['sendTeamMessageReceipts', ['x']],
      ['sendTeamMessageReceipts', ['x']],
    ]);
    expect(pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(2);
  });

  it('an onError that flushes leaves the failed receipts to their backoff', async () => {
    const { transport, calls } = createTransport({
      sendP2PMessageReceipt: (message) => {
        calls.push(['sendP2PMessageReceipt', message.createTime]);
        return calls.length === 1 ? networkDown() : Promise.resolve();
      },
      sendTeamMessageReceipts: (messages) => {
        calls.push(['sendTeamMessageReceipts', messages.map((m) => m.messageClientId)]);
        return calls.length <= 2 ? networkDown() : Promise.resolve();
      },
    });
    const engine: ReceiptEngine = engineOf({
      accountId: 'A',
      transport,
      retry: { baseDelayMs: 1000, maxDelayMs: 1000 },
      random: () => 0.5,
      onError: () => engine.flush(),
    });
    engine.markRead([fromBob(10), inTeam('T', 'x')]);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toEqual([
      ['sendP2PMessageReceipt', 10],
      ['sendTeamMessageReceipts', ['x']],
      ['sendP2PMessageReceipt', 10],
      ['sendTeamMessageReceipts', ['x']],
    ]);
  });

  it('counts: no retry timer is left and the store does not change after dispose', async () => {
    const { engine, calls, pending } = disposedByOnError({
      getTeamMessageReceipts: (messages) => {
        calls.push(['getTeamMessageReceipts', messages.length]);
        return networkDown();
      },
    });
    let updatesAfterDispose = 0;
    engine.store.subscribe(() => {
      if (engine.isDisposed) updatesAfterDispose++;
    });
    engine.watchTeamCounts(inTeam('T', 'mine', 'A'));
    await vi.advanceTimersByTimeAsync(50);
    expect(engine.isDisposed).toBe(true);
    expect(updatesAfterDispose).toBe(0);
    expect(pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toEqual([['getTeamMessageReceipts', 1]]);
  });

  it('detail: a subscriber disposing at the error status leaves no retry timer', async () => {
    const { transport, calls } = createTransport({
      getTeamMessageReceiptDetail: (message) => {
        calls.push(['getTeamMessageReceiptDetail', message.messageClientId]);
        return Promise.reject(new ReceiptError(416, 'rate limit'));
      },
    });
    const { clock, pending } = createCountingClock();
    const errors: number[] = [];
    const engine = engineOf({
      accountId: 'A',
      transport,
      clock,
      onError: (e) => errors.push(e.code),
    });
    engine.watchTeamDetail(inTeam('T', 'mine', 'A'));
    engine.store.subscribe((state) => {
      if (Object.values(state.teamDetails).some((detail) => detail?.status === 'error')) {
        engine.dispose();
      }
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.isDisposed).toBe(true);
    expect(pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toEqual([['getTeamMessageReceiptDetail', 'mine']]);
    expect(errors).toEqual([]);
  });
  it('counts: a subscriber disposing when the badge turns loading: no query goes out', async () => {
    const { transport, calls } = createTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() => engine.dispose());
    engine.watchTeamCounts(inTeam('T', 'mine', 'A'));
    await vi.advanceTimersByTimeAsync(100);
    expect(engine.isDisposed).toBe(true);
    expect(calls).toEqual([]);
  });

  it('detail: a subscriber disposing when the detail turns loading: no query goes out', async () => {
    const { transport, calls } = createTransport();
    const engine = engineOf({ accountId: 'A', transport });
    engine.store.subscribe(() => engine.dispose());
    engine.watchTeamDetail(inTeam('T', 'mine', 'A'));
    await vi.advanceTimersByTimeAsync(100);
    expect(engine.isDisposed).toBe(true);
    expect(calls).toEqual([]);
  });

  it('detail: a subscriber disposing at the counts that outdate an open detail: no query, no update', async () => {
    const { transport, calls, deliver } = createTransport();
    const engine = engineOf({ accountId: 'A', transport });
    const mine = inTeam('T', 'mine', 'A');
    engine.watchTeamDetail(mine);
    await vi.advanceTimersByTimeAsync(0);
    let updatesAfterDispose = 0;
    engine.store.subscribe(() => {
      if (engine.isDisposed) updatesAfterDispose++;
      else engine.dispose();
    });
    // Two more readers at once: only a query can tell who they are.
    deliver({
      type: 'teamReceipts',
      receipts: [
        {
          conversationId: 'A|2|T',
          messageServerId: 'smine',
          messageClientId: 'mine',
          readCount: 2,
          unreadCount: 0,
        },
      ],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.isDisposed).toBe(true);
    expect(calls).toEqual([['getTeamMessageReceiptDetail', 'mine']]);
    expect(updatesAfterDispose).toBe(0);
  });
});

describe('a dispose made by app code inside start()', () => {
  /** A transport that replays the last read it knows to each new listener, inside `subscribe`. */
  function replayingTransport(overrides: Partial<ReceiptTransport> = {}) {
    const world = createTransport();
    const subscribe = world.transport.subscribe;
    world.transport.subscribe = (listener) => {
      const unsubscribe = subscribe(listener);
      listener({ type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|B', timestamp: 5 }] });
      return unsubscribe;
    };
    const connectionListeners = new Set<(state: ConnectionState) => void>();
    let connection: ConnectionState = 'connected';
    Object.assign(world.transport, {
      getConnectionState: () => connection,
      subscribeConnectionState(listener: (state: ConnectionState) => void) {
        connectionListeners.add(listener);
        return () => connectionListeners.delete(listener);
      },
      ...overrides,
    });
    const setConnection = (state: ConnectionState) => {
      connection = state;
    };
    return { ...world, connectionListeners, setConnection };
  }

  it('by a store subscriber at the event replayed inside subscribe: no listener is left', () => {
    const { transport, listeners, connectionListeners } = replayingTransport();
    const engine = engineOf({ accountId: 'A', transport, isStartDeferred: true });
    engine.store.subscribe(() => engine.dispose());
    engine.start();
    expect(engine.isDisposed).toBe(true);
    expect([listeners.size, connectionListeners.size]).toEqual([0, 0]);
  });

  it('by onError, told that subscribe returned no function: no connection listener is added', () => {
    const { transport, connectionListeners } = replayingTransport({
      subscribe: () => undefined as never,
    });
    const engine: ReceiptEngine = engineOf({
      accountId: 'A',
      transport,
      isStartDeferred: true,
      onError: () => engine.dispose(),
    });
    engine.start();
    expect(engine.isDisposed).toBe(true);
    expect(connectionListeners.size).toBe(0);
  });

  it('by a store subscriber, at a "connected" told inside subscribeConnectionState: no listener is left', () => {
    const world = replayingTransport();
    world.setConnection('connecting');
    const { transport, listeners, connectionListeners } = world;
    transport.subscribeConnectionState = (listener) => {
      connectionListeners.add(listener);
      world.setConnection('connected');
      listener('connected');
      return () => connectionListeners.delete(listener);
    };
    const engine = engineOf({ accountId: 'A', transport, isStartDeferred: true });
    const mine = inTeam('T', 'mine', 'A');
    engine.watchTeamCounts(mine);
    // Back online, the counts on screen are queried at once: their badges turn 'loading'.
    engine.store.subscribe((state) => {
      if (selectTeamCountLoad(state, mine) === 'loading') engine.dispose();
    });
    engine.start();
    expect(engine.isDisposed).toBe(true);
    expect([listeners.size, connectionListeners.size]).toEqual([0, 0]);
  });
});

describe('an onError that loads the conversation again when its read time could not be asked', () => {
  it('the receipt waits for the new answer, which says it was read on another device', async () => {
    let asks = 0;
    const { transport, calls } = createTransport({
      getSelfReadTime() {
        asks++;
        // The first ask fails without a NIM code (told to onError); the second finds the user
        // read up to 200 on another device.
        if (asks === 1) return Promise.reject(new TypeError('Failed to fetch'));
        return new Promise((resolve) => setTimeout(() => resolve(200), 1000));
      },
    });
    const engine: ReceiptEngine = engineOf({
      accountId: 'A',
      transport,
      onError: (_error, { conversationId }) => void engine.loadConversation(conversationId),
    });
    engine.markRead([fromBob(150)]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(asks).toBe(2);
    expect(selectSelfReadTime(engine.store.getState(), 'A|1|B')).toBe(200);
    expect(calls).toEqual([]);
  });
});

describe('a clock that calls back inside setTimeout', () => {
  it.each([
    ['nothing', undefined],
    ['the same handle every time', 0],
  ])(
    'returning %s: a flush and a count load set in one task both run, and later ones too',
    async (_name, handle) => {
      const immediate: Clock = {
        now: () => Date.now(),
        setTimeout(callback) {
          callback();
          return handle;
        },
        clearTimeout() {},
      };
      const { transport, calls } = createTransport();
      const engine = engineOf({ accountId: 'A', transport, clock: immediate });
      engine.watchTeamCounts(inTeam('T', 'mine', 'A'));
      engine.markRead([inTeam('T', 'x')]);
      await vi.advanceTimersByTimeAsync(0);
      engine.markRead([inTeam('T', 'y')]);
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual([
        ['getTeamMessageReceipts', ['mine']],
        ['sendTeamMessageReceipts', ['x']],
        ['sendTeamMessageReceipts', ['y']],
      ]);
    },
  );
});

describe('a dispose made by a store subscriber inside a send, its receipts kept by another', () => {
  /** A transport that tells of a peer's read before each send returns, its calls in `log`. */
  function eventfulTransport(tag: string, log: string[]) {
    const world = createTransport();
    const tell = () =>
      world.deliver({ type: 'p2pReceipts', receipts: [{ conversationId: 'A|1|Z', timestamp: 1 }] });
    world.transport.sendP2PMessageReceipt = async (message) => {
      tell();
      log.push(`${tag} ${message.conversationId}`);
    };
    world.transport.sendTeamMessageReceipts = async (messages) => {
      tell();
      log.push(`${tag} ${messages.map((m) => m.conversationId)}`);
    };
    return world.transport;
  }
  const fromPeer = (peer: string): ReceiptMessage => ({
    ...fromBob(10),
    messageClientId: `${peer}10`,
    senderId: peer,
    conversationId: `A|1|${peer}`,
  });
  const seen = [fromPeer('B'), fromPeer('C'), inTeam('T1', 'x'), inTeam('T2', 'y')];
  /**
   * Disposes `engine` from a store subscriber when the peer's read told inside a send lands (not
   * when the conversations' seeds answer before, which note the peers' read times as known).
   */
  const disposeOnPeerRead = (engine: ReceiptEngine) =>
    engine.store.subscribe((state, previous) => {
      if (state.conversations !== previous.conversations) engine.dispose();
    });

  it('by the running engine of the account: the disposed one sends nothing more', async () => {
    const log: string[] = [];
    const old = engineOf({ accountId: 'A', transport: eventfulTransport('old', log) });
    engineOf({ accountId: 'A', transport: eventfulTransport('heir', log) });
    disposeOnPeerRead(old);
    old.markRead(seen);
    await vi.advanceTimersByTimeAsync(1000);
    // B was in flight at dispose: handed over too (its answer is ignored), it goes twice.
    expect(log.filter((call) => call.startsWith('old'))).toEqual(['old A|1|B']);
    expect(log.filter((call) => call.startsWith('heir')).sort()).toEqual([
      'heir A|1|B',
      'heir A|1|C',
      'heir A|2|T1',
      'heir A|2|T2',
    ]);
  });

  it('by the running engine, a team of more than 50: the batches not sent yet go to it, not out of the disposed one', async () => {
    const log: string[] = [];
    const batches = (tag: string, transport: ReceiptTransport) => {
      const send = transport.sendTeamMessageReceipts;
      transport.sendTeamMessageReceipts = (messages) => {
        log.push(`${tag} ${messages[0]?.messageClientId}..${messages.at(-1)?.messageClientId}`);
        return send(messages);
      };
      return transport;
    };
    const old = engineOf({ accountId: 'A', transport: batches('old', eventfulTransport('', [])) });
    engineOf({ accountId: 'A', transport: batches('heir', eventfulTransport('', [])) });
    old.store.subscribe(() => old.dispose());
    old.markRead(Array.from({ length: 60 }, (_, index) => inTeam('T1', `x${index}`)));
    await vi.advanceTimersByTimeAsync(1000);
    // The first batch was in flight at dispose: handed over too (its answer is ignored).
    expect(log).toEqual(['old x0..x49', 'heir x0..x49', 'heir x50..x59']);
  });

  it('by a storage: the disposed one sends nothing more, the storage keeps the rest', async () => {
    const log: string[] = [];
    let saved: ReceiptMessage[] = [];
    const storage = {
      load: () => [],
      save: (_accountId: string, messages: ReceiptMessage[]) => {
        saved = messages;
      },
    };
    const old = engineOf({ accountId: 'A', transport: eventfulTransport('old', log), storage });
    await vi.advanceTimersByTimeAsync(0);
    disposeOnPeerRead(old);
    old.markRead(seen);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['old A|1|B']);
    expect(saved.map((m) => m.messageClientId).sort()).toEqual(['B10', 'C10', 'x', 'y']);
  });
});
