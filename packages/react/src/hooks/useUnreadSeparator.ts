import {
  isReceiptMessage,
  isValidConversationId,
  type ReceiptEngine,
  ReceiptError,
  type ReceiptMessage,
  selectSelfReadTime,
} from '@readmark/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { usableKey } from '../components/usableKey';
import { useProvidedEngine } from './useReceiptEngine';

/** Options of {@link useUnreadSeparator}. */
export interface UnreadSeparatorOptions<TMessage extends ReceiptMessage> {
  /** The conversation's messages, oldest first: the array given to `MessageList`. */
  messages: readonly TMessage[];
  /** The key `MessageList` gets (`getMessageKey`); default `messageClientId`. */
  getMessageKey?: ((message: TMessage) => string) | undefined;
  /**
   * True while the conversation's messages are still being fetched as it opens (not while older
   * history loads): the line waits for them. Otherwise the messages of the first render are all the
   * chat had when it was opened, and any later one is seen as it arrives.
   */
  isLoading?: boolean | undefined;
}

/** What {@link useUnreadSeparator} returns. */
export interface UnreadSeparatorState {
  /**
   * The key of the message the separator stands above: the first message from someone else that
   * was unread when the conversation was opened, or `undefined` (none unread, not known yet, or
   * only my own messages since). Pass it to `MessageList`'s `listRef.scrollToMessage` to open at it.
   */
  firstUnreadKey: string | undefined;
  /**
   * How far I had read the conversation when it was opened (a `createTime`), frozen until another
   * conversation is shown; `undefined` while it is asked, for good where nothing tells it, and
   * always while the hook is off (no options).
   */
  readTime: number | undefined;
}

/**
 * An opening's read time, once answered. The account's, not the engine object's: a new engine of it
 * (an <Activity> shown again, a transport swapped) is the same opening.
 */
interface AnsweredOpening {
  accountId: string;
  conversationId: string;
  readTime: number;
}

/**
 * Where "Unread messages" goes: the first message of someone else that I had not read when this
 * conversation was opened. The read time is taken once per opening and kept, so the line stays put
 * while the list marks what the reader sees; another `conversationId` or account takes it again (a
 * new engine of the same account does not, and asks for it only while no answer has come).
 * It is the transport's `getSelfReadTime` (NIM's `getConversationReadTime`: one-to-one it follows
 * my receipts from any device, in teams it moves with `markConversationRead`), asked once; one-to-one
 * the engine may know a later one, its `selfReadTime` at the opening (SPEC P11: my receipts, sent
 * from any device), and the later of the two counts. The engine keeps no team read time (team
 * receipts are per flagged message and not synced at login, G11). Where nothing tells it (no
 * `getSelfReadTime`, or a failed answer, and an engine that knows no read time), no line: not one
 * above the oldest message.
 *
 * Only messages the chat had when it opened (once `isLoading` is false), and older history loaded
 * later, count: one arriving while the chat is open is seen as it comes and starts no line. Own
 * messages never start it. Bad entries are skipped, a bad id shows no line, and without options
 * (or with null ones) the hook is off: no line, and nothing asked; a
 * `getMessageKey` that is not a function throws a `ReceiptError` (191004).
 * The result is a new object each render: depend on its fields.
 */
export function useUnreadSeparator<TMessage extends ReceiptMessage>(
  conversationId: string,
  options?: UnreadSeparatorOptions<TMessage>,
): UnreadSeparatorState {
  // Without options (or with null) it is off: no line, nothing asked and no state set, so
  // `MessageList` calls it for nothing while its `unreadLine` is off. Never a TypeError from
  // destructuring.
  const isOn = options != null;
  const { messages, getMessageKey = defaultKey, isLoading } = options ?? ({} as never);
  if (typeof getMessageKey !== 'function') {
    throw new ReceiptError(191004, '`useUnreadSeparator`: getMessageKey must be a function');
  }
  const engine = useProvidedEngine('useUnreadSeparator');
  const { accountId } = engine;
  // Nothing here is set during render, which ran the whole list again at each opening: the answer
  // is state set by the effect, read only while it is this opening's, and the ceiling is kept per
  // opening in a ref.
  const [answered, setAnswered] = useState<AnsweredOpening>();
  const isThisOpening = (kept?: { accountId: string; conversationId: string }) =>
    kept?.accountId === accountId && kept.conversationId === conversationId;
  const list: readonly unknown[] = Array.isArray(messages) ? messages : [];
  const readTime = isOn && isThisOpening(answered) ? answered!.readTime : undefined;
  // The newest message's createTime when the chat opened (and had loaded; none: -Infinity): later
  // ones arrive while it is open and never start the line, and older history loaded later is older.
  // Taken at the opening's first render with `isLoading` false and kept for it. Written during
  // render: a render React throws away took it from the messages the app was giving then.
  const ceilingRef = useRef<{ accountId: string; conversationId: string; ceiling: number }>(
    undefined,
  );
  let ceiling = isThisOpening(ceilingRef.current) ? ceilingRef.current!.ceiling : undefined;
  if (isOn && ceiling === undefined && !isLoading) {
    ceiling = -Infinity;
    for (let index = list.length; ceiling === -Infinity && index--; ) {
      const message = list[index];
      if (isReceiptMessage(message)) ceiling = message.createTime;
    }
    ceilingRef.current = { accountId, conversationId, ceiling };
  }

  const isReadTimeKnown = readTime !== undefined;
  useEffect(() => {
    // Kept once taken: asked again (a new engine of the account: an <Activity> shown again, a
    // transport swapped), the answer would move the line to what the reader has read since, and
    // was dropped. Until then a new engine asks: the one before may never answer, its transport
    // gone.
    if (isReadTimeKnown || !isOn) return;
    let isCurrent = true;
    void readTimeAtOpening(engine, conversationId).then((time) => {
      // Not once another opening or engine asks, nor over a read time taken meanwhile.
      if (isCurrent && time !== undefined) {
        setAnswered((kept) =>
          kept?.accountId === engine.accountId && kept.conversationId === conversationId
            ? kept
            : { accountId: engine.accountId, conversationId, readTime: time },
        );
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [engine, conversationId, isReadTimeKnown, isOn]);

  const firstUnreadKey = useMemo(() => {
    let first: string | undefined;
    if (readTime === undefined || ceiling === undefined) return first;
    // From the newest back to the read time: the unread part, not the whole history.
    for (let index = list.length; index--; ) {
      const message = list[index];
      if (!isReceiptMessage(message)) continue;
      if (message.createTime <= readTime) break;
      if (message.senderId !== accountId && message.createTime <= ceiling) {
        first = usableKey(getMessageKey, message as TMessage) ?? first;
      }
    }
    return first;
  }, [list, readTime, ceiling, accountId, getMessageKey]);

  return { firstUnreadKey, readTime };
}

const defaultKey = (message: ReceiptMessage) => message.messageClientId;

/** How far the account had read `conversationId`, or undefined where nothing tells. Never rejects. */
async function readTimeAtOpening(
  engine: ReceiptEngine,
  conversationId: string,
): Promise<number | undefined> {
  if (engine.isDisposed || !isValidConversationId(engine.accountId, conversationId)) return;
  // Taken now, before the answer: the reader's own reads in the meantime are not the opening's. 0
  // is "not known" (and always for teams); one-to-one receipts and read-time syncs (P11) raise it.
  const known = selectSelfReadTime(engine.store.getState(), conversationId);
  let time: unknown;
  try {
    time = await engine.transport.getSelfReadTime?.(conversationId);
  } catch {}
  return typeof time === 'number' && time >= 0 ? Math.max(time, known) : known || undefined;
}
