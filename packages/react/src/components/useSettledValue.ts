import { useEffect, useRef, useState } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';

/**
 * `value` as it was once `key` had stayed the same for `delayMs`, and undefined while `key` is
 * still changing (and before it first settles). Later changes of `value` alone are not taken up.
 * For what a live region says as the user types (`key` is what they typed): one announcement when
 * they pause, not one per keystroke, and none when the list changes under a search they made.
 * An undefined `value` is nothing to say: no timer runs and nothing renders again, so a list with
 * nothing to announce renders once, not once more when a timer settles nothing.
 * @param language The language `value` is written in, for a region that declares it. A value
 * settled before the app switched languages is withdrawn: null (an empty region, but said) until
 * `key` changes, whose value is then said in the new language. Said again, old news would sound
 * like news; kept, it would be read in the wrong language.
 */
export function useSettledValue<T>(
  value: T | undefined,
  delayMs: number,
  key: unknown,
  language?: string,
): T | null | undefined {
  const [settled, setSettled] = useState<{ key: unknown; value: T | null }>();
  const [lastLanguage, setSettledIn] = useState(language);
  const latest = useRef(value);
  useClientLayoutEffect(() => {
    latest.current = value;
  });
  const isQuiet = value === undefined;
  // Withdrawn on a language switch, kept as settled (null) so the switch does not say it again.
  // Set during render, as below: no commit of its own.
  if (language !== lastLanguage) {
    setSettledIn(language);
    if (settled) setSettled({ ...settled, value: null });
  }
  // Forgotten when there is nothing to say, so the same key said again later waits again (and
  // says the value it has then).
  if (isQuiet && settled) setSettled(undefined);
  useEffect(() => {
    if (isQuiet) return;
    // `latest` is undefined only once `isQuiet` changed, which clears this timer.
    const timer = setTimeout(() => setSettled({ key, value: latest.current as T }), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs, isQuiet]);
  return !isQuiet && settled && settled.key === key ? settled.value : undefined;
}
