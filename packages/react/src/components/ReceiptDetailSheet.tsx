import { type ReceiptMessage, receiptModeOf, selectIsOffline } from '@readmark/core';
import { type JSX, type ReactNode, useCallback, useId, useMemo, useRef, useState } from 'react';
import { useMemberResolver } from '../hooks/useMemberResolver';
import { useProvidedEngine } from '../hooks/useReceiptEngine';
import { useStoreSelector } from '../hooks/useStoreSelector';
import { useTeamReceiptDetail } from '../hooks/useTeamReceiptDetail';
import { useReceiptLanguage, useReceiptStrings } from '../i18n/ReceiptStringsProvider';
import { DetailTabs, type ReceiptDetailTab, tabPartId } from './DetailTabs';
import { keepFocusInList } from './keepFocusInList';
import { MemberList } from './MemberList';
import type { ReceiptDetailMember } from './ReceiptDetailMember';
import { shortExcerpt } from './shortExcerpt';
import { useModalDialog } from './useModalDialog';
import { useReadAnnouncement } from './useReadAnnouncement';
import { useSettledValue } from './useSettledValue';
import { visuallyHidden } from './visuallyHidden';
import { withClassName } from './withClassName';

/** Props of {@link ReceiptDetailSheet}. */
export interface ReceiptDetailSheetProps {
  /** An own team message sent with `readReceiptEnabled` (for anything else it renders nothing). */
  message: ReceiptMessage;
  /** Controlled open state; the sheet opens as a modal dialog while true, and renders nothing while false. */
  isOpen: boolean;
  /** Called when the user asks to close (Esc, the close button, a click on the backdrop). */
  onClose: () => void;
  /** Only list these accounts (SPEC G9); all eligible members when omitted. */
  memberAccountIds?: readonly string[] | undefined;
  /**
   * Custom member row; defaults to avatar + name from the provider's `resolveMember`. Keep it stable
   * (module level or `useCallback`): rows are memoized on it and on their member, and a new
   * function renders every mounted row again.
   */
  renderMember?: ((member: ReceiptDetailMember) => ReactNode) | undefined;
  /**
   * Tab shown when the sheet opens: `'unread'` or `'read'`. Without it the sheet opens on Unread,
   * or on Read when the counts known as it opens say everyone has read (an empty Unread tab has
   * nothing to show); any other value opens on Unread.
   */
  initialTab?: ReceiptDetailTab | undefined;
  /**
   * A short excerpt of the message the sheet is about, usually its text (`message.text`), or what
   * your chat shows for other kinds ("[Image]"). The sheet quotes it under its title and makes it
   * the dialog's accessible description ("Your message: “Lunch at noon?”"), so a screen reader
   * user hears which message the receipts are for when the sheet opens. On one line, cut to 100
   * characters. Without it (or without text) the sheet has no description.
   */
  messageExcerpt?: string | undefined;
  /** Extra class on the `<dialog>`; the default look comes from `.readmark-sheet`. */
  className?: string | undefined;
}

/** How long the connection must have been down before the sheet says its lists may be stale. */
const SAY_OFFLINE_AFTER_MS = 1_000;

/**
 * Text as the member search compares it: full-width letters and digits, which Chinese and Japanese
 * input methods type by default (００１), match their ASCII forms (001), and case is ignored.
 */
const searchable = (text: string) => text.normalize('NFKC').toLocaleLowerCase();

/**
 * Who has read an own team message, member by member: a native modal `<dialog>` with
 * "Unread (m)" / "Read (n)" tabs, search by name or account id, a virtualized list (fine for 200
 * members), loading / error + retry states, and live updates while open, announced politely
 * ("Bob read the message"). When the provider's `locale` changes while it is open, everything
 * follows at once, and the last announcement is not left in the old language under the new `lang`:
 * the region is emptied (said again, old news would sound like a new read), as is the search
 * status, and the next one is said in the new language.
 *
 * While the members load, the tabs show the counts the badge shows for the message, never an empty
 * list's "(0)"; when none are known yet (or a `memberAccountIds` filter awaits its detail) the tabs
 * appear with the lists.
 *
 * While the connection is down the lists cannot follow reads: above them the sheet says they may be
 * out of date ("Offline: the lists may be out of date"), and screen readers hear it once, politely;
 * it goes when the connection is back and the engine reloads them.
 *
 * A first load that failed for a passing reason (a rate limit, a timeout, a server error) says so
 * ("Could not load read receipts. Trying again…", heard once as a polite status) while the engine
 * retries it by itself after a backoff, with Retry to try again at once; while offline it says
 * "Waiting for a connection…" instead. A refetch that fails so keeps showing its lists. Only a final
 * failure shows "Could not load read receipts" with Retry, which the engine does not retry.
 *
 * Esc closes it and focus returns to the element that opened it; if that element has left the
 * document meanwhile (e.g. a virtualized list unmounted the badge's row), focus goes to its nearest
 * ancestor that is still there and takes focus (such as the message list's scroller), never
 * silently to `<body>` while such an ancestor exists.
 *
 * Closed, it renders nothing (`null`: no `<dialog>` in the page) and subscribes to nothing, so a
 * sheet per message row costs a list nothing; it renders nothing open either when the message has
 * no members' receipts to show (incoming, one-to-one, unflagged, a notification: the rows
 * `UnreadBadge` leaves empty). Each opening mounts the dialog afresh, on its initial tab with an
 * empty search.
 */
export function ReceiptDetailSheet(props: ReceiptDetailSheetProps): JSX.Element | null {
  // First, so that outside a provider the error names this component, open or closed.
  const { accountId } = useProvidedEngine('<ReceiptDetailSheet>');
  return props.isOpen && receiptModeOf(accountId, props.message) === 'team' ? (
    <OpenSheet {...props} />
  ) : null;
}

/** The sheet while open: mounted as it opens, so its dialog, state and subscriptions live as long. */
function OpenSheet({
  message,
  onClose,
  memberAccountIds,
  renderMember,
  initialTab,
  messageExcerpt,
  className,
}: ReceiptDetailSheetProps) {
  const engine = useProvidedEngine('<ReceiptDetailSheet>');
  const strings = useReceiptStrings();
  const lang = useReceiptLanguage();
  const resolveMember = useMemberResolver();
  const detail = useTeamReceiptDetail(message, { memberAccountIds });
  const dialogRef = useModalDialog(onClose);
  const idPrefix = useId();
  const titleId = `${idPrefix}-title`;
  const descriptionId = `${idPrefix}-description`;
  const excerpt = shortExcerpt(messageExcerpt);
  // Anything but 'read' from a JavaScript app ("Read") would select neither tab and leave both out
  // of the tab order. Read as the sheet opens (mounts) only.
  const [selectedTab, setSelectedTab] = useState<ReceiptDetailTab>(() =>
    initialTab === 'read' || (initialTab === undefined && detail.knownCounts?.unreadCount === 0)
      ? 'read'
      : 'unread',
  );
  // What the search box shows, and the query applied: an input method's composition (pinyin typed
  // for 成) is applied once committed, or each syllable emptied the list and said "No matching
  // members".
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');

  const members = useMemo(() => {
    const accountIds = selectedTab === 'read' ? detail.readAccountList : detail.unreadAccountList;
    const needle = searchable(query.trim());
    const result: ReceiptDetailMember[] = [];
    for (const accountId of accountIds) {
      const { name, avatarUrl } = resolveMember(accountId);
      if (needle && !searchable(name).includes(needle) && !searchable(accountId).includes(needle)) {
        continue;
      }
      result.push({ accountId, name, avatarUrl, isRead: selectedTab === 'read' });
    }
    return result;
  }, [selectedTab, detail.readAccountList, detail.unreadAccountList, query, resolveMember]);

  // A live refetch keeps showing the lists it has; only a first load shows the loading state.
  const hasData = detail.readAccountList.length + detail.unreadAccountList.length > 0;
  const isShowingLoading = detail.isLoading && !hasData;
  // Offline, a first load waits for the connection (said so, rather than "loading" for good), and
  // lists already shown stop following reads until it is back and the engine reloads them.
  const isOffline = useStoreSelector(engine.store, selectIsOffline);
  const status = detail.error ? 'error' : isShowingLoading ? 'loading' : 'ready';
  const isStale = isOffline && status === 'ready';
  // Said once per time offline, after it has lasted a second (a blip is not news), and not again
  // after a language switch (see useSettledValue).
  const staleNotice = useSettledValue(
    isStale ? strings.sheetOffline : undefined,
    SAY_OFFLINE_AFTER_MS,
    isStale,
    { language: lang },
  );
  const panelRef = useRef<HTMLDivElement>(null);
  // Said once a first load has failed, while the engine tries it again: offline, waiting for the
  // connection says more. The same Retry as after a final failure tries again at once.
  const isRetryShown = detail.isRetrying && !isOffline;
  // Whether Retry was pressed and its focus handed to the panel while the query is out.
  const retryPressedRef = useRef(false);
  // One function for the sheet's life: a new one each render detached and attached it again.
  // Retry that goes takes the focus to the panel, not <body>; back (the query failed again) it
  // takes it back, if the panel still has it: the keyboard user had to Tab round to find it.
  const keepFocusOnRetryGone = useCallback((button: HTMLButtonElement | null) => {
    const panel = panelRef.current;
    if (!button) return keepFocusInList(panel);
    if (retryPressedRef.current && button.ownerDocument.activeElement === panel) button.focus();
    retryPressedRef.current = false;
  }, []);
  const retry = (
    <button
      type="button"
      // Leaving by itself (the retry succeeded, the connection dropped) with the focus, it hands
      // the focus to the panel, not to <body>: see keepFocusInList.
      ref={keepFocusOnRetryGone}
      onClick={() => {
        // Retry is replaced by the loading state: focus must not fall to <body>.
        panelRef.current?.focus();
        retryPressedRef.current = true;
        detail.refresh();
      }}
    >
      {strings.retry}
    </button>
  );
  const announcement = useReadAnnouncement(
    detail.readAccountList,
    detail.unreadAccountList,
    status === 'ready',
    (accountIds) =>
      strings.announceRead(accountIds.map((accountId) => resolveMember(accountId).name)),
    strings.announceReadCount,
    lang,
  );

  // Tabs carry counts; without any known yet they wait rather than say "0" (see the TSDoc).
  const counts = detail.knownCounts;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click mirrors Esc (native cancel) and the close button, which keyboard users have
    <dialog
      ref={dialogRef}
      // Once for all the sheet's text, its live announcements included (WCAG 3.1.2).
      lang={lang}
      aria-labelledby={titleId}
      // Only while the description is there: a reference to a missing element dangles.
      aria-describedby={excerpt && descriptionId}
      className={withClassName('readmark-sheet', className)}
      data-status={status}
      // A click that lands on the dialog element itself is a click on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="readmark-sheet-body">
        <div className="readmark-sheet-header">
          <h2 id={titleId} className="readmark-sheet-title">
            {strings.sheetTitle}
          </h2>
          <button
            type="button"
            className="readmark-sheet-close"
            aria-label={strings.close}
            onClick={onClose}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {excerpt && (
          <p
            id={descriptionId}
            className="readmark-sheet-description"
            // An unbroken excerpt (a link) wraps inside the sheet rather than widening it.
            style={{ overflowWrap: 'anywhere' }}
          >
            {/* Isolated (FSI … PDI), in the direction of its own letters, like a member's name: the
             * app's text in another script ("Lunch!" in an Arabic sentence showed "!Lunch"). */}
            {strings.sheetDescription(`\u2068${excerpt}\u2069`)}
          </p>
        )}
        {counts && (
          <DetailTabs
            idPrefix={idPrefix}
            selectedTab={selectedTab}
            onSelectTab={setSelectedTab}
            readCount={counts.readCount}
            unreadCount={counts.unreadCount}
          />
        )}
        <input
          type="search"
          className="readmark-sheet-search"
          aria-label={strings.searchPlaceholder}
          placeholder={strings.searchPlaceholder}
          value={searchText}
          onChange={(event) => {
            setSearchText(event.target.value);
            if (!(event.nativeEvent as InputEvent).isComposing) setQuery(event.target.value);
          }}
          onCompositionEnd={(event) => setQuery(event.currentTarget.value)}
        />
        {/* Seen at once; heard through the last region, which is there before it speaks. */}
        {isStale && (
          <p className="readmark-sheet-offline" aria-hidden="true">
            {strings.sheetOffline}
          </p>
        )}
        <div
          ref={panelRef}
          // A panel is a tab panel only while its tab is there.
          {...(counts && {
            role: 'tabpanel',
            'aria-labelledby': tabPartId(idPrefix, 'tab', selectedTab),
          })}
          id={tabPartId(idPrefix, 'panel', selectedTab)}
          // Focusable from script only: Retry hands focus here before it leaves the page.
          tabIndex={-1}
          className="readmark-sheet-panel"
        >
          {detail.error ? (
            <div role="alert" className="readmark-sheet-error">
              <p>{strings.error}</p>
              {retry}
            </div>
          ) : isShowingLoading ? (
            <>
              {/* The same status throughout, so a change of its text is said, once per change:
               * the engine's retries keep `isRetrying` while their queries are out. */}
              <p role="status" className="readmark-sheet-loading">
                {isOffline
                  ? strings.waitingForConnection
                  : isRetryShown
                    ? strings.tryingAgain
                    : strings.loading}
              </p>
              {isRetryShown && retry}
            </>
          ) : (
            <MemberList
              members={members}
              label={strings.memberListLabel}
              emptyText={
                // A member filter that matches nobody leaves both tabs empty: "everyone has read
                // this" would be said of nobody.
                query.trim() || !hasData
                  ? strings.emptySearch
                  : selectedTab === 'read'
                    ? strings.emptyRead
                    : strings.emptyUnread
              }
              searchSummary={query.trim() ? strings.searchResults(members.length) : undefined}
              showing={`${selectedTab}\n${query.trim()}`}
              renderMember={renderMember}
            />
          )}
        </div>
      </div>
      <div aria-live="polite" aria-atomic="true" style={visuallyHidden}>
        {announcement}
      </div>
      <div aria-live="polite" style={visuallyHidden}>
        {staleNotice}
      </div>
    </dialog>
  );
}
