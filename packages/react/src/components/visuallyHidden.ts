import type { CSSProperties } from 'react';

/**
 * Inline "visually hidden" style, so text meant for screen readers stays hidden even when the app
 * has not imported styles.css.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
