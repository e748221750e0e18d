import { copyReceiptMessages, isReceiptMessage, receiptFieldsOf } from '../engine/messageFacts';
import { isObject } from '../isObject';
import { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage } from '../types';

/**
 * Where an engine keeps the receipts the user has earned but the server has not yet confirmed, so a
 * page reload does not lose them (opt-in: `createReceiptEngine({ storage })`). Either method may be
 * synchronous (localStorage) or return a promise (IndexedDB). The engine never lets a failing
 * storage break delivery: a throw or rejection only means the receipts are not kept across a reload.
 */
export interface ReceiptOutboxStorage {
  /**
   * The receipts earlier engines of `accountId` left pending (a reload, another tab); `undefined` or
   * `[]` for none. The engine saves them as its own on its next `save`.
   */
  load(
    accountId: string,
  ): readonly ReceiptMessage[] | undefined | Promise<readonly ReceiptMessage[] | undefined>;
  /** Replaces what is kept for `accountId`; `[]` means nothing is pending. */
  save(accountId: string, messages: readonly ReceiptMessage[]): void | Promise<void>;
}

/** A version tag, so a later format can tell old data apart instead of misreading it. */
const FORMAT_VERSION = 1;

/**
 * The most receipts `decodeOutbox` and `webStorageOutbox` restore, whatever a tampered storage
 * holds. The engine restores whatever a custom storage's `load` returns: capping is its choice.
 */
export const OUTBOX_RESTORE_LIMIT = 10_000;

/**
 * Serializes pending receipts for a string storage, recording `accountId` when given. Throws a
 * `ReceiptError` 191004 unless `messages` is an array of well-formed messages and `accountId` a
 * string or undefined.
 */
export function encodeOutbox(messages: readonly ReceiptMessage[], accountId?: string): string {
  if (accountId !== undefined && typeof accountId !== 'string') {
    throw new ReceiptError(191004, '`encodeOutbox`: `accountId` must be a string');
  }
  // Only the receipt fields reach the storage: never the message text.
  const stored = copyReceiptMessages(messages, 'encodeOutbox').map(receiptFieldsOf);
  return JSON.stringify({
    version: FORMAT_VERSION,
    accountId,
    messages: stored,
  });
}

/**
 * Reads what {@link encodeOutbox} wrote; with `accountId`, only what it wrote for that account.
 * Anything else (corrupt JSON, another version or account, malformed messages) yields only the
 * well-formed messages, or none: a bad storage never throws. At most {@link OUTBOX_RESTORE_LIMIT}
 * messages, the first ones: a custom storage that saves what `load` returned loses the rest
 * (`webStorageOutbox` leaves it in its slot for a later engine).
 */
export function decodeOutbox(text: unknown, accountId?: string): ReceiptMessage[] {
  return decodeWholeOutbox(text, accountId).slice(0, OUTBOX_RESTORE_LIMIT);
}

/** {@link decodeOutbox} without the limit, for a storage that keeps what it does not restore. */
export function decodeWholeOutbox(text: unknown, accountId?: string): ReceiptMessage[] {
  if (typeof text !== 'string') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Corrupt or empty.
    return [];
  }
  if (!isObject(data)) return [];
  const { version, messages, accountId: owner } = data as Record<string, unknown>;
  if (version !== FORMAT_VERSION || !Array.isArray(messages)) return [];
  if (accountId !== undefined && owner !== accountId) return [];
  return messages.filter(isReceiptMessage).map(receiptFieldsOf);
}
