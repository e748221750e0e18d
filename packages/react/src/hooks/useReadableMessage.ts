import { copyReceiptMessage, type ReceiptMessage } from '@readmark/core';
import { type RefObject, useMemo, useRef } from 'react';

/**
 * The message read once, into a plain copy, and a ref to the latest copy for effects and callbacks.
 * A field that throws when read (a getter, or the `messageConfig` of an Immer draft revoked when its
 * producer ended) threw from every selector during render, taking the app down: an unreadable or
 * malformed message gives undefined, which every selector takes as "shows nothing".
 */
export function useReadableMessage(
  message: unknown,
): [readable: ReceiptMessage | undefined, latest: RefObject<ReceiptMessage | undefined>] {
  const readable = useMemo(() => copyReceiptMessage(message), [message]);
  const latest = useRef(readable);
  latest.current = readable;
  return [readable, latest];
}
