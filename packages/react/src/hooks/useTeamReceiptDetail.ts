import {
  isSentMessage,
  messageConversationId,
  type ReceiptError,
  type ReceiptMessage,
  type ReceiptState,
  receiptModeOf,
  selectIsTeamUnavailable,
  selectTeamReceipt,
  type TeamDetailEntry,
  type TeamMessageReadReceipt,
  teamMessageKey,
} from '@readmark/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useClientLayoutEffect } from './useClientLayoutEffect';
import { useReadableMessage } from './useReadableMessage';
import { useProvidedEngine } from './useReceiptEngine';
import { useStoreSelector } from './useStoreSelector';

/** Options of {@link useTeamReceiptDetail}. */
export interface TeamReceiptDetailOptions {
  /** Only these members are reported, and the counts follow (SPEC G9). Empty or omitted: everyone. */
  memberAccountIds?: readonly string[] | undefined;
  /**
   * Load and follow the detail only while true (e.g. while a sheet is open): while false the hook
   * neither loads nor re-renders when the detail changes. Default true.
   */
  isEnabled?: boolean | undefined;
}

/** What {@link useTeamReceiptDetail} returns. */
export interface TeamReceiptDetail {
  /** Who has read the message (filtered by `memberAccountIds`); empty until the detail loads. */
  readAccountList: string[];
  /** Who has not read it yet (filtered likewise); empty until the detail loads. */
  unreadAccountList: string[];
  /** `knownCounts.readCount`, or 0 while no counts are known (`knownCounts` undefined). */
  readCount: number;
  /** `knownCounts.unreadCount`, or 0 while no counts are known (`knownCounts` undefined). */
  unreadCount: number;
  /**
   * True while the detail is being loaded, refreshed, or loaded again after a passing failure the
   * engine retries by itself (offline, a rate limit, a timeout); the previous lists stay meanwhile.
   */
  isLoading: boolean;
  /**
   * True (with `isLoading`) once a load has failed for a passing reason the engine retries by
   * itself after a backoff (a rate limit, a timeout, the server's 500, the connection), and until a
   * load succeeds or fails for good: a first load can say it failed and is being tried again
   * rather than "loading" for as long as the server keeps failing. `refresh()` tries again at once.
   */
  isRetrying: boolean;
  /**
   * The counts to show next to the lists, e.g. as tab labels. Once the detail has loaded: its counts
   * (`readCount` / `unreadCount`). Before that, when the lists are still empty and their counts 0:
   * the counts the engine already has for the message, the ones `UnreadBadge` and
   * `useMessageReceipt` show, so a header never says "0 unread" beside a badge that says 149.
   * Undefined while none are known (counts not loaded yet, team unavailable) and, before the
   * detail loads, with a member filter, whose counts only the detail gives. Undefined with
   * `isLoading` false and no `error`: nothing to show, as `UnreadBadge` shows nothing (not an own
   * flagged team message: incoming, one-to-one, unflagged; a copy still sending; disabled; nobody
   * logged in).
   */
  knownCounts?: { readCount: number; unreadCount: number };
  /**
   * The last load's final failure (one the engine does not retry by itself), e.g. 107404 for a
   * message the server does not know, 109404 once you left the team; `refresh()` tries again.
   */
  error?: ReceiptError;
  /** Loads the detail again now (a retry waiting for its backoff is not waited for). */
  refresh(): void;
}

const noAccounts: string[] = [];

/**
 * Who has and has not read one of my team messages. Loaded on demand while enabled, then kept live
 * by incoming receipts (the latest reader moves from unread to read without a query).
 */
export function useTeamReceiptDetail(
  message: ReceiptMessage,
  options?: TeamReceiptDetailOptions,
): TeamReceiptDetail {
  const engine = useProvidedEngine('useTeamReceiptDetail');
  const isEnabled = options?.isEnabled ?? true;
  const memberAccountIds = options?.memberAccountIds;
  const [readable, messageRef] = useReadableMessage(message);

  // Only an own flagged team message has members' receipts. Anything else (incoming, one-to-one,
  // unflagged, a notification, unreadable) has nothing to show, as `UnreadBadge` and the sheet show
  // nothing for it: neither loading nor an error (asked for, the server answers 191004 or 108301,
  // and a custom UI showed "Could not load" under other people's messages).
  // A copy still sending (no server id yet) has no detail to load: asked for, it failed with 191004
  // and stayed failed after the sent copy replaced it, as apps do once the send succeeds. Nothing is
  // loaded, and nothing is wrong, until it is sent.
  const key =
    receiptModeOf(engine.accountId, readable) === 'team' && isSentMessage(readable!)
      ? teamMessageKey(
          messageConversationId(engine.accountId, readable!),
          readable!.messageClientId,
        )
      : '';
  // A filter is compared by content: callers often pass a fresh array each render. Undefined for
  // none (omitted or empty, SPEC G9); `['']` is a filter, of nobody, though it joins to ''.
  let filterKey: string | undefined;
  try {
    if (Array.isArray(memberAccountIds) && memberAccountIds.length > 0) {
      filterKey = memberAccountIds.join('\n');
    }
  } catch {
    // Unreadable (a revoked Proxy throws even for `Array.isArray`): no filter, as for a non-array,
    // rather than a throw during render.
  }
  const selector = useMemo(() => detailSelector(key, filterKey), [key, filterKey]);
  // Followed only while enabled: a closed sheet re-rendered (and re-resolved its members) on every
  // receipt for its message. While disabled the entry is read at render only.
  const selected = useStoreSelector(engine.store, selector, isSameDetail, isEnabled);
  // A provider's new engine of the same account (its `<Activity>` shown again, a new transport)
  // starts without details and loads them again: the lists last shown for this message (the
  // selector stands for it, and for the account) stay meanwhile, as a refetch keeps its lists,
  // instead of a flash of "Loading…" over members already shown. Forgotten once disabled.
  const shownRef = useRef<[typeof selector, DetailView]>(undefined);
  const entry =
    selected ?? (isEnabled && shownRef.current?.[0] === selector ? shownRef.current[1] : undefined);
  // Kept as committed, not as rendered: a render React throws away (a transition that suspends or
  // is interrupted) left its own filter's lists here, and the next engine showed "Loading…".
  useClientLayoutEffect(() => {
    shownRef.current = isEnabled && entry ? [selector, entry] : undefined;
  });
  // The entry's own lists, before any filter: a refetch keeps them, a first load has none.
  const hasLoaded = entry !== undefined && (entry.status === 'ready' || entry.hasLists);

  // Until the detail has loaded, the message's counts as the badge has them (no filter only: they
  // count every member). Followed only while they are what is shown.
  const receiptSelector = useCallback(
    (state: ReceiptState): TeamMessageReadReceipt | undefined =>
      key && !selectIsTeamUnavailable(state, messageRef.current)
        ? selectTeamReceipt(state, messageRef.current)
        : undefined,
    [key],
  );
  const receipt = useStoreSelector(
    engine.store,
    receiptSelector,
    Object.is,
    isEnabled && !hasLoaded && filterKey === undefined,
  );

  useEffect(() => {
    if (!isEnabled || !key) return;
    return engine.watchTeamDetail(messageRef.current!);
  }, [engine, key, isEnabled]);

  const refresh = useCallback(() => {
    if (key) engine.refreshTeamDetail(messageRef.current!);
  }, [engine, key]);

  // A disposed engine (with nobody logged in, the provider's signed-out one) loads nothing, and
  // nothing is wrong with the message: an empty view, as every other hook gives then.
  const isEngineDisposed = engine.isDisposed;

  return useMemo(() => {
    const readAccountList = entry?.readAccountList ?? noAccounts;
    const unreadAccountList = entry?.unreadAccountList ?? noAccounts;
    const knownCounts = hasLoaded
      ? { readCount: readAccountList.length, unreadCount: unreadAccountList.length }
      : receipt && filterKey === undefined
        ? { readCount: receipt.readCount, unreadCount: receipt.unreadCount }
        : undefined;
    // The store's own entry, not the lists kept from another engine: a refetch under way (Retry)
    // is loading, not the failure it replaces. A failure the engine retries by itself (offline, a
    // rate limit, a timeout) is loading too: only a final one is an error.
    const failed = isEnabled && selected?.status === 'error' ? selected : undefined;
    const isLoading =
      isEnabled &&
      key !== '' &&
      !isEngineDisposed &&
      (!selected || selected.status === 'loading' || !!failed?.isRetrying);
    return {
      readAccountList,
      unreadAccountList,
      // The badge's counts while the lists load: never "0 read, 0 unread" beside a badge of 149.
      readCount: knownCounts?.readCount ?? 0,
      unreadCount: knownCounts?.unreadCount ?? 0,
      knownCounts,
      isLoading,
      isRetrying: isLoading && !!selected?.isRetrying,
      error: failed?.isRetrying ? undefined : failed?.error,
      refresh,
    };
  }, [entry, selected, hasLoaded, receipt, filterKey, isEnabled, key, isEngineDisposed, refresh]);
}

/** A detail as the hook shows it: its lists filtered, and whether the whole entry has any. */
interface DetailView extends TeamDetailEntry {
  hasLists: boolean;
}

/**
 * Selects the detail of `key`, its lists filtered to the accounts of `filterKey` (one per line;
 * undefined: everyone). Filtered here, so that with {@link isSameDetail} a read by someone outside the
 * filter re-renders nothing: filtered after selection, every read by anyone in a 200-member team
 * gave new arrays of the same members.
 */
function detailSelector(key: string, filterKey: string | undefined) {
  const filter = filterKey === undefined ? undefined : new Set(filterKey.split('\n'));
  const pick = (accounts: string[]) =>
    filter ? accounts.filter((id) => filter.has(id)) : accounts;
  return (state: ReceiptState): DetailView | undefined => {
    const entry = key ? state.teamDetails[key] : undefined;
    const hasLists = !!entry && entry.readAccountList.length + entry.unreadAccountList.length > 0;
    // A first load under way shows what no entry shows (loading, no lists): as an entry, its start
    // re-rendered every open sheet once with nothing new. A retry's does not: it failed before.
    return entry && (hasLists || entry.status !== 'loading' || entry.isRetrying)
      ? {
          ...entry,
          readAccountList: pick(entry.readAccountList),
          unreadAccountList: pick(entry.unreadAccountList),
          hasLists,
        }
      : undefined;
  };
}

/** Two views that show the same: the same status, error, retrying and members in the same order. */
function isSameDetail(a: DetailView | undefined, b: DetailView | undefined): boolean {
  return (
    a === b ||
    (!!a &&
      !!b &&
      a.status === b.status &&
      a.error === b.error &&
      a.isRetrying === b.isRetrying &&
      a.hasLists === b.hasLists &&
      listsOf(a) === listsOf(b))
  );
}

// Account ids are joined as the filter's are: by a line break, which no account id holds.
const listsOf = (view: DetailView) =>
  `${view.readAccountList.join('\n')}\n\n${view.unreadAccountList.join('\n')}`;
