/** The transport methods that reach the server; `subscribe` and connection state are local. */
export const countedMethods = [
  'sendP2PMessageReceipt',
  'getP2PMessageReceipt',
  'getSelfReadTime',
  'sendTeamMessageReceipts',
  'getTeamMessageReceipts',
  'getTeamMessageReceiptDetail',
] as const;

/** One of {@link countedMethods}. */
export type CountedMethod = (typeof countedMethods)[number];

/** Calls of one method by one device, and how many messages batch calls carried in total (0 for single-message calls). */
export interface CallTally {
  calls: number;
  items: number;
}

/** Tallies per device id, then per method. Replaced (never mutated) on every change. */
export type CallCounts = Readonly<
  Record<string, Readonly<Partial<Record<CountedMethod, CallTally>>>>
>;

/** A tiny external store of transport call counts, read with `useSyncExternalStore`. */
export interface CallCounter {
  record(options: { deviceId: string; method: CountedMethod; items: number }): void;
  getSnapshot(): CallCounts;
  subscribe(onChange: () => void): () => void;
  reset(): void;
}

/** Creates an empty {@link CallCounter}. */
export function createCallCounter(): CallCounter {
  let counts: CallCounts = {};
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    record({ deviceId, method, items }) {
      const device = counts[deviceId] ?? {};
      const previous = device[method] ?? { calls: 0, items: 0 };
      counts = {
        ...counts,
        [deviceId]: {
          ...device,
          [method]: { calls: previous.calls + 1, items: previous.items + items },
        },
      };
      notify();
    },
    getSnapshot: () => counts,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    reset() {
      counts = {};
      notify();
    },
  };
}
