/**
 * The team badge's indicator (SPEC U7, scenarios 33 and 34), as NetEase's UIKit draws it: a circle
 * filled like a pie by the share of members who have read (`readCount / totalCount`), empty while
 * nobody has, and a check once everyone has. Decorative (`aria-hidden`): the badge's accessible
 * name says the same in words. Drawn in `currentColor`: it takes the badge's text colour.
 */
export function ReadFractionIcon({
  readCount,
  totalCount,
}: {
  readCount: number;
  totalCount: number;
}) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      className="readmark-badge-indicator"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      {readCount >= totalCount ? (
        <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <>
          <circle cx="8" cy="8" r="6.5" strokeWidth="1.5" />
          {/* A wedge: a stroke as wide as the circle it runs on, dashed to the read percentage
              (pathLength 100), clockwise from the top. */}
          <circle
            cx="8"
            cy="8"
            r="3"
            strokeWidth="6"
            pathLength={100}
            strokeDasharray={`${(100 * readCount) / totalCount} 100`}
            transform="rotate(-90 8 8)"
          />
        </>
      )}
    </svg>
  );
}
