import { memo, type ReactNode, useRef } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { shallowEqual } from '../hooks/useStoreSelector';
import { useReceiptLanguage } from '../i18n/ReceiptStringsProvider';
import { MemberAvatar } from './MemberAvatar';
import type { ReceiptDetailMember } from './ReceiptDetailMember';
import { scrollToEdgeOnKey } from './scrollToEdgeOnKey';
import { tabIntoView } from './tabIntoView';
import { ANNOUNCE_INTERVAL_MS } from './useReadAnnouncement';
import { useRowVirtualizer, useVirtualRows } from './useRowVirtualizer';
import { useSettledValue } from './useSettledValue';
import { useShiftTabIntoView } from './useShiftTabIntoView';
import { visuallyHidden } from './visuallyHidden';

/** Default row height (px) before measuring; rows are measured, so custom rows may differ. */
const ESTIMATED_ROW_SIZE = 44;
/** How long the tab and the search text must stay the same before what the search found is said. */
const SEARCH_SUMMARY_DELAY_MS = 500;

/**
 * The sheet's member list, virtualized so a 200-member team renders only the rows in view.
 * Rows carry `aria-setsize`/`aria-posinset` so assistive tech still hears the full list length.
 * The empty text and `searchSummary` are status messages (WCAG 4.1.3): both sit in one polite
 * `role="status"` region that stays mounted while the members come and go, because a live region
 * inserted together with its text is often not announced. The summary is said once the user
 * pauses typing or picks a tab, not once per keystroke; a count changed as members read under the
 * search leaves the region at once and is said once no one has read for 5 s, not once per reader.
 * The region never holds a count the list no longer shows; the rows' `aria-setsize` is current.
 */
export function MemberList({
  members,
  label,
  emptyText,
  searchSummary,
  showing,
  renderMember,
}: {
  members: readonly ReceiptDetailMember[];
  label: string;
  emptyText: string;
  /** While a search matches members, what it found for screen readers, e.g. "3 matching members". */
  searchSummary?: string;
  /**
   * What the list shows (the tab and the search): when it changes the list starts at its top, not
   * where the last one was scrolled (the first matches of a search were above the view), and the
   * summary is said once it stays the same for a moment.
   */
  showing?: string;
  renderMember?: (member: ReceiptDetailMember) => ReactNode;
}) {
  const scrollRef = useRef<HTMLElement | null>(null);
  // The same virtualizer as MessageList's: rows and the list's height are positioned directly.
  const virtualizer = useRowVirtualizer<HTMLElement, HTMLLIElement>({
    count: members.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_SIZE,
    getItemKey: (index) => members[index]?.accountId ?? index,
    overscan: 8,
    // The row at the top of the view stays where it is as members above it read and leave Unread
    // (or are listed above it on Read): virtual-core's `anchorTo: 'end'`, MessageList's for
    // prepended history, finds that row again by key when the list changes and moves the offset
    // with it. CSS `overflow-anchor` skips absolutely placed rows: the list kept its scrollTop and
    // the rows moved under the reader. At the very top none, as with `overflow-anchor`: a member
    // listed first shows there.
    anchorTo: scrollRef.current?.scrollTop ? 'end' : 'start',
  });
  const items = useVirtualRows(virtualizer);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when what the list shows changes
  useClientLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [showing]);
  // Shift+Tab round the top of the modal sheet comes into the list from after it: to the members
  // in view, not to those rendered below them.
  useShiftTabIntoView(scrollRef, members.length > 0);

  // Said once the user pauses typing, not once per keystroke; a count members' reading changed, once
  // they pause reading, as long as the sheet's read announcements wait.
  // A language switch says nothing: the count is no news in another language.
  const language = useReceiptLanguage();
  const spokenSummary = useSettledValue(searchSummary, SEARCH_SUMMARY_DELAY_MS, showing, {
    changeDelayMs: ANNOUNCE_INTERVAL_MS,
    language,
  });
  const status = (
    // Polite by its role: the search box keeps the user's focus while the outcome is said.
    <div role="status">
      {members.length === 0 ? (
        <p className="readmark-sheet-empty">{emptyText}</p>
      ) : (
        spokenSummary && <span style={visuallyHidden}>{spokenSummary}</span>
      )}
    </div>
  );
  // One tree shape whether or not there are members, so the status region is never remounted.
  return (
    <>
      {status}
      {members.length > 0 && (
        <section
          ref={scrollRef}
          aria-label={label}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users move through the members by scrolling this region (arrows, Page Down, End)
          tabIndex={0}
          className="readmark-sheet-list" // Inline max height keeps the list virtualized even without styles.css.
          style={{ overflowY: 'auto', maxHeight: 'var(--readmark-sheet-list-height, 22rem)' }}
          onKeyDown={(event) => {
            scrollToEdgeOnKey(event, virtualizer);
            // Tab goes to an app's control (`renderMember`) in view, not in a row rendered above it.
            tabIntoView(event);
          }}
        >
          {/* Named once, on the focusable scroll region: a second name on the list was read twice. */}
          <ul
            ref={virtualizer.containerRef}
            style={{
              position: 'relative',
              width: '100%',
              margin: 0,
              padding: 0,
              listStyle: 'none',
            }}
          >
            {items.map((item) => {
              const member = members[item.index];
              if (!member) return null;
              return (
                <li
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  aria-setsize={members.length}
                  aria-posinset={item.index + 1}
                  className="readmark-member"
                  data-account-id={member.accountId}
                  data-status={member.isRead ? 'read' : 'unread'}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                  }}
                >
                  <MemberContent member={member} renderMember={renderMember} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * A row's content, rendered again only when its member (by value: the sheet builds fresh member
 * objects on every keystroke, tab switch and read) or `renderMember` changes. Without it, each
 * keystroke in the search, each member who read while the sheet was open, and each row scrolled in
 * re-rendered every mounted row, not just the rows that changed.
 */
// Marked pure, as MessageRow's `memo`: an app that never opens a sheet can drop it.
const MemberContent = /* @__PURE__ */ memo(
  function MemberContent({
    member,
    renderMember,
  }: {
    member: ReceiptDetailMember;
    renderMember?: ((member: ReceiptDetailMember) => ReactNode) | undefined;
  }) {
    return renderMember ? renderMember(member) : <DefaultMember member={member} />;
  },
  (before, after) =>
    before.renderMember === after.renderMember && shallowEqual(before.member, after.member),
);

function DefaultMember({ member }: { member: ReceiptDetailMember }) {
  return (
    <>
      <MemberAvatar name={member.name} avatarUrl={member.avatarUrl} />
      {/* Its own direction, from its letters: "Bob!" in a right-to-left sheet showed as "!Bob". */}
      <span className="readmark-member-name" dir="auto">
        {member.name}
      </span>
    </>
  );
}
