import type { ReceiptError } from '../ReceiptError';
import type { TeamMessageReadReceipt } from '../types';
import { TEAM_UNAVAILABLE_CODES } from './engineContext';

/** The two watermarks of one P2P conversation (SPEC P11). Both only ever move forward. */
export interface P2PWatermarks {
  /** How far the peer has read my messages: the createTime of the newest message they acknowledged. */
  peerReadTime: number;
  /** How far I, on any of my devices, have read the peer's messages. */
  selfReadTime: number;
}

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
}

/**
 * Everything the engine knows, as facts only. Statuses, unread counts and "all read" are derived by
 * the selectors in `selectors.ts` and never stored.
 */
export interface ReceiptState {
  /** The logged-in account; conversation ids and "own message" are relative to it. */
  accountId: string;
  /** P2P watermarks by conversation id. */
  conversations: Record<string, P2PWatermarks>;
  /**
   * The highest-readCount receipt seen per team message, by conversation id and then message client
   * id. Sharded per conversation so that a merge copies only the conversations it touches, not every
   * receipt ever stored (use `selectTeamReceipt` or {@link teamReceiptOf} to read one).
   */
  teamReceipts: Record<string, Record<string, TeamMessageReadReceipt>>;
  /** Lazy count loads by {@link teamMessageKey}; absent means never requested. */
  teamCountLoads: Record<string, TeamCountLoadStatus>;
  /** Loaded member details by {@link teamMessageKey}. */
  teamDetails: Record<string, TeamDetailEntry>;
  /** Team conversations whose receipts cannot work, with the NIM code that said so. */
  unavailableTeams: Record<string, number>;
  /** The global "send read receipts" switch. */
  isSendingReceipts: boolean;
  /** Conversations where sending receipts is switched off on its own. */
  mutedConversations: Record<string, true>;
}

/** The store key of a team message: its conversation and client id, which receipts carry too. */
export function teamMessageKey(conversationId: string, messageClientId: string): string {
  return `${conversationId}\n${messageClientId}`;
}

/** A fresh state for `accountId`. */
export function createInitialState(accountId: string, isSendingReceipts: boolean): ReceiptState {
  return {
    accountId,
    conversations: {},
    teamReceipts: {},
    teamCountLoads: {},
    teamDetails: {},
    unavailableTeams: {},
    isSendingReceipts,
    mutedConversations: {},
  };
}

const noWatermarks: P2PWatermarks = { peerReadTime: 0, selfReadTime: 0 };

/**
 * Advances one watermark of one conversation. Returns `state` itself when nothing moves, so a stale
 * or duplicate receipt notifies no subscriber (SPEC P9).
 */
export function advanceWatermark(
  state: ReceiptState,
  conversationId: string,
  field: keyof P2PWatermarks,
  time: number,
): ReceiptState {
  const current = state.conversations[conversationId] ?? noWatermarks;
  if (!(time > current[field])) return state;
  return {
    ...state,
    conversations: { ...state.conversations, [conversationId]: { ...current, [field]: time } },
  };
}

/** The stored receipt of one team message, or undefined when none is known. */
export function teamReceiptOf(
  state: ReceiptState,
  conversationId: string,
  messageClientId: string,
): TeamMessageReadReceipt | undefined {
  const shard = state.teamReceipts[conversationId];
  return shard && Object.hasOwn(shard, messageClientId) ? shard[messageClientId] : undefined;
}

/**
 * A copy-on-first-write draft of `state.teamReceipts`: any number of merges copy the record of
 * conversations once and each touched conversation's record once, so a burst of receipts costs
 * O(receipts + touched conversations' sizes), never O(everything stored).
 */
export interface TeamReceiptsDraft {
  /** Merges one receipt; returns what is now stored for it when it was news, else undefined. */
  merge(receipt: TeamMessageReadReceipt): TeamMessageReadReceipt | undefined;
  /** `base` with the merged receipts, or `base` itself when nothing was news. */
  commit(base: ReceiptState): ReceiptState;
}

/** Starts a {@link TeamReceiptsDraft} over the receipts of `state`. */
export function draftTeamReceipts(state: ReceiptState): TeamReceiptsDraft {
  let shards: Record<string, Record<string, TeamMessageReadReceipt>> | undefined;
  // Shards already copied into this draft, which later merges may write into.
  const owned = new Set<string>();
  return {
    merge(receipt) {
      const { conversationId, messageClientId } = receipt;
      const shard = (shards ?? state.teamReceipts)[conversationId];
      const current =
        shard && Object.hasOwn(shard, messageClientId) ? shard[messageClientId] : undefined;
      if (current && !(receipt.readCount > current.readCount)) return undefined;
      shards ??= { ...state.teamReceipts };
      let target = shard;
      if (!target || !owned.has(conversationId)) {
        target = { ...shard };
        shards[conversationId] = target;
        owned.add(conversationId);
      }
      const merged: TeamMessageReadReceipt = {
        conversationId,
        messageServerId: receipt.messageServerId,
        messageClientId,
        readCount: receipt.readCount,
        unreadCount: receipt.unreadCount,
      };
      // Query results carry no reader; keep the last one known so the detail can still move it.
      const latestReadAccount = receipt.latestReadAccount ?? current?.latestReadAccount;
      if (latestReadAccount !== undefined) merged.latestReadAccount = latestReadAccount;
      target[messageClientId] = merged;
      return merged;
    },
    commit(base) {
      return shards ? { ...base, teamReceipts: shards } : base;
    },
  };
}

/**
 * Merges team receipts keeping, per message, the one with the highest readCount (SPEC G12). Returns
 * `state` itself when none of them is news.
 */
export function mergeTeamReceipts(
  state: ReceiptState,
  receipts: readonly TeamMessageReadReceipt[],
): ReceiptState {
  const draft = draftTeamReceipts(state);
  for (const receipt of receipts) draft.merge(receipt);
  return draft.commit(state);
}

/** Sets one entry of a record-valued field, returning `state` itself when the value is the same. */
export function setEntry<K extends 'teamCountLoads' | 'teamDetails' | 'unavailableTeams'>(
  state: ReceiptState,
  field: K,
  key: string,
  value: ReceiptState[K][string] | undefined,
): ReceiptState {
  const record = state[field] as Record<string, unknown>;
  if (record[key] === value) return state;
  const copy = { ...record };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return { ...state, [field]: copy };
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
