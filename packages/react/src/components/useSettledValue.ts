import { useEffect, useState } from 'react';
import { useIsLanguageSwitched } from './useIsLanguageSwitched';

/**
 * `value` as it was once `key` and it had stayed the same for `delayMs`, and undefined while `key`
 * is still changing (and before it first settles). Later changes of `value` alone are not taken up,
 * unless `changeDelayMs` is given: then a value that changed under a settled key is undefined at
 * once (never outdated) and taken up once it has stayed the same that long.
 * For what a live region says as the user types (`key` is what they typed): one announcement when
 * they pause, not one per keystroke; with `changeDelayMs`, one when the list under a search they
 * made has stopped changing, not one per change.
 * An undefined `value` is nothing to say: no timer runs and nothing renders again, so a list with
 * nothing to announce renders once, not once more when a timer settles nothing.
 * @param options.language The language `value` is written in, for a region that declares it. A
 * value settled before the app switched languages is withdrawn ({@link useIsLanguageSwitched}):
 * null (an empty region, but said) until `key` changes, or with `changeDelayMs` the value itself
 * (its new-language text is not a change), and what follows is said in the new language. Said
 * again, old news would sound like news; kept, it would be read in the wrong language.
 */
export function useSettledValue<T>(
  value: T | undefined,
  delayMs: number,
  key: unknown,
  { changeDelayMs, language }: { changeDelayMs?: number; language?: string } = {},
): T | null | undefined {
  // `seen`: the value the region is up to date with (a withdrawn one's `value` is null).
  const [settled, setSettled] = useState<{ key: unknown; value: T | null; seen: T }>();
  const isLanguageSwitched = useIsLanguageSwitched(language);
  // Withdrawn on a language switch, kept as settled (null) so the switch does not say it again.
  // Set during render, as below: no commit of its own.
  if (isLanguageSwitched && settled && value !== undefined) {
    setSettled({ key: settled.key, value: null, seen: value });
  }
  // Forgotten when there is nothing to say, so the same key said again later waits again (and
  // says the value it has then).
  if (value === undefined && settled) setSettled(undefined);
  const isKeySettled = settled !== undefined && settled.key === key;
  const isChanged = changeDelayMs !== undefined && isKeySettled && settled.seen !== value;
  useEffect(() => {
    if (value === undefined || (isKeySettled && !isChanged)) return;
    const timer = setTimeout(
      () => setSettled({ key, value, seen: value }),
      isChanged ? changeDelayMs : delayMs,
    );
    return () => clearTimeout(timer);
  }, [key, value, delayMs, changeDelayMs, isKeySettled, isChanged]);
  return value !== undefined && isKeySettled && !isChanged ? settled.value : undefined;
}
