import type { P2PMessageReadReceipt, TeamMessageReadReceipt } from '@readmark/core';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A P2P receipt with exactly the T2 fields, or undefined for a malformed one. */
export function toP2PReceipt(value: unknown): P2PMessageReadReceipt | undefined {
  if (!isRecord(value)) return undefined;
  const { conversationId, timestamp } = value;
  if (typeof conversationId !== 'string' || typeof timestamp !== 'number') return undefined;
  return { conversationId, timestamp };
}

/**
 * A team receipt with exactly the T3 fields: Web 10.8.1 leaks `receiverId` into query results, and
 * the kit must not pass it on (SPEC T3). Undefined for a malformed one.
 */
export function toTeamReceipt(value: unknown): TeamMessageReadReceipt | undefined {
  if (!isRecord(value)) return undefined;
  const { conversationId, messageServerId, messageClientId, readCount, unreadCount } = value;
  if (
    typeof conversationId !== 'string' ||
    typeof messageClientId !== 'string' ||
    typeof readCount !== 'number' ||
    typeof unreadCount !== 'number'
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

/** Maps a list, dropping malformed entries; a non-array gives []. */
export function compact<T>(values: unknown, map: (value: unknown) => T | undefined): T[] {
  if (!Array.isArray(values)) return [];
  const result: T[] = [];
  for (const value of values) {
    const mapped = map(value);
    if (mapped !== undefined) result.push(mapped);
  }
  return result;
}
