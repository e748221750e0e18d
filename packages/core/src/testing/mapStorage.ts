/**
 * Web Storage stand-ins kept in a Map, for the outbox storage tests in Node (the browser tests use
 * Chromium's own localStorage). `items` is the Map itself, for the tests to look into.
 */
import type { KeyValueStorage } from '../storage/webStorageOutbox';

/**
 * The Web Storage contract (string values, null for a missing key) and nothing more: no `length`
 * or `key`, like a minimal custom storage.
 */
export function createKeyValueStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value));
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

/** The same with `length` and `key`, like a real `Storage`. */
export function createWebStorage(): Required<KeyValueStorage> & { items: Map<string, string> } {
  const storage = createKeyValueStorage();
  const { items } = storage;
  return {
    ...storage,
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
  };
}
