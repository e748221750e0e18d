/**
 * The key of the newest (`isNewest`) or oldest message of `messages`, skipping entries that are not
 * messages (keyed `''`; see MessageList); undefined when it holds none.
 */
export function keyAtEdge<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  isNewest: boolean,
): string | undefined {
  const step = isNewest ? -1 : 1;
  for (
    let index = isNewest ? messages.length - 1 : 0;
    index >= 0 && index < messages.length;
    index += step
  ) {
    const key = keyOf(messages[index]!);
    if (key !== '') return key;
  }
  return undefined;
}
