import { isRetryableCode } from '../errorCodes';
import type { ReceiptError } from '../ReceiptError';
import type { ReceiptMessage, TeamMessageReadReceipt } from '../types';
import { type EngineContext, invoke, TEAM_UNAVAILABLE_CODES } from './engineContext';
import {
  mergeTeamReceipts,
  type ReceiptState,
  setEntry,
  type TeamDetailEntry,
  teamMessageKey,
} from './receiptState';

/** Member-by-member details of my team messages, loaded on demand and then kept live. */
export interface TeamDetailLoader {
  /** Shows the detail of `message` (loading it if needed); returns the function that stops. */
  watch(conversationId: string, message: ReceiptMessage): () => void;
  /** Loads the detail again now. */
  refresh(conversationId: string, message: ReceiptMessage): void;
  /** Applies incoming counts to loaded details; call after merging them into the store. */
  onReceipts(receipts: readonly TeamMessageReadReceipt[]): void;
  /** Loads every shown detail again, e.g. after reconnecting (receipts missed offline, SPEC G11). */
  reloadWatched(): void;
}

interface Watched {
  count: number;
  conversationId: string;
  message: ReceiptMessage;
}

/**
 * Brings a detail up to date with the best-known counts. When exactly one more member has read and
 * the receipt names them, they move from unread to read without a query; any other disagreement
 * needs a refetch.
 */
export function reconcileDetail(
  entry: TeamDetailEntry,
  receipt: TeamMessageReadReceipt | undefined,
): { entry: TeamDetailEntry; needsRefetch: boolean } {
  if (!receipt || receipt.readCount <= entry.readAccountList.length) {
    return { entry, needsRefetch: false };
  }
  const reader = receipt.latestReadAccount;
  if (
    receipt.readCount === entry.readAccountList.length + 1 &&
    reader !== undefined &&
    entry.unreadAccountList.includes(reader)
  ) {
    return {
      entry: {
        ...entry,
        readAccountList: [...entry.readAccountList, reader],
        unreadAccountList: entry.unreadAccountList.filter((account) => account !== reader),
      },
      needsRefetch: false,
    };
  }
  return { entry, needsRefetch: true };
}

/** Creates the detail loader. One query per message at a time; a refetch asked for meanwhile follows it. */
export function createTeamDetailLoader(context: EngineContext): TeamDetailLoader {
  const watched = new Map<string, Watched>();
  const inFlight = new Set<string>();
  const refetchAfter = new Set<string>();

  function load(conversationId: string, message: ReceiptMessage): void {
    const key = teamMessageKey(conversationId, message.messageClientId);
    if (inFlight.has(key)) {
      refetchAfter.add(key);
      return;
    }
    if (!context.isConnected()) return;
    inFlight.add(key);
    context.store.setState((state) => {
      const entry = state.teamDetails[key];
      const loading: TeamDetailEntry = {
        status: 'loading',
        readAccountList: entry?.readAccountList ?? [],
        unreadAccountList: entry?.unreadAccountList ?? [],
      };
      return setEntry(state, 'teamDetails', key, loading);
    });
    invoke(() => context.transport.getTeamMessageReceiptDetail(message)).then(
      (detail) => {
        inFlight.delete(key);
        if (context.isDisposed()) return;
        let needsRefetch = false;
        context.store.setState((state) => {
          const next = mergeTeamReceipts(state, [
            {
              ...detail.readReceipt,
              conversationId,
              messageClientId: message.messageClientId,
            },
          ]);
          const reconciled = reconcileDetail(
            {
              status: 'ready',
              readAccountList: [...detail.readAccountList],
              unreadAccountList: [...detail.unreadAccountList],
            },
            next.teamReceipts[key],
          );
          needsRefetch = reconciled.needsRefetch;
          return setEntry(next, 'teamDetails', key, reconciled.entry);
        });
        if (needsRefetch) refetchAfter.add(key);
        followUp(key);
      },
      (error: ReceiptError) => {
        inFlight.delete(key);
        if (context.isDisposed()) return;
        context.store.setState((state) => {
          const entry = state.teamDetails[key];
          let next: ReceiptState = setEntry(state, 'teamDetails', key, {
            status: 'error',
            readAccountList: entry?.readAccountList ?? [],
            unreadAccountList: entry?.unreadAccountList ?? [],
            error,
          });
          if (TEAM_UNAVAILABLE_CODES.has(error.code)) {
            next = setEntry(next, 'unavailableTeams', conversationId, error.code);
          }
          return next;
        });
        // A dropped connection is not the detail's fault: try again once it is back.
        if (isRetryableCode(error.code)) refetchAfter.add(key);
        followUp(key);
      },
    );
  }

  function followUp(key: string): void {
    if (!refetchAfter.delete(key)) return;
    const target = watched.get(key);
    if (target) load(target.conversationId, target.message);
  }

  return {
    watch(conversationId, message) {
      const key = teamMessageKey(conversationId, message.messageClientId);
      const entry = watched.get(key) ?? { count: 0, conversationId, message };
      entry.count += 1;
      watched.set(key, entry);
      const detail = context.store.getState().teamDetails[key];
      if (!detail || detail.status === 'error') load(conversationId, message);
      let isWatching = true;
      return () => {
        if (!isWatching) return;
        isWatching = false;
        entry.count -= 1;
        if (entry.count === 0) watched.delete(key);
      };
    },
    refresh(conversationId, message) {
      load(conversationId, message);
    },
    reloadWatched() {
      for (const target of watched.values()) load(target.conversationId, target.message);
    },
    onReceipts(receipts) {
      const stale: string[] = [];
      context.store.setState((state) => {
        let next = state;
        for (const receipt of receipts) {
          const key = teamMessageKey(receipt.conversationId, receipt.messageClientId);
          const entry = next.teamDetails[key];
          if (!entry || entry.status === 'loading') continue;
          const reconciled = reconcileDetail(entry, next.teamReceipts[key]);
          if (reconciled.needsRefetch) stale.push(key);
          else next = setEntry(next, 'teamDetails', key, reconciled.entry);
        }
        // Nobody shows a stale detail: forget it so the next viewer loads it fresh.
        for (const key of stale)
          if (!watched.has(key)) next = setEntry(next, 'teamDetails', key, undefined);
        return next;
      });
      for (const key of stale) {
        const target = watched.get(key);
        if (target) load(target.conversationId, target.message);
      }
    },
  };
}
