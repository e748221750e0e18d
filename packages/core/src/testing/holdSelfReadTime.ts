import type { ReceiptTransport } from '../ReceiptTransport';

/**
 * Holds `transport`'s answers of `getSelfReadTime` until the test calls `letThrough`, as NIM's own
 * answer waits for the login sync (up to 5 s): for tests of what a late read time may still move.
 * `isAnswered` turns true once a held answer has come back.
 */
export function holdSelfReadTime(transport: ReceiptTransport): {
  letThrough: () => void;
  isAnswered: () => boolean;
} {
  const getSelfReadTime = transport.getSelfReadTime!.bind(transport);
  let letThrough = () => {};
  const gate = new Promise<void>((resolve) => {
    letThrough = resolve;
  });
  let isAnswered = false;
  transport.getSelfReadTime = async (conversationId) => {
    await gate;
    const time = await getSelfReadTime(conversationId);
    isAnswered = true;
    return time;
  };
  return { letThrough, isAnswered: () => isAnswered };
}
