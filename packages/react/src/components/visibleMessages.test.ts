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

  it('counts a row taller than the viewport once it fills half of the viewport, not less', () => {
    const tall = [{ index: 0, top: 0, height: 1000 }];
    // Viewport 500..800 inside the row: 300 px of 1,000 shown, the whole viewport.
    expect(visibleIndexes({ rows: tall, viewportTop: 500, viewportHeight: 300 })).toEqual([0]);
    // Viewport 850..1150: the row's last 150 px fill half of it.
    expect(visibleIndexes({ rows: tall, viewportTop: 850, viewportHeight: 300 })).toEqual([0]);
    // Viewport 851..1151: 149 px, under half.
    expect(visibleIndexes({ rows: tall, viewportTop: 851, viewportHeight: 300 })).toEqual([]);
    // Viewport -150..150 (the row's first 150 px at its bottom): half.
    expect(visibleIndexes({ rows: tall, viewportTop: -150, viewportHeight: 300 })).toEqual([0]);
  });

  it('skips rows without height and viewports without height', () => {
    const withEmpty = [...rows, { index: 4, top: 150, height: 0 }];
    expect(visibleIndexes({ rows: withEmpty, viewportTop: 0, viewportHeight: 400 })).toEqual([
      0, 1, 2, 3,
    ]);
    expect(visibleIndexes({ rows, viewportTop: 0, viewportHeight: 0 })).toEqual([]);
  });
});
