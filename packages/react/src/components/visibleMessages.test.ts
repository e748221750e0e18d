import { describe, expect, it } from 'vitest';
import { type Box, isMostlyVisible } from './visibleMessages';

describe('isMostlyVisible', () => {
  const rows = [0, 1, 2, 3].map((index) => ({ index, top: index * 100, height: 100 }));
  /** The indexes of the rows that count as seen, as the list's read marking asks them. */
  const visibleIndexes = ({
    rows,
    viewportTop,
    viewportHeight,
  }: {
    rows: readonly (Box & { index: number })[];
    viewportTop: number;
    viewportHeight: number;
  }) =>
    rows
      .filter((row) => isMostlyVisible(row, { top: viewportTop, height: viewportHeight }))
      .map((row) => row.index);

  it('counts a row exactly half visible, not one less than half', () => {
    // Viewport 150..300: row 1 half visible (150..200), row 2 fully; row 0 not at all.
    expect(visibleIndexes({ rows, viewportTop: 150, viewportHeight: 150 })).toEqual([1, 2]);
    // Viewport 151..300: row 1 shows 49px of 100.
    expect(visibleIndexes({ rows, viewportTop: 151, viewportHeight: 149 })).toEqual([2]);
  });

  it('skips rows without height and viewports without height', () => {
    const withEmpty = [...rows, { index: 4, top: 150, height: 0 }];
    expect(visibleIndexes({ rows: withEmpty, viewportTop: 0, viewportHeight: 400 })).toEqual([
      0, 1, 2, 3,
    ]);
    expect(visibleIndexes({ rows, viewportTop: 0, viewportHeight: 0 })).toEqual([]);
  });
});
