import {
  type ConnectionState,
  ReceiptError,
  ReceiptErrorCode,
  type ReceiptTransport,
  TEAM_BATCH_LIMIT,
  type TeamMessageReadReceiptDetail,
  type TransportEvent,
} from '@readmark/core';
import { whenMainDataSynced } from './mainDataSync';
import type { NimLike } from './NimLike';
import { compact, isTime, toP2PReceipt, toTeamReceipt } from './normalizeReceipts';
import type { V2NIMMessage } from './sdkTypes';

/** Options of {@link createNimTransport}. */
export interface NimTransportOptions {
  /**
   * Apply `memberAccountIds` of `getTeamMessageReceiptDetail` on the client (SPEC G9), because
   * nim-web-sdk-ng 10.8.1 drops it. Harmless when the SDK honours it. Defaults to true.
   */
  isMemberFilterApplied?: boolean | undefined;
  /**
   * Take NIM's conversation read time (`onConversationReadTimeUpdated`, `getConversationReadTime`)
   * as how far this account has read on any device (SPEC P11): the engine then sends no P2P
   * receipt up to it, the receipt another device or the page before a reload already sent. Defaults
   * to true. nim-web-sdk-ng 10.8.1 moves that read time with `markConversationRead` (which clears
   * unread counts), not with receipts, so an app that marks a conversation read at moments it sends
   * no receipt (as a chat opens, before its newest messages were seen) should pass false: otherwise
   * those messages are never acknowledged and the peer never sees them read.
   */
  isReadTimeSynced?: boolean | undefined;
}

/**
 * A non-array object. False, never a TypeError, for a revoked Proxy (an Immer draft kept after its
 * producer ended), on which even `Array.isArray` throws: as a message it is refused with 191004.
 */
function isRecord(value: unknown): boolean {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function invalid(reason: string): ReceiptError {
  return new ReceiptError(ReceiptErrorCode.INVALID_PARAMETER, `invalid parameter: ${reason}`);
}

/** The `V2NIMMessageService` methods the transport calls. */
const RECEIPT_METHODS = [
  'sendP2PMessageReceipt',
  'getP2PMessageReceipt',
  'sendTeamMessageReceipts',
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
] as const;

/**
 * `service` when it is a registered SDK service (its `on` and `off` are functions), else undefined.
 * nim-web-sdk-ng's ESM build sets every service the app did not register to `{}` on the instance,
 * so being an object proves nothing. A service whose fields cannot be read counts as absent.
 */
function serviceOf<S extends { on: unknown; off: unknown }>(service: S | undefined): S | undefined {
  try {
    return isRecord(service) &&
      typeof service?.on === 'function' &&
      typeof service.off === 'function'
      ? service
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SDK is logged in as an account the receipt is not from (one instance switching accounts): 190002
 * ("not logged in" as that account), which the engine holds and retries rather than drops, so the
 * old account's receipts are kept (handed to its next engine or its storage) instead of being lost
 * as a final 191004 or sent as the new account's reads.
 */
function loggedInAsAnother(account: string, reason: string): ReceiptError {
  return new ReceiptError(
    ReceiptErrorCode.ILLEGAL_STATE,
    `the SDK is logged in as ${account}: ${reason}`,
  );
}

/**
 * More than 50 messages in one team call: 191001 before any effect (SPEC G3, G6), unless the SDK
 * refuses the call itself. 10.8.1 has no cap (it leaves it to the server), so its own checks and
 * codes come first: the call is then left to the SDK, which rejects it before sending anything.
 */
function checkBatchLimit(list: readonly V2NIMMessage[], isRefusedBySdk: () => boolean): void {
  if (list.length > TEAM_BATCH_LIMIT && !isRefusedBySdk()) {
    throw new ReceiptError(
      ReceiptErrorCode.MISUSE,
      `at most ${TEAM_BATCH_LIMIT} messages per call`,
    );
  }
}

/**
 * True when every message is of one conversation and one of them has no server id (or a field cannot
 * be read: a hostile getter counts as unsent rather than escaping as a TypeError).
 */
function hasUnsentMessage(list: readonly V2NIMMessage[]): boolean {
  try {
    const conversationId = list[0]?.conversationId;
    if (list.some((message) => message.conversationId !== conversationId)) return false;
    return list.some(
      (message) => typeof message.messageServerId !== 'string' || message.messageServerId === '',
    );
  } catch {
    return true;
  }
}

/**
 * The field checks the SDK makes before anything else (SPEC P1 step 2 with type 1, G3 step 2 with
 * type 2): a non-empty `messageClientId`, the conversation type, a non-empty `receiverId` and a
 * numeric `createTime`. A message failing them is the SDK's to refuse (191004).
 */
function passesFieldChecks(message: V2NIMMessage, conversationType: 1 | 2): boolean {
  const { messageClientId, receiverId, createTime } = message;
  return (
    typeof messageClientId === 'string' &&
    messageClientId !== '' &&
    message.conversationType === conversationType &&
    typeof receiverId === 'string' &&
    receiverId !== '' &&
    typeof createTime === 'number'
  );
}

/** SPEC G3 steps 1 and 2: one conversation, every item passing {@link passesFieldChecks}. */
function passesTeamBatchChecks(list: readonly V2NIMMessage[]): boolean {
  const conversationId = list[0]?.conversationId;
  return list.every(
    (message) => message.conversationId === conversationId && passesFieldChecks(message, 2),
  );
}

/**
 * SPEC G6 steps 1-3 as the SDK checks a team query (ReceiptUtil @366175): a non-empty `receiverId`
 * and `messageServerId` and type 2, every message sent by `account` (the SDK's, "" logged out;
 * undefined, when it cannot tell, passes) and one team.
 */
function passesTeamQueryChecks(
  list: readonly V2NIMMessage[],
  account: string | undefined,
): boolean {
  const teamId = list[0]?.receiverId;
  return list.every(
    ({ receiverId, messageServerId, conversationType, senderId }) =>
      typeof receiverId === 'string' &&
      receiverId !== '' &&
      receiverId === teamId &&
      typeof messageServerId === 'string' &&
      messageServerId !== '' &&
      conversationType === 2 &&
      (account === undefined || senderId === account),
  );
}

/**
 * A message list as a dense array of records, or undefined. `Array.from` turns holes into
 * `undefined` (which `every` would skip and the SDK would crash on with a TypeError), and a list
 * whose reading throws (a hostile Proxy or getter) is refused instead of escaping.
 */
function messageListOf(value: unknown): V2NIMMessage[] | undefined {
  try {
    if (!Array.isArray(value)) return undefined;
    const list: unknown[] = Array.from(value);
    return list.every(isRecord) ? (list as V2NIMMessage[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The member filter as a dense array of strings; undefined stays undefined; anything else is null. */
function memberFilterOf(value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  try {
    if (!Array.isArray(value)) return null;
    const ids: unknown[] = Array.from(value);
    return ids.every((id) => typeof id === 'string') ? (ids as string[]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs an SDK call and turns every failure into a rejected ReceiptError that keeps NIM's code:
 * rejections, and synchronous throws (the SDK's `checkV2` throws 191001 synchronously, SPEC §3).
 * A throw without a NIM code becomes 191004, not `ReceiptError.from`'s default 192006: the SDK
 * reports its own failures (network ones included) as coded `V2NIMError`s, so an uncoded throw is a
 * TypeError from reading an argument it cannot use (SPEC E3), which fails the same way every time.
 * As the retryable 192006 the engine would retry it forever.
 */
async function callSdk<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw ReceiptError.from(error, ReceiptErrorCode.INVALID_PARAMETER);
  }
}

/**
 * Runs a handler the SDK calls from its event dispatch, never letting it throw there: the SDK emits
 * through eventemitter3, whose loop stops at the first listener that throws, so every later listener
 * of that event (the app's own, a UIKit store's) would miss it. The error is rethrown
 * asynchronously, as an unhandled rejection, so the bug is still reported.
 */
function isolated(handler: () => void): void {
  try {
    handler();
  } catch (error) {
    void Promise.reject(error);
  }
}

/** One SDK listener: the service (skipped when absent), the event, the handler. */
type Listening = [
  service: { on: unknown; off: unknown } | undefined,
  event: string,
  handler: (...args: never[]) => void,
];

/** Calls a service's `on` or `off`, whose typed overloads name each event. */
function toggle([service, event, handler]: Listening, method: 'on' | 'off'): void {
  // Only for services that are there: listenAll skips absent ones.
  const change = (service as Record<typeof method, (event: string, handler: unknown) => void>)[
    method
  ];
  change.call(service, event, handler);
}

/**
 * Adds SDK listeners, all or none: when an `on` throws (a broken or half-registered service), the
 * listeners already added are removed again and the error is thrown as a ReceiptError (191004 when
 * it has no NIM code), so a failed subscribe leaves no listener behind that nobody could remove.
 * The result removes them all, once; from then on no handler runs, not even in the emit under way:
 * eventemitter3 (the SDK's emitter) still calls a handler that an earlier listener of the same
 * event removed, so an app that stopped the kit from its own listener got that event anyway.
 */
function listenAll(listenings: readonly Listening[]): () => void {
  let isListening = true;
  const added: Listening[] = [];
  const removeAdded = () => {
    isListening = false;
    for (const listening of added.splice(0)) toggle(listening, 'off');
  };
  try {
    for (const [service, event, handler] of listenings) {
      if (!service) continue;
      const listening: Listening = [
        service,
        event,
        (...args) => {
          if (isListening) handler(...args);
        },
      ];
      toggle(listening, 'on');
      added.push(listening);
    }
  } catch (error) {
    try {
      removeAdded();
    } catch {
      // Already failing: the first error is the one to report.
    }
    throw ReceiptError.from(error, ReceiptErrorCode.INVALID_PARAMETER);
  }
  return removeAdded;
}

/**
 * Connected once the SDK is both connected and logged in: after a reconnect nim-web-sdk-ng 10.8.1
 * reports the connection (connect status 1) a round trip before the login (login status 1), and
 * calls made in between fail with 190002, so that stretch is still "connecting". Logged out (login
 * status 0) is "disconnected" whatever the connection: a logout or a kick emits `onLoginStatus(0)`
 * while the connect status is still 1, and only then `onConnectStatus(0)`.
 */
function connectionStateOf(connectStatus: unknown, loginStatus: unknown): ConnectionState {
  if (loginStatus === 0) return 'disconnected';
  if (connectStatus === 1) return loginStatus === 1 ? 'connected' : 'connecting';
  if (connectStatus === 2 || connectStatus === 3) return 'connecting';
  return 'disconnected';
}

/**
 * The transports made so far, by SDK instance, then by switches (`isMemberFilterApplied` * 2 +
 * `isReadTimeSynced`): one per instance and switches, so an app that calls `createNimTransport(nim)`
 * in every render hands `ReceiptProvider` the same object each time, and keeps its engine.
 */
const transportsByInstance = new WeakMap<object, ReceiptTransport[]>();

/**
 * Readmark's transport over a logged-in nim-web-sdk-ng V2 instance (or a `@readmark/memory`
 * client, which has the same shape). It validates arguments (bad types reject with 191004, never a
 * TypeError, SPEC E3), converts every SDK failure into a `ReceiptError` with NIM's code, strips the
 * `receiverId` Web 10.8.1 leaks into team receipts (T3) and applies the detail member filter on the
 * client (G9). The same instance and options give the same transport: it may be called while
 * rendering.
 *
 * @example
 * const transport = createNimTransport(nim);
 * const engine = createReceiptEngine({ transport, accountId: 'A' });
 */
export function createNimTransport(
  nim: NimLike,
  options: NimTransportOptions = {},
): ReceiptTransport {
  if (!isRecord(nim)) {
    throw invalid('createNimTransport needs an SDK instance with V2NIMMessageService');
  }
  const { isMemberFilterApplied, isReadTimeSynced } = switchesOf(options);
  const made = transportsByInstance.get(nim) ?? [];
  const slot = Number(isMemberFilterApplied) * 2 + Number(isReadTimeSynced);
  const existing = made[slot];
  if (existing) return existing;
  // Each service read once, here.
  let sdk: NimLike;
  try {
    const {
      V2NIMMessageService,
      V2NIMConversationService,
      V2NIMLocalConversationService,
      V2NIMLoginService,
    } = nim;
    sdk = {
      V2NIMMessageService,
      V2NIMConversationService,
      V2NIMLocalConversationService,
      V2NIMLoginService,
    };
  } catch {
    // An instance whose services cannot be read (a throwing getter or Proxy) is no SDK instance.
    throw invalid('createNimTransport needs an SDK instance whose services can be read');
  }
  // The SDK's ESM build leaves a service the app did not register as `{}`: refused here, or every
  // call would fail later with an uncoded TypeError.
  const messages = serviceOf(sdk.V2NIMMessageService);
  if (!messages || RECEIPT_METHODS.some((name) => typeof messages[name] !== 'function')) {
    throw invalid(
      'createNimTransport needs V2NIMMessageService with the receipt methods; with the ESM build ' +
        'of nim-web-sdk-ng, register it (NIM.registerService) before creating the NIM instance',
    );
  }
  // Optional services count only when registered (an unregistered one is `{}`): otherwise
  // `subscribe` would call an `on` that is not there. Without the read-time sync the engine learns
  // its own read time from its sends alone.
  // The cloud conversation service, else the local one (10.8.0+): with the ESM build an app on
  // local conversations registers only V2NIMLocalConversationService, which then gets the SDK's
  // read-time sync and answers getConversationReadTime in its place.
  const conversations: NimLike['V2NIMConversationService'] = isReadTimeSynced
    ? (serviceOf(sdk.V2NIMConversationService) ??
      (serviceOf(sdk.V2NIMLocalConversationService) as NimLike['V2NIMConversationService']))
    : undefined;
  const login = serviceOf(sdk.V2NIMLoginService);
  // Web 10.8.1 overwrites its P2P cache with whatever arrives, so a stale push could lower what
  // getP2PMessageReceipt reports. The transport remembers the highest value it has seen (SPEC P9).
  const p2pWatermarks = new Map<string, number>();
  const raiseWatermark = (conversationId: string, timestamp: number): number => {
    const highest = Math.max(p2pWatermarks.get(conversationId) ?? 0, timestamp);
    p2pWatermarks.set(conversationId, highest);
    return highest;
  };

  // The account the SDK checks senders against (`getLoginUser`, its core.account): "" when nobody
  // is logged in; undefined when it cannot tell (no such method).
  const sdkAccount = (): string | undefined => {
    if (typeof login?.getLoginUser !== 'function') return undefined;
    const account: unknown = login.getLoginUser();
    return typeof account === 'string' ? account : undefined;
  };

  // The account the SDK is logged in as now, when it says; undefined when it cannot or nobody is.
  const loginUser = (): string | undefined => sdkAccount() || undefined;

  // Logged in or logging in, as far as the SDK says (false when it cannot tell).
  const isLoggedIn = (): boolean => {
    try {
      return typeof login?.getLoginStatus === 'function' && login.getLoginStatus() !== 0;
    } catch {
      return false;
    }
  };

  // Cache reads (the peer's read time and this account's) waiting for the SDK's login sync, as the
  // function that ends their wait at once, and how many subscriptions are open: an SDK that cannot
  // tell its login status has its waits ended when the last one ends (see `subscribe`); a logout
  // ends them otherwise.
  const syncWaits = new Set<() => void>();
  let subscriptions = 0;
  // The one wait every cache read shares (the peer's read time and this account's): one onDataSync
  // listener and one timer however many conversations load at login. It is over once its end has
  // left `syncWaits`, which happens synchronously as it ends, so a read asked right after (from the
  // onLoginStatus(1) of the next login) starts a wait of its own instead of taking the ended one.
  // `syncWaits` holds no other wait.
  let syncWait: Promise<void> | undefined;
  const afterLoginSync = (): Promise<void> => {
    if (syncWait === undefined || syncWaits.size === 0) {
      syncWait = whenMainDataSynced(login, syncWaits);
    }
    return syncWait;
  };

  // The account asking a cache read, read before its wait: undefined when the SDK cannot tell (it
  // then answers as whoever is logged in).
  const askerOf = (): string | undefined => {
    try {
      return loginUser();
    } catch {
      return undefined;
    }
  };

  // Logged into another account during the wait (one instance switching accounts): its cache would
  // answer as that account, 191004 for the asker's conversations, a failure for good. 190002
  // instead, as for a receipt: retried once the asker is back. Logged out, the SDK's own 190002
  // comes. Run inside callSdk, so a throwing getLoginUser rejects too.
  const checkAsker = (asker: string | undefined, what: string): void => {
    const self = loginUser();
    if (asker !== undefined && self !== undefined && self !== asker) {
      throw loggedInAsAnother(self, `${what} asked as ${asker}`);
    }
  };

  const transport: ReceiptTransport = {
    sendP2PMessageReceipt(message) {
      if (!isRecord(message)) return Promise.reject(invalid('message must be a V2NIMMessage'));
      return callSdk(() => {
        // SPEC P4: the SDK does not check `receiverId === self`; it tells the message's sender "the
        // logged-in account has read up to createTime". When one NIM instance switches accounts, its
        // onLoginStatus(1) fires before login() resolves, and an engine of the old account may still
        // flush a receipt: it would go out from the new account's session. Checked inside callSdk so
        // a throwing getter or getLoginUser rejects too.
        // An own message is left to the SDK, whose 191004 for it comes first (P1, scenario 6), and
        // so is one that fails P1's field checks: a team copy is addressed to its team, not to
        // self, and the SDK's 191004 for it (scenario 7) comes before any question of accounts.
        const self = loginUser();
        const { receiverId, senderId } = message as V2NIMMessage;
        if (
          self !== undefined &&
          receiverId !== self &&
          senderId !== self &&
          passesFieldChecks(message as V2NIMMessage, 1)
        ) {
          throw loggedInAsAnother(self, 'the message is not addressed to it');
        }
        return messages.sendP2PMessageReceipt(message as V2NIMMessage);
      });
    },

    async getP2PMessageReceipt(conversationId) {
      if (typeof conversationId !== 'string') throw invalid('conversationId must be a string');
      // nim-web-sdk-ng answers from its cache (SPEC P7), which the login sync fills (P8): asked
      // before it, the answer is 0 and the engine shows the peer's read messages as unread until
      // the sync's event arrives a moment later, on every page load. Asked after it, as the
      // engine's own read time is.
      const asker = askerOf();
      await afterLoginSync();
      const receipt = toP2PReceipt(
        await callSdk(() => {
          checkAsker(asker, `the peer read time of ${conversationId}`);
          return messages.getP2PMessageReceipt(conversationId);
        }),
      );
      return { conversationId, timestamp: raiseWatermark(conversationId, receipt?.timestamp ?? 0) };
    },

    sendTeamMessageReceipts(input) {
      const list = messageListOf(input);
      if (!list) return Promise.reject(invalid('messages must be an array of V2NIMMessage'));
      // G3 [DEC]: a message without a server id was never sent, and 10.8.1 does not check it, so the
      // transport does. A batch of several conversations is left to the SDK: its 191001 comes first.
      if (hasUnsentMessage(list)) {
        return Promise.reject(invalid('messageServerId must be a non-empty string'));
      }
      return callSdk(() => {
        // The SDK leaves the 50 cap to the server; checking here keeps "no effect" certain (G3).
        checkBatchLimit(list, () => {
          const account = sdkAccount();
          return (
            !passesTeamBatchChecks(list) ||
            (account !== undefined && list.some((message) => message.senderId === account))
          );
        });
        // As for P4: the SDK sends whatever copies it is given as the logged-in account's reads. A
        // team copy's conversation id starts with the account that received it (`A|2|T1`), so
        // after an account switch an old engine's receipts would count as the new account's. A
        // batch failing G3 steps 1-2 is left to the SDK, whose 191001 or 191004 comes first.
        const self = loginUser();
        const foreign =
          self === undefined || !passesTeamBatchChecks(list)
            ? undefined
            : list.find(
                (message) =>
                  typeof message.conversationId === 'string' &&
                  !message.conversationId.startsWith(`${self}|`),
              );
        if (foreign) {
          throw loggedInAsAnother(
            self as string,
            `${foreign.conversationId} is not its conversation`,
          );
        }
        return messages.sendTeamMessageReceipts(list);
      });
    },

    async getTeamMessageReceipts(input) {
      const list = messageListOf(input);
      if (!list) throw invalid('messages must be an array of V2NIMMessage');
      // SEED §OTHER caps queries at 50 too (G6); 10.8.1 leaves it to the server, whose code for it
      // the SDK does not promise.
      const results = await callSdk(() => {
        checkBatchLimit(list, () => !passesTeamQueryChecks(list, sdkAccount()));
        return messages.getTeamMessageReceipts(list);
      });
      return compact(results, toTeamReceipt);
    },

    async getTeamMessageReceiptDetail(message, filterInput) {
      if (!isRecord(message)) throw invalid('message must be a V2NIMMessage');
      const memberAccountIds = memberFilterOf(filterInput);
      if (memberAccountIds === null) {
        throw invalid('memberAccountIds must be an array of account ids');
      }
      const detail = await callSdk(() =>
        messages.getTeamMessageReceiptDetail(message as V2NIMMessage, memberAccountIds),
      );
      try {
        return toDetail(detail, isMemberFilterApplied ? memberAccountIds : undefined);
      } catch (error) {
        throw error instanceof ReceiptError
          ? error
          : new ReceiptError(
              ReceiptErrorCode.INVALID_PARAMETER,
              'unreadable receipt detail',
              error,
            );
      }
    },

    subscribe(listener) {
      if (typeof listener !== 'function') throw invalid('listener must be a function');
      const emit = (event: TransportEvent) => isolated(() => listener(event));
      const onP2P = (receipts: unknown) => {
        const list = compact(receipts, toP2PReceipt);
        for (const receipt of list) raiseWatermark(receipt.conversationId, receipt.timestamp);
        if (list.length > 0) emit({ type: 'p2pReceipts', receipts: list });
      };
      const onTeam = (receipts: unknown) => {
        const list = compact(receipts, toTeamReceipt);
        if (list.length > 0) emit({ type: 'teamReceipts', receipts: list });
      };
      const onReadTime = (conversationId: unknown, readTime: unknown) => {
        if (typeof conversationId !== 'string' || !isTime(readTime)) return;
        emit({ type: 'selfReadTime', conversationId, readTime });
      };
      const stopListening = listenAll([
        [messages, 'onReceiveP2PMessageReadReceipts', onP2P],
        [messages, 'onReceiveTeamMessageReadReceipts', onTeam],
        [conversations, 'onConversationReadTimeUpdated', onReadTime],
      ]);
      subscriptions += 1;
      let isSubscribed = true;
      return () => {
        if (isSubscribed) {
          isSubscribed = false;
          subscriptions -= 1;
          // The last engine is gone (disposed, the transport swapped or the app logged out). While
          // the SDK is logged in, its sync is coming: a disposed engine with nobody to take its
          // receipts still waits for that answer, and read now, before the sync, it would say 0 and
          // send a receipt another device already sent (P11, scenario 13). Logged out, each wait
          // has ended already (see whenMainDataSynced). An SDK that cannot tell its login status
          // ends them here, as at their cap, rather than keep an onDataSync listener and a 5 s timer.
          if (subscriptions === 0 && !isLoggedIn()) for (const end of [...syncWaits]) end();
        }
        stopListening();
      };
    },
  };

  const getConversationReadTime = conversations?.getConversationReadTime;
  if (typeof getConversationReadTime === 'function') {
    // How far this account has read a conversation on any device (SPEC P11): the engine seeds its
    // selfReadTime with it, so a reloaded page does not acknowledge the same message again (U5).
    // Asked once the SDK's login sync has filled the cache it answers from (whenMainDataSynced), at a
    // logout, or when the last subscription ends on an SDK that cannot tell its login status.
    transport.getSelfReadTime = async (conversationId) => {
      if (typeof conversationId !== 'string') throw invalid('conversationId must be a string');
      const asker = askerOf();
      await afterLoginSync();
      const readTime = await callSdk(() => {
        checkAsker(asker, 'read time');
        return getConversationReadTime.call(conversations, conversationId);
      });
      return isTime(readTime) ? readTime : 0;
    };
  }

  const getLoginUser = login?.getLoginUser;
  if (typeof getLoginUser === 'function') {
    // The engine sends no receipt while another account is logged in: after one instance switched
    // accounts, its old engine's receipts are kept or dropped without calling the SDK at all.
    transport.getLoginUser = () => getLoginUser.call(login);
  }

  if (login && typeof login.getConnectStatus === 'function') {
    // An SDK without a login status (a custom client) is logged in whenever connected.
    const loginStatus = () =>
      typeof login.getLoginStatus === 'function' ? login.getLoginStatus() : 1;
    transport.getConnectionState = () => connectionStateOf(login.getConnectStatus(), loginStatus());
    transport.subscribeConnectionState = (listener) => {
      // Checked now, as `subscribe` does: later it would throw inside the SDK's own dispatch.
      if (typeof listener !== 'function') throw invalid('listener must be a function');
      // Each event's own status, with the other read now: a blip (0 then 1) stays visible, and
      // either can complete a reconnect. Both may report the same state; listeners take repeats
      // (events arrive late and out of order, so a repeat is never dropped here).
      // Isolated like `subscribe`'s events: these run inside the SDK's onConnectStatus and
      // onLoginStatus dispatch, where a throw would skip the app's own listeners of those events.
      const onConnect = (status: unknown) =>
        isolated(() => listener(connectionStateOf(status, loginStatus())));
      const onLogin = (status: unknown) =>
        isolated(() => listener(connectionStateOf(login.getConnectStatus(), status)));
      return listenAll([
        [login, 'onConnectStatus', onConnect],
        [login, 'onLoginStatus', onLogin],
      ]);
    };
  }
  made[slot] = transport;
  transportsByInstance.set(nim, made);
  return transport;
}

/**
 * The transport's switches, read once, with their defaults (both true). Throws 191004, naming the
 * option, unless `options` is an object whose switches are booleans or absent: a value such as
 * `'false'` would otherwise turn a switch on in silence, and `null` fail as a TypeError.
 */
function switchesOf(options: unknown): Required<NimTransportOptions> {
  if (!isRecord(options)) throw invalid('createNimTransport options must be an object');
  const switches = { isMemberFilterApplied: true, isReadTimeSynced: true };
  for (const name of ['isMemberFilterApplied', 'isReadTimeSynced'] as const) {
    let value: unknown;
    try {
      value = (options as NimTransportOptions)[name];
    } catch {
      throw invalid(`createNimTransport option \`${name}\` cannot be read`);
    }
    if (typeof value === 'boolean') switches[name] = value;
    else if (value !== undefined) {
      throw invalid(`createNimTransport option \`${name}\` must be a boolean`);
    }
  }
  return switches;
}

/** T4 with exactly its fields; the member filter recomputes the counts from the lists (G9). */
function toDetail(
  detail: unknown,
  memberAccountIds: string[] | undefined,
): TeamMessageReadReceiptDetail {
  const record = (isRecord(detail) ? detail : {}) as Record<string, unknown>;
  const readReceipt = toTeamReceipt(record.readReceipt);
  if (!readReceipt) {
    // 191004, as the engine names any answer that is not NIM's shape (414 is the server's code).
    throw new ReceiptError(
      ReceiptErrorCode.INVALID_PARAMETER,
      'malformed receipt detail from the SDK',
    );
  }
  const filter =
    memberAccountIds && memberAccountIds.length > 0 ? new Set(memberAccountIds) : undefined;
  const keep = (ids: unknown) =>
    compact(ids, (id) => (typeof id === 'string' && (!filter || filter.has(id)) ? id : undefined));
  const readAccountList = keep(record.readAccountList);
  const unreadAccountList = keep(record.unreadAccountList);
  const { latestReadAccount: _notInDetail, ...counts } = readReceipt;
  return {
    readReceipt: {
      ...counts,
      readCount: readAccountList.length,
      unreadCount: unreadAccountList.length,
    },
    readAccountList,
    unreadAccountList,
  };
}
