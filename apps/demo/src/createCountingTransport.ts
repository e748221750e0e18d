import type { ReceiptTransport } from '@readmark/core';
import type { CallCounter, CountedMethod } from './callCounter';

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
  /** `batch` is the messages of a batch call; single-message calls carry no items. */
  const tally = (method: CountedMethod, batch?: unknown) =>
    counter.record({ deviceId, method, items: Array.isArray(batch) ? batch.length : 0 });
  const counting: ReceiptTransport = {
    sendP2PMessageReceipt(message) {
      tally('sendP2PMessageReceipt');
      return transport.sendP2PMessageReceipt(message);
    },
    getP2PMessageReceipt(conversationId) {
      tally('getP2PMessageReceipt');
      return transport.getP2PMessageReceipt(conversationId);
    },
    sendTeamMessageReceipts(messages) {
      tally('sendTeamMessageReceipts', messages);
      return transport.sendTeamMessageReceipts(messages);
    },
    getTeamMessageReceipts(messages) {
      tally('getTeamMessageReceipts', messages);
      return transport.getTeamMessageReceipts(messages);
    },
    getTeamMessageReceiptDetail(message, memberAccountIds) {
      tally('getTeamMessageReceiptDetail');
      return transport.getTeamMessageReceiptDetail(message, memberAccountIds);
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
  // Optional members are forwarded only when present, so the engine still sees "not supported".
  if (transport.getSelfReadTime) {
    const getSelfReadTime = transport.getSelfReadTime.bind(transport);
    counting.getSelfReadTime = (conversationId) => {
      tally('getSelfReadTime');
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
