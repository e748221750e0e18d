import type { TickStatus } from './StatusTick';

/**
 * The tick glyphs: a clock while sending, one check when sent, two checks when read, an alert on
 * failure, nothing (the box alone) while loading.
 * Decorative (`aria-hidden`); the accessible name lives on the `role="img"` wrapper in `StatusTick`.
 * Colours come from `currentColor` so the stylesheet's `--readmark-tick-*` variables apply. No
 * `focusable="false"`: only Internet Explorer and pre-Chromium Edge put inline SVG in the tab order.
 */
export function TickIcon({ status }: { status: TickStatus }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 16"
      width="1.5em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {iconPaths(status)}
    </svg>
  );
}

function iconPaths(status: TickStatus) {
  switch (status) {
    case 'sending':
      return (
        <>
          <circle cx="12" cy="8" r="6" />
          <path d="M12 5v3l2 1.5" />
        </>
      );
    case 'sent':
      return <path d="M6 8.5l3.5 3.5L17 4.5" />;
    case 'read':
      return <path d="M2 8.5l3.5 3.5L13 4.5M10 11.5l0.5 0.5L18 4.5" />;
    case 'failed':
      return (
        <>
          <circle cx="12" cy="8" r="6.5" />
          <path d="M12 4.8v3.6M12 11.2v0.1" />
        </>
      );
  }
}
