/**
 * Render bookkeeping for metric 1: renders of the list component itself, and per message the renders
 * of each part of its row (content, tick, badge). A row "re-rendered" as often as its busiest part.
 */
export function createRenderCounter() {
  let listRenders = 0;
  const parts = new Map<string, Map<string, number>>();
  return {
    list() {
      listRenders++;
    },
    part(messageId: string, part: string) {
      const row = parts.get(messageId) ?? new Map<string, number>();
      row.set(part, (row.get(part) ?? 0) + 1);
      parts.set(messageId, row);
    },
    reset() {
      listRenders = 0;
      parts.clear();
    },
    /** What happened since the last reset. */
    read(): { listRenders: number; rowRenders: Map<string, number> } {
      const rowRenders = new Map<string, number>();
      for (const [id, row] of parts) rowRenders.set(id, Math.max(...row.values()));
      return { listRenders, rowRenders };
    },
  };
}
