/**
 * The reload safety net through the provider, in Chromium: a receipt marked while offline is kept in
 * localStorage when the page's provider goes away, and the next page's provider delivers it.
 */
import { localStorageOutbox, type ReceiptMessage } from '@readmark/core';
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { render } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useReadReceipts } from './hooks/useReadReceipts';
import { ReceiptProvider } from './ReceiptProvider';

const key = 'readmark-provider-test';

/** Everything kept for B, all slots (one per engine) joined. */
function keptForB(): string {
  return Object.keys(window.localStorage)
    .filter((slot) => slot.startsWith(`${key}:B`))
    .map((slot) => window.localStorage.getItem(slot))
    .join('\n');
}

afterEach(() => {
  for (const slot of Object.keys(window.localStorage)) {
    if (slot.startsWith(key)) window.localStorage.removeItem(slot);
  }
});

function MarkOnMount({ messages }: { messages: ReceiptMessage[] }) {
  const { markRead } = useReadReceipts('B|1|A');
  useEffect(() => markRead(messages), [markRead, messages]);
  return null;
}

describe('<ReceiptProvider engineOptions={{ storage }}> in Chromium', () => {
  it('delivers after a reload what was read while offline', async () => {
    const server = createMemoryServer();
    const alice = server.login('A');
    const bob = server.login('B');
    const received: ReceiptMessage[] = [];
    bob.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      received.push(...(messages as unknown as ReceiptMessage[]));
    });
    const { message } = await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage('hello'),
      'A|1|B',
    );
    await server.settle();
    server.dropConnection('B');
    await server.settle();

    const transport = createNimTransport(bob);
    const first = render(
      <ReceiptProvider
        transport={transport}
        accountId="B"
        engineOptions={{ storage: localStorageOutbox(key), flushDelayMs: 0 }}
      >
        <MarkOnMount messages={received} />
      </ReceiptProvider>,
    );
    await expect.poll(keptForB).toContain(message.messageClientId);
    first.unmount(); // the reload
    expect(alice.V2NIMMessageService.isPeerRead(message)).toBe(false);

    server.restoreConnection('B');
    await server.settle();
    const next = render(
      <ReceiptProvider
        transport={createNimTransport(bob)}
        accountId="B"
        engineOptions={{ storage: localStorageOutbox(key) }}
      >
        <MarkOnMount messages={[]} />
      </ReceiptProvider>,
    );
    await expect.poll(() => alice.V2NIMMessageService.isPeerRead(message)).toBe(true);
    await expect.poll(keptForB).toBe('');
    next.unmount();
  });
});
