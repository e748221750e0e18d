import type { ReceiptTransport } from '@readmark/core';
import type { CallCounter } from './callCounter';

/**
 * Wraps a transport so every server call is tallied per device and method before it is forwarded.
 * The panel built on it makes the engine's coalescing (P2P) and batching (team) visible.
 * Everything else, including connection state, passes through untouched.
 */
export function createCountingTransport(options: {
  transport: ReceiptTransport;
  counter: CallCounter;
  deviceId: string;
}): ReceiptTransport {
  const { transport, counter, deviceId } = options;
  const counting: ReceiptTransport = {
    sendP2PMessageReceipt(message) {
      counter.record({ deviceId, method: 'sendP2PMessageReceipt', items: 0 });
      return transport.sendP2PMessageReceipt(message);
    },
    getP2PMessageReceipt(conversationId) {
      counter.record({ deviceId, method: 'getP2PMessageReceipt', items: 0 });
      return transport.getP2PMessageReceipt(conversationId);
    },
    sendTeamMessageReceipts(messages) {
      counter.record({
        deviceId,
        method: 'sendTeamMessageReceipts',
        items: Array.isArray(messages) ? messages.length : 0,
      });
      return transport.sendTeamMessageReceipts(messages);
    },
    getTeamMessageReceipts(messages) {
      counter.record({
        deviceId,
        method: 'getTeamMessageReceipts',
        items: Array.isArray(messages) ? messages.length : 0,
      });
      return transport.getTeamMessageReceipts(messages);
    },
    getTeamMessageReceiptDetail(message, memberAccountIds) {
      counter.record({ deviceId, method: 'getTeamMessageReceiptDetail', items: 0 });
      return transport.getTeamMessageReceiptDetail(message, memberAccountIds);
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
  // Optional members are forwarded only when present, so the engine still sees "not supported".
  if (transport.getSelfReadTime) {
    const getSelfReadTime = transport.getSelfReadTime.bind(transport);
    counting.getSelfReadTime = (conversationId) => {
      counter.record({ deviceId, method: 'getSelfReadTime', items: 0 });
      return getSelfReadTime(conversationId);
    };
  }
  if (transport.getConnectionState) {
    const getConnectionState = transport.getConnectionState.bind(transport);
    counting.getConnectionState = () => getConnectionState();
  }
  if (transport.subscribeConnectionState) {
    const subscribeConnectionState = transport.subscribeConnectionState.bind(transport);
    counting.subscribeConnectionState = (listener) => subscribeConnectionState(listener);
  }
  return counting;
}
