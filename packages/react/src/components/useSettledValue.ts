import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs`, and undefined while it is still changing (and
 * before it first settles). For what a live region says as the user types: one announcement when
 * they pause, not one per keystroke queued behind each other.
 */
export function useSettledValue<T>(value: T, delayMs: number): T | undefined {
  const [settled, setSettled] = useState<{ value: T }>();
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ value }), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled && Object.is(settled.value, value) ? settled.value : undefined;
}
