import { hasMethods } from '../isObject';
import { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage } from '../types';
import {
  decodeWholeOutbox,
  encodeOutbox,
  OUTBOX_RESTORE_LIMIT,
  type ReceiptOutboxStorage,
} from './ReceiptOutboxStorage';

/**
 * The part of the Web Storage API (`localStorage`, `sessionStorage`) the outbox uses. Declared here
 * because core is compiled without DOM types; a real `Storage` satisfies it.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /**
   * The number of keys. With {@link KeyValueStorage.key} it lets each storage object keep its own
   * slot and find the slots of other tabs; without them all engines of an account share one slot.
   */
  readonly length?: number;
  /** The name of the `index`th key, or `null`. */
  key?(index: number): string | null;
}

/** `messages` and then the `carried` ones they do not hold already (a receipt earned again). */
function withCarried(
  messages: readonly ReceiptMessage[],
  carried: readonly ReceiptMessage[],
): readonly ReceiptMessage[] {
  if (carried.length === 0) return messages;
  const keyOf = (message: ReceiptMessage) =>
    `${message.conversationId}\n${message.messageClientId}`;
  const held = new Set(messages.map(keyOf));
  return [...messages, ...carried.filter((message) => !held.has(keyOf(message)))];
}

/** One outbox over the storage `current()` returns; every storage error is swallowed. */
function createWebStorageOutbox(
  current: () => KeyValueStorage | undefined,
  key: string,
): ReceiptOutboxStorage {
  // Random per storage object, so two tabs of one account never overwrite each other's slot.
  const id = Math.random();
  /** The slot this storage object writes for `accountId`. */
  const ownSlot = (storage: KeyValueStorage, accountId: string) =>
    `${key}:${accountId}${storage.key ? `:${id}` : ''}`;
  /**
   * The slots the last load took receipts from, with the text it read and the receipts past the
   * restore limit it left there, and their account.
   */
  let adopted = new Map<string, [text: string, rest: ReceiptMessage[]]>();
  let adoptedFor: string | undefined;
  /**
   * What the last load left in the slot this object writes (the shared slot of a storage without
   * `key`): every save of it keeps them, for the next engine to restore.
   */
  let carried: ReceiptMessage[] = [];
  return {
    load(accountId) {
      const messages: ReceiptMessage[] = [];
      adopted = new Map();
      adoptedFor = accountId;
      carried = [];
      try {
        const storage = current() as KeyValueStorage;
        const shared = `${key}:${accountId}`;
        // `owner`: a slot found by its name's prefix counts only if written for this very account
        // (an account "B:x" has slots that start with "B:" too).
        const read = (slot: string, owner?: string) => {
          const text = storage.getItem(slot);
          const found = decodeWholeOutbox(text, owner);
          // Never more than the restore limit in all, however many slots a tampered storage
          // holds or however much one tab kept: the rest stays in its slot for a later engine.
          const room = OUTBOX_RESTORE_LIMIT - messages.length;
          if (found.length === 0 || room <= 0) return;
          const rest = found.slice(room);
          adopted.set(slot, [text as string, rest]);
          if (slot === ownSlot(storage, accountId)) carried = rest;
          messages.push(...found.slice(0, room));
        };
        // The slot all tabs shared before per-tab slots, and that storages without `key` still share.
        read(shared);
        for (let index = storage.length ?? 0; index-- > 0; ) {
          const slot = storage.key?.(index);
          if (slot?.startsWith(`${shared}:`)) read(slot, accountId);
        }
      } catch {
        // Unreadable storage: what was read so far, or nothing.
      }
      return messages;
    },
    save(accountId, messages: readonly ReceiptMessage[]) {
      try {
        const storage = current() as KeyValueStorage;
        const slot = ownSlot(storage, accountId);
        const kept = adoptedFor === accountId ? withCarried(messages, carried) : messages;
        if (kept.length === 0) storage.removeItem(slot);
        else storage.setItem(slot, encodeOutbox(kept, accountId));
        // What the load took over is in this slot now, or delivered: the slots it came from go, or
        // keep only what it left there, unless written since (their tab is alive and keeps its own
        // receipts there).
        if (adoptedFor === accountId) {
          for (const [other, [text, rest]] of adopted) {
            if (other === slot || storage.getItem(other) !== text) continue;
            if (rest.length === 0) storage.removeItem(other);
            else storage.setItem(other, encodeOutbox(rest, accountId));
          }
          adopted.clear();
        }
      } catch {
        // Quota or privacy settings: delivery goes on, only the reload safety net is lost.
      }
    },
  };
}

/**
 * The slot names are built from `key` inside load and save, whose errors are swallowed: a key that
 * is not a string (a Symbol fails there as a TypeError) would keep nothing, silently. Refused now.
 */
function checkKey(key: unknown, functionName: string): void {
  if (typeof key !== 'string') {
    throw new ReceiptError(191004, `\`${functionName}\`: \`key\` must be a string`);
  }
}

/**
 * Keeps pending receipts in a Web Storage object. Each storage object writes its own slot,
 * `${key}:${accountId}:${randomId}`, so tabs of one account never overwrite or erase each other's
 * receipts (give each engine its own storage object). `load` reads every slot of the account (other
 * tabs', a closed or crashed tab's, and the `${key}:${accountId}` slot of earlier versions); the first
 * `save` after it keeps them in the own slot and removes the slots read, unless rewritten since (their
 * tab is alive). `load` returns at most {@link OUTBOX_RESTORE_LIMIT} receipts; what is past it stays
 * in its slot for a later engine. Receipts taken over from a tab still open may then be sent by both, which NIM makes
 * harmless: the engine never sends a P2P receipt its read time covers (SPEC P9), and a repeated team
 * receipt is a no-op (SPEC G4). The account is recorded in each slot, so another account never reads
 * it. A storage without `length` and `key` keeps one slot per account, shared by its tabs. Every
 * storage error (quota, private mode, a `SecurityError`) is swallowed: receipts are then kept in
 * memory only, as without storage. Throws 191004 at once for a `storage` without `getItem`,
 * `setItem` and `removeItem` (or one whose fields cannot be read), which could never keep anything,
 * and for a `key` that is not a string.
 *
 * @example
 * createReceiptEngine({ transport, accountId, storage: webStorageOutbox(window.localStorage) })
 */
export function webStorageOutbox(
  storage: KeyValueStorage,
  key = 'readmark:outbox',
): ReceiptOutboxStorage {
  if (!hasMethods(storage, ['getItem', 'setItem', 'removeItem'])) {
    // Checked now: every later storage error is swallowed, so nothing would ever be kept, silently.
    throw new ReceiptError(191004, '`webStorageOutbox` needs getItem, setItem and removeItem');
  }
  checkKey(key, 'webStorageOutbox');
  return createWebStorageOutbox(() => storage, key);
}

/**
 * {@link webStorageOutbox} over the page's `localStorage`, looked up on each use (never at import, so
 * server rendering is safe). Where there is none (a server, a worker, storage disabled) it keeps
 * nothing and the engine works exactly as without storage.
 * @throws {ReceiptError} 191004 when `key` is not a string.
 */
export function localStorageOutbox(key = 'readmark:outbox'): ReceiptOutboxStorage {
  checkKey(key, 'localStorageOutbox');
  // Inside load and save's try: some browsers throw a SecurityError on mere access when blocked.
  return createWebStorageOutbox(
    () => (globalThis as { localStorage?: KeyValueStorage }).localStorage,
    key,
  );
}
