import { describe, expect, it } from 'vitest';
import { type Box, isMostlyVisible } from './visibleMessages';

describe('isMostlyVisible', () => {
  const rows = [0, 1, 2, 3].map((index) => ({ index, top: index * 100, height: 100 }));
  /** The indexes of the rows that count as seen, as the list's read marking asks them. */
  const visibleIndexes = ({
    rows,
    viewportTop,
    viewportHeight,
    listHeight,
  }: {
    rows: readonly (Box & { index: number })[];
    viewportTop: number;
    viewportHeight: number;
    /** The list's whole height, when the window shows only part of it (the viewport). */
    listHeight?: number;
  }) =>
    rows
      .filter((row) =>
        isMostlyVisible(
          row,
          { top: viewportTop, height: viewportHeight },
          listHeight ?? viewportHeight,
        ),
      )
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

  it('counts nothing that is not half seen when the window shows only a sliver of the list', () => {
    // A 300 px list whose top 12 px are in the window: a 40 px row's last 6 px, or the first 12 px
    // of a 1,000 px row, are no reading.
    const sliver = { viewportTop: 0, viewportHeight: 12, listHeight: 300 };
    expect(visibleIndexes({ rows: [{ index: 0, top: -34, height: 40 }], ...sliver })).toEqual([]);
    expect(visibleIndexes({ rows: [{ index: 1, top: 0, height: 1000 }], ...sliver })).toEqual([]);
    // The same rows in a list 12 px tall, all of it shown: the tall one fills half of it.
    expect(
      visibleIndexes({ rows: [{ index: 1, top: 0, height: 1000 }], ...sliver, listHeight: 12 }),
    ).toEqual([1]);
  });

  it('skips rows without height and viewports without height', () => {
    const withEmpty = [...rows, { index: 4, top: 150, height: 0 }];
    expect(visibleIndexes({ rows: withEmpty, viewportTop: 0, viewportHeight: 400 })).toEqual([
      0, 1, 2, 3,
    ]);
    expect(visibleIndexes({ rows, viewportTop: 0, viewportHeight: 0 })).toEqual([]);
  });
});
