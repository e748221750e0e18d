import { ReadTick, UnreadBadge } from '@readmark/react';
import type { BenchMessage } from './messages';

/**
 * One chat bubble with the kit's receipt parts: a tick on my messages, and for my flagged team
 * messages the unread badge. Each part subscribes to its own message, so the row itself never
 * re-renders for a receipt.
 */
export function BenchRow({ message }: { message: BenchMessage }) {
  return (
    <div className={message.isSelf ? 'bench-bubble bench-own' : 'bench-bubble'}>
      <span>{message.text}</span>
      <ReadTick message={message} />
      <UnreadBadge message={message} />
    </div>
  );
}

/** `renderMessage` for MessageList: module level, so rows stay memoized. */
export const renderBenchRow = (message: BenchMessage) => <BenchRow message={message} />;
