/**
 * The newest (`isNewest`) or oldest message of `messages`, skipping entries that are not messages
 * (keyed `''`; see MessageList); undefined when it holds none.
 */
export function messageAtEdge<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  isNewest: boolean,
): TMessage | undefined {
  const step = isNewest ? -1 : 1;
  for (
    let index = isNewest ? messages.length - 1 : 0;
    index >= 0 && index < messages.length;
    index += step
  ) {
    if (keyOf(messages[index]!) !== '') return messages[index];
  }
  return undefined;
}
