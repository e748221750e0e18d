import type { TeamMessageReadReceipt } from '../types';
import { makeTeamReceipt } from './makeTeamReceipt';

/** One message's receipts within a batch: what is stored, and the best one the batch brings. */
interface Best {
  stored: TeamMessageReadReceipt | undefined;
  receipt: TeamMessageReadReceipt | undefined;
  /** The last reader named by the receipts kept so far (a query answer names none). */
  reader: string | undefined;
  /** Its receipts go to `oneByOne`, every one, in order, not collapsed. */
  isOneByOne: boolean;
}

/**
 * The receipts of a batch that merging them one by one would keep: per message the last one that
 * raised its readCount, naming the last reader any kept receipt named, in the order each message
 * first had one kept. Merging these gives the same state as merging the whole batch, for a fraction
 * of the work: a busy group's burst brings dozens of receipts per message (1,000 events for the 20
 * messages on screen in bench metric 2), and merging each copied it into the draft for nothing.
 * Nothing is refused here (another conversation type, a forgotten message): the merge refuses the
 * kept receipt as it would have refused each of them.
 *
 * @param storedOf The receipt stored for a message before the batch, if any.
 * @param isOneByOne Messages whose receipts the caller merges one by one itself (those whose
 *   member lists are loaded, which follow each reader in turn): asked once per message, their
 *   receipts go to `oneByOne` in order and are not returned.
 */
export function collapseReceipts(
  receipts: readonly TeamMessageReadReceipt[],
  storedOf: (conversationId: string, messageClientId: string) => TeamMessageReadReceipt | undefined,
  isOneByOne?: (conversationId: string, messageClientId: string) => boolean,
  oneByOne: TeamMessageReadReceipt[] = [],
): TeamMessageReadReceipt[] {
  // By conversation, then client id (a Map: ids come from the transport, '__proto__' included).
  const conversations = new Map<string, Map<string, Best>>();
  // A burst is nearly all of one conversation: its map is looked up once per change.
  let conversationId: string | undefined;
  let messages: Map<string, Best> | undefined;
  const kept: Best[] = [];
  for (const receipt of receipts) {
    if (receipt.conversationId !== conversationId || !messages) {
      conversationId = receipt.conversationId;
      messages = conversations.get(conversationId);
      if (!messages) {
        messages = new Map();
        conversations.set(conversationId, messages);
      }
    }
    const clientId = receipt.messageClientId;
    let best = messages.get(clientId);
    if (!best) {
      best = {
        stored: storedOf(conversationId, clientId),
        receipt: undefined,
        reader: undefined,
        isOneByOne: isOneByOne?.(conversationId, clientId) ?? false,
      };
      messages.set(clientId, best);
    }
    if (best.isOneByOne) {
      oneByOne.push(receipt);
      continue;
    }
    const current = best.receipt ?? best.stored;
    // The merge's own rule (SPEC G12): only a higher readCount is news.
    if (current && !(receipt.readCount > current.readCount)) continue;
    if (!best.receipt) kept.push(best);
    best.receipt = receipt;
    best.reader = receipt.latestReadAccount ?? best.reader;
  }
  // Renamed reader: built as the engine builds its receipts, not a spread copy of another shape.
  return kept.map(({ receipt, reader }) =>
    receipt!.latestReadAccount === reader
      ? receipt!
      : makeTeamReceipt(receipt!.conversationId, receipt!.messageClientId, receipt!, reader),
  );
}
