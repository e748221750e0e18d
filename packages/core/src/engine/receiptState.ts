import { parseConversationType } from '../conversationId';
import { ReceiptError } from '../ReceiptError';
import { ConversationType, type TeamMessageReadReceipt } from '../types';
import { type BucketedRecord, entryIn, withEntries } from './bucketedRecord';
import { collapseReceipts } from './collapseReceipts';
import { TEAM_UNAVAILABLE_CODES } from './engineContext';
import { makeTeamReceipt } from './makeTeamReceipt';
import {
  draftShard,
  forgetReceipt,
  type ShardDraft,
  settleShard,
  shardReceipt,
  storedReceipts,
  storeReceipt,
  type TeamReceiptShard,
} from './teamReceiptShard';

/** The two watermarks of one P2P conversation (SPEC P11). Both only ever move forward. */
export interface P2PWatermarks {
  /** How far the peer has read my messages: the createTime of the newest message they acknowledged. */
  peerReadTime: number;
  /** How far I, on any of my devices, have read the peer's messages. */
  selfReadTime: number;
}

/**
 * How the engine's question for a P2P conversation's `peerReadTime` ended: `'loaded'` once the
 * transport answered, `'failed'` when it could not (asked again after a reconnect).
 */
export type PeerReadTimeLoadStatus = 'loaded' | 'failed';

/** Where the lazy load of one team message's counts stands. */
export type TeamCountLoadStatus = 'loading' | 'loaded' | 'failed';

/** Where the member detail of one team message stands. */
export type TeamDetailStatus = 'loading' | 'ready' | 'error';

/**
 * The member-by-member detail of one of my team messages, always for every eligible member; a
 * member filter is a view over it (SPEC G9).
 */
export interface TeamDetailEntry {
  status: TeamDetailStatus;
  readAccountList: string[];
  unreadAccountList: string[];
  /** Set when the last load failed; the lists then hold what was known before. */
  error?: ReceiptError;
  /**
   * True when that failure was a passing one (offline, a rate limit, a timeout) that the engine
   * retries by itself while the detail is shown: not a final failure to show as an error. Kept on
   * the `'loading'` entry of that retry while its query is out, so a view can go on saying that
   * the last attempt failed; gone once a load succeeds or fails for good, or at the user's refresh.
   */
  isRetrying?: boolean;
}

/**
 * Everything the engine knows, as facts only. Statuses, unread counts and "all read" are derived by
 * the selectors in `selectors.ts` and never stored.
 */
export interface ReceiptState {
  /** The logged-in account; conversation ids and "own message" are relative to it. */
  accountId: string;
  /** P2P watermarks by conversation id (use `selectWatermarks` to read them). */
  conversations: BucketedRecord<P2PWatermarks>;
  /**
   * How asking the transport for each P2P conversation's `peerReadTime` ended; absent while not
   * answered (use `selectPeerReadTimeLoad`, which also counts a receipt of the peer's as loaded).
   */
  peerReadTimeLoads: BucketedRecord<PeerReadTimeLoadStatus>;
  /**
   * The highest-readCount receipt seen per team message, by conversation id, then in an internal
   * shard by message client id (read one with `selectTeamReceipt`).
   */
  teamReceipts: Record<string, TeamReceiptShard>;
  /**
   * Lazy count loads by {@link teamMessageKey}; absent means never requested (use
   * `selectTeamCountLoad` to read one).
   */
  teamCountLoads: BucketedRecord<TeamCountLoadStatus>;
  /** Loaded member details by {@link teamMessageKey}. */
  teamDetails: Record<string, TeamDetailEntry>;
  /** Team conversations whose receipts cannot work, with the NIM code that said so. */
  unavailableTeams: Record<string, number>;
  /**
   * Team conversations that once held more receipts than the engine keeps (its
   * `keptTeamReceipts` option), so some were forgotten: from then on a receipt for a message the
   * engine neither holds nor shows is not stored (its counts are queried when it is shown), since it
   * might be an old event for a forgotten message and would move the counts back (SPEC G12).
   */
  trimmedTeams: Record<string, true>;
  /** The global "send read receipts" switch. */
  isSendingReceipts: boolean;
  /** Conversations where sending receipts is switched off on its own. */
  mutedConversations: Record<string, true>;
  /**
   * Whether the engine is waiting for the transport's connection (`'connecting'` or
   * `'disconnected'`; never for a transport that cannot tell). Receipts and queries wait meanwhile
   * and go once it is back (read it with `selectIsOffline`).
   */
  isOffline: boolean;
}

/**
 * The store key of a team message: its conversation and client id, which receipts carry too.
 * Anything but two strings is refused with 191004.
 */
export function teamMessageKey(conversationId: string, messageClientId: string): string {
  if (typeof conversationId !== 'string' || typeof messageClientId !== 'string') {
    throw new ReceiptError(191004, 'teamMessageKey needs two strings');
  }
  return `${conversationId}\n${messageClientId}`;
}

/** A fresh state for `accountId`. */
export function createInitialState(accountId: string, isSendingReceipts: boolean): ReceiptState {
  return {
    accountId,
    conversations: [],
    peerReadTimeLoads: [],
    teamReceipts: {},
    teamCountLoads: [],
    teamDetails: {},
    unavailableTeams: {},
    trimmedTeams: {},
    isSendingReceipts,
    mutedConversations: {},
    isOffline: false,
  };
}

/**
 * The watermarks of a conversation never seen: one shared, frozen object. Marked pure, so an app
 * that imports only, say, the conversation-id helpers from the built package drops it.
 */
export const noWatermarks: P2PWatermarks = /* @__PURE__ */ Object.freeze({
  peerReadTime: 0,
  selfReadTime: 0,
});

/** One watermark of one conversation moved to a time: `[conversationId, field, time]`. */
export type WatermarkAdvance = readonly [
  conversationId: string,
  field: keyof P2PWatermarks,
  time: number,
];

/**
 * Advances watermarks of any number of conversations in one new state, copying what holds them
 * once (see BucketedRecord; a copy per advance made the login sync's 500 receipts, or a
 * conversation list's 1,000 receipt times answered together, quadratic in conversations). Returns
 * `state` itself when nothing moves, so a stale or duplicate receipt notifies no subscriber (SPEC
 * P9).
 */
export function advanceWatermarks(
  state: ReceiptState,
  advances: Iterable<WatermarkAdvance>,
): ReceiptState {
  const moved = new Map<string, P2PWatermarks>();
  for (const [conversationId, field, time] of advances) {
    const current =
      moved.get(conversationId) ?? entryIn(state.conversations, conversationId) ?? noWatermarks;
    if (time > current[field]) moved.set(conversationId, { ...current, [field]: time });
  }
  return moved.size > 0
    ? { ...state, conversations: withEntries(state.conversations, moved) }
    : state;
}

/** {@link advanceWatermarks} for one watermark of one conversation. */
export function advanceWatermark(
  state: ReceiptState,
  conversationId: string,
  field: keyof P2PWatermarks,
  time: number,
): ReceiptState {
  return advanceWatermarks(state, [[conversationId, field, time]]);
}

/** The stored receipt of one team message, or undefined when none is known. */
export function teamReceiptOf(
  state: ReceiptState,
  conversationId: string,
  messageClientId: string,
): TeamMessageReadReceipt | undefined {
  return Object.hasOwn(state.teamReceipts, conversationId)
    ? shardReceipt(state.teamReceipts[conversationId], messageClientId)
    : undefined;
}

/**
 * How many team receipts the state keeps per conversation, and which messages are on screen (always
 * kept). A `limit` of `Infinity` keeps every receipt (the engine always passes one).
 */
export interface TeamReceiptRetention {
  /** Receipts kept per team conversation besides those on screen; the first stored go first. */
  limit: number;
  /** True while the message with this {@link teamMessageKey} is shown (its counts are watched). */
  isShown(key: string): boolean;
}

/**
 * A copy-on-first-write draft of `state.teamReceipts`: any number of merges copy the record of
 * conversations once and each touched conversation's recent entries once, so a burst of receipts
 * costs O(receipts + recent entries), never O(everything stored) (see {@link TeamReceiptShard}).
 */
export interface TeamReceiptsDraft {
  /** Merges one receipt; returns what is now stored for it when it was news, else undefined. */
  merge(receipt: TeamMessageReadReceipt): TeamMessageReadReceipt | undefined;
  /**
   * Merges a batch, to the same state as merging each receipt in turn but only the ones that would
   * be kept ({@link collapseReceipts}), for a caller that needs no answer per receipt; the receipts
   * of messages `isOneByOne` names are left in `oneByOne`, in order, for the caller to merge.
   */
  mergeAll(
    receipts: readonly TeamMessageReadReceipt[],
    isOneByOne?: (conversationId: string, messageClientId: string) => boolean,
    oneByOne?: TeamMessageReadReceipt[],
  ): void;
  /**
   * `base` with the merged receipts, or `base` itself when nothing was news. A touched conversation
   * over its limit forgets its first stored receipts that are not on screen (and their load status
   * and detail, so they are loaded again when shown) and is marked in `trimmedTeams`.
   */
  commit(base: ReceiptState): ReceiptState;
}

/** Starts a {@link TeamReceiptsDraft} over the receipts of `state`. */
export function draftTeamReceipts(
  state: ReceiptState,
  retention: TeamReceiptRetention,
): TeamReceiptsDraft {
  let shards: Record<string, TeamReceiptShard> | undefined;
  const owned = new Map<string, ShardDraft>();
  // The last conversation found to be one of this account's teams: a burst's receipts are nearly
  // all of one group, and parsing each one's id took a fifth of the engine's time for a burst of
  // 1,000 (bench n2: 0.93 ms, 0.74 ms without).
  let knownTeam: string | undefined;
  const draft: TeamReceiptsDraft = {
    mergeAll(receipts, isOneByOne, oneByOne) {
      const storedOf = (conversationId: string, messageClientId: string) => {
        const record = shards ?? state.teamReceipts;
        return Object.hasOwn(record, conversationId)
          ? shardReceipt(record[conversationId], messageClientId)
          : undefined;
      };
      for (const receipt of collapseReceipts(receipts, storedOf, isOneByOne, oneByOne)) {
        draft.merge(receipt);
      }
    },
    merge(receipt) {
      const { conversationId, messageClientId } = receipt;
      // Only this account's team conversations: a custom transport may say anything, even
      // '__proto__', which would reach the records' prototype.
      if (conversationId !== knownTeam) {
        if (parseConversationType(state.accountId, conversationId) !== ConversationType.TEAM) {
          return undefined;
        }
        knownTeam = conversationId;
      }
      const shard = (shards ?? state.teamReceipts)[conversationId];
      const current = shardReceipt(shard, messageClientId);
      if (current && !(receipt.readCount > current.readCount)) return undefined;
      if (
        !current &&
        Object.hasOwn(state.trimmedTeams, conversationId) &&
        !retention.isShown(teamMessageKey(conversationId, messageClientId))
      ) {
        return undefined;
      }
      shards ??= { ...state.teamReceipts };
      let target = owned.get(conversationId);
      if (!target) {
        target = draftShard(shard);
        shards[conversationId] = target;
        owned.set(conversationId, target);
      }
      const merged = makeTeamReceipt(
        conversationId,
        messageClientId,
        receipt,
        // Query results carry no reader; keep the last one known so the detail can still move it.
        receipt.latestReadAccount ?? current?.latestReadAccount,
      );
      storeReceipt(target, merged, !current);
      return merged;
    },
    commit(base) {
      if (!shards) return base;
      // Settled first when receipts moved, so trimming sees them last; again after trimming, for
      // what it forgot.
      for (const target of owned.values()) settleShard(target);
      const next = trimTeamReceipts({ ...base, teamReceipts: shards }, owned, retention);
      for (const target of owned.values()) settleShard(target);
      return next;
    },
  };
  return draft;
}

/**
 * Forgets the first stored receipts not on screen of each conversation over the limit, those whose
 * counts can still change before the all-read ones (updating a receipt keeps its place, which keeps
 * a burst of updates cheap).
 */
function trimTeamReceipts(
  state: ReceiptState,
  drafts: ReadonlyMap<string, ShardDraft>,
  retention: TeamReceiptRetention,
): ReceiptState {
  const forgotten: string[] = [];
  let trimmedTeams = state.trimmedTeams;
  for (const [conversationId, shard] of drafts) {
    let excess = shard.size - retention.limit;
    if (excess <= 0) continue;
    const before = forgotten.length;
    // Counts that can still change go first: an all-read receipt is final, and forgetting it would
    // show the message as only sent again until it is queried.
    for (const isFinalPass of [false, true]) {
      for (const receipt of storedReceipts(shard)) {
        if (excess === 0) break;
        if ((receipt.unreadCount === 0) !== isFinalPass) continue;
        const key = teamMessageKey(conversationId, receipt.messageClientId);
        if (retention.isShown(key)) continue;
        forgetReceipt(shard, receipt.messageClientId);
        forgotten.push(key);
        excess--;
      }
    }
    if (forgotten.length > before && !Object.hasOwn(trimmedTeams, conversationId)) {
      trimmedTeams = { ...trimmedTeams, [conversationId]: true };
    }
  }
  if (forgotten.length === 0 && trimmedTeams === state.trimmedTeams) return state;
  const cleared = forgotten.map((key) => [key, undefined] as const);
  const next = setEntries(setLoads(state, cleared), 'teamDetails', cleared);
  return { ...next, trimmedTeams };
}

/**
 * Merges team receipts keeping, per message, the one with the highest readCount (SPEC G12). Returns
 * `state` itself when none of them is news.
 */
export function mergeTeamReceipts(
  state: ReceiptState,
  receipts: readonly TeamMessageReadReceipt[],
  retention: TeamReceiptRetention,
): ReceiptState {
  const draft = draftTeamReceipts(state, retention);
  draft.mergeAll(receipts);
  return draft.commit(state);
}

/** Sets how asking for `peerReadTime` ended; returns `state` itself when nothing changes. */
export function setPeerReadTimeLoads(
  state: ReceiptState,
  entries: Iterable<readonly [string, PeerReadTimeLoadStatus]>,
): ReceiptState {
  const peerReadTimeLoads = withEntries(state.peerReadTimeLoads, entries);
  return peerReadTimeLoads === state.peerReadTimeLoads ? state : { ...state, peerReadTimeLoads };
}

/** The record-valued fields of the state that hold one entry per key. */
type RecordField = 'teamDetails' | 'unavailableTeams' | 'mutedConversations';

/** Sets count-load statuses (`undefined` removes one); returns `state` itself when none changes. */
export function setLoads(
  state: ReceiptState,
  entries: Iterable<readonly [string, TeamCountLoadStatus | undefined]>,
): ReceiptState {
  const teamCountLoads = withEntries(state.teamCountLoads, entries);
  return teamCountLoads === state.teamCountLoads ? state : { ...state, teamCountLoads };
}

/**
 * Sets entries of one record-valued field (`undefined` removes one), copying the record at most once
 * however many change; returns `state` itself when no value changes.
 */
export function setEntries<K extends RecordField>(
  state: ReceiptState,
  field: K,
  entries: Iterable<readonly [string, ReceiptState[K][string] | undefined]>,
): ReceiptState {
  const record = state[field] as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of entries) {
    if ((copy ?? record)[key] === value) continue;
    copy ??= { ...record };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy ? { ...state, [field]: copy } : state;
}

/** Sets one entry of a record-valued field, returning `state` itself when the value is the same. */
export function setEntry<K extends RecordField>(
  state: ReceiptState,
  field: K,
  key: string,
  value: ReceiptState[K][string] | undefined,
): ReceiptState {
  return setEntries(state, field, [[key, value]]);
}

/**
 * Records that a team cannot have receipts when `code` says so (SPEC G1, G2: 107302 and friends);
 * returns `state` itself for any other code.
 */
export function markTeamUnavailable(
  state: ReceiptState,
  conversationId: string,
  code: number,
): ReceiptState {
  return TEAM_UNAVAILABLE_CODES.has(code)
    ? setEntry(state, 'unavailableTeams', conversationId, code)
    : state;
}
