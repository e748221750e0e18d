import type { ReceiptMessage, ReceiptTransport } from '@readmark/core';

/** One outgoing receipt call as the server saw it. */
export interface SentCall {
  method: 'sendP2PMessageReceipt' | 'sendTeamMessageReceipts';
  at: number;
  messages: ReceiptMessage[];
}

/**
 * Wraps a real transport and records every receipt it sends (metric 6). Everything else passes
 * through untouched.
 */
export function countingTransport(inner: ReceiptTransport): {
  transport: ReceiptTransport;
  sent: SentCall[];
} {
  const sent: SentCall[] = [];
  const transport: ReceiptTransport = {
    ...inner,
    subscribe: (listener) => inner.subscribe(listener),
    getP2PMessageReceipt: (conversationId) => inner.getP2PMessageReceipt(conversationId),
    getTeamMessageReceipts: (messages) => inner.getTeamMessageReceipts(messages),
    getTeamMessageReceiptDetail: (message, ids) => inner.getTeamMessageReceiptDetail(message, ids),
    sendP2PMessageReceipt(message) {
      sent.push({ method: 'sendP2PMessageReceipt', at: performance.now(), messages: [message] });
      return inner.sendP2PMessageReceipt(message);
    },
    sendTeamMessageReceipts(messages) {
      sent.push({
        method: 'sendTeamMessageReceipts',
        at: performance.now(),
        messages: [...messages],
      });
      return inner.sendTeamMessageReceipts(messages);
    },
  };
  if (inner.getConnectionState) transport.getConnectionState = () => inner.getConnectionState!();
  if (inner.subscribeConnectionState) {
    transport.subscribeConnectionState = (listener) => inner.subscribeConnectionState!(listener);
  }
  return { transport, sent };
}
