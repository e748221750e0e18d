import type { ReceiptMessage } from '../types';

/** One message something on screen shows, and how many viewers show it. Internal. */
export interface Watched {
  count: number;
  conversationId: string;
  message: ReceiptMessage;
}

/** The messages shown, by `teamMessageKey`: the count loader's and the detail loader's viewers. */
export type Watchers = Map<string, Watched>;

/**
 * Counts one more viewer of `message` under `key`. Returns the function that removes that viewer
 * (calling it twice removes it once, so a React cleanup run twice cannot steal another's count); when
 * the last viewer goes, the key is forgotten and `onLastGone` runs.
 */
export function addWatcher(
  watchers: Watchers,
  key: string,
  conversationId: string,
  message: ReceiptMessage,
  onLastGone?: () => void,
): () => void {
  const entry = watchers.get(key) ?? { count: 0, conversationId, message };
  entry.count += 1;
  watchers.set(key, entry);
  let isWatching = true;
  return () => {
    if (!isWatching) return;
    isWatching = false;
    entry.count -= 1;
    if (entry.count > 0) return;
    watchers.delete(key);
    onLastGone?.();
  };
}
