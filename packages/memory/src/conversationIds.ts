import { invalidParameter } from './NimError';
import type { V2NIMConversationIdUtil, V2NIMConversationType } from './sdkTypes';

/**
 * Conversation ids as the SDK builds them (SPEC section 2). The memory server imitates the SDK on
 * its own, so it does not import @readmark/core at runtime.
 */

/** `${self}|${type}|${targetId}` (C1). */
export function conversationIdOf(selfAccountId: string, type: number, targetId: string): string {
  return `${selfAccountId}|${type}|${targetId}`;
}

/** The conversation a message belongs to for `viewerId` (C3). */
export function messageConversationIdFor(
  viewerId: string,
  message: { senderId: string; receiverId: string; conversationType: number },
): string {
  if (message.conversationType === 1) {
    const peer = message.senderId === viewerId ? message.receiverId : message.senderId;
    return conversationIdOf(viewerId, 1, peer);
  }
  return conversationIdOf(viewerId, message.conversationType === 2 ? 2 : 3, message.receiverId);
}

/** The strict check of C6: `^${self}\|[1-3]\|`. */
export function isValidConversationIdFor(selfAccountId: string, conversationId: unknown): boolean {
  if (typeof conversationId !== 'string') return false;
  const prefix = `${selfAccountId}|`;
  if (!conversationId.startsWith(prefix)) return false;
  const type = conversationId.charAt(prefix.length);
  return (
    (type === '1' || type === '2' || type === '3') &&
    conversationId.charAt(prefix.length + 1) === '|'
  );
}

/** `console.warn` where there is one: the memory server is compiled without DOM or Node types. */
function warn(message: string): void {
  (globalThis as { console?: { warn?: (message: string) => void } }).console?.warn?.(message);
}

/**
 * `V2NIMConversationIdUtil` for one logged-in account (C2, C4, C5). The parsers never throw; a
 * builder given a target that cannot become a string (a Symbol, a throwing `toString`) throws
 * 191004, where the SDK's template literal would throw a TypeError.
 */
export function createConversationIdUtil(selfAccountId: string) {
  const prefix = `${selfAccountId}|`;
  const build = (type: number, targetId: string): string => {
    try {
      return conversationIdOf(selfAccountId, type, targetId);
    } catch {
      throw invalidParameter('the target id must be a string');
    }
  };
  return {
    p2pConversationId: (accountId: string) => build(1, accountId),
    teamConversationId: (teamId: string) => build(2, teamId),
    superTeamConversationId: (superTeamId: string) => build(3, superTeamId),
    parseConversationType: (conversationId: string): V2NIMConversationType => {
      if (typeof conversationId !== 'string' || !conversationId.startsWith(prefix)) {
        // C4: the SDK logs a warning for an id that is not the account's, then answers 0.
        // Named only when a string: a value whose conversion throws must not make this throw.
        const named = typeof conversationId === 'string' ? conversationId : typeof conversationId;
        warn(`parseConversationType: ${named} is not a conversation of ${selfAccountId}`);
        return 0;
      }
      return Number(conversationId.charAt(prefix.length)) as V2NIMConversationType;
    },
    parseConversationTargetId: (conversationId: string): string => {
      if (typeof conversationId !== 'string' || !conversationId.startsWith(prefix)) return '';
      return conversationId.slice(prefix.length + 2);
    },
  } satisfies V2NIMConversationIdUtil;
}
