import { conversationIdOf } from './conversationIds';
import { NimError, NimErrorCode } from './NimError';
import type { Device, ServerCore, StoredMessage } from './ServerCore';
import type { V2NIMTeamMessageReadReceipt, V2NIMTeamMessageReadReceiptDetail } from './sdkTypes';
import type { MessageLike } from './validateReceiptArgs';

/** The absolute counts of one flagged team message, seen by its sender (T3, G5). */
export function teamReceiptOf(stored: StoredMessage): V2NIMTeamMessageReadReceipt {
  const message = stored.message;
  const receipt: V2NIMTeamMessageReadReceipt = {
    conversationId: conversationIdOf(message.senderId, 2, message.receiverId),
    messageServerId: message.messageServerId,
    messageClientId: message.messageClientId,
    readCount: stored.readerIds.length,
    unreadCount: stored.eligibleIds.length - stored.readerIds.length,
  };
  const latest = stored.readerIds[stored.readerIds.length - 1];
  if (latest !== undefined) receipt.latestReadAccount = latest;
  return receipt;
}

/** The stored team message `message` refers to by its client id, if it exists in `teamId`. */
function findTeamMessage(core: ServerCore, teamId: string, message: MessageLike) {
  return inTeam(core.messages.get(message.messageClientId as string), teamId);
}

/**
 * The stored team message with `message`'s server id in `teamId`, if any. The receipt queries find
 * messages this way: nim-web-sdk-ng 10.8.1 sends the detail query only `receiverId` and
 * `messageServerId` (`select: ["receiverId","messageServerId"]`), so the server can only know the
 * message by its team and server id; a copy with a stale or wrong server id is unknown there.
 */
function findTeamMessageByServerId(core: ServerCore, teamId: string, message: MessageLike) {
  return inTeam(core.messagesByServerId.get(message.messageServerId as string), teamId);
}

function inTeam(stored: StoredMessage | undefined, teamId: string): StoredMessage | undefined {
  if (stored?.message.conversationType !== 2 || stored.message.receiverId !== teamId) {
    return undefined;
  }
  return stored;
}

/**
 * Server side of `sendTeamMessageReceipts` (G4, G5, G11). Ineligible messages (unknown, unflagged,
 * sent before the reader joined, already read) are skipped silently; each sender's online devices
 * get one event with the new absolute counts; the reader's devices get nothing.
 */
export function applyTeamReceipts(core: ServerCore, device: Device, messages: MessageLike[]): void {
  const readerId = device.accountId;
  const teamId = messages[0]?.receiverId as string;
  core.teamMembersFor(teamId, readerId);
  const bySender = new Map<string, V2NIMTeamMessageReadReceipt[]>();
  for (const message of messages) {
    const stored = findTeamMessage(core, teamId, message);
    if (!stored?.message.messageConfig?.readReceiptEnabled) continue;
    if (!stored.eligibleIds.includes(readerId) || stored.readerIds.includes(readerId)) continue;
    stored.readerIds.push(readerId);
    const receipts = bySender.get(stored.message.senderId) ?? [];
    receipts.push(teamReceiptOf(stored));
    bySender.set(stored.message.senderId, receipts);
  }
  for (const [senderId, receipts] of bySender) {
    for (const target of core.onlineDevicesOf(senderId)) {
      core.deliverEvent(target, () => {
        target.messageEvents.emit(
          'onReceiveTeamMessageReadReceipts',
          receipts.map((r) => ({ ...r })),
        );
      });
    }
  }
}

/**
 * Server side of `getTeamMessageReceipts` (G7): messages are found by team and server id; unknown
 * (a wrong or stale server id included) and unflagged messages are dropped. The result's ids are the
 * caller's: the SDK sends `receiverId`, `messageServerId` and `messageClientId` and maps the answer
 * back with the same fields (the server is taken to echo the client id, [INF]). Like Web 10.8.1
 * (SPEC T3) each result also carries the team's `receiverId`, which transports must strip.
 */
export function queryTeamReceipts(
  core: ServerCore,
  device: Device,
  messages: MessageLike[],
): V2NIMTeamMessageReadReceipt[] {
  const teamId = messages[0]?.receiverId as string;
  core.teamMembersFor(teamId, device.accountId);
  const results: V2NIMTeamMessageReadReceipt[] = [];
  const seen = new Set<string>();
  for (const message of messages) {
    const stored = findTeamMessageByServerId(core, teamId, message);
    if (!stored || stored.message.senderId !== device.accountId) continue;
    if (!stored.message.messageConfig?.readReceiptEnabled) continue;
    if (seen.has(stored.message.messageServerId)) continue;
    seen.add(stored.message.messageServerId);
    results.push({
      ...teamReceiptOf(stored),
      ...idsOf(message, stored),
      receiverId: teamId,
    } as V2NIMTeamMessageReadReceipt);
  }
  return results;
}

/**
 * The ids of a query result, from the caller's message as the SDK builds them: `messageServerId` is
 * the one the lookup used; `messageClientId` is the caller's (the stored one if the caller's is not
 * a string).
 */
function idsOf(message: MessageLike, stored: StoredMessage) {
  return {
    messageServerId: message.messageServerId as string,
    messageClientId:
      typeof message.messageClientId === 'string'
        ? message.messageClientId
        : stored.message.messageClientId,
  };
}

/**
 * Server side of `getTeamMessageReceiptDetail` (G8, G9, G10). The message is found by team and
 * server id (all the SDK sends): an unknown one, a wrong or stale server id included, gives 107404
 * `MESSAGE_NOT_EXIST`. The result's ids are copied from the caller's message, as the SDK does. The
 * member filter keeps only listed eligible members; non-members and the sender appear in neither
 * list. No `latestReadAccount`.
 */
export function queryTeamReceiptDetail(
  core: ServerCore,
  device: Device,
  message: MessageLike,
  memberAccountIds: string[] | undefined,
): V2NIMTeamMessageReadReceiptDetail {
  const teamId = message.receiverId as string;
  core.teamMembersFor(teamId, device.accountId);
  const stored = findTeamMessageByServerId(core, teamId, message);
  if (!stored || stored.message.senderId !== device.accountId) {
    throw new NimError(NimErrorCode.MESSAGE_NOT_EXIST, 'message not found');
  }
  if (!stored.message.messageConfig?.readReceiptEnabled) {
    throw new NimError(
      NimErrorCode.TEAM_READ_RECEIPT_RECORD_NOT_FOUND,
      'the message was sent without readReceiptEnabled',
    );
  }
  const filter =
    memberAccountIds && memberAccountIds.length > 0 && !core.isDetailFilterIgnored
      ? new Set(memberAccountIds)
      : undefined;
  const isListed = (id: string) => !filter || filter.has(id);
  const readAccountList = stored.readerIds.filter(isListed);
  const unreadAccountList = stored.eligibleIds.filter(
    (id) => !stored.readerIds.includes(id) && isListed(id),
  );
  const { latestReadAccount: _omitted, ...counts } = teamReceiptOf(stored);
  return {
    readReceipt: {
      ...counts,
      conversationId: conversationIdOf(device.accountId, 2, teamId),
      messageClientId: message.messageClientId as string,
      messageServerId: message.messageServerId as string,
      readCount: readAccountList.length,
      unreadCount: unreadAccountList.length,
    },
    readAccountList,
    unreadAccountList,
  };
}
