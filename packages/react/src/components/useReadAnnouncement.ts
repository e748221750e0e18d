import { useEffect, useRef, useState } from 'react';

/** At most this many names per announcement, so a burst of readers does not flood the screen reader. */
const MAX_NAMES = 3;

/**
 * Text for a polite live region: "Bob read the message" whenever accounts join the read list while the
 * sheet is open. The first loaded list is the baseline and is not announced.
 * @param isReady False while loading or closed: the next ready list becomes the new baseline.
 * @param describe Builds the sentence for one account (resolves the name, localizes).
 */
export function useReadAnnouncement(
  readAccountList: readonly string[],
  isReady: boolean,
  describe: (accountId: string) => string,
): string {
  const [announcement, setAnnouncement] = useState('');
  const knownRef = useRef<Set<string> | null>(null);
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    if (!isReady) {
      knownRef.current = null;
      setAnnouncement('');
      return;
    }
    const known = knownRef.current;
    knownRef.current = new Set(readAccountList);
    if (!known) return;
    const newReaders = readAccountList.filter((accountId) => !known.has(accountId));
    if (newReaders.length === 0) return;
    setAnnouncement(
      newReaders
        .slice(-MAX_NAMES)
        .map((accountId) => describeRef.current(accountId))
        .join('. '),
    );
  }, [readAccountList, isReady]);

  return announcement;
}
