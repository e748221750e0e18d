import type { P2PMessageReadReceipt, TeamMessageReadReceipt } from '@readmark/core';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A usable time or watermark: finite and not negative (NaN would poison every max()). */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A usable count: a non-negative integer. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A P2P receipt with exactly the T2 fields, or undefined for a malformed one. */
export function toP2PReceipt(value: unknown): P2PMessageReadReceipt | undefined {
  try {
    return readP2PReceipt(value);
  } catch {
    return undefined;
  }
}

function readP2PReceipt(value: unknown): P2PMessageReadReceipt | undefined {
  if (!isRecord(value)) return undefined;
  const { conversationId, timestamp } = value;
  if (typeof conversationId !== 'string' || !isTime(timestamp)) return undefined;
  return { conversationId, timestamp };
}

/**
 * A team receipt with exactly the T3 fields: Web 10.8.1 leaks `receiverId` into query results, and
 * the kit must not pass it on (SPEC T3). Undefined for a malformed one.
 */
export function toTeamReceipt(value: unknown): TeamMessageReadReceipt | undefined {
  try {
    return readTeamReceipt(value);
  } catch {
    return undefined;
  }
}

function readTeamReceipt(value: unknown): TeamMessageReadReceipt | undefined {
  if (!isRecord(value)) return undefined;
  const { conversationId, messageServerId, messageClientId, readCount, unreadCount } = value;
  if (
    typeof conversationId !== 'string' ||
    typeof messageClientId !== 'string' ||
    !isCount(readCount) ||
    !isCount(unreadCount)
  ) {
    return undefined;
  }
  const receipt: TeamMessageReadReceipt = {
    conversationId,
    messageServerId: typeof messageServerId === 'string' ? messageServerId : '',
    messageClientId,
    readCount,
    unreadCount,
  };
  if (typeof value.latestReadAccount === 'string') {
    receipt.latestReadAccount = value.latestReadAccount;
  }
  return receipt;
}

/** Maps a list, dropping malformed entries; a non-array gives []; never throws. */
export function compact<T>(values: unknown, map: (value: unknown) => T | undefined): T[] {
  const result: T[] = [];
  try {
    if (!Array.isArray(values)) return [];
    for (const value of values) {
      const mapped = map(value);
      if (mapped !== undefined) result.push(mapped);
    }
  } catch {
    // Data whose reading throws (a hostile getter or Proxy) is malformed: keep what was read before.
  }
  return result;
}
