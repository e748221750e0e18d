/**
 * Shared set-up of the browser tests of the reload safety net (core's `localStorageOutbox` and the
 * provider's `engineOptions.storage`): an offline reader on the real memory server, and the page's
 * localStorage slots of one outbox key.
 */
import { createMemoryServer } from '@readmark/memory';
import { afterEach } from 'vitest';
import type { ReceiptMessage } from '../types';

/**
 * The localStorage slots under `key` (one per engine): `keptFor(accountId)` joins what they hold for
 * an account; every slot under `key` is removed after each test.
 */
export function localStorageSlots(key: string) {
  const slots = () => Object.keys(window.localStorage).filter((slot) => slot.startsWith(key));
  afterEach(() => {
    for (const slot of slots()) window.localStorage.removeItem(slot);
  });
  return {
    keptFor: (accountId: string): string =>
      slots()
        .filter((slot) => slot.startsWith(`${key}:${accountId}`))
        .map((slot) => window.localStorage.getItem(slot))
        .join('\n'),
  };
}

/** A sends B one message (`text`); B's device has it, then loses its connection. */
export async function offlineReader(text = 'hello') {
  const server = createMemoryServer();
  const alice = server.login('A');
  const bob = server.login('B');
  const received: ReceiptMessage[] = [];
  bob.V2NIMMessageService.on('onReceiveMessages', (messages) => {
    received.push(...(messages as unknown as ReceiptMessage[]));
  });
  const { message } = await alice.V2NIMMessageService.sendMessage(
    alice.V2NIMMessageCreator.createTextMessage(text),
    'A|1|B',
  );
  await server.settle();
  server.dropConnection('B');
  await server.settle();
  return { server, alice, bob, received, message };
}
