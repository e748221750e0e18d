import { useEffect, useRef, useState } from 'react';
import { useClientLayoutEffect } from '../hooks/useClientLayoutEffect';
import { useIsLanguageSwitched } from './useIsLanguageSwitched';

/** At most this many names per announcement; more readers are announced as a count. */
const MAX_NAMES = 3;
/**
 * At most one announcement per this many ms. A polite live region that changes on every reader
 * (150 members reading in three seconds) floods a screen reader, which queues each change; one every
 * 2 s, each about that long to speak, left the reader no pause to search or to leave (QA round 3).
 */
export const ANNOUNCE_INTERVAL_MS = 5_000;
/**
 * How long the region stays empty before a sentence equal to the one it holds is said again. A live
 * region announces changes only, and an emptying and refilling within one frame is no change to the
 * accessibility tree; 100 ms is what Angular CDK's LiveAnnouncer waits.
 */
export const REPEAT_DELAY_MS = 100;

/**
 * Text for a polite live region: "Bob read the message" whenever accounts move from the unread list
 * to the read list while the sheet is open. The first loaded lists are the baseline and are not
 * announced, nor are members a changed member filter brings into view (they were never unread
 * here). The first new readers are announced at once; those who read during the next
 * `ANNOUNCE_INTERVAL_MS` are gathered into the announcement at its end, by name up to three, in one
 * sentence ("Carol and Dave read the message"), else as a count ("12 more members read the message"). A sentence equal to the one the
 * region holds (as many readers as last time, two members of one name) empties the region first
 * and is said `REPEAT_DELAY_MS` later, so that it is announced again; the interval then counts from
 * when it is said. An interval that ends with nobody new empties the region: a sentence stays
 * there `ANNOUNCE_INTERVAL_MS` after it was said, not for as long as the sheet is open.
 * @param isReady False while loading or closed: the next ready lists become the new baseline.
 * @param describe Builds the sentence naming these accounts (resolves the names, localizes).
 * @param describeCount Builds the sentence for more readers than are named.
 * @param language The language `describe` and `describeCount` write in. When it switches (the app
 * switched languages while the sheet is open) the sentence shown is withdrawn
 * ({@link useIsLanguageSwitched}): the region, which now declares the new language, is empty until
 * the next sentence, written in it, also after switching back.
 */
export function useReadAnnouncement(
  readAccountList: readonly string[],
  unreadAccountList: readonly string[],
  isReady: boolean,
  describe: (accountIds: readonly string[]) => string,
  describeCount: (count: number) => string,
  language: string,
): string {
  const [announcement, setAnnouncement] = useState('');
  /** The region's text as last set, read by timers (the state they closed over may be stale). */
  const shownRef = useRef('');
  /** Who was unread at the last ready render: only they can be new readers. */
  const unreadBeforeRef = useRef<Set<string> | null>(null);
  // Committed, not rendered: a render React throws away (a language switched in a transition that
  // suspends) would have the timer write the next sentence in a language the region does not show.
  const describeRef = useRef([describe, describeCount] as const);
  useClientLayoutEffect(() => {
    describeRef.current = [describe, describeCount];
  });
  /** Readers not announced yet, and whether an interval is running (they then wait for its end). */
  const pendingRef = useRef<{ readers: string[]; timer?: ReturnType<typeof setTimeout> }>({
    readers: [],
  });

  useEffect(() => {
    const pending = pendingRef.current;
    const show = (text: string) => {
      shownRef.current = text;
      setAnnouncement(text);
    };
    const say = (text: string) => {
      show(text);
      pending.timer = setTimeout(announce, ANNOUNCE_INTERVAL_MS);
    };
    // Written when said, in the language shown then.
    const sentence = (readers: string[]) => {
      const [describe, describeCount] = describeRef.current;
      return readers.length > MAX_NAMES ? describeCount(readers.length) : describe(readers);
    };
    const announce = () => {
      const { readers } = pending;
      pending.readers = [];
      if (readers.length === 0) {
        // Nobody new since it was said: withdrawn, as many kits clear their regions, so a screen
        // reader user browsing the page does not come upon old news ("99 more members read…").
        show('');
        pending.timer = undefined;
        return;
      }
      if (sentence(readers) !== shownRef.current) {
        say(sentence(readers));
        return;
      }
      // Setting the text the region already holds changes nothing, so nothing would be spoken.
      show('');
      pending.timer = setTimeout(() => say(sentence(readers)), REPEAT_DELAY_MS);
    };
    if (!isReady) {
      unreadBeforeRef.current = null;
      pending.readers = [];
      clearTimeout(pending.timer);
      pending.timer = undefined;
      show('');
      return;
    }
    const unreadBefore = unreadBeforeRef.current;
    unreadBeforeRef.current = new Set(unreadAccountList);
    if (!unreadBefore) return;
    for (const accountId of readAccountList) {
      if (unreadBefore.has(accountId)) pending.readers.push(accountId);
    }
    if (pending.timer === undefined) announce();
  }, [readAccountList, unreadAccountList, isReady]);

  // Also when effects are torn down and run again on the same state (a hidden `<Activity>`, StrictMode):
  // a timer left marked as running would hold every later reader back for good.
  useEffect(
    () => () => {
      clearTimeout(pendingRef.current.timer);
      pendingRef.current.timer = undefined;
    },
    [],
  );

  // Withdrawn for good, not only hidden: switched back, it would be said again as news.
  if (useIsLanguageSwitched(language)) setAnnouncement('');
  return announcement;
}
