import type { VirtualItem } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import { visibleIndexes } from './visibleMessages';

const row = (index: number, start: number, size: number): VirtualItem => ({
  key: index,
  index,
  start,
  end: start + size,
  size,
  lane: 0,
});

describe('visibleIndexes', () => {
  const items = [row(0, 0, 100), row(1, 100, 100), row(2, 200, 100), row(3, 300, 100)];
  const measured = () => true;

  it('counts a row exactly half visible, not one less than half', () => {
    // Viewport 150..300: row 1 half visible (150..200), row 2 fully; row 0 not at all.
    expect(
      visibleIndexes({ items, scrollTop: 150, viewportHeight: 150, isMeasured: measured }),
    ).toEqual([1, 2]);
    // Viewport 151..300: row 1 shows 49px of 100.
    expect(
      visibleIndexes({ items, scrollTop: 151, viewportHeight: 149, isMeasured: measured }),
    ).toEqual([2]);
  });

  it('skips rows that are not measured yet and viewports without height', () => {
    expect(
      visibleIndexes({
        items,
        scrollTop: 0,
        viewportHeight: 400,
        isMeasured: (item) => item.index !== 2,
      }),
    ).toEqual([0, 1, 3]);
    expect(
      visibleIndexes({ items, scrollTop: 0, viewportHeight: 0, isMeasured: measured }),
    ).toEqual([]);
  });
});
