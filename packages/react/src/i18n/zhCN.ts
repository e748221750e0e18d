import { formatCount } from './formatCount';
import { formatNameList } from './formatNameList';
import type { ReceiptStrings } from './ReceiptStrings';

/** A count as Chinese writes it in running text ("1,234"). */
const n = (count: number) => formatCount('zh-CN', count);

/**
 * Simplified Chinese strings. Chinese has no plural forms, so counts are placed directly.
 * Wording follows NetEase's UIKit where it has one (SPEC U8: "已读", "未读", "全部已读", unit "人").
 * The badge reads "3人未读" as the brief asks (UIKit has no such badge); the sheet's tabs are the
 * UIKit popover's headers exactly, "已读n人" / "未读m人" (SPEC U8, scenario 33), and an empty tab says
 * "全部成员未读" / "全部成员已读" as the Vue3 UIKit does.
 */
export const zhCN: ReceiptStrings = {
  tickSending: '发送中',
  tickSent: '已发送',
  tickRead: '已读',
  tickFailed: '发送失败',
  badgeUnread: (unreadCount) => `${n(unreadCount)}人未读`,
  badgeAllRead: '全部已读',
  badgeLabel: ({ unreadCount, totalCount }) => `${n(totalCount)}人中${n(unreadCount)}人未读`,
  badgeAllReadLabel: (totalCount) => `${n(totalCount)}人全部已读`,
  badgeLoading: '已读回执加载中…',
  unavailable: '已读回执不可用',
  sheetTitle: '消息回执',
  sheetDescription: (excerpt) => `你的消息：“${excerpt}”`,
  tabListLabel: '按已读状态查看成员',
  tabRead: (count) => `已读${n(count)}人`,
  tabUnread: (count) => `未读${n(count)}人`,
  searchPlaceholder: '搜索成员',
  close: '关闭',
  emptyRead: '全部成员未读',
  emptyUnread: '全部成员已读',
  emptySearch: '没有匹配的成员',
  searchResults: (count) => `找到${n(count)}名成员`,
  loading: '加载中…',
  waitingForConnection: '等待网络连接…',
  sheetOffline: '当前网络不可用，列表可能不是最新',
  tryingAgain: '已读回执加载失败，正在重试…',
  error: '已读回执加载失败',
  retry: '重试',
  newMessages: (count) => `${n(count)}条新消息`,
  messageListLabel: '消息列表',
  loadingOlder: '正在加载更早的消息…',
  memberListLabel: '成员列表',
  announceRead: (names) => `${formatNameList('zh-CN', names)}已读该消息`,
  announceReadCount: (count) => `又有${n(count)}人已读该消息`,
  unreadSeparator: '以下为新消息',
  // "Bob、Carol等5人已读", as WeChat Work and DingTalk write who has read a group message.
  readBy: (names, othersCount) =>
    othersCount > 0
      ? `${names.join('、')}等${n(names.length + othersCount)}人已读`
      : `${formatNameList('zh-CN', names)}已读`,
};
