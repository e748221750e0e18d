import type { CSSProperties, ReactElement, ReactNode } from 'react';

/** A 1em icon drawn in the badge's text colour. */
function badgeIcon(shape: ReactNode): ReactElement {
  return (
    <svg
      aria-hidden="true"
      className="readmark-badge-indicator"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {shape}
    </svg>
  );
}

const pieIcon = badgeIcon(
  <>
    <circle cx="8" cy="8" r="6.5" strokeWidth="1.5" />
    {/* A wedge: a stroke as wide as the circle it runs on, dashed to the read percentage
        (pathLength 100), clockwise from the top. Inline, so it draws without the kit's stylesheet. */}
    <circle
      cx="8"
      cy="8"
      r="3"
      strokeWidth="6"
      pathLength={100}
      style={{ strokeDasharray: 'var(--readmark-read-percent, 0) 100' }}
      transform="rotate(-90 8 8)"
    />
  </>,
);

const checkIcon = badgeIcon(
  <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />,
);

/**
 * The team badge's indicator for these counts (SPEC U7, scenarios 33 and 34), as NetEase's UIKit
 * draws it: a circle filled like a pie by the share of members who have read, empty while nobody
 * has, and a check exactly when nobody is unread (as the badge's words say). Decorative
 * (`aria-hidden`): the badge's accessible name says the same in words. Drawn in `currentColor`: it
 * takes the badge's text colour. No `focusable="false"`: only Internet Explorer and pre-Chromium
 * Edge put inline SVG in the tab order.
 *
 * Both icons are constant elements: the share reaches the pie through a custom property on the
 * badge ({@link readShareStyle}), which re-renders anyway. Drawn from props, every new reader
 * re-rendered the pie's three elements and set an SVG attribute, about a tenth of applying a burst
 * of 1,000 receipts to the screen (bench metric 2); now React skips the pie and the browser
 * restyles it.
 */
export function readFractionIcon(unreadCount: number): ReactElement {
  return unreadCount === 0 ? checkIcon : pieIcon;
}

/**
 * The style that gives the pie of {@link readFractionIcon} its share, for the element that holds it,
 * from counts of a finite, positive sum (the badge shows no counts otherwise).
 */
export function readShareStyle(readCount: number, unreadCount: number): CSSProperties {
  // Divided first: 100 * a count near Number.MAX_VALUE is Infinity.
  return {
    '--readmark-read-percent': 100 * (readCount / (readCount + unreadCount)),
  } as CSSProperties;
}
