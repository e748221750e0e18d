import type {
  P2PMessageReadReceipt,
  ReceiptMessage,
  ReceiptTransport,
  TeamMessageReadReceipt,
  TeamMessageReadReceiptDetail,
  TransportEvent,
} from '@readmark/core';

/** A transport that answers instantly from memory and lets the bench push events. */
export interface BenchTransport extends ReceiptTransport {
  /** Delivers an event to the engine synchronously, as the SDK's push handler would. */
  emit(event: TransportEvent): void;
  /** Counts of the calls the engine made, by method name. */
  calls: Record<string, number>;
}

/**
 * A custom backend (the public `ReceiptTransport` plug) for the large scenarios: with 100,000
 * messages the in-memory NIM server would spend the time being measured on its own bookkeeping. It
 * answers counts as "nobody has read yet" for `memberCount - 1` members and accepts every send.
 */
export function createBenchTransport({ memberCount = 10 }: { memberCount?: number } = {}) {
  const listeners = new Set<(event: TransportEvent) => void>();
  const calls: Record<string, number> = {};
  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const transport: BenchTransport = {
    calls,
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    async sendP2PMessageReceipt() {
      count('sendP2PMessageReceipt');
    },
    async getP2PMessageReceipt(conversationId): Promise<P2PMessageReadReceipt> {
      count('getP2PMessageReceipt');
      return { conversationId, timestamp: 0 };
    },
    async sendTeamMessageReceipts() {
      count('sendTeamMessageReceipts');
    },
    async getTeamMessageReceipts(messages: ReceiptMessage[]): Promise<TeamMessageReadReceipt[]> {
      count('getTeamMessageReceipts');
      return messages.map((message) => ({
        conversationId: message.conversationId,
        messageServerId: message.messageServerId,
        messageClientId: message.messageClientId,
        readCount: 0,
        unreadCount: memberCount - 1,
      }));
    },
    async getTeamMessageReceiptDetail(message): Promise<TeamMessageReadReceiptDetail> {
      count('getTeamMessageReceiptDetail');
      return {
        readReceipt: {
          conversationId: message.conversationId,
          messageServerId: message.messageServerId,
          messageClientId: message.messageClientId,
          readCount: 0,
          unreadCount: 0,
        },
        readAccountList: [],
        unreadAccountList: [],
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return transport;
}
