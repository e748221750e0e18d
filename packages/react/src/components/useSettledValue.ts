import { useEffect, useRef, useState } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';

/**
 * `value` as it was once `key` had stayed the same for `delayMs`, and undefined while `key` is
 * still changing (and before it first settles). Later changes of `value` alone are not taken up.
 * For what a live region says as the user types (`key` is what they typed): one announcement when
 * they pause, not one per keystroke, and none when the list changes under a search they made.
 */
export function useSettledValue<T>(value: T, delayMs: number, key: unknown): T | undefined {
  const [settled, setSettled] = useState<{ key: unknown; value: T }>();
  const latest = useRef(value);
  useClientLayoutEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ key, value: latest.current }), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled && Object.is(settled.key, key) ? settled.value : undefined;
}
