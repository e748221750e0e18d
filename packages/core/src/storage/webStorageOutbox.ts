import type { ReceiptMessage } from '../types';
import { decodeOutbox, encodeOutbox, type ReceiptOutboxStorage } from './ReceiptOutboxStorage';

/**
 * The part of the Web Storage API (`localStorage`, `sessionStorage`) the outbox uses. Declared here
 * because core is compiled without DOM types; a real `Storage` satisfies it.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps pending receipts in a Web Storage object under `${key}:${accountId}`, so accounts never see
 * each other's receipts. Every storage error (quota, private mode, a `SecurityError`) is swallowed:
 * receipts are then kept in memory only, as without storage.
 *
 * @example
 * createReceiptEngine({ transport, accountId, storage: webStorageOutbox(window.localStorage) })
 */
export function webStorageOutbox(
  storage: KeyValueStorage,
  key = 'readmark:outbox',
): ReceiptOutboxStorage {
  const slot = (accountId: string) => `${key}:${accountId}`;
  return {
    load(accountId) {
      try {
        return decodeOutbox(storage.getItem(slot(accountId)));
      } catch {
        return [];
      }
    },
    save(accountId, messages: readonly ReceiptMessage[]) {
      try {
        if (messages.length === 0) storage.removeItem(slot(accountId));
        else storage.setItem(slot(accountId), encodeOutbox(messages));
      } catch {
        // Quota or privacy settings: delivery goes on, only the reload safety net is lost.
      }
    },
  };
}

/**
 * {@link webStorageOutbox} over the page's `localStorage`, looked up on each use (never at import, so
 * server rendering is safe). Where there is none (a server, a worker, storage disabled) it keeps
 * nothing and the engine works exactly as without storage.
 */
export function localStorageOutbox(key = 'readmark:outbox'): ReceiptOutboxStorage {
  const current = (): KeyValueStorage | undefined => {
    try {
      const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
      return storage && typeof storage.getItem === 'function' ? storage : undefined;
    } catch {
      // Some browsers throw a SecurityError on mere access when storage is blocked.
      return undefined;
    }
  };
  return {
    load(accountId) {
      const storage = current();
      return storage ? webStorageOutbox(storage, key).load(accountId) : [];
    },
    save(accountId, messages) {
      const storage = current();
      if (storage) return webStorageOutbox(storage, key).save(accountId, messages);
    },
  };
}
