import { formatCount } from './formatCount';
import { formatNameList } from './formatNameList';
import { pluralize } from './pluralize';
import type { ReceiptStrings } from './ReceiptStrings';

/** A count as English writes it ("1,234"); the plural form is still chosen on the number. */
const n = (count: number) => formatCount('en', count);

/** English strings (the default locale). */
export const en: ReceiptStrings = {
  tickSending: 'Sending',
  tickSent: 'Sent',
  tickRead: 'Read',
  tickFailed: 'Failed',
  badgeUnread: (unreadCount) => `${n(unreadCount)} unread`,
  badgeAllRead: 'All read',
  // Names start with the visible text ("3 unread") so voice-control users can say what they see.
  badgeLabel: ({ unreadCount, totalCount }) =>
    `${n(unreadCount)} unread of ${n(totalCount)} ${pluralize(totalCount, 'member', 'members')}`,
  badgeAllReadLabel: (totalCount) =>
    `All read by ${n(totalCount)} ${pluralize(totalCount, 'member', 'members')}`,
  badgeLoading: 'Loading read receipts…',
  unavailable: 'Read receipts unavailable',
  sheetTitle: 'Message receipts',
  sheetDescription: (excerpt) => `Your message: “${excerpt}”`,
  tabListLabel: 'Members by read status',
  tabRead: (count) => `Read (${n(count)})`,
  tabUnread: (count) => `Unread (${n(count)})`,
  searchPlaceholder: 'Search members',
  close: 'Close',
  emptyRead: 'Nobody has read this yet',
  emptyUnread: 'Everyone has read this',
  emptySearch: 'No matching members',
  searchResults: (count) => `${n(count)} matching ${pluralize(count, 'member', 'members')}`,
  loading: 'Loading…',
  waitingForConnection: 'Waiting for a connection…',
  sheetOffline: 'Offline: the lists may be out of date',
  tryingAgain: 'Could not load read receipts. Trying again…',
  error: 'Could not load read receipts',
  retry: 'Retry',
  newMessages: (count) => `${n(count)} new ${pluralize(count, 'message', 'messages')}`,
  messageListLabel: 'Messages',
  loadingOlder: 'Loading older messages…',
  memberListLabel: 'Members',
  announceRead: (names) => `${formatNameList('en', names)} read the message`,
  announceReadCount: (count) =>
    `${n(count)} more ${pluralize(count, 'member', 'members')} read the message`,
  unreadSeparator: 'Unread messages',
  readBy: (names, othersCount) =>
    `Read by ${formatNameList(
      'en',
      othersCount > 0
        ? [...names, `${n(othersCount)} ${pluralize(othersCount, 'other', 'others')}`]
        : names,
    )}`,
};
