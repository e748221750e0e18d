/** Test helper (not part of the build): what a store update undid. */

import { entryIn } from '../engine/bucketedRecord';
import { type ReceiptState, teamReceiptOf } from '../engine/receiptState';
import { storedReceipts } from '../engine/teamReceiptShard';

/**
 * What moved backwards from `previous` to `next`: a watermark or a team count that went down, or a
 * known receipt that vanished. Empty when the step only moved forward (SPEC P9, G12).
 */
export function backwardSteps(previous: ReceiptState, next: ReceiptState): string[] {
  const problems: string[] = [];
  for (const [id, marks] of previous.conversations.flatMap((record) =>
    Object.entries(record ?? {}),
  )) {
    const now = entryIn(next.conversations, id);
    if (!now || now.peerReadTime < marks.peerReadTime || now.selfReadTime < marks.selfReadTime) {
      problems.push(`watermarks of ${id} moved backwards`);
    }
  }
  for (const [conversationId, shard] of Object.entries(previous.teamReceipts)) {
    for (const receipt of storedReceipts(shard)) {
      const now = teamReceiptOf(next, conversationId, receipt.messageClientId);
      if (!now || now.readCount < receipt.readCount) {
        problems.push(`${conversationId}\n${receipt.messageClientId} count moved backwards`);
      }
    }
  }
  return problems;
}
