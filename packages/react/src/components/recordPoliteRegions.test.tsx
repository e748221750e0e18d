/**
 * Support for the browser tests of what the list's polite live regions say: named `.test.tsx`, so
 * the library build skips it and no test project runs it as a file of its own (it holds no tests;
 * it registers a vitest hook).
 */
import { afterEach } from 'vitest';

/** Longer than the new-messages region's 1 s pause: what was going to be said has been. */
export const pauseForAnnouncement = () => new Promise((resolve) => setTimeout(resolve, 1_500));

let stopRecording = () => {};
afterEach(() => stopRecording());

/**
 * Every text the polite regions inside `selector` take from now on, in order (an emptied region
 * is not recorded), with `withLanguage` as `lang: text`, the language each declares for it (WCAG
 * 3.1.2). Recording stops after the test.
 */
export function recordPoliteRegions(selector: string, { withLanguage = false } = {}) {
  const regions = [...document.querySelectorAll(`${selector} [aria-live="polite"]`)];
  const last = regions.map(() => '');
  const said: string[] = [];
  const observer = new MutationObserver(() => {
    regions.forEach((region, index) => {
      const text = region.textContent ?? '';
      const entry = withLanguage ? `${region.getAttribute('lang')}: ${text}` : text;
      if (entry !== last[index] && text) said.push(entry);
      last[index] = entry;
    });
  });
  for (const region of regions) {
    observer.observe(region, {
      attributes: withLanguage,
      attributeFilter: withLanguage ? ['lang'] : undefined,
      subtree: true,
      childList: true,
      characterData: true,
    });
  }
  stopRecording = () => observer.disconnect();
  return { said, region: regions[0]! };
}
