/**
 * The index of the last message keyed `key`, looked for from the end (what the list looks for is
 * among the newest, so a long history is not walked), or -1.
 */
export function lastIndexOfKey<TMessage>(
  messages: readonly TMessage[],
  keyOf: (message: TMessage) => string,
  key: string | null,
): number {
  let index = messages.length - 1;
  while (index >= 0 && keyOf(messages[index]!) !== key) index--;
  return index;
}
