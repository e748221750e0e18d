/** Test helper (not part of the build): the end check of the outbox property tests. */
import type { MemoryServer } from '@readmark/memory';
import { expect, vi } from 'vitest';
import type { ReceiptEngine } from '../engine/ReceiptEngine';
import { selectPeerReadTime } from '../engine/selectors';
import type { ReceiptMessage } from '../types';

/**
 * After a schedule has healed: A's screen and the server show exactly what B read, no more, no
 * less. The P2P watermark is the newest P2P message read (what A's engine shows and what a device
 * logging in now learns); B is among the readers of exactly the team messages read (team T of A, B
 * and C, where only B reads). Returns that watermark. Runs under fake timers.
 */
export async function expectServerAtReads(
  server: MemoryServer,
  aliceEngine: ReceiptEngine,
  sent: readonly ReceiptMessage[],
  read: ReadonlyMap<string, ReceiptMessage>,
): Promise<number> {
  const readTime = Math.max(
    0,
    ...[...read.values()].filter((m) => m.conversationType === 1).map((m) => m.createTime),
  );
  expect(selectPeerReadTime(aliceEngine.store.getState(), 'A|1|B')).toBe(readTime);
  const freshAlice = server.login('A');
  await vi.advanceTimersByTimeAsync(1000);
  const receipt = await freshAlice.V2NIMMessageService.getP2PMessageReceipt('A|1|B');
  expect(receipt.timestamp).toBe(readTime);

  for (const message of sent.filter((m) => m.conversationType === 2)) {
    const detailing = freshAlice.V2NIMMessageService.getTeamMessageReceiptDetail(message as never);
    await vi.advanceTimersByTimeAsync(10);
    const detail = await detailing;
    const isRead = read.has(message.messageClientId);
    expect(detail.readAccountList.includes('B'), message.messageClientId).toBe(isRead);
    expect(detail.unreadAccountList.includes('B')).toBe(!isRead);
    expect(detail.readReceipt.readCount).toBe(isRead ? 1 : 0);
  }
  return readTime;
}
