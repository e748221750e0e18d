import { createConversationIdUtil, isValidConversationIdFor } from './conversationIds';
import { createTextMessage, listMessages, storeAndDeliver } from './messaging';
import { invalidParameter, NimError, NimErrorCode } from './NimError';
import { applyP2PReceipt, isPeerReadOnDevice, syncP2PAtLogin } from './p2pReceipts';
import type { FaultableMethod, ServerCore } from './ServerCore';
import type {
  V2NIMConnectStatus,
  V2NIMConversationIdUtil,
  V2NIMConversationListener,
  V2NIMConversationService,
  V2NIMLoginListener,
  V2NIMLoginService,
  V2NIMLoginStatus,
  V2NIMMessage,
  V2NIMMessageCreator,
  V2NIMMessageListener,
  V2NIMMessageService,
} from './sdkTypes';
import { applyTeamReceipts, queryTeamReceiptDetail, queryTeamReceipts } from './teamReceipts';
import {
  checkP2PReceiptMessage,
  checkTeamReceiptBatch,
  checkTeamReceiptDetail,
  checkTeamReceiptQuery,
  isNonEmptyString,
  isRecord,
  type MessageLike,
} from './validateReceiptArgs';

/** The slice of `V2NIMMessageService` the memory server implements, typed by the SDK itself. */
export type MemoryMessageService = Pick<
  V2NIMMessageService,
  | 'on'
  | 'off'
  | 'sendMessage'
  | 'getMessageList'
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

/** The slice of `V2NIMConversationService` the memory server implements. */
export type MemoryConversationService = Pick<V2NIMConversationService, 'on' | 'off'> & {
  listenerCount(eventName: keyof V2NIMConversationListener): number;
};

/** The slice of `V2NIMLoginService` the memory server implements. */
export type MemoryLoginService = Pick<
  V2NIMLoginService,
  'on' | 'off' | 'getLoginStatus' | 'getConnectStatus'
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
   * Takes this device offline: its P2P receipt cache is cleared (P8) and its calls reject with
   * 190002 until `login()`.
   */
  logout(): void;
  /** Brings this device back online; pending P2P receipts arrive as ONE event (login sync, P8). */
  login(): void;
}

/** Creates a device for `accountId` on `core` and logs it in. */
export function createMemoryClient(core: ServerCore, accountId: string): MemoryClient {
  const device = core.createDevice(accountId);

  /** Client checks, one network hop, injected faults, then the server side; all-or-nothing (E2). */
  async function call<T>(
    method: FaultableMethod,
    check: () => NimError | undefined,
    run: () => T,
  ): Promise<T> {
    if (!device.isOnline) throw notLoggedIn();
    const error = check();
    if (error) throw error;
    const end = core.queue.begin();
    try {
      await core.queue.roundTrip();
      if (!device.isOnline) throw notLoggedIn();
      const fault = core.takeFault(method, accountId);
      if (fault) throw fault;
      return run();
    } finally {
      end();
    }
  }

  function setOnline(isOnline: boolean) {
    if (device.isOnline === isOnline) return;
    device.isOnline = isOnline;
    if (!isOnline) device.p2pCache.clear();
    const status = isOnline ? 1 : 0;
    // Status events are local to the device, so they are emitted whether it is online or not.
    core.queue.schedule(() => {
      device.loginEvents.emit('onConnectStatus', status as V2NIMConnectStatus);
      device.loginEvents.emit('onLoginStatus', status as V2NIMLoginStatus);
    });
    if (isOnline) syncP2PAtLogin(core, device);
  }

  const messageService: MemoryMessageService = {
    on: (eventName, fn) => device.messageEvents.on(eventName, fn),
    off: (eventName, fn) => device.messageEvents.off(eventName, fn),
    listenerCount: (eventName) => device.messageEvents.listenerCount(eventName),

    sendMessage: (message, conversationId, params) =>
      call(
        'sendMessage',
        () => {
          if (!isRecord(message) || !isNonEmptyString((message as MessageLike).messageClientId)) {
            return invalidParameter('message must be created by V2NIMMessageCreator');
          }
          if (!isValidConversationIdFor(accountId, conversationId)) {
            return invalidParameter(`conversationId must start with "${accountId}|<1-3>|"`);
          }
          return undefined;
        },
        () => ({ message: storeAndDeliver(core, device, { message, conversationId, params }) }),
      ),

    getMessageList: (option) =>
      call(
        'getMessageList',
        () =>
          isRecord(option) && isValidConversationIdFor(accountId, option.conversationId)
            ? undefined
            : invalidParameter('option.conversationId'),
        () => listMessages(core, device, option),
      ),

    sendP2PMessageReceipt: (message) =>
      call(
        'sendP2PMessageReceipt',
        () => checkP2PReceiptMessage(accountId, message),
        () => applyP2PReceipt(core, device, message as MessageLike),
      ),

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
        // P7: answered from the local cache; an unknown peer gives 0.
        () => ({ conversationId, timestamp: device.p2pCache.get(conversationId) ?? 0 }),
      ),

    isPeerRead: (message) => {
      // E3: the SDK throws a TypeError for null; the kit throws 191004 instead.
      if (!isRecord(message)) throw invalidParameter('message must be a V2NIMMessage');
      return isPeerReadOnDevice(device, message as MessageLike);
    },

    sendTeamMessageReceipts: (messages) =>
      call(
        'sendTeamMessageReceipts',
        () => checkTeamReceiptBatch(accountId, messages),
        () => applyTeamReceipts(core, device, messages as MessageLike[]),
      ),

    getTeamMessageReceipts: (messages) =>
      call(
        'getTeamMessageReceipts',
        () => checkTeamReceiptQuery(accountId, messages),
        () => queryTeamReceipts(core, device, messages as MessageLike[]),
      ),

    getTeamMessageReceiptDetail: (message, memberAccountIds) =>
      call(
        'getTeamMessageReceiptDetail',
        () => checkTeamReceiptDetail(accountId, message, memberAccountIds),
        () => queryTeamReceiptDetail(core, device, message as MessageLike, memberAccountIds),
      ),
  };

  const conversationService: MemoryConversationService = {
    on: (eventName, fn) => device.conversationEvents.on(eventName, fn),
    off: (eventName, fn) => device.conversationEvents.off(eventName, fn),
    listenerCount: (eventName) => device.conversationEvents.listenerCount(eventName),
  };

  const loginService: MemoryLoginService = {
    on: (eventName, fn) => device.loginEvents.on(eventName, fn),
    off: (eventName, fn) => device.loginEvents.off(eventName, fn),
    listenerCount: (eventName) => device.loginEvents.listenerCount(eventName),
    getLoginStatus: () => (device.isOnline ? 1 : 0) as V2NIMLoginStatus,
    getConnectStatus: () => (device.isOnline ? 1 : 0) as V2NIMConnectStatus,
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
      createTextMessage: (text: string): V2NIMMessage => createTextMessage(core, device, text),
    },
    logout: () => setOnline(false),
    login: () => setOnline(true),
  };
  setOnline(true);
  return client;
}

function notLoggedIn(): NimError {
  return new NimError(NimErrorCode.ILLEGAL_STATE, 'not logged in');
}
