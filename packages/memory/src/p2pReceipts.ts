import { conversationIdOf } from './conversationIds';
import { NimError, NimErrorCode } from './NimError';
import type { Device, ServerCore } from './ServerCore';
import type { MessageLike } from './validateReceiptArgs';

/** A read time the calling device writes into its own cache once it gets the call's answer. */
export interface ReadTimeUpdate {
  conversationId: string;
  readTime: number;
}

/**
 * Server side of `sendP2PMessageReceipt` (P2, P9, P10, P11), after the client checks passed.
 * The watermark becomes the acknowledged message's server createTime; a stale or duplicate receipt
 * resolves but changes nothing and emits nothing. Returns the read time the reading device learns
 * with the answer: the acknowledged message's time, even when the receipt moved nothing (see
 * {@link pushReadTime}).
 */
export function applyP2PReceipt(
  core: ServerCore,
  device: Device,
  message: MessageLike,
): ReadTimeUpdate | undefined {
  const readerId = device.accountId;
  const stored = core.messages.get(message.messageClientId as string);
  // Only messages this account really received can be acknowledged (authorization).
  if (
    stored?.message.conversationType !== 1 ||
    stored.message.receiverId !== readerId ||
    stored.message.senderId !== message.senderId
  ) {
    throw new NimError(NimErrorCode.MESSAGE_NOT_EXIST, 'message not found for this receiver');
  }
  const senderId = stored.message.senderId;
  const timestamp = stored.message.createTime;
  const key = core.p2pReadTimeKey(readerId, senderId);
  const current = core.p2pReadTimes.get(key);
  // P11: the reading device learns its own read time from the answer, even of a receipt that moves
  // nothing (a retry of one whose answer was lost): it left a new engine on the device at 0.
  const readerConversationId = conversationIdOf(readerId, 1, senderId);
  const learned = { conversationId: readerConversationId, readTime: timestamp };
  if (current && current.timestamp >= timestamp) return learned;
  if (current) current.timestamp = timestamp;
  else core.p2pReadTimes.set(key, { readerId, senderId, timestamp });

  const senderConversationId = conversationIdOf(senderId, 1, readerId);
  for (const target of core.onlineDevicesOf(senderId)) {
    core.deliverEvent(target, () => {
      const cached = target.p2pCache.get(senderConversationId) ?? 0;
      // The device may have caught up through a login sync meanwhile: never emit stale news (P9),
      // unless duplicate/reorder faults are on, which let stale and repeated pushes through.
      if (cached >= timestamp && !core.faults.hasEventFaults) return;
      target.p2pCache.set(senderConversationId, Math.max(cached, timestamp));
      target.messageEvents.emit('onReceiveP2PMessageReadReceipts', [
        { conversationId: senderConversationId, timestamp },
      ]);
    });
  }
  // P11: the reader's other devices learn their own read time, never a peer receipt.
  // markConversationRead may have moved the read time further already: then nobody else is told.
  if (core.raiseAccountReadTime(readerId, readerConversationId, timestamp)) {
    pushReadTime(core, device, readerConversationId, timestamp);
  }
  return learned;
}

/**
 * The account's read time of `conversationId` moved to `readTime` from `device` (a P2P receipt or
 * `markConversationRead`): the account's other devices get `onConversationReadTimeUpdated` (the
 * SDK's multi-device read-time handler), never a peer receipt (P11). The device's own cache moves,
 * without an event (as the SDK's markConversationRead does), only when the call's answer reaches it
 * ({@link raiseReadTime} in the client): a device whose connection dropped under the call (192003)
 * or whose answer was lost (192004) never learnt it, and its next login sync tells it, with the
 * event.
 */
export function pushReadTime(
  core: ServerCore,
  device: Device,
  readerConversationId: string,
  timestamp: number,
): void {
  for (const target of core.onlineDevicesOf(device.accountId, device)) {
    core.deliverEvent(target, () => {
      const cached = target.readTimeCache.get(readerConversationId) ?? 0;
      // Caught up through a login sync meanwhile: nothing new, unless event faults are on.
      if (cached >= timestamp && !core.faults.hasEventFaults) return;
      raiseReadTime(target, readerConversationId, timestamp);
      target.conversationEvents.emit(
        'onConversationReadTimeUpdated',
        readerConversationId,
        timestamp,
      );
    });
  }
}

/**
 * Moves a device's cached read time forward only: the SDK overwrites it, but the server never sends
 * a lower one, so a lower value can only be a duplicated or reordered fault.
 */
export function raiseReadTime(device: Device, conversationId: string, readTime: number): void {
  const cached = device.readTimeCache.get(conversationId) ?? 0;
  if (readTime > cached) device.readTimeCache.set(conversationId, readTime);
}

/**
 * Login sync (P8): every receipt pending for this account arrives as ONE event. The account's own
 * read times (moved on other devices) fill the device's read-time cache, each with an
 * `onConversationReadTimeUpdated`, as the SDK's conversation sync (`syncConversationReadTime`, 4_14)
 * does. The sync is incremental, as NIM's is by timetag: a fresh login (empty cache) gets every read
 * time, a reconnect only those that moved meanwhile. Runs when the sync is delivered (see
 * `startLoginSync` in connection.ts, which wraps it in the main data sync).
 */
export function emitP2PLoginSync(core: ServerCore, device: Device): void {
  const receipts: Array<{ conversationId: string; timestamp: number }> = [];
  for (const readTime of core.p2pReadTimes.values()) {
    if (readTime.senderId !== device.accountId) continue;
    const conversationId = conversationIdOf(device.accountId, 1, readTime.readerId);
    if ((device.p2pCache.get(conversationId) ?? 0) >= readTime.timestamp) continue;
    device.p2pCache.set(conversationId, readTime.timestamp);
    receipts.push({ conversationId, timestamp: readTime.timestamp });
  }
  if (receipts.length > 0) device.messageEvents.emit('onReceiveP2PMessageReadReceipts', receipts);
  for (const { accountId, conversationId, readTime } of core.readTimes.values()) {
    if (accountId !== device.accountId) continue;
    if ((device.readTimeCache.get(conversationId) ?? 0) >= readTime) continue;
    device.readTimeCache.set(conversationId, readTime);
    device.conversationEvents.emit('onConversationReadTimeUpdated', conversationId, readTime);
  }
}

/** `isPeerRead` exactly as the SDK computes it (P6): local, synchronous, non-strict. */
export function isPeerReadOnDevice(device: Device, message: MessageLike): boolean {
  const self = device.accountId;
  if (message.conversationType !== 1) return false;
  if (message.senderId !== self) return false;
  if (message.receiverId === self) return true;
  if (typeof message.createTime !== 'number' || typeof message.receiverId !== 'string')
    return false;
  const conversationId = conversationIdOf(self, 1, message.receiverId);
  return message.createTime <= (device.p2pCache.get(conversationId) ?? 0);
}
