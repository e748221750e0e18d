import { conversationIdOf } from './conversationIds';
import { NimError, NimErrorCode } from './NimError';
import type { Device, ServerCore } from './ServerCore';
import type { MessageLike } from './validateReceiptArgs';

/**
 * Server side of `sendP2PMessageReceipt` (P2, P9, P10, P11), after the client checks passed.
 * The watermark becomes the acknowledged message's server createTime; a stale or duplicate receipt
 * resolves but changes nothing and emits nothing.
 */
export function applyP2PReceipt(core: ServerCore, device: Device, message: MessageLike): void {
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
  if (current && current.timestamp >= timestamp) return;
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
  const readerConversationId = conversationIdOf(readerId, 1, senderId);
  for (const target of core.onlineDevicesOf(readerId, device)) {
    core.deliverEvent(target, () => {
      target.conversationEvents.emit(
        'onConversationReadTimeUpdated',
        readerConversationId,
        timestamp,
      );
    });
  }
}

/**
 * Login sync (P8): every receipt pending for this account arrives as ONE event, and the device's own
 * read times (read on other devices) arrive as read-time updates.
 */
export function syncP2PAtLogin(core: ServerCore, device: Device): void {
  core.deliver(device, () => {
    const receipts: Array<{ conversationId: string; timestamp: number }> = [];
    for (const readTime of core.p2pReadTimes.values()) {
      if (readTime.senderId !== device.accountId) continue;
      const conversationId = conversationIdOf(device.accountId, 1, readTime.readerId);
      if ((device.p2pCache.get(conversationId) ?? 0) >= readTime.timestamp) continue;
      device.p2pCache.set(conversationId, readTime.timestamp);
      receipts.push({ conversationId, timestamp: readTime.timestamp });
    }
    if (receipts.length > 0) device.messageEvents.emit('onReceiveP2PMessageReadReceipts', receipts);
    for (const readTime of core.p2pReadTimes.values()) {
      if (readTime.readerId !== device.accountId) continue;
      const conversationId = conversationIdOf(device.accountId, 1, readTime.senderId);
      device.conversationEvents.emit(
        'onConversationReadTimeUpdated',
        conversationId,
        readTime.timestamp,
      );
    }
  });
}

/**
 * Server side of `getConversationReadTime` (P11): how far `device`'s account has read the
 * conversation, as its receipts on any device moved it. 0 for a conversation never acknowledged and
 * for teams and super teams (their receipts are per message, not a read time).
 */
export function conversationReadTime(
  core: ServerCore,
  device: Device,
  conversationId: string,
): number {
  const prefix = `${device.accountId}|1|`;
  if (!conversationId.startsWith(prefix)) return 0;
  const peerId = conversationId.slice(prefix.length);
  return core.p2pReadTimes.get(core.p2pReadTimeKey(device.accountId, peerId))?.timestamp ?? 0;
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
