/**
 * The reload safety net in a real browser: receipts marked while offline are kept in Chromium's
 * localStorage and delivered by the engine of the next page.
 */
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiptEngine } from '../engine/createReceiptEngine';
import type { ReceiptMessage } from '../types';
import { localStorageOutbox } from './webStorageOutbox';

const key = 'readmark-browser-test';

afterEach(() => {
  window.localStorage.removeItem(`${key}:B`);
});

describe('localStorageOutbox in Chromium', () => {
  it('keeps a receipt marked while offline across a reload and delivers it after', async () => {
    const server = createMemoryServer();
    const alice = server.login('A');
    const bob = server.login('B');
    const received: ReceiptMessage[] = [];
    bob.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      received.push(...(messages as unknown as ReceiptMessage[]));
    });
    const { message } = await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage('<b>secret text</b>'),
      'A|1|B',
    );
    await server.settle();
    expect(received).toHaveLength(1);

    // The first page: offline when the user reads.
    server.dropConnection('B');
    await server.settle();
    const first = createReceiptEngine({
      transport: createNimTransport(bob),
      accountId: 'B',
      storage: localStorageOutbox(key),
      flushDelayMs: 0,
    });
    first.markRead(received);
    await expect
      .poll(() => window.localStorage.getItem(`${key}:B`))
      .toContain(message.messageClientId);
    expect(window.localStorage.getItem(`${key}:B`)).not.toContain('secret text');
    first.dispose(); // the reload
    expect(alice.V2NIMMessageService.isPeerRead(message)).toBe(false);

    // The next page, back online, with the same storage and no markRead of its own.
    server.restoreConnection('B');
    await server.settle();
    const next = createReceiptEngine({
      transport: createNimTransport(bob),
      accountId: 'B',
      storage: localStorageOutbox(key),
    });
    await expect.poll(() => alice.V2NIMMessageService.isPeerRead(message)).toBe(true);
    const receipt = await alice.V2NIMMessageService.getP2PMessageReceipt('A|1|B');
    expect(receipt.timestamp).toBe(message.createTime);
    await expect.poll(() => window.localStorage.getItem(`${key}:B`)).toBeNull();
    next.dispose();
  });
});
