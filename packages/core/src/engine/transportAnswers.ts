import { isObject } from '../isObject';
import { ReceiptError } from '../ReceiptError';
import type { TeamMessageReadReceiptDetail } from '../types';
import { isCount } from './numbers';

/**
 * The checks on what a transport's queries resolve with. A custom backend can answer anything; an
 * answer that is not what NIM gives becomes a rejection with 191004, which the loaders report and
 * show as failed, instead of a TypeError that leaves a badge or sheet loading forever.
 */

function malformed(operation: string, expected: string): ReceiptError {
  return new ReceiptError(191004, `\`${operation}\` resolved with ${expected}`);
}

/** `getTeamMessageReceipts`' answer: a list (its items are checked one by one later). */
export function teamReceiptsAnswer(answer: unknown): readonly unknown[] {
  if (!Array.isArray(answer))
    throw malformed('getTeamMessageReceipts', 'something that is not a list');
  return answer;
}

/**
 * `getTeamMessageReceiptDetail`'s answer with its member lists cleaned: account ids (strings) only,
 * each once, and nobody in both lists (reading cannot be undone, so the read list wins). Its
 * `readReceipt` must carry counts: stored without them, a receipt would never move again.
 */
export function teamDetailAnswer(answer: unknown): TeamMessageReadReceiptDetail {
  const detail = answer as Partial<Record<keyof TeamMessageReadReceiptDetail, unknown>> | null;
  if (
    !isObject(detail) ||
    !Array.isArray(detail.readAccountList) ||
    !Array.isArray(detail.unreadAccountList)
  ) {
    throw malformed('getTeamMessageReceiptDetail', 'no readAccountList and unreadAccountList');
  }
  const counts = detail.readReceipt as Partial<Record<'readCount' | 'unreadCount', unknown>> | null;
  if (!isObject(counts) || !isCount(counts.readCount) || !isCount(counts.unreadCount)) {
    throw malformed(
      'getTeamMessageReceiptDetail',
      'a readReceipt without readCount and unreadCount',
    );
  }
  const read = new Set(detail.readAccountList.filter((id) => typeof id === 'string'));
  const unread = new Set(
    detail.unreadAccountList.filter((id) => typeof id === 'string' && !read.has(id)),
  );
  return {
    readReceipt: detail.readReceipt as TeamMessageReadReceiptDetail['readReceipt'],
    readAccountList: [...read],
    unreadAccountList: [...unread],
  };
}
