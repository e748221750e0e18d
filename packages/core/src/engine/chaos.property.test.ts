/**
 * Model-based chaos property: four users (A, B, C, D, all in advanced team T) on five SDK instances
 * (A1, A2, B1, B2, and one instance switching between C and D) and their engines, driven through
 * random interleavings of sends (P2P, flagged and unflagged team messages, bursts over the
 * 50-message batch limit), reads (`markRead`, one message or everything the account was shown, own
 * messages included), flushes, fake-clock advances (the engines' injected `clock` over fake timers),
 * the memory server's random faults (failed calls with retryable and final codes, timed-out calls the
 * server applied, latency, duplicated and reordered events), dropped and restored connections, a
 * second device kicked or disconnected alone, B1's page reloaded (engine disposed and made again over
 * its persisted storage, or handing over to B2's engine), B2's engine dropped and made again over its
 * own storage, A2's engine swapped while its SDK stays logged in (no storage: handover), and the
 * switching instance (the `switchingInstance` harness) with the old account's engine disposed
 * before or after the switch, left running, or made current again on the way back.
 *
 * Once everything has healed (faults off, everyone online, the clock past every retry, and the
 * switching instance back on each account once), what a user relies on holds: every message a reader
 * saw is read on the sender's side (server and the sender's engines: P2P watermark, team reader
 * list and counts split over members − 1), unless a call carrying it was refused with a final code
 * the engine reported through `onError`; nobody is recorded as having read what they did not see,
 * and no receipt reaches an SDK logged in as another account; watermarks and counts never go down in
 * any engine's store at any step (SPEC P9, G12); team calls carry 1–50 messages of one conversation
 * (G3, G6); a disposed engine leaves no timer; nothing rejects unhandled; `onError` hears only of the
 * injected final codes and server trouble. Real engine, real NIM transport, real memory server.
 *
 * Not modelled: muting (`setSendingReceipts`), members joining or leaving T, super teams, member
 * detail sheets, engines without storage disposed while offline (a documented loss).
 */
import { createMemoryServer, type MemoryClient, type MemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptTransport } from '../ReceiptTransport';
import { webStorageOutbox } from '../storage/webStorageOutbox';
import { backwardSteps } from '../testing/backwardSteps';
import { jitter } from '../testing/jitter';
import { createCountingClock } from '../testing/leakCounters';
import { createWebStorage } from '../testing/mapStorage';
import { createSwitchingInstance } from '../testing/switchingInstance';
import type { ReceiptMessage } from '../types';
import { createReceiptEngine } from './createReceiptEngine';
import type { ReceiptEngine } from './ReceiptEngine';
import { selectPeerReadTime, selectSelfReadTime, selectTeamReceipt } from './selectors';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const ACCOUNTS = ['A', 'B', 'C', 'D'] as const;
type Account = (typeof ACCOUNTS)[number];
/** Team T has all four: a flagged message counts the three others (G5). */
const OTHERS_IN_TEAM = ACCOUNTS.length - 1;
/** The final codes the faults use: neither retried nor marking a team unavailable. */
const FINAL_CODES = [107404, 414];
const MAX_LATENCY_MS = 200;

/** A1, A2 (A's second device), B1 (reloadable, with storage), B2, and the switching instance. */
const DEVICE_NAMES = ['A1', 'A2', 'B1', 'B2', 'S'] as const;
type DeviceName = (typeof DEVICE_NAMES)[number];

type FaultProfile = 'off' | 'retryable' | 'final';

type Step =
  | { kind: 'send'; from: number; to: number; isFlagged: boolean; count: number }
  | { kind: 'mark'; device: number; pick: number; isAll: boolean; isLingering: boolean }
  | { kind: 'flush'; device: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'faults'; profile: FaultProfile; latencyMs: number }
  | { kind: 'drop'; account: number }
  | { kind: 'restore'; account: number }
  | { kind: 'reload'; gapMs: number; leaveMark?: number }
  | { kind: 'swap'; isOverlapping: boolean; leaveMark?: number }
  | { kind: 'b2'; isOn: boolean }
  | { kind: 'device'; isB2: boolean; action: 'kick' | 'login' | 'disconnect' | 'reconnect' }
  | { kind: 'switch'; isDisposedFirst: boolean; isLeftRunning: boolean; isRevived: boolean };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      from: fc.nat(4),
      // 0-3: a P2P chat with that account (the sender itself is skipped), 4: team T.
      to: fc.nat(4),
      isFlagged: fc.boolean(),
      count: fc.oneof({ arbitrary: fc.constant(1), weight: 9 }, fc.integer({ min: 2, max: 55 })),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('mark' as const),
      device: fc.nat(4),
      pick: fc.nat(),
      isAll: fc.boolean(),
      isLingering: fc.boolean(),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('flush' as const), device: fc.nat(4) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.constantFrom(0, 1, 10, 100, 300, 1000, 3000),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('faults' as const),
      profile: fc.constantFrom<FaultProfile>('off', 'retryable', 'final'),
      latencyMs: fc.constantFrom(0, 30, MAX_LATENCY_MS),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), account: fc.nat(3) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('restore' as const), account: fc.nat(3) }),
    weight: 1,
  },
  {
    arbitrary: fc.record(
      {
        kind: fc.constant('reload' as const),
        gapMs: fc.constantFrom(0, 10, 500),
        leaveMark: fc.nat(),
      },
      { requiredKeys: ['kind', 'gapMs'] },
    ),
    weight: 1,
  },
  {
    arbitrary: fc.record(
      {
        kind: fc.constant('swap' as const),
        isOverlapping: fc.boolean(),
        leaveMark: fc.nat(),
      },
      { requiredKeys: ['kind', 'isOverlapping'] },
    ),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('b2' as const), isOn: fc.boolean() }), weight: 1 },
  {
    // One second device alone is kicked (logged out) or loses its connection, and comes back.
    arbitrary: fc.record({
      kind: fc.constant('device' as const),
      isB2: fc.boolean(),
      action: fc.constantFrom(
        'kick' as const,
        'login' as const,
        'disconnect' as const,
        'reconnect' as const,
      ),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('switch' as const),
      isDisposedFirst: fc.boolean(),
      isLeftRunning: fc.boolean(),
      isRevived: fc.boolean(),
    }),
    weight: 1,
  },
);

/** One receipt call as it reached a transport, and how it ended. */
interface CallRecord {
  engineAccount: string;
  method: 'sendP2PMessageReceipt' | 'sendTeamMessageReceipts' | 'getTeamMessageReceipts';
  messages: ReceiptMessage[];
  /** Who the SDK was logged in as when the call reached it. */
  loginUser: string | undefined;
  error?: ReceiptError;
}

/** The transport, with every receipt send and count query recorded in `log`. */
function recorded(transport: ReceiptTransport, account: string, log: CallRecord[]) {
  function record<T>(
    method: CallRecord['method'],
    messages: ReceiptMessage[],
    call: () => Promise<T>,
  ): Promise<T> {
    const entry: CallRecord = {
      engineAccount: account,
      method,
      messages: [...messages],
      loginUser: transport.getLoginUser?.(),
    };
    log.push(entry);
    const answer = call();
    answer.catch((error: ReceiptError) => {
      entry.error = error;
    });
    return answer;
  }
  const wrapped: ReceiptTransport = {
    ...transport,
    sendP2PMessageReceipt: (message) =>
      record('sendP2PMessageReceipt', [message], () => transport.sendP2PMessageReceipt(message)),
    sendTeamMessageReceipts: (messages) =>
      record('sendTeamMessageReceipts', messages, () =>
        transport.sendTeamMessageReceipts(messages),
      ),
    getTeamMessageReceipts: (messages) =>
      record('getTeamMessageReceipts', messages, () => transport.getTeamMessageReceipts(messages)),
  };
  return wrapped;
}

interface Reported {
  account: string;
  error: ReceiptError;
  operation: string;
  conversationId: string;
}

/** The world of one run: the server, the devices, their engines and what the test saw. */
function createWorld(seed: number, flushDelayMs: number) {
  const server: MemoryServer = createMemoryServer();
  server.createTeam({ teamId: 'T', memberIds: [...ACCOUNTS] });
  const calls: CallRecord[] = [];
  const reported: Reported[] = [];
  const backwards: string[] = [];
  const leaks: string[] = [];
  const clocks: Array<{ name: string; pending: () => number }> = [];
  const stops: Array<() => void> = [];
  /** What each account's devices received or sent: what its screens can show. */
  const history = new Map<string, Map<string, ReceiptMessage>>(
    ACCOUNTS.map((account) => [account, new Map()]),
  );
  /** Flagged team messages each account sent: its screens show their badges. */
  const ownTeamMessages = new Map<string, ReceiptMessage[]>(ACCOUNTS.map((a) => [a, []]));
  /** Every live engine, by account (several devices, maybe a left-over one). */
  const liveEngines = new Set<ReceiptEngine>();
  let engineCount = 0;

  function listen(client: MemoryClient, account: () => string) {
    client.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      for (const message of messages as unknown as ReceiptMessage[]) {
        history.get(account())?.set(message.messageClientId, message);
      }
    });
  }

  function engineOf(
    client: MemoryClient,
    account: string,
    storage?: ReturnType<typeof webStorageOutbox>,
  ) {
    engineCount += 1;
    const { clock, pending } = createCountingClock();
    const name = `${account}#${engineCount}`;
    clocks.push({ name, pending });
    const engine = createReceiptEngine({
      transport: recorded(createNimTransport(client), account, calls),
      accountId: account,
      clock,
      flushDelayMs,
      random: jitter(seed + engineCount),
      retry: { baseDelayMs: 100, maxDelayMs: 2000 },
      onError: (error, context) =>
        reported.push({
          account,
          error,
          operation: context.operation,
          conversationId: context.conversationId,
        }),
      ...(storage ? { storage } : {}),
    });
    stops.push(
      engine.store.subscribe((next, previous) =>
        backwards.push(...backwardSteps(previous, next).map((problem) => `${name}: ${problem}`)),
      ),
    );
    liveEngines.add(engine);
    // What the account's screens show: each chat's tick, each own flagged message's badge.
    for (const peer of ACCOUNTS) {
      if (peer !== account)
        void engine.loadConversation(`${account}|1|${peer}`, { isPeerOnly: true });
    }
    for (const message of ownTeamMessages.get(account) ?? []) engine.watchTeamCounts(message);
    return { engine, pending, name };
  }

  function dispose(entry: { engine: ReceiptEngine; pending: () => number; name: string }) {
    entry.engine.dispose();
    liveEngines.delete(entry.engine);
    if (entry.pending() !== 0) leaks.push(`${entry.name}: ${entry.pending()} timers after dispose`);
  }

  return {
    server,
    calls,
    reported,
    backwards,
    leaks,
    clocks,
    stops,
    history,
    ownTeamMessages,
    liveEngines,
    listen,
    engineOf,
    dispose,
  };
}

type World = ReturnType<typeof createWorld>;
type EngineEntry = ReturnType<World['engineOf']>;

function isEarnedBy(account: string, message: ReceiptMessage): boolean {
  if (message.senderId === account) return false;
  if (message.conversationType === 1) return message.receiverId === account;
  return message.conversationType === 2 && message.messageConfig?.readReceiptEnabled === true;
}

async function runSchedule(seed: number, flushDelayMs: number, steps: Step[]): Promise<void> {
  const world = createWorld(seed, flushDelayMs);
  const { server, history } = world;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);

  /** Per reader account, the messages it earned a receipt for and saw (marked on any engine). */
  const marked = new Map<string, Map<string, ReceiptMessage>>(ACCOUNTS.map((a) => [a, new Map()]));
  /** Every message sent, by client id. */
  const sent = new Map<string, ReceiptMessage>();

  // B's pages (B1, B2) and the switching instance's page each have their own localStorage.
  const webData = { B: createWebStorage(), B2: createWebStorage(), S: createWebStorage() };
  const a1Client = server.login('A');
  const a2Client = server.login('A');
  let b1Client = server.login('B');
  const b2Client = server.login('B');
  const instance = createSwitchingInstance(server, ['C', 'D']);
  let current: Account = 'C';
  world.listen(a1Client, () => 'A');
  world.listen(a2Client, () => 'A');
  world.listen(b1Client, () => 'B');
  world.listen(b2Client, () => 'B');
  world.listen(instance.nim, () => current);
  const disconnected = new Set<string>();

  const a1 = world.engineOf(a1Client, 'A');
  let a2 = world.engineOf(a2Client, 'A');
  let b1 = world.engineOf(b1Client, 'B', webStorageOutbox(webData.B));
  let b2 = world.engineOf(b2Client, 'B', webStorageOutbox(webData.B2));
  let s = world.engineOf(instance.nim, 'C', webStorageOutbox(webData.S));
  const originals = [a1, a2, b1, b2, s];
  /** C's or D's engine the app has not replaced yet after the instance switched away from it. */
  let lingering: { entry: EngineEntry; account: Account } | undefined;

  const clientOf = (name: DeviceName): MemoryClient =>
    ({ A1: a1Client, A2: a2Client, B1: b1Client, B2: b2Client, S: instance.nim })[name];
  const accountOf = (name: DeviceName): Account =>
    name === 'S' ? current : (name.slice(0, 1) as Account);
  const entryOf = (name: DeviceName): EngineEntry =>
    ({ A1: a1, A2: a2, B1: b1, B2: b2, S: s })[name];

  const mark = (entry: EngineEntry, account: Account, pick: number, isAll: boolean) => {
    // Nobody reads on a device whose app has no engine.
    if (entry.engine.isDisposed) return;
    // Mostly others' messages (what earns receipts); now and then the account's own too.
    const all = [...(history.get(account)?.values() ?? [])];
    const list = pick % 5 === 0 ? all : all.filter((message) => message.senderId !== account);
    const chosen = isAll ? list : list.slice(pick % Math.max(1, list.length)).slice(0, 1);
    if (chosen.length === 0) return;
    for (const message of chosen) {
      if (isEarnedBy(account, message)) marked.get(account)?.set(message.messageClientId, message);
    }
    entry.engine.markRead(chosen);
  };

  const everyEntry = () => [a1, a2, b1, b2, s, ...(lingering ? [lingering.entry] : [])];

  try {
    for (const step of steps) {
      switch (step.kind) {
        case 'send': {
          const name = DEVICE_NAMES[step.from] as DeviceName;
          const from = accountOf(name);
          const client = clientOf(name);
          const target = ACCOUNTS[step.to];
          if (target === from) break;
          const conversationId = target ? `${from}|1|${target}` : `${from}|2|T`;
          const results: ReceiptMessage[] = [];
          for (let index = 0; index < step.count; index += 1) {
            const service = client.V2NIMMessageService;
            service
              .sendMessage(client.V2NIMMessageCreator.createTextMessage('hi'), conversationId, {
                messageConfig: { readReceiptEnabled: step.isFlagged },
              })
              .then(
                ({ message }) => results.push(message as unknown as ReceiptMessage),
                () => {},
              );
          }
          await vi.advanceTimersByTimeAsync(MAX_LATENCY_MS + 1);
          for (const message of results) {
            sent.set(message.messageClientId, message);
            history.get(from)?.set(message.messageClientId, message);
            if (message.conversationType === 2 && step.isFlagged) {
              world.ownTeamMessages.get(from)?.push(message);
              for (const entry of everyEntry()) {
                if (entry.engine.accountId === from) entry.engine.watchTeamCounts(message);
              }
            }
          }
          break;
        }
        case 'mark': {
          const name = DEVICE_NAMES[step.device] as DeviceName;
          if (name === 'S' && step.isLingering && lingering) {
            mark(lingering.entry, lingering.account, step.pick, step.isAll);
          } else mark(entryOf(name), accountOf(name), step.pick, step.isAll);
          break;
        }
        case 'flush':
          entryOf(DEVICE_NAMES[step.device] as DeviceName).engine.flush();
          break;
        case 'wait':
          await vi.advanceTimersByTimeAsync(step.ms);
          break;
        case 'faults': {
          const common = {
            latencyMs: [0, step.latencyMs] as [number, number],
            duplicateRate: 0.2,
            reorder: 0.3,
            seed: seed + world.calls.length,
          };
          if (step.profile === 'off') server.setFaults({});
          else if (step.profile === 'retryable') {
            server.setFaults({
              ...common,
              failureRate: 0.3,
              timeoutRate: 0.1,
              failureCodes: [192005, 416, 500, 191005],
            });
          } else {
            server.setFaults({
              ...common,
              failureRate: 0.25,
              timeoutRate: 0.05,
              failureCodes: [192005, ...FINAL_CODES],
            });
          }
          break;
        }
        case 'drop': {
          const account = ACCOUNTS[step.account] as Account;
          disconnected.add(account);
          server.dropConnection(account);
          break;
        }
        case 'restore': {
          const account = ACCOUNTS[step.account] as Account;
          disconnected.delete(account);
          server.restoreConnection(account);
          break;
        }
        case 'reload': {
          // B's page goes away (its SDK instance with it) and comes back over the same storage.
          const old = b1;
          if (step.leaveMark !== undefined) mark(old, 'B', step.leaveMark, false);
          world.dispose(old);
          b1Client.logout();
          if (step.gapMs > 0) await vi.advanceTimersByTimeAsync(step.gapMs);
          b1Client = server.login('B');
          if (disconnected.has('B')) b1Client.disconnect();
          world.listen(b1Client, () => 'B');
          b1 = world.engineOf(b1Client, 'B', webStorageOutbox(webData.B));
          break;
        }
        case 'swap': {
          // A2's app replaces its engine (a provider remounted) while its SDK stays logged in: no
          // storage, so what the old one holds is handed to a running engine of A.
          const old = a2;
          if (step.isOverlapping) a2 = world.engineOf(a2Client, 'A');
          if (step.leaveMark !== undefined) mark(old, 'A', step.leaveMark, false);
          world.dispose(old);
          if (!step.isOverlapping) a2 = world.engineOf(a2Client, 'A');
          break;
        }
        case 'device': {
          const client = step.isB2 ? b2Client : a2Client;
          if (step.action === 'login' && !client.isOnline) client.login();
          else if (step.action !== 'login') client[step.action]();
          break;
        }
        case 'b2': {
          // B2's app drops its engine (the SDK stays logged in) or makes one again over its storage.
          if (!step.isOn && !b2.engine.isDisposed) world.dispose(b2);
          if (step.isOn && b2.engine.isDisposed) {
            b2 = world.engineOf(b2Client, 'B', webStorageOutbox(webData.B2));
          }
          break;
        }
        case 'switch': {
          const next: Account = current === 'C' ? 'D' : 'C';
          const old = s;
          let kept: typeof lingering;
          if (lingering && lingering.account === next && step.isRevived) {
            // The app keeps one engine per account: switching back makes the left one current again.
            kept = lingering;
          } else if (lingering) world.dispose(lingering.entry);
          lingering = undefined;
          if (step.isLeftRunning) {
            // The app replaces the engine later: the old account's engine runs on meanwhile.
            lingering = { entry: old, account: current };
            instance.switchTo(next);
          } else if (step.isDisposedFirst) {
            world.dispose(old);
            instance.switchTo(next);
          } else {
            instance.switchTo(next);
            world.dispose(old);
          }
          current = next;
          s = kept ? kept.entry : world.engineOf(instance.nim, next, webStorageOutbox(webData.S));
          break;
        }
      }
    }

    // Everything heals: no faults, everyone online, the clock past every retry, B2's app back.
    if (b2.engine.isDisposed) b2 = world.engineOf(b2Client, 'B', webStorageOutbox(webData.B2));
    for (const client of [a2Client, b2Client]) {
      if (!client.isOnline) client.login();
      client.reconnect();
    }
    server.setFaults({});
    disconnected.clear();
    server.restoreConnection();
    await vi.advanceTimersByTimeAsync(20_000);
    // The app replaces the left-over engine (its receipts go to its storage). The instance visits
    // the other account once, with a new engine that sends what that account's engines stored, and
    // comes back to the current one, whose engine ran on meanwhile: it must catch up (reseed, reload
    // its badges) with what happened while its account was away.
    if (lingering) {
      world.dispose(lingering.entry);
      lingering = undefined;
    }
    const back = current;
    const other: Account = back === 'C' ? 'D' : 'C';
    const kept = s;
    instance.switchTo(other);
    current = other;
    s = world.engineOf(instance.nim, other, webStorageOutbox(webData.S));
    await vi.advanceTimersByTimeAsync(20_000);
    instance.switchTo(back);
    world.dispose(s);
    current = back;
    s = kept;
    await vi.advanceTimersByTimeAsync(20_000);

    // `READMARK_CHAOS_TRACE=1` (with a replay) prints every receipt call and onError report.
    if (process.env.READMARK_CHAOS_TRACE) {
      for (const c of world.calls)
        console.log(
          c.engineAccount,
          c.method,
          c.messages.map((m) => `${m.messageClientId}@${m.createTime}`).join(','),
          c.loginUser,
          c.error?.code,
        );
      console.log(world.reported.map((r) => `${r.account} ${r.operation} ${r.error.code}`));
    }
    expectCallsWithinRules(world, marked);
    const excused = excusedMessages(world);
    expectOnlyInjectedErrors(world);
    expect(world.backwards).toEqual([]);
    await expectReadsOnSenderSide(world, marked, excused, sent, [a1, a2, b1, b2, s], originals);
  } finally {
    for (const stop of world.stops) stop();
    for (const entry of [a1, a2, b1, b2, s, ...(lingering ? [lingering.entry] : [])]) {
      if (entry && !entry.engine.isDisposed) world.dispose(entry);
    }
    for (const engine of world.liveEngines) engine.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    process.off('unhandledRejection', onUnhandled);
  }
  expect(world.leaks).toEqual([]);
  for (const { name, pending } of world.clocks) expect(pending(), name).toBe(0);
  expect(unhandled).toEqual([]);
}

/** Team calls: 1-50 messages of one conversation; receipts only as the engine's account, for what it saw. */
function expectCallsWithinRules(world: World, marked: Map<string, Map<string, ReceiptMessage>>) {
  for (const call of world.calls) {
    const account = call.engineAccount;
    if (call.method !== 'sendP2PMessageReceipt') {
      expect(call.messages.length).toBeGreaterThanOrEqual(1);
      expect(call.messages.length).toBeLessThanOrEqual(50);
      expect(new Set(call.messages.map((m) => m.conversationId)).size).toBe(1);
    }
    if (call.method === 'getTeamMessageReceipts') {
      for (const message of call.messages) expect(message.senderId).toBe(account);
      continue;
    }
    // No receipt goes out in another account's session (SPEC P4): the SDK would count it as theirs.
    expect(
      call.loginUser === undefined || call.loginUser === account,
      `${call.method} as ${call.loginUser} for ${account}`,
    ).toBe(true);
    for (const message of call.messages) {
      expect(message.senderId).not.toBe(account);
      expect(message.conversationId.startsWith(`${account}|`)).toBe(true);
      // Only what this account's user saw: nothing is read on someone's behalf.
      expect(marked.get(account)?.has(message.messageClientId), message.messageClientId).toBe(true);
    }
  }
}

/**
 * The messages whose receipt a final code refused, as the engine reported through onError: team
 * messages by client id; P2P as the newest refused createTime per reader and conversation (the
 * outbox keeps only the newest per conversation, so older ones seen with it go with it).
 */
function excusedMessages(world: World) {
  const team = new Set<string>();
  const p2p = new Map<string, number>();
  for (const report of world.reported) {
    if (!FINAL_CODES.includes(report.error.code)) continue;
    const call = world.calls.find((c) => c.error === report.error);
    if (!call) continue;
    for (const message of call.messages) {
      if (call.method === 'sendTeamMessageReceipts') team.add(message.messageClientId);
      if (call.method === 'sendP2PMessageReceipt') {
        const key = `${report.account}>${message.conversationId}`;
        p2p.set(key, Math.max(p2p.get(key) ?? 0, message.createTime));
      }
    }
  }
  return { team, p2p };
}

/** onError heard only of codes the faults injected (final ones, and server trouble told once). */
function expectOnlyInjectedErrors(world: World) {
  for (const report of world.reported) {
    expect([...FINAL_CODES, 500], `${report.operation} ${report.conversationId}`).toContain(
      report.error.code,
    );
  }
}

async function expectReadsOnSenderSide(
  world: World,
  marked: Map<string, Map<string, ReceiptMessage>>,
  excused: ReturnType<typeof excusedMessages>,
  sent: Map<string, ReceiptMessage>,
  finalEntries: EngineEntry[],
  originals: EngineEntry[],
) {
  const { server } = world;
  const fresh = new Map(ACCOUNTS.map((account) => [account, server.login(account)]));
  await vi.advanceTimersByTimeAsync(1000);
  const liveOf = (account: string) =>
    finalEntries.filter((entry) => !entry.engine.isDisposed && entry.engine.accountId === account);

  // P2P: the sender's watermark of each reader is the newest message that reader saw (P2).
  for (const sender of ACCOUNTS) {
    for (const reader of ACCOUNTS) {
      if (reader === sender) continue;
      const seen = [...(marked.get(reader)?.values() ?? [])].filter(
        (m) => m.conversationType === 1 && m.senderId === sender,
      );
      const refusedUpTo = excused.p2p.get(`${reader}>${reader}|1|${sender}`) ?? 0;
      const most = Math.max(0, ...seen.map((m) => m.createTime));
      const least = Math.max(
        0,
        ...seen.filter((m) => m.createTime > refusedUpTo).map((m) => m.createTime),
      );
      const client = fresh.get(sender) as MemoryClient;
      const { timestamp } = await client.V2NIMMessageService.getP2PMessageReceipt(
        `${sender}|1|${reader}`,
      );
      expect(timestamp, `${sender}|1|${reader} on the server`).toBeGreaterThanOrEqual(least);
      expect(timestamp, `${sender}|1|${reader} on the server`).toBeLessThanOrEqual(most);
      // The reader's devices know how far the reader has read (P11), never further. Those up from
      // the start follow it exactly (their own sends and the read-time sync); a later engine on a
      // device still logged in seeds it from the SDK's cache, which lags the server when the
      // device's own receipt answer was lost (192004) until its next login sync: it may show less.
      for (const entry of liveOf(reader)) {
        const selfReadTime = () =>
          selectSelfReadTime(entry.engine.store.getState(), `${reader}|1|${sender}`);
        // A final code refused the reader's receipt: if an earlier try timed out after the server
        // applied it, the server has it while the reader's devices never heard (no answer, no
        // event to the reading device), so they may show less until their next login sync.
        if (originals.includes(entry) && refusedUpTo === 0) {
          expect(selfReadTime(), `${entry.name} ${reader}|1|${sender} selfReadTime`).toBe(
            timestamp,
          );
        } else {
          const loading = entry.engine.loadConversation(`${reader}|1|${sender}`);
          await vi.advanceTimersByTimeAsync(10);
          await loading;
          expect(selfReadTime()).toBeLessThanOrEqual(timestamp);
        }
      }
      for (const entry of liveOf(sender)) {
        expect(
          selectPeerReadTime(entry.engine.store.getState(), `${sender}|1|${reader}`),
          `${entry.name} ${sender}|1|${reader}`,
        ).toBe(timestamp);
      }
    }
  }

  // Team: each flagged message is read by exactly the members who saw it (G4, G5).
  for (const message of sent.values()) {
    if (message.conversationType !== 2 || message.messageConfig?.readReceiptEnabled !== true)
      continue;
    const sender = message.senderId;
    const sawIt = ACCOUNTS.filter(
      (a) => a !== sender && marked.get(a)?.has(message.messageClientId),
    );
    const detailing = (
      fresh.get(sender as Account) as MemoryClient
    ).V2NIMMessageService.getTeamMessageReceiptDetail(message as never);
    await vi.advanceTimersByTimeAsync(10);
    const detail = await detailing;
    const readers = [...detail.readAccountList].sort();
    for (const reader of readers)
      expect(sawIt, `${reader} read ${message.messageClientId}?`).toContain(reader);
    if (!excused.team.has(message.messageClientId)) expect(readers).toEqual(sawIt);
    expect(detail.readReceipt.readCount + detail.readReceipt.unreadCount).toBe(OTHERS_IN_TEAM);
    for (const entry of liveOf(sender)) {
      const counts = selectTeamReceipt(entry.engine.store.getState(), message);
      const refusedQuery = world.reported.some(
        (r) =>
          r.account === sender &&
          r.operation === 'getTeamMessageReceipts' &&
          r.conversationId === message.conversationId,
      );
      if (refusedQuery && counts === undefined) continue;
      expect(counts, `${entry.name} counts of ${message.messageClientId}`).toBeDefined();
      if (refusedQuery) {
        expect(counts?.readCount).toBeLessThanOrEqual(readers.length);
      } else {
        expect(counts?.readCount, `${entry.name} counts of ${message.messageClientId}`).toBe(
          readers.length,
        );
        expect(counts?.unreadCount).toBe(OTHERS_IN_TEAM - readers.length);
      }
    }
  }
}

/** Fixed for CI; `READMARK_PROPERTY_SEED=<n>` explores another sequence. */
const propertySeed = Number(process.env.READMARK_PROPERTY_SEED ?? 20_261_128);
const numRuns = Number(process.env.READMARK_PROPERTY_RUNS ?? 200);

describe('chaos: users, devices, faults, reloads and an account switch (model-based property)', () => {
  it('every receipt seen arrives, nothing unseen is read, and nothing goes backwards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        // Receipts gathered for the default 300 ms, or sent at once.
        fc.constantFrom(300, 0),
        fc.array(stepArbitrary, { minLength: 8, maxLength: 60, size: 'large' }),
        async (seed, flushDelayMs, steps) => {
          await runSchedule(seed, flushDelayMs, steps);
        },
      ),
      { numRuns, seed: propertySeed },
    );
  }, 300_000);
});

// `READMARK_CHAOS_REPLAY='<counterexample JSON>'` replays one schedule as printed by fast-check.
const replay = process.env.READMARK_CHAOS_REPLAY;
if (replay) {
  it('replays READMARK_CHAOS_REPLAY', async () => {
    const [seed, flushDelayMs, steps] = JSON.parse(replay) as [number, number, Step[]];
    await runSchedule(seed, flushDelayMs, steps);
  });
}
