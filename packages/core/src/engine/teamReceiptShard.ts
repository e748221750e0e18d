import type { TeamMessageReadReceipt } from '../types';

/**
 * One team conversation's receipts in two generations, so that an update copies what changed
 * lately, never the whole conversation (a group's long history can hold thousands): `settled`,
 * shared by every state since it was built, and `recent`, the entries written since, which each
 * update copies. An undefined entry in `recent` is a receipt forgotten (see `keptTeamReceipts`).
 * Once `recent` outgrows the square root of `settled`, an update folds it in: a copy of n entries
 * every √n changes. Neither map is ever changed once a state holds it, so every state stays a
 * snapshot.
 */
export interface TeamReceiptShard {
  readonly settled: ReadonlyMap<string, TeamMessageReadReceipt>;
  readonly recent: ReadonlyMap<string, TeamMessageReadReceipt | undefined>;
  /** How many receipts it holds. */
  readonly size: number;
}

/** A shard being updated: a copy of `recent` that later writes of the same update share. */
export interface ShardDraft extends TeamReceiptShard {
  settled: ReadonlyMap<string, TeamMessageReadReceipt>;
  recent: Map<string, TeamMessageReadReceipt | undefined>;
  size: number;
  /** Forgotten receipts stored again while `settled` still holds their old place. */
  moved: Set<string>;
}

/**
 * `recent` is folded once recent.size² > settled.size + RECENT_ALLOWANCE: a small conversation (up
 * to 32 recent entries) is never folded at every update, and copying a few dozen entries costs less
 * than a fold.
 */
const RECENT_ALLOWANCE = 1024;

const noReceipts: ReadonlyMap<string, TeamMessageReadReceipt> = new Map();

/** The receipt of `messageClientId` in `shard`, or undefined. */
export function shardReceipt(
  shard: TeamReceiptShard | undefined,
  messageClientId: string,
): TeamMessageReadReceipt | undefined {
  return (shard?.recent.has(messageClientId) ? shard.recent : shard?.settled)?.get(messageClientId);
}

/**
 * The receipts `shard` holds, in the order they were first stored: updating one keeps its place; a
 * forgotten one stored again goes last. Lazy, so a caller that needs the oldest few (trimming) does
 * not walk the whole conversation; it may forget receipts of the shard while it walks.
 */
export function* storedReceipts(shard: TeamReceiptShard): Generator<TeamMessageReadReceipt> {
  const { settled, recent } = shard;
  for (const [clientId, receipt] of settled) {
    const current = recent.has(clientId) ? recent.get(clientId) : receipt;
    if (current) yield current;
  }
  for (const [clientId, receipt] of recent) {
    if (receipt && !settled.has(clientId)) yield receipt;
  }
}

/** Starts updating `shard` (none: a conversation's first receipt). */
export function draftShard(shard: TeamReceiptShard | undefined): ShardDraft {
  return {
    settled: shard?.settled ?? noReceipts,
    recent: new Map(shard?.recent),
    size: shard?.size ?? 0,
    moved: new Set(),
  };
}

/** Stores `receipt`: `isNew` when the shard held none for its message (or had forgotten it). */
export function storeReceipt(
  draft: ShardDraft,
  receipt: TeamMessageReadReceipt,
  isNew: boolean,
): void {
  const clientId = receipt.messageClientId;
  if (isNew) {
    draft.size++;
    // As a new receipt, it goes last: off a forgotten one's place in `recent` (deleted), or in
    // `settled` (moved at the fold).
    draft.recent.delete(clientId);
    if (draft.settled.has(clientId)) draft.moved.add(clientId);
  }
  draft.recent.set(clientId, receipt);
}

/** Forgets the receipt of `messageClientId`, which the shard holds. */
export function forgetReceipt(draft: ShardDraft, messageClientId: string): void {
  draft.recent.set(messageClientId, undefined);
  draft.size--;
}

/**
 * Folds `recent` into a new `settled` map when receipts moved (their order needs it) or when
 * `recent` has outgrown √settled, so an update copies O(√n) entries however long the history.
 */
export function settleShard(draft: ShardDraft): void {
  const { recent, moved } = draft;
  if (moved.size === 0 && recent.size * recent.size <= draft.settled.size + RECENT_ALLOWANCE) {
    return;
  }
  const settled = new Map(draft.settled);
  for (const [clientId, receipt] of recent) {
    if (!receipt || moved.has(clientId)) settled.delete(clientId);
    if (receipt) settled.set(clientId, receipt);
  }
  draft.settled = settled;
  draft.recent = new Map();
  moved.clear();
}
