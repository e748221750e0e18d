import { setDeviceConnected } from './connection';
import type { RandomFaults } from './FaultInjector';
import { createMemoryClient, type MemoryClient } from './MemoryClient';
import { invalidParameter } from './NimError';
import { FAULTABLE_METHODS, type FaultableMethod, ServerCore } from './ServerCore';
import {
  type PeerReaderOptions,
  type SimulationHandle,
  simulatePeerReader,
} from './simulatePeerReader';
import { simulateTeamReaders, type TeamReadersOptions } from './simulateTeamReaders';
import { snapshotOf } from './validateReceiptArgs';

/** An id `login` accepts: a non-empty string without "|" (it separates conversation-id parts). */
function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !value.includes('|');
}

/**
 * A shallow copy of an options object, each field read once: 191004 for a non-object and for one
 * that cannot be read (a throwing getter or Proxy), never its own error; and the caller cannot
 * change the copy afterwards.
 */
function requireOptions<T extends object>(value: T): T {
  if (typeof value !== 'object' || value === null) throw invalidParameter('options object');
  const copy = snapshotOf(() => ({ ...value }));
  if (copy.error) throw copy.error;
  return copy.value;
}

/** A dense copy of the list of ids named `name` (holes become undefined, failing `isId`), or 191004. */
function requireIds(
  ids: unknown,
  name = 'memberIds',
  isId = (id: unknown) => typeof id === 'string' && id.length > 0,
): string[] {
  // Array.from turns holes into undefined, which `every` would otherwise skip.
  const copy = snapshotOf(() => (Array.isArray(ids) ? Array.from(ids) : undefined));
  if (!copy.value?.every(isId)) throw invalidParameter(`${name} must be an array of account ids`);
  return copy.value as string[];
}

/** Options of {@link createMemoryServer}. */
export interface MemoryServerOptions {
  /** Supplies every message's createTime; tests pass a controlled clock. Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Delay of every delivery and call round trip. 0 (the default) uses microtasks only, so tests with
   * fake timers need not advance timers; > 0 uses `setTimeout`.
   */
  latencyMs?: number;
  /**
   * Imitate nim-web-sdk-ng 10.8.1, which drops `memberAccountIds` of `getTeamMessageReceiptDetail`
   * (SPEC G9), so the transport's own filter can be tested. Defaults to false (the filter applies).
   */
  isDetailFilterIgnored?: boolean;
  /**
   * Seeded random faults: failed and timed-out calls, a latency range, duplicated and reordered
   * events. None by default. See {@link RandomFaults} and the README; `setFaults` changes them later.
   */
  faults?: RandomFaults;
}

/** An injected failure: the next `times` calls of `method` reject with `code` and change nothing. */
export interface FaultOptions {
  method: FaultableMethod;
  code: number;
  /** Defaults to 1. */
  times?: number;
  /** Only calls made by this account fail; defaults to every account. */
  accountId?: string;
}

/** An in-process, NIM-compatible server. See {@link createMemoryServer}. */
export interface MemoryServer {
  /** Logs a new device in as `accountId`; the same account twice gives two devices. */
  login(accountId: string): MemoryClient;
  /** Resolves when every delivery in flight has been made. */
  settle(): Promise<void>;
  /** Creates an advanced team. Teams may exceed 200 members (flagged sends then fail with 107302). */
  createTeam(options: { teamId: string; memberIds: string[] }): void;
  /** Adds members; they are not counted for messages sent before they joined (G5). */
  addTeamMembers(teamId: string, memberIds: string[]): void;
  /** Removes members; their later receipts fail with 109404 (G5). */
  removeTeamMembers(teamId: string, memberIds: string[]): void;
  /** The team's current members. */
  getTeamMemberIds(teamId: string): string[];
  /** Makes upcoming calls fail with a NIM code, for retry and error-path tests. */
  injectFault(options: FaultOptions): void;
  /**
   * Replaces the random faults at run time (e.g. from a demo panel) and reseeds the PRNG with
   * `faults.seed`. `setFaults({})` turns them all off. Bad options throw 191004 and change nothing.
   */
  setFaults(faults: RandomFaults): void;
  /** The random faults in force, with defaults filled in. */
  getFaults(): RandomFaults;
  /**
   * Drops the connection of every logged-in device of `accountId` (of every account when omitted):
   * they stay logged in (login and connect status 3, waiting to retry), calls in flight reject at
   * once with 192003 (the server still applies them), later calls with 190002, and nothing reaches
   * them until {@link MemoryServer.restoreConnection}.
   */
  dropConnection(accountId?: string): void;
  /**
   * Reconnects the dropped devices of `accountId` (of every account when omitted). Each is logged in
   * again one round trip later (calls meanwhile reject with 190002), then gets the P2P receipts it
   * missed as ONE login-sync event, its own read times and the missed messages.
   */
  restoreConnection(accountId?: string): void;
  /** Simulated members who acknowledge the flagged messages of a team after seeded random delays. */
  simulateTeamReaders(options: TeamReadersOptions): SimulationHandle;
  /** A simulated account that acknowledges the P2P messages it receives after seeded random delays. */
  simulatePeerReader(options: PeerReaderOptions): SimulationHandle;
}

/**
 * Creates an in-process server that imitates NetEase IM V2 read receipts with every rule and error
 * code of SPEC.md. Each `login()` returns a client shaped like a nim-web-sdk-ng instance.
 *
 * @example
 * const server = createMemoryServer({ now: () => clock });
 * const alice = server.login('A');
 * const bob = server.login('B');
 * const { message } = await alice.V2NIMMessageService.sendMessage(
 *   alice.V2NIMMessageCreator.createTextMessage('hi'), 'A|1|B');
 */
export function createMemoryServer(options: MemoryServerOptions = {}): MemoryServer {
  const {
    now = () => Date.now(),
    latencyMs = 0,
    isDetailFilterIgnored = false,
    faults,
  } = requireOptions(options);
  if (typeof latencyMs !== 'number' || !(latencyMs >= 0)) {
    throw invalidParameter('latencyMs must be a number >= 0');
  }
  if (typeof now !== 'function') throw invalidParameter('now must be a function');
  const core = new ServerCore(now, latencyMs, isDetailFilterIgnored);
  if (faults !== undefined) core.faults.configure(faults);

  function setConnected(accountId: unknown, isConnected: boolean) {
    if (accountId !== undefined && !isAccountId(accountId)) {
      throw invalidParameter('accountId must be a non-empty string without "|"');
    }
    for (const device of core.devices) {
      if (accountId === undefined || device.accountId === accountId) {
        setDeviceConnected(core, device, isConnected);
      }
    }
  }

  /** The members of an existing team: 191004 for a non-string id (a Symbol, a Proxy), else 108404. */
  function membersOf(teamId: unknown): Set<string> {
    if (typeof teamId !== 'string') throw invalidParameter('teamId must be a string');
    return core.teamMembers(teamId);
  }

  const server: MemoryServer = {
    login(accountId) {
      if (!isAccountId(accountId)) {
        throw invalidParameter('accountId must be a non-empty string without "|"');
      }
      return createMemoryClient(core, accountId);
    },
    settle: () => core.queue.settle(),
    createTeam(teamOptions) {
      const { teamId, memberIds } = requireOptions(teamOptions);
      if (typeof teamId !== 'string' || teamId.length === 0) throw invalidParameter('teamId');
      if (core.teams.has(teamId)) throw invalidParameter(`team ${teamId} already exists`);
      core.teams.set(teamId, new Set(requireIds(memberIds)));
    },
    addTeamMembers(teamId, memberIds) {
      const ids = requireIds(memberIds);
      const members = membersOf(teamId);
      for (const id of ids) members.add(id);
    },
    removeTeamMembers(teamId, memberIds) {
      const ids = requireIds(memberIds);
      const members = membersOf(teamId);
      for (const id of ids) members.delete(id);
    },
    getTeamMemberIds: (teamId) => [...membersOf(teamId)],
    injectFault(faultOptions) {
      const { method, code, times = 1, accountId } = requireOptions(faultOptions);
      // A misspelt method or account would never fire, and a test meant to see a failure would
      // pass without one.
      if (!FAULTABLE_METHODS.includes(method)) {
        throw invalidParameter(`method must be one of ${FAULTABLE_METHODS.join(', ')}`);
      }
      if (!Number.isInteger(code) || code < 100 || !Number.isInteger(times) || times < 1) {
        throw invalidParameter('code must be a NIM error code and times an integer >= 1');
      }
      if (accountId !== undefined && !isAccountId(accountId)) {
        throw invalidParameter('accountId must be an account id, or omitted for every account');
      }
      core.addFault({ method, code, times, ...(accountId === undefined ? {} : { accountId }) });
    },
    setFaults: (faults) => core.faults.configure(faults),
    getFaults: () => core.faults.snapshot(),
    dropConnection: (accountId) => setConnected(accountId, false),
    restoreConnection: (accountId) => setConnected(accountId, true),
    simulateTeamReaders(readerOptions) {
      const copy = requireOptions(readerOptions);
      if (typeof copy.teamId !== 'string') throw invalidParameter('teamId must be a string');
      // Every reader is checked before the first logs in, so a bad one leaves no device behind.
      if (copy.readerIds !== undefined) {
        copy.readerIds = requireIds(copy.readerIds, 'readerIds', isAccountId);
      }
      return simulateTeamReaders(server, copy);
    },
    simulatePeerReader(readerOptions) {
      const copy = requireOptions(readerOptions);
      if (copy.peerIds !== undefined) copy.peerIds = requireIds(copy.peerIds, 'peerIds');
      return simulatePeerReader(server, copy);
    },
  };
  return server;
}
