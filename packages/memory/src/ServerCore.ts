import { messageConversationIdFor } from './conversationIds';
import { DeliveryQueue } from './DeliveryQueue';
import { Emitter } from './Emitter';
import { type FaultableMethod, FaultInjector } from './FaultInjector';
import { NimError, NimErrorCode } from './NimError';
import type {
  V2NIMConnectStatus,
  V2NIMConversationListener,
  V2NIMLoginListener,
  V2NIMLoginStatus,
  V2NIMMessage,
  V2NIMMessageListener,
} from './sdkTypes';

export { FAULTABLE_METHODS, type FaultableMethod } from './FaultInjector';

/** One logged-in device: what a nim-web-sdk-ng instance holds locally. */
export interface Device {
  readonly id: number;
  readonly accountId: string;
  /** Logged in (the SDK's login status). */
  isOnline: boolean;
  /** Has a connection; a logged-in device without one gets nothing until it reconnects. */
  isConnected: boolean;
  /**
   * Connected again but not yet logged in again, as the real SDK is for a round trip after a
   * reconnect (connect status 1, login status 2): calls fail with 190002 and nothing is pushed.
   */
  isRelogging: boolean;
  /**
   * The SDK's login status (0 logged out, 1 logged in, 2 logging in, 3 waiting to retry) and
   * connect status (0 disconnected, 1 connected, 2 connecting, 3 waiting to reconnect): what
   * `getLoginStatus`/`getConnectStatus` answer. Changed only through `setLoginStatus` and
   * `setConnectStatus` (connection.ts), which emit as the SDK's V2NIMLoginLifeCycle does.
   */
  loginStatus: V2NIMLoginStatus;
  connectStatus: V2NIMConnectStatus;
  /**
   * The calls on their way to the server, each with what to do when the connection drops under it
   * (the SDK's `sendingCmdMap`, which `markAllCmdInvaild` rejects with 192003).
   */
  readonly callsInFlight: Set<(error: NimError) => void>;
  /** Messages pushed while the device was disconnected; delivered as one batch at reconnect. */
  readonly missedMessages: StoredMessage[];
  /** Messages revoked while the device was disconnected; their notifications arrive at reconnect. */
  readonly missedRevokes: StoredMessage[];
  /** Conversations whose last message changed while the device was disconnected. */
  readonly missedConversationIds: Set<string>;
  /** The SDK's local P2P receipt cache: conversationId -> peer's watermark (P8). */
  readonly p2pCache: Map<string, number>;
  /**
   * The SDK's local conversation read times (`getConversationReadTime`): conversationId -> how far
   * this account has read it. Filled by the login sync and by multi-device read-time updates, and by
   * this device's own receipts once their answer reaches it; cleared at logout.
   */
  readonly readTimeCache: Map<string, number>;
  /**
   * The main data sync of the current login (what `getDataSync` reports): state 2 while the login
   * sync is on its way, 3 once delivered (or ended by a drop); undefined before the first login and
   * after logout (`getDataSync()` answers null, as the SDK's reset sync details do).
   */
  dataSync: { state: 2 | 3 } | undefined;
  readonly messageEvents: Emitter<V2NIMMessageListener>;
  readonly conversationEvents: Emitter<V2NIMConversationListener>;
  readonly loginEvents: Emitter<V2NIMLoginListener>;
}

/** Whether pushes reach `device` now: logged in, connected, and not logging in again. */
export function isReachable(device: Device): boolean {
  return device.isOnline && device.isConnected && !device.isRelogging;
}

/** A message as the server keeps it, viewer-neutral, with its team receipt record. */
export interface StoredMessage {
  readonly message: V2NIMMessage;
  /** Team members at send time minus the sender, when the message is flagged (G5). */
  readonly eligibleIds: readonly string[];
  /** Who has acknowledged it, in reading order. */
  readonly readerIds: string[];
  /**
   * Every account the message was delivered to at send time, sender included: they, and only they,
   * have it in a conversation (a late team joiner does not, a member who left keeps it).
   */
  readonly audienceIds: readonly string[];
  /** Set once the sender revokes it; it then leaves history and shows as revoked in conversations. */
  revoke: MessageRevoke | undefined;
}

/** How a message was revoked (the fields of `V2NIMMessageRevokeNotification` besides the refer). */
export interface MessageRevoke {
  readonly revokeAccountId: string;
  /** `V2NIMMessageRevokeType`: 1 P2P both ways, 2 team both ways (super teams are not simulated). */
  readonly revokeType: 1 | 2;
  readonly postscript: string | undefined;
  readonly serverExtension: string | undefined;
}

/**
 * One account's server-side conversation: created by its first message, kept pointing at its newest
 * message (revoked or not). Shared by the account's devices, as NIM's cloud conversations are.
 */
export interface ConversationRecord {
  /** From the owner's point of view (`owner|type|target`). */
  readonly conversationId: string;
  readonly ownerId: string;
  readonly createTime: number;
  updateTime: number;
  lastMessage: StoredMessage;
  /** Bumped at every change, so a change delivered after a later one can tell it is stale. */
  version: number;
}

/** A reader's P2P watermark for one sender: everything up to `timestamp` is read (P2). */
export interface P2PReadTime {
  readonly readerId: string;
  readonly senderId: string;
  timestamp: number;
}

/** How far an account has read one of its conversations (NIM's conversation read time). */
export interface ConversationReadTime {
  readonly accountId: string;
  readonly conversationId: string;
  readTime: number;
}

interface Fault {
  method: FaultableMethod;
  code: number;
  remaining: number;
  accountId: string | undefined;
}

/** The server's whole state and the plumbing every simulated call shares. */
export class ServerCore {
  readonly queue: DeliveryQueue;
  /** Seeded random failures, latency, duplicates and reordering (none unless configured). */
  readonly faults: FaultInjector;
  readonly devices: Device[] = [];
  /** Keyed by messageClientId. */
  readonly messages = new Map<string, StoredMessage>();
  /** The same messages keyed by messageServerId (what team receipt queries send, G6, G8). */
  readonly messagesByServerId = new Map<string, StoredMessage>();
  readonly history: StoredMessage[] = [];
  /** Keyed by `${readerId}\n${senderId}`. Only ever moves forward (P9). */
  readonly p2pReadTimes = new Map<string, P2PReadTime>();
  /**
   * Each account's conversation read times (what its devices' `getConversationReadTime` caches are
   * synced from), keyed by `${accountId}\n${conversationId}`: moved by the account's P2P receipts
   * and by `markConversationRead`. Only ever moves forward.
   */
  readonly readTimes = new Map<string, ConversationReadTime>();
  readonly teams = new Map<string, Set<string>>();
  /** Keyed by owner account, then by the owner's conversation id. */
  readonly conversations = new Map<string, Map<string, ConversationRecord>>();
  private readonly injectedFaults: Fault[] = [];
  private serverIdSequence = 0;
  private clientIdSequence = 0;
  private deviceSequence = 0;

  constructor(
    readonly now: () => number,
    latencyMs: number,
    readonly isDetailFilterIgnored: boolean,
  ) {
    this.faults = new FaultInjector(latencyMs);
    this.queue = new DeliveryQueue(() => this.faults.latency());
  }

  createDevice(accountId: string): Device {
    this.deviceSequence += 1;
    const device: Device = {
      id: this.deviceSequence,
      accountId,
      isOnline: false,
      isConnected: true,
      isRelogging: false,
      loginStatus: 0 as V2NIMLoginStatus,
      connectStatus: 0 as V2NIMConnectStatus,
      callsInFlight: new Set(),
      missedMessages: [],
      missedRevokes: [],
      missedConversationIds: new Set(),
      p2pCache: new Map(),
      readTimeCache: new Map(),
      dataSync: undefined,
      messageEvents: new Emitter(),
      conversationEvents: new Emitter(),
      loginEvents: new Emitter(),
    };
    this.devices.push(device);
    return device;
  }

  /** Logged-in devices of `accountId` (connected or not), except `except`. */
  onlineDevicesOf(accountId: string, except?: Device): Device[] {
    return this.devices.filter((d) => d.accountId === accountId && d.isOnline && d !== except);
  }

  /**
   * Delivers to `device` after one simulated latency, only if it is logged in and connected then.
   * A logged-out device catches up at login; a disconnected one at reconnect, where `onMissed` (if
   * given) records what it must be told.
   */
  deliver(device: Device, task: () => void, onMissed?: () => void): void {
    this.queue.schedule(() => {
      if (!device.isOnline) return;
      if (isReachable(device)) task();
      else onMissed?.();
    });
  }

  /**
   * Delivers a receipt or read-time event: once, or twice and/or held back when duplicate or reorder
   * faults are on. `task` gets `isReplay` true for the duplicate copy.
   */
  deliverEvent(device: Device, task: (isReplay: boolean) => void): void {
    this.faults.eventDeliveries().forEach((delay, index) => {
      this.queue.schedule(() => {
        if (isReachable(device)) task(index > 0);
      }, delay);
    });
  }

  /** The members of `teamId`; 108404 when there is no such team. */
  teamMembers(teamId: string): Set<string> {
    const members = this.teams.get(teamId);
    if (!members) throw new NimError(NimErrorCode.TEAM_NOT_EXIST, `team ${teamId} does not exist`);
    return members;
  }

  /** The members of `teamId` when `accountId` is one of them: 108404 without the team, else 109404. */
  teamMembersFor(teamId: string, accountId: string): Set<string> {
    const members = this.teamMembers(teamId);
    if (!members.has(accountId)) {
      throw new NimError(
        NimErrorCode.TEAM_MEMBER_NOT_EXIST,
        `${accountId} is not a member of ${teamId}`,
      );
    }
    return members;
  }

  nextServerId(): string {
    this.serverIdSequence += 1;
    return String(this.serverIdSequence);
  }

  nextClientId(): string {
    this.clientIdSequence += 1;
    return `mem-${this.clientIdSequence}`;
  }

  /** Raises `accountId`'s read time of `conversationId`; false when it was already as far. */
  raiseAccountReadTime(accountId: string, conversationId: string, readTime: number): boolean {
    const key = `${accountId}\n${conversationId}`;
    const current = this.readTimes.get(key);
    if (current && current.readTime >= readTime) return false;
    if (current) current.readTime = readTime;
    else this.readTimes.set(key, { accountId, conversationId, readTime });
    return true;
  }

  p2pReadTimeKey(readerId: string, senderId: string): string {
    return `${readerId}\n${senderId}`;
  }

  addFault(fault: { method: FaultableMethod; code: number; times: number; accountId?: string }) {
    this.injectedFaults.push({
      method: fault.method,
      code: fault.code,
      remaining: fault.times,
      accountId: fault.accountId,
    });
  }

  /** The next injected failure for this call, if any; consumed as it is taken. */
  takeFault(method: FaultableMethod, accountId: string): NimError | undefined {
    const fault = this.injectedFaults.find(
      (f) => f.method === method && f.remaining > 0 && (f.accountId ?? accountId) === accountId,
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    return new NimError(fault.code, `injected fault in ${method}`);
  }

  /** A per-viewer copy: conversationId and isSelf are computed for the viewer (C3). */
  view(stored: StoredMessage, viewerId: string): V2NIMMessage {
    const message = stored.message;
    return {
      ...message,
      messageConfig: { ...message.messageConfig },
      messageStatus: { ...message.messageStatus },
      conversationId: messageConversationIdFor(viewerId, message),
      isSelf: message.senderId === viewerId,
    };
  }
}
