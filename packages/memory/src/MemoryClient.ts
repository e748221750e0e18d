import {
  callRejection,
  droppedCallError,
  notLoggedInError,
  setConnectStatus,
  setDeviceConnected,
  setLoginStatus,
  startLoginSync,
} from './connection';
import { createConversationIdUtil, isValidConversationIdFor } from './conversationIds';
import { findConversation, listConversations } from './conversations';
import { createTextMessage, listMessages, storeAndDeliver } from './messaging';
import { invalidParameter, NimError, NimErrorCode } from './NimError';
import {
  applyP2PReceipt,
  isPeerReadOnDevice,
  pushReadTime,
  type ReadTimeUpdate,
  raiseReadTime,
} from './p2pReceipts';
import { checkRevokeArgs, copyRevokeParams, revokeStoredMessage } from './revoke';
import { type FaultableMethod, isReachable, type ServerCore } from './ServerCore';
import type {
  V2NIMConversationIdUtil,
  V2NIMConversationListener,
  V2NIMConversationService,
  V2NIMDataSyncState,
  V2NIMDataSyncType,
  V2NIMKickedOfflineDetail,
  V2NIMLoginListener,
  V2NIMLoginService,
  V2NIMMessage,
  V2NIMMessageCreator,
  V2NIMMessageListener,
  V2NIMMessageRevokeParams,
  V2NIMMessageService,
} from './sdkTypes';
import { applyTeamReceipts, queryTeamReceiptDetail, queryTeamReceipts } from './teamReceipts';
import {
  checkConversationIdFor,
  checkP2PReceiptMessage,
  checkTeamReceiptBatch,
  checkTeamReceiptDetail,
  checkTeamReceiptQuery,
  copyIdList,
  copyMessage,
  copyMessageList,
  isNonEmptyString,
  isRecord,
  type MessageLike,
  snapshotOf,
} from './validateReceiptArgs';

/** The slice of `V2NIMMessageService` the memory server implements, typed by the SDK itself. */
export type MemoryMessageService = Pick<
  V2NIMMessageService,
  | 'on'
  | 'off'
  | 'sendMessage'
  | 'getMessageList'
  | 'revokeMessage'
  | 'sendP2PMessageReceipt'
  | 'getP2PMessageReceipt'
  | 'isPeerRead'
  | 'sendTeamMessageReceipts'
  | 'getTeamMessageReceipts'
  | 'getTeamMessageReceiptDetail'
> & {
  /** How many listeners an event has (not in the SDK; tests count subscriptions with it). */
  listenerCount(eventName: keyof V2NIMMessageListener): number;
};

/**
 * The slice of `V2NIMConversationService` the memory server implements. `getConversationReadTime`
 * reads the device's cache, as the SDK does (filled by the login sync and by multi-device updates; 0
 * before them; it answers while disconnected). `getConversation` and `getConversationList` are
 * server calls here (they reject with 190002 while disconnected; the SDK answers them from its synced
 * cache), so every device of an account sees the same conversations. Conversations exist for the
 * accounts a message reached (P2P and team); `unreadCount` is always 0 (not tracked).
 */
export type MemoryConversationService = Pick<
  V2NIMConversationService,
  | 'on'
  | 'off'
  | 'getConversationReadTime'
  | 'markConversationRead'
  | 'getConversation'
  | 'getConversationList'
> & {
  listenerCount(eventName: keyof V2NIMConversationListener): number;
};

/** The slice of `V2NIMLoginService` the memory server implements. */
export type MemoryLoginService = Pick<
  V2NIMLoginService,
  'on' | 'off' | 'getLoginStatus' | 'getConnectStatus' | 'getLoginUser' | 'getDataSync'
> & {
  listenerCount(eventName: keyof V2NIMLoginListener): number;
};

/**
 * One simulated device, shaped like a logged-in nim-web-sdk-ng instance. Pass it wherever an SDK
 * instance is expected (for example to `createNimTransport`).
 */
export interface MemoryClient {
  /** The account this device is logged in as. */
  readonly accountId: string;
  /** True while the device is logged in. */
  readonly isOnline: boolean;
  readonly V2NIMMessageService: MemoryMessageService;
  readonly V2NIMConversationService: MemoryConversationService;
  readonly V2NIMLoginService: MemoryLoginService;
  readonly V2NIMConversationIdUtil: V2NIMConversationIdUtil;
  readonly V2NIMMessageCreator: Pick<V2NIMMessageCreator, 'createTextMessage'>;
  /**
   * Takes this device offline: calls in flight reject at once with 192003 (the server still applies
   * them), its P2P receipt cache is cleared (P8) and its calls reject with 190002 until `login()`.
   */
  logout(): void;
  /** Brings this device back online; pending P2P receipts arrive as ONE event (login sync, P8). */
  login(): void;
  /**
   * Kicks this device offline, as the server (or another device of the account) does: what
   * `logout()` does, with the events of the SDK's "kicked": `onLoginStatus(0)`, `onConnectStatus(0)`,
   * `onDisconnected(192003)`, then `onKickedOffline({ reason: 2, clientType: 0, customClientType: 0 })`.
   * The device stays logged out until `login()`. No-op unless logged in and connected (a kick
   * travels over the connection).
   */
  kick(): void;
  /** True while the device has a connection (it stays logged in without one). */
  readonly isConnected: boolean;
  /**
   * Drops this device's connection as a network loss does (its cache survives): calls in flight
   * reject at once with 192003 (the server still applies them); then `onLoginStatus(3)`,
   * `onConnectStatus(0)`, `onDisconnected`, `onConnectStatus(3)`, emitted synchronously. Later calls
   * reject with 190002 and nothing is delivered until `reconnect()`. No-op when logged out or
   * already dropped.
   */
  disconnect(): void;
  /**
   * Restores the connection (`onLoginStatus(2)`, `onConnectStatus(2)`, `onConnectStatus(1)` at
   * once), logged in again one round trip later (`onLoginStatus(1)`; calls meanwhile reject with
   * 190002); then the P2P receipts missed meanwhile arrive as ONE event, then
   * the read times and the missed messages (one batch). No-op when logged out or connected.
   */
  reconnect(): void;
}

/** Creates a device for `accountId` on `core` and logs it in. */
export function createMemoryClient(core: ServerCore, accountId: string): MemoryClient {
  const device = core.createDevice(accountId);

  /**
   * Client checks, the login, one network hop, injected and random faults, then the server side;
   * all-or-nothing (E2), with two exceptions where, as on a real network, the server applied a call
   * whose caller got an error: the opt-in `timeoutRate` fault (192004) and a connection dropped
   * while the call was in flight (192003, at once; the server applies the call when its hop ends,
   * unless it was to fail there anyway).
   * `validatesFirst` calls (the receipt calls) check their arguments before the login, as the SDK's
   * do (they reach `sendCmd`, which rejects with 190002, only once validated); the others get 190002
   * first while logged out (the SDK's `validateConversationId` needs the account logout clears).
   * `isLocal` calls (answered from the SDK's cache) work without a connection, are not dropped and
   * meet no random fault, only an injected one.
   */
  async function call<T>(
    method: FaultableMethod,
    check: () => NimError | undefined,
    run: () => T,
    {
      isLocal = false,
      validatesFirst = false,
      onAnswer,
    }: { isLocal?: boolean; validatesFirst?: boolean; onAnswer?: (result: T) => void } = {},
  ): Promise<T> {
    if (!device.isOnline && !validatesFirst) throw notLoggedInError();
    const error = check() ?? callRejection(device, isLocal);
    if (error) throw error;
    return new Promise<T>((resolve, reject) => {
      let isDropped = false;
      const onDrop = (dropError: NimError) => {
        isDropped = true;
        reject(dropError);
      };
      if (!isLocal) device.callsInFlight.add(onDrop);
      const end = core.queue.begin();
      core.queue
        .roundTrip()
        .then(() => {
          device.callsInFlight.delete(onDrop);
          if (isDropped) {
            // The caller already has 192003; the request reached the server all the same.
            if (core.faults.fateOf(method).kind !== 'fail') ignoreRejection(run);
            return;
          }
          resolve(answer(method, run, isLocal, onAnswer));
        })
        .catch(reject)
        .finally(end);
    });
  }

  /**
   * The account the SDK checks message ownership against (`core.account`): "" once logged out
   * (logout resets V2NIMLoginService.account), so the two team receipt queries, which require the
   * caller to be the sender, reject every message with 191004 while logged out, and the two receipt
   * sends, which refuse the caller's own messages, refuse none and reach sendCmd, which answers
   * 190002, as on the SDK.
   */
  function sdkAccount(): string {
    return device.isOnline ? accountId : '';
  }

  /**
   * The server side of a call whose hop has ended (see {@link call}); throws its rejection. Only an
   * answer that reaches the device runs `onAnswer`, the device's own bookkeeping of the result.
   */
  function answer<T>(
    method: FaultableMethod,
    run: () => T,
    isLocal: boolean,
    onAnswer: ((result: T) => void) | undefined,
  ): T {
    // The login may have gone during the hop.
    const lateRejection = callRejection(device, isLocal);
    if (lateRejection) throw lateRejection;
    // An injected fault is the test's explicit ask, so even a cache answer honours it.
    const fault = core.takeFault(method, accountId);
    if (fault) throw fault;
    if (isLocal) return run();
    const fate = core.faults.fateOf(method);
    if (fate.kind === 'fail') {
      throw new NimError(fate.code, `simulated network failure in ${method}`);
    }
    const result = run();
    if (fate.kind === 'timeout') {
      throw new NimError(
        NimErrorCode.PROTOCOL_TIMEOUT,
        `simulated packet timeout in ${method}: the server applied the call but the answer was lost`,
      );
    }
    onAnswer?.(result);
    return result;
  }

  /**
   * Logs in or out, with the SDK's status events, emitted synchronously as each status changes
   * (V2NIMLoginLifeCycle): a login goes `onLoginStatus(2)`, `onConnectStatus(2)`,
   * `onConnectStatus(1)`, `onLoginStatus(1)`; a logout `onLoginStatus(0)`, then `onConnectStatus(0)`.
   */
  function setOnline(isOnline: boolean, kicked?: V2NIMKickedOfflineDetail) {
    if (device.isOnline === isOnline) return;
    device.isOnline = isOnline;
    // Logging in needs a connection; logging out forgets the cache and pending pushes (P8).
    device.isConnected = true;
    device.isRelogging = false;
    if (!isOnline) {
      device.p2pCache.clear();
      device.readTimeCache.clear();
      device.missedMessages.length = 0;
      device.missedRevokes.length = 0;
      device.missedConversationIds.clear();
      device.dataSync = undefined;
      // The SDK's logout and kick run doDisconnect first, which rejects the calls in flight at once
      // with 192003 (markAllCmdInvaild); their requests had left, so the server still applies them.
      const dropped = [...device.callsInFlight];
      device.callsInFlight.clear();
      const error = droppedCallError();
      for (const drop of dropped) drop(error);
      setLoginStatus(device, 0);
      if (!kicked) {
        setConnectStatus(device, 0);
        return;
      }
      // "kicked": the connect status goes with its error (so onDisconnected), then the detail.
      setConnectStatus(
        device,
        0,
        new NimError(NimErrorCode.DISCONNECT, 'disconnect due to kicked'),
      );
      device.loginEvents.emit('onKickedOffline', kicked);
      return;
    }
    setLoginStatus(device, 2);
    setConnectStatus(device, 2);
    setConnectStatus(device, 1);
    setLoginStatus(device, 1);
    startLoginSync(core, device);
  }

  const messageService: MemoryMessageService = {
    on: (eventName, fn) => device.messageEvents.on(eventName, fn),
    off: (eventName, fn) => device.messageEvents.off(eventName, fn),
    listenerCount: (eventName) => device.messageEvents.listenerCount(eventName),

    sendMessage: (message, conversationId, params) => {
      // Read once into plain data: a throwing getter gives 191004, and later edits change nothing.
      const input = snapshotOf(() => ({
        message: isRecord(message)
          ? ({ ...message, messageConfig: copyRecord(message.messageConfig) } as V2NIMMessage)
          : message,
        params: isRecord(params)
          ? ({ ...params, messageConfig: copyRecord(params.messageConfig) } as typeof params)
          : undefined,
      }));
      return call(
        'sendMessage',
        () => {
          if (input.error) return input.error;
          const copy = input.value.message as unknown;
          if (!isRecord(copy) || !isNonEmptyString(copy.messageClientId)) {
            return invalidParameter('message must be created by V2NIMMessageCreator');
          }
          return checkConversationIdFor(accountId, conversationId);
        },
        () => ({
          message: storeAndDeliver(core, device, {
            message: input.value?.message as V2NIMMessage,
            conversationId,
            params: input.value?.params,
          }),
        }),
      );
    },

    getMessageList: (option) => {
      const input = snapshotOf(() =>
        isRecord(option)
          ? ({
              ...option,
              anchorMessage: isRecord(option.anchorMessage)
                ? { ...option.anchorMessage }
                : undefined,
            } as typeof option)
          : undefined,
      );
      return call(
        'getMessageList',
        () =>
          input.error ??
          (input.value && isValidConversationIdFor(accountId, input.value.conversationId)
            ? undefined
            : invalidParameter('option.conversationId')),
        () => listMessages(core, device, input.value as typeof option),
      );
    },

    revokeMessage: (message, params) => {
      const input = snapshotOf(() => ({
        message: copyMessage(message),
        params: copyRevokeParams(params),
      }));
      return call(
        'revokeMessage',
        () => input.error ?? checkRevokeArgs(accountId, input.value.message, input.value.params),
        () =>
          revokeStoredMessage(
            core,
            device,
            input.value?.message as MessageLike,
            input.value?.params as V2NIMMessageRevokeParams | undefined,
          ),
      );
    },

    sendP2PMessageReceipt: (message) => {
      const input = snapshotOf(() => copyMessage(message));
      let learned: ReadTimeUpdate | undefined;
      return call(
        'sendP2PMessageReceipt',
        () => input.error ?? checkP2PReceiptMessage(sdkAccount(), input.value),
        () => {
          learned = applyP2PReceipt(core, device, input.value as MessageLike);
        },
        {
          validatesFirst: true,
          // The reading device's own read time moves with the answer, without an event.
          onAnswer: () =>
            learned && raiseReadTime(device, learned.conversationId, learned.readTime),
        },
      );
    },

    getP2PMessageReceipt: (conversationId) =>
      call(
        'getP2PMessageReceipt',
        () =>
          isValidConversationIdFor(accountId, conversationId) &&
          conversationId.charAt(accountId.length + 1) === '1'
            ? undefined
            : invalidParameter(
                'conversationId must be a P2P conversation of the logged-in account',
              ),
        // P7: answered from the local cache; an unknown peer gives 0. Works while disconnected.
        () => ({ conversationId, timestamp: device.p2pCache.get(conversationId) ?? 0 }),
        { isLocal: true },
      ),

    isPeerRead: (message) => {
      // E3: the SDK throws a TypeError for null; the kit throws 191004 instead.
      const input = snapshotOf(() => copyMessage(message));
      if (input.error) throw input.error;
      if (!isRecord(input.value)) throw invalidParameter('message must be a V2NIMMessage');
      return isPeerReadOnDevice(device, input.value);
    },

    sendTeamMessageReceipts: (messages) => {
      const input = snapshotOf(() => copyMessageList(messages));
      return call(
        'sendTeamMessageReceipts',
        () => input.error ?? checkTeamReceiptBatch(sdkAccount(), input.value),
        () => applyTeamReceipts(core, device, input.value as MessageLike[]),
        { validatesFirst: true },
      );
    },

    getTeamMessageReceipts: (messages) => {
      const input = snapshotOf(() => copyMessageList(messages));
      return call(
        'getTeamMessageReceipts',
        () => input.error ?? checkTeamReceiptQuery(sdkAccount(), input.value),
        () => queryTeamReceipts(core, device, input.value as MessageLike[]),
        { validatesFirst: true },
      );
    },

    getTeamMessageReceiptDetail: (message, memberAccountIds) => {
      const input = snapshotOf(() => ({
        message: copyMessage(message),
        memberAccountIds: copyIdList(memberAccountIds),
      }));
      return call(
        'getTeamMessageReceiptDetail',
        () =>
          input.error ??
          checkTeamReceiptDetail(sdkAccount(), input.value.message, input.value.memberAccountIds),
        () =>
          queryTeamReceiptDetail(
            core,
            device,
            input.value?.message as MessageLike,
            input.value?.memberAccountIds as string[] | undefined,
          ),
        { validatesFirst: true },
      );
    },
  };

  const conversationService: MemoryConversationService = {
    on: (eventName, fn) => device.conversationEvents.on(eventName, fn),
    off: (eventName, fn) => device.conversationEvents.off(eventName, fn),
    listenerCount: (eventName) => device.conversationEvents.listenerCount(eventName),
    // A local cache read, as in the SDK (no server call, answered at once): 0 until the login sync
    // or a multi-device update filled it; it answers while disconnected or logging in again. Only a
    // logout (190002), a bad id (191004) or an injected fault rejects it.
    getConversationReadTime: async (conversationId) => {
      if (!device.isOnline) throw notLoggedInError();
      const error = checkConversationIdFor(accountId, conversationId);
      if (error) throw error;
      const fault = core.takeFault('getConversationReadTime', accountId);
      if (fault) throw fault;
      return device.readTimeCache.get(conversationId) ?? 0;
    },
    // As the SDK's cloud V2NIMConversationService.markConversationRead: the read time becomes the
    // conversation's last message createTime (computeReadTimeForMark); when the device's cache is
    // already there it answers that at once, without a server call; otherwise one server call
    // (v2MarkConversationReadTime), then the cache moves without an event on this device, and the
    // account's other devices get onConversationReadTimeUpdated. No receipt reaches the peer.
    markConversationRead: async (conversationId) => {
      if (!device.isOnline) throw notLoggedInError(); // checkLogin: login status 0
      const error = checkConversationIdFor(accountId, conversationId);
      if (error) throw error;
      const record = core.conversations.get(accountId)?.get(conversationId);
      if (!record) throw invalidParameter('Conversation not exist');
      const readTime = record.lastMessage.message.createTime;
      const current = device.readTimeCache.get(conversationId) ?? 0;
      if (current >= readTime) return current;
      return call(
        'markConversationRead',
        () => undefined,
        () => {
          if (core.raiseAccountReadTime(accountId, conversationId, readTime)) {
            pushReadTime(core, device, conversationId, readTime);
          }
          return readTime;
        },
        // The SDK overwrites its cache with the answer (updateReadTime); monotonic here, as everywhere.
        { onAnswer: () => raiseReadTime(device, conversationId, readTime) },
      );
    },
    getConversation: (conversationId) =>
      call(
        'getConversation',
        () => checkConversationIdFor(accountId, conversationId),
        () => findConversation(core, device, conversationId),
      ),
    getConversationList: (offset, limit) =>
      call(
        'getConversationList',
        () => {
          // The SDK validates offset >= 0 and limit >= 1; NaN and Infinity are refused too here.
          if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0) {
            return invalidParameter('offset must be a number >= 0');
          }
          if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 1) {
            return invalidParameter('limit must be a number >= 1');
          }
          return undefined;
        },
        () => listConversations(core, device, offset, limit),
      ),
  };

  const loginService: MemoryLoginService = {
    on: (eventName, fn) => device.loginEvents.on(eventName, fn),
    off: (eventName, fn) => device.loginEvents.off(eventName, fn),
    listenerCount: (eventName) => device.loginEvents.listenerCount(eventName),
    // The statuses as the last status event left them (see setOnline and setDeviceConnected).
    getLoginStatus: () => device.loginStatus,
    getConnectStatus: () => device.connectStatus,
    // As the SDK: the account while logged in (or logging in again after a drop), "" after logout.
    getLoginUser: () => (device.isOnline ? accountId : ''),
    // The main data sync of this login (see startLoginSync); null before any and after logout.
    getDataSync: () =>
      device.dataSync
        ? [{ type: 1 as V2NIMDataSyncType, state: device.dataSync.state as V2NIMDataSyncState }]
        : null,
  };

  const client: MemoryClient = {
    accountId,
    get isOnline() {
      return device.isOnline;
    },
    V2NIMMessageService: messageService,
    V2NIMConversationService: conversationService,
    V2NIMLoginService: loginService,
    V2NIMConversationIdUtil: createConversationIdUtil(accountId),
    V2NIMMessageCreator: {
      createTextMessage: (text: string): V2NIMMessage => {
        // A value whose string conversion throws (or a symbol-like trap) is bad input, not a crash.
        const input = snapshotOf(() => String(text));
        if (input.error) throw input.error;
        return createTextMessage(core, device, input.value);
      },
    },
    logout: () => setOnline(false),
    login: () => setOnline(true),
    kick: () => {
      if (!isReachable(device)) return;
      // nim-web-sdk-ng 10.8.1 (formatBeKickedTag) sets these three fields only, whatever the
      // declaration says of reasonDesc. Reason 2: kicked by the server.
      setOnline(false, {
        reason: 2,
        clientType: 0,
        customClientType: 0,
      } as unknown as V2NIMKickedOfflineDetail);
    },
    get isConnected() {
      return device.isOnline && device.isConnected;
    },
    disconnect: () => setDeviceConnected(core, device, false),
    reconnect: () => setDeviceConnected(core, device, true),
  };
  setOnline(true);
  return client;
}

/** Runs `run`, ignoring a rejection nobody is waiting for any more. */
function ignoreRejection(run: () => unknown): void {
  try {
    run();
  } catch {
    // The caller was answered already (192003).
  }
}

/** A shallow copy of a record, or undefined. */
function copyRecord<T>(value: T): T | undefined {
  return isRecord(value) ? ({ ...value } as T) : undefined;
}
