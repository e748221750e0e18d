/**
 * The reload safety net in a real browser: receipts marked while offline are kept in Chromium's
 * localStorage and delivered by the engine of the next page, whatever the other tabs of the account do.
 */
import { createMemoryServer } from '@readmark/memory';
import { createNimTransport } from '@readmark/nim';
import { describe, expect, it } from 'vitest';
import { createReceiptEngine } from '../engine/createReceiptEngine';
import { localStorageSlots, offlineReader } from '../testing/offlineReaderWorld';
import type { ReceiptMessage } from '../types';
import { localStorageOutbox } from './webStorageOutbox';

const key = 'readmark-browser-test';
const { keptFor } = localStorageSlots(key);
const keptForB = () => keptFor('B');

describe('localStorageOutbox in Chromium', () => {
  it('keeps a receipt marked while offline across a reload and delivers it after', async () => {
    const { server, alice, bob, received, message } = await offlineReader('<b>secret text</b>');
    expect(received).toHaveLength(1);

    // The first page: offline when the user reads.
    const first = createReceiptEngine({
      transport: createNimTransport(bob),
      accountId: 'B',
      storage: localStorageOutbox(key),
      flushDelayMs: 0,
    });
    first.markRead(received);
    await expect.poll(keptForB).toContain(message.messageClientId);
    expect(keptForB()).not.toContain('secret text');
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
    await expect.poll(keptForB).toBe('');
    next.dispose();
  });

  it('two tabs of one account at once: a new tab delivers what both kept', async () => {
    const server = createMemoryServer();
    const alice = server.login('A');
    const carol = server.login('C');
    const tabs = [server.login('B'), server.login('B')];
    const received: ReceiptMessage[] = [];
    tabs[0]?.V2NIMMessageService.on('onReceiveMessages', (messages) => {
      received.push(...(messages as unknown as ReceiptMessage[]));
    });
    const fromAlice = await alice.V2NIMMessageService.sendMessage(
      alice.V2NIMMessageCreator.createTextMessage('x'),
      'A|1|B',
    );
    const fromCarol = await carol.V2NIMMessageService.sendMessage(
      carol.V2NIMMessageCreator.createTextMessage('y'),
      'C|1|B',
    );
    await server.settle();
    expect(received).toHaveLength(2);

    // Both tabs open and offline; each marks one message read.
    server.dropConnection('B');
    await server.settle();
    const [first, second] = tabs.map((client) =>
      createReceiptEngine({
        transport: createNimTransport(client),
        accountId: 'B',
        storage: localStorageOutbox(key),
        flushDelayMs: 0,
      }),
    );
    first?.markRead(received.slice(0, 1));
    second?.markRead(received.slice(1));
    await expect.poll(keptForB).toContain(fromAlice.message.messageClientId);
    await expect.poll(keptForB).toContain(fromCarol.message.messageClientId);
    first?.dispose(); // one tab is closed, the other stays open and offline

    // A new tab, online.
    const next = createReceiptEngine({
      transport: createNimTransport(server.login('B')),
      accountId: 'B',
      storage: localStorageOutbox(key),
    });
    await expect.poll(() => alice.V2NIMMessageService.isPeerRead(fromAlice.message)).toBe(true);
    await expect.poll(() => carol.V2NIMMessageService.isPeerRead(fromCarol.message)).toBe(true);
    await expect.poll(keptForB).toBe('');
    second?.dispose();
    next.dispose();
  });
});
