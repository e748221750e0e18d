import type { CSSProperties } from 'react';

/**
 * Inline "visually hidden" style, so text meant for screen readers stays hidden even when the app
 * has not imported styles.css. No negative margin: in right-to-left the box sits at its container's
 * right edge, and -1px pushed it out, so the page (or the sheet) scrolled sideways by a pixel.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
