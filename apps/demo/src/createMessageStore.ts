import { MessageSendingState, type ReceiptMessage } from '@readmark/core';
import type { MemoryClient } from '@readmark/memory';

/** A chat message as the demo shows it: the receipt fields plus the text. */
export type DemoMessage = ReceiptMessage & { text?: string };

/** The messages one device knows, per conversation, as an external store for React. */
export interface MessageStore {
  /** The conversation's messages, oldest first; the same array until something changes. */
  getMessages(conversationId: string): readonly DemoMessage[];
  subscribe(onChange: () => void): () => void;
  /**
   * True for a message this device sent (NIM syncs the account's messages from its other devices
   * with the same `senderId`): the list follows only these to its end.
   */
  isSentHere(message: DemoMessage): boolean;
  /** Sends a text message from this device; it shows as "sending" until the server accepts it. */
  send(options: {
    conversationId: string;
    text: string;
    isReceiptRequested: boolean;
  }): Promise<void>;
  /**
   * Sends a failed message's text again, with the same "ask for read receipts" choice, as a new
   * message (a new `messageClientId`, so it is placed at the end, as a fresh send would be); the
   * failed copy, which the server never had, leaves the list. Anything but a failed message sent
   * here is ignored.
   */
  retry(message: DemoMessage): Promise<void>;
  /**
   * Recalls one of this account's sent messages (`revokeMessage`). The message leaves the list when
   * the server's revoke notification arrives, on this device as on every other one.
   */
  revoke(message: DemoMessage): Promise<void>;
  /**
   * Reloads history from the server, e.g. after the device comes back online, page by page back to
   * the oldest message it knew. Messages it knew that history no longer has were recalled meanwhile
   * and are dropped.
   */
  sync(conversationId: string): Promise<void>;
  dispose(): void;
}

const emptyList: readonly DemoMessage[] = [];
const historyLimit = 100;

/** Same own fields with equal values; nested plain data (messageConfig...) is compared by content. */
function isSameMessage(a: DemoMessage | undefined, b: DemoMessage): boolean {
  if (a === b) return true;
  if (!a) return false;
  const keys = Object.keys(a) as (keyof DemoMessage)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const left: unknown = a[key];
    const right: unknown = b[key];
    if (Object.is(left, right)) return true;
    return (
      typeof left === 'object' &&
      left !== null &&
      typeof right === 'object' &&
      right !== null &&
      JSON.stringify(left) === JSON.stringify(right)
    );
  });
}

/**
 * The messages of `known` that a history answer should hold but does not: a logged-out device
 * hears no revoke notifications, so this is how it learns of recalls at login. An answer that did
 * not reach the start of the conversation (`isComplete` false) covers only the messages strictly
 * newer than its oldest one: older messages, or those sharing that oldest millisecond and cut off
 * by the page limit, are simply not in it.
 */
function recalledSince(
  known: readonly DemoMessage[],
  history: readonly DemoMessage[],
  isComplete: boolean,
): DemoMessage[] {
  const inHistory = new Set(history.map((message) => message.messageClientId));
  const oldest = isComplete
    ? Number.NEGATIVE_INFINITY
    : Math.min(...history.map((message) => message.createTime));
  return known.filter(
    (message) =>
      (isComplete || message.createTime > oldest) && !inHistory.has(message.messageClientId),
  );
}

/**
 * Keeps one device's messages: what it receives (`onReceiveMessages`), what it sends, and what
 * `getMessageList` returns after a reconnect, minus what was recalled
 * (`onMessageRevokeNotifications`, or gone from history after a login). Messages are keyed by
 * `messageClientId`, so a message seen twice (sent here and echoed, or reloaded) is shown once, in
 * its newest state.
 */
export function createMessageStore(options: {
  client: MemoryClient;
  accountId: string;
  /**
   * A send failed, with the SDK's error: the device hands it to `engine.reportSendFailure`, so a
   * team that cannot have receipts (107302: over 200 members) shows "unavailable" on its messages.
   */
  onSendFailed?: (conversationId: string, error: unknown) => void;
}): MessageStore {
  const { client, accountId, onSendFailed } = options;
  const service = client.V2NIMMessageService;
  const byConversation = new Map<string, readonly DemoMessage[]>();
  const listeners = new Set<() => void>();
  const recalledIds = new Set<string>();
  const sentHereIds = new Set<string>();
  // A message is placed by the time of its first copy this device saw, then by when it was seen: a
  // sent message keeps the place of its "sending" copy when the server's copy arrives with a later
  // time (sorted by the server's time, a burst's accepted messages jumped after those still
  // sending, and back), and a burst sharing one millisecond keeps its order.
  const firstSeen = new Map<string, { time: number; order: number }>();
  const placeOf = (message: DemoMessage) =>
    firstSeen.get(message.messageClientId) ?? { time: message.createTime, order: 0 };
  const byFirstSeen = (a: DemoMessage, b: DemoMessage) => {
    const [placeA, placeB] = [placeOf(a), placeOf(b)];
    return placeA.time - placeB.time || placeA.order - placeB.order;
  };

  const notify = () => {
    for (const listener of listeners) listener();
  };

  /**
   * Merges a batch: each touched conversation's list is built and sorted once, a message equal to the
   * one already shown keeps the shown object (so memoized rows skip re-rendering), and nothing is
   * notified when nothing changed (a reload of unchanged history, an echo).
   */
  const upsert = (messages: readonly DemoMessage[]) => {
    const byTarget = new Map<string, Map<string, DemoMessage>>();
    for (const message of messages) {
      if (!message || typeof message.conversationId !== 'string') continue;
      if (recalledIds.has(message.messageClientId)) continue;
      if (!firstSeen.has(message.messageClientId)) {
        firstSeen.set(message.messageClientId, { time: message.createTime, order: firstSeen.size });
      }
      let incoming = byTarget.get(message.conversationId);
      if (!incoming) {
        incoming = new Map();
        byTarget.set(message.conversationId, incoming);
      }
      // The last copy of a message in the batch is its newest state.
      incoming.set(message.messageClientId, message);
    }
    let hasChanged = false;
    for (const [conversationId, incoming] of byTarget) {
      const list = byConversation.get(conversationId) ?? emptyList;
      const indexById = new Map(list.map((item, index) => [item.messageClientId, index]));
      let next: DemoMessage[] | undefined;
      for (const [clientId, message] of incoming) {
        const index = indexById.get(clientId);
        if (index !== undefined && isSameMessage((next ?? list)[index], message)) continue;
        next ??= [...list];
        if (index === undefined) {
          indexById.set(clientId, next.length);
          next.push(message);
        } else {
          next[index] = message;
        }
      }
      if (!next) continue;
      next.sort(byFirstSeen);
      byConversation.set(conversationId, next);
      hasChanged = true;
    }
    if (hasChanged) notify();
  };

  /**
   * Drops recalled messages from their conversations; notifies once, and only if one was shown.
   * Their ids are remembered so that a history answer computed before the recall cannot bring one
   * back.
   */
  const dropRecalled = (refs: readonly { conversationId: string; messageClientId: string }[]) => {
    const idsByConversation = new Map<string, Set<string>>();
    for (const ref of refs) {
      if (!ref || typeof ref.conversationId !== 'string') continue;
      recalledIds.add(ref.messageClientId);
      let ids = idsByConversation.get(ref.conversationId);
      if (!ids) {
        ids = new Set();
        idsByConversation.set(ref.conversationId, ids);
      }
      ids.add(ref.messageClientId);
    }
    let hasChanged = false;
    for (const [conversationId, ids] of idsByConversation) {
      const list = byConversation.get(conversationId) ?? emptyList;
      const next = list.filter((message) => !ids.has(message.messageClientId));
      if (next.length === list.length) continue;
      byConversation.set(conversationId, next);
      hasChanged = true;
    }
    if (hasChanged) notify();
  };

  const onReceiveMessages = (messages: DemoMessage[]) => upsert(messages);
  // Every online device of both sides hears a revoke, the revoking one included (SDK 10.8.1).
  const onRevoked = (notifications: { messageRefer: DemoMessage }[]) =>
    dropRecalled(notifications.map((notification) => notification?.messageRefer));
  service.on('onReceiveMessages', onReceiveMessages);
  service.on('onMessageRevokeNotifications', onRevoked);

  const store: MessageStore = {
    getMessages: (conversationId) => byConversation.get(conversationId) ?? emptyList,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    isSentHere: (message) => sentHereIds.has(message.messageClientId),
    async send({ conversationId, text, isReceiptRequested }) {
      const created = client.V2NIMMessageCreator.createTextMessage(text) as DemoMessage;
      sentHereIds.add(created.messageClientId);
      // The SDK's own id utilities, as a production app would use them (SPEC C4, C5).
      const type = client.V2NIMConversationIdUtil.parseConversationType(conversationId);
      const targetId = client.V2NIMConversationIdUtil.parseConversationTargetId(conversationId);
      // Shown at once as "sending"; replaced by the server's copy (same messageClientId) on success.
      const pending: DemoMessage = {
        ...created,
        text,
        conversationId,
        conversationType: type,
        senderId: accountId,
        receiverId: targetId,
        isSelf: true,
        createTime: Date.now(),
        messageServerId: '',
        sendingState: MessageSendingState.SENDING,
        messageConfig: { readReceiptEnabled: isReceiptRequested },
      };
      const hasClientId = typeof created.messageClientId === 'string' && created.messageClientId;
      if (hasClientId) upsert([pending]);
      try {
        const result = await service.sendMessage(created as never, conversationId, {
          messageConfig: { readReceiptEnabled: isReceiptRequested },
        });
        upsert([result.message as DemoMessage]);
      } catch (error) {
        if (hasClientId) upsert([{ ...pending, sendingState: MessageSendingState.FAILED }]);
        onSendFailed?.(conversationId, error);
      }
    },
    async retry(message) {
      const failedCopy = (): (DemoMessage & { text: string }) | undefined => {
        const shown = byConversation
          .get(message.conversationId)
          ?.find((candidate) => candidate.messageClientId === message.messageClientId);
        return shown?.sendingState === MessageSendingState.FAILED &&
          sentHereIds.has(shown.messageClientId) &&
          typeof shown.text === 'string'
          ? (shown as DemoMessage & { text: string })
          : undefined;
      };
      if (!failedCopy()) return;
      // A send cut off by a dropped connection may have reached the server all the same (NIM applies
      // a call in flight at a disconnect): the history decides, and its sent copy replaces the failed
      // one, so a Retry never gives the peer the message twice.
      await store.sync(message.conversationId);
      const current = failedCopy();
      if (!current) return;
      // Dropped as a recalled message is, so that nothing can bring the failed copy back.
      dropRecalled([current]);
      sentHereIds.delete(current.messageClientId);
      await store.send({
        conversationId: current.conversationId,
        text: current.text,
        isReceiptRequested: current.messageConfig?.readReceiptEnabled !== false,
      });
    },
    async revoke(message) {
      await service.revokeMessage(message as never);
    },
    async sync(conversationId) {
      // Only messages the server had confirmed before asking: one arriving meanwhile is not
      // missing from the answer, and a pending or failed send was never in history.
      const confirmedBefore =
        byConversation.get(conversationId)?.filter((message) => message.messageServerId) ??
        emptyList;
      const oldestKnown = Math.min(...confirmedBefore.map((message) => message.createTime));
      try {
        // Page back until the answers reach past the oldest message this device had: a recall
        // of any of them while it was logged out shows only as a gap in history, and one page
        // (the newest 100) left older recalled messages on screen for good.
        const history: DemoMessage[] = [];
        const ids = new Set<string>();
        let anchorMessage: DemoMessage | undefined;
        let isComplete = false;
        for (;;) {
          const page = (await service.getMessageList({
            conversationId,
            limit: historyLimit,
            ...(anchorMessage ? { anchorMessage: anchorMessage as never } : {}),
          })) as DemoMessage[];
          const fresh = page.filter((message) => !ids.has(message.messageClientId));
          for (const message of fresh) {
            ids.add(message.messageClientId);
            history.push(message);
          }
          if (page.length < historyLimit) {
            isComplete = true;
            break;
          }
          // No progress (a whole page in one millisecond) or far enough back: stop here.
          if (fresh.length === 0) break;
          anchorMessage = page.reduce((a, b) => (b.createTime < a.createTime ? b : a));
          if (anchorMessage.createTime < oldestKnown) break;
        }
        upsert(history);
        dropRecalled(recalledSince(confirmedBefore, history, isComplete));
      } catch {
        // Offline or not supported: the live events still fill the list.
      }
    },
    dispose() {
      service.off('onReceiveMessages', onReceiveMessages);
      service.off('onMessageRevokeNotifications', onRevoked);
      listeners.clear();
    },
  };
  return store;
}
