/**
 * The reload safety net through the provider, in Chromium: a receipt marked while offline is kept in
 * localStorage when the page's provider goes away, and the next page's provider delivers it.
 */
import { localStorageOutbox, type ReceiptMessage } from '@readmark/core';
import { createNimTransport } from '@readmark/nim';
import { render } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { localStorageSlots, offlineReader } from '../../core/src/testing/offlineReaderWorld';
import { useReadReceipts } from './hooks/useReadReceipts';
import { ReceiptProvider } from './ReceiptProvider';

const key = 'readmark-provider-test';
const { keptFor } = localStorageSlots(key);
const keptForB = () => keptFor('B');

function MarkOnMount({ messages }: { messages: ReceiptMessage[] }) {
  const { markRead } = useReadReceipts('B|1|A');
  useEffect(() => markRead(messages), [markRead, messages]);
  return null;
}

describe('<ReceiptProvider engineOptions={{ storage }}> in Chromium', () => {
  it('delivers after a reload what was read while offline', async () => {
    const { server, alice, bob, received, message } = await offlineReader();

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
