/**
 * Every user-visible string of the kit's components. Strings that carry counts or names are
 * functions so each locale can place numbers and plural forms where its grammar needs them.
 */
export interface ReceiptStrings {
  /** Accessible label of a tick for an own message that is still being sent. */
  tickSending: string;
  /** Accessible label of a tick for an own message the server accepted but nobody has read yet. */
  tickSent: string;
  /** Accessible label of a tick for an own message the peer (or every team member) has read. */
  tickRead: string;
  /** Accessible label of a tick for an own message whose send failed. */
  tickFailed: string;
  /** Visible badge text while some members have not read, e.g. "3 unread". */
  badgeUnread: (unreadCount: number) => string;
  /** Visible badge text once every member has read. */
  badgeAllRead: string;
  /**
   * Accessible name of the badge, e.g. "3 unread of 12 members". It should contain the visible
   * `badgeUnread` text (WCAG 2.5.3 "label in name"), so voice control finds the button by what it shows.
   */
  badgeLabel: (options: { unreadCount: number; totalCount: number }) => string;
  /** Accessible name of the badge when every member has read, e.g. "All read by 12 members" (contains `badgeAllRead`). */
  badgeAllReadLabel: (totalCount: number) => string;
  /**
   * Badge text (and accessible name) while the counts are loading, and the accessible name of a
   * tick (`data-status="loading"`) while a sent message's read state is not known yet. It says what
   * is loading, because a screen reader user hears it on its own, away from the message.
   */
  badgeLoading: string;
  /** Badge text (and name) when receipts cannot work for this team. */
  unavailable: string;
  /** Title of the member read/unread sheet. */
  sheetTitle: string;
  /**
   * The sheet's description, quoting the excerpt of the message the app gave
   * (`ReceiptDetailSheet`'s `messageExcerpt`), e.g. "Your message: “Lunch at noon?”". The excerpt
   * comes isolated (U+2068 … U+2069), so it keeps its own direction wherever it is placed.
   */
  sheetDescription: (excerpt: string) => string;
  /** Accessible name of the sheet's tab list (the Unread / Read tabs). */
  tabListLabel: string;
  /** Tab label for members who have read, with the count. */
  tabRead: (count: number) => string;
  /** Tab label for members who have not read, with the count. */
  tabUnread: (count: number) => string;
  /** Placeholder (and label) of the member search box. */
  searchPlaceholder: string;
  /** Label of the close button. */
  close: string;
  /** Empty state of the Read tab. */
  emptyRead: string;
  /** Empty state of the Unread tab. */
  emptyUnread: string;
  /** Empty state when a search matches nobody (also said to screen readers as a status). */
  emptySearch: string;
  /**
   * Said to screen readers (not shown) when a search matches members, e.g. "3 matching members";
   * the list itself shows them.
   */
  searchResults: (count: number) => string;
  /** Shown while details load. */
  loading: string;
  /**
   * Shown instead of {@link loading} while the connection is down: the details load once it is
   * back, so "loading" would promise what cannot come yet.
   */
  waitingForConnection: string;
  /**
   * Above the sheet's lists (and said once to screen readers) while the connection is down: they
   * cannot follow reads until it is back.
   */
  sheetOffline: string;
  /**
   * Shown in place of {@link loading} once a first load failed for a passing reason (a rate limit,
   * a timeout, a server error) while the engine tries it again by itself, beside {@link retry}.
   */
  tryingAgain: string;
  /** Shown when details failed to load. */
  error: string;
  /** Label of the retry button (after {@link error}, and beside {@link tryingAgain}: try again now). */
  retry: string;
  /** The pill that appears when new messages arrive while the list is scrolled up. */
  newMessages: (count: number) => string;
  /** Accessible name of the scrollable message list. */
  messageListLabel: string;
  /** Shown over the top of the message list, and said, while older history loads. */
  loadingOlder: string;
  /** Accessible name of the sheet's member list. */
  memberListLabel: string;
  /**
   * Polite live announcement naming the members who just read the message (one to three, in one
   * sentence), e.g. "Bob and Carol read the message"; join the names with {@link formatNameList}.
   */
  announceRead: (names: readonly string[]) => string;
  /**
   * The announcement when more members read at once than are named (at most one announcement per
   * five seconds, as for `announceRead`), e.g. "12 more members read the message".
   */
  announceReadCount: (count: number) => string;
  /** The line above the first message unread when the chat was opened (`UnreadSeparator`). */
  unreadSeparator: string;
  /**
   * `ReadBy`'s line: the latest readers' names (each isolated, U+2068 … U+2069) and how many more
   * have read, e.g. "Read by Bob, Carol, and 3 others"; join the names with {@link formatNameList}.
   */
  readBy: (names: readonly string[], othersCount: number) => string;
}

/** The built-in locales. */
export type ReceiptLocale = 'en' | 'zh-CN';

/**
 * Overrides of some of the {@link ReceiptStrings}, the `strings` prop: a key left out or
 * `undefined` keeps the built-in text, so an app's optional props pass through as they are, also
 * under TypeScript's `exactOptionalPropertyTypes`.
 */
export type ReceiptStringOverrides = {
  [Key in keyof ReceiptStrings]?: ReceiptStrings[Key] | undefined;
};
