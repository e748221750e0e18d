import type { MemoryClient } from '@readmark/memory';
import type { BenchMessage } from './messages';

/** A conversation's history as `client` sees it (at most `limit` messages), oldest first. */
export async function history(
  client: MemoryClient,
  conversationId: string,
  limit: number,
): Promise<BenchMessage[]> {
  const messages = (await client.V2NIMMessageService.getMessageList({
    conversationId,
    limit,
  })) as unknown as BenchMessage[];
  return [...messages].sort((a, b) => a.createTime - b.createTime);
}
