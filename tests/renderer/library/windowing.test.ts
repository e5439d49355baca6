import { describe, expect, it } from 'vitest';
import {
  gridLayout,
  itemSpan,
  pagesFor,
  rowCountFor,
  rowWindow,
  scrollToReveal,
} from '../../../src/renderer/src/library/windowing';

describe('rowWindow', () => {
  it('finds the first and last visible rows and widens them by the overscan', () => {
    const win = rowWindow({ scrollTop: 1000, viewportHeight: 400, rowHeight: 40, rowCount: 100_000, overscan: 3 });
    expect(win.firstVisibleRow).toBe(25);
    // 1000..1400 covers rows 25..34 (row 35 starts exactly at 1400 and is not visible).
    expect(win.lastVisibleRow).toBe(34);
    expect(win.firstRow).toBe(22);
    expect(win.lastRow).toBe(37);
    expect(win.totalHeight).toBe(4_000_000);
  });

  it('counts a partly visible row as visible', () => {
    const win = rowWindow({ scrollTop: 10, viewportHeight: 100, rowHeight: 40, rowCount: 50, overscan: 0 });
    expect([win.firstVisibleRow, win.lastVisibleRow]).toEqual([0, 2]);
  });

  it('clamps the overscan and overscrolled positions to the content', () => {
    const top = rowWindow({ scrollTop: -120, viewportHeight: 200, rowHeight: 50, rowCount: 10, overscan: 5 });
    expect([top.firstRow, top.firstVisibleRow]).toEqual([0, 0]);
    const bottom = rowWindow({ scrollTop: 99_999, viewportHeight: 200, rowHeight: 50, rowCount: 10, overscan: 5 });
    expect(bottom.lastVisibleRow).toBe(9);
    expect(bottom.lastRow).toBe(9);
    expect(bottom.firstVisibleRow).toBe(6);
  });

  it('renders a bounded number of rows however long the list is', () => {
    for (const rowCount of [50, 5_000, 100_000]) {
      const win = rowWindow({ scrollTop: 123_456, viewportHeight: 900, rowHeight: 38, rowCount, overscan: 4 });
      expect(win.lastRow - win.firstRow + 1).toBeLessThanOrEqual(Math.ceil(900 / 38) + 1 + 8);
    }
  });

  it('is empty without rows or with a zero row height', () => {
    expect(rowWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 40, rowCount: 0, overscan: 2 }).lastRow).toBe(-1);
    expect(rowWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 0, rowCount: 9, overscan: 2 }).lastRow).toBe(-1);
  });
});

describe('gridLayout', () => {
  it('fits as many columns of the minimum width as the row allows and stretches them', () => {
    const layout = gridLayout({ width: 1000, minCellWidth: 180, gap: 20, thumbAspect: 0.75, captionHeight: 60 });
    // 5 × 180 + 4 × 20 = 980 ≤ 1000 < 6 × 180 + 5 × 20
    expect(layout.columns).toBe(5);
    expect(layout.cellWidth).toBeCloseTo((1000 - 80) / 5);
    expect(layout.thumbHeight).toBe(Math.round(layout.cellWidth * 0.75));
    expect(layout.rowHeight).toBe(layout.thumbHeight + 60 + 20);
  });

  it('keeps one column when the width is too small (or not measured yet)', () => {
    expect(gridLayout({ width: 0, minCellWidth: 180, gap: 20, thumbAspect: 1, captionHeight: 0 }).columns).toBe(1);
  });
});

describe('itemSpan and rowCountFor', () => {
  it('maps rows to item indices, cutting the last row at the total', () => {
    expect(rowCountFor(10, 4)).toBe(3);
    expect(rowCountFor(0, 4)).toBe(0);
    const win = { firstRow: 1, lastRow: 2, firstVisibleRow: 1, lastVisibleRow: 2, totalHeight: 0 };
    expect(itemSpan(win, 4, 10)).toEqual({ first: 4, last: 9 });
    expect(itemSpan(win, 4, 0)).toEqual({ first: 0, last: -1 });
  });
});

describe('pagesFor', () => {
  it('lists the pages holding an index range', () => {
    expect(pagesFor(0, 99, 100)).toEqual([0]);
    expect(pagesFor(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesFor(5, 4, 100)).toEqual([]);
  });

  it('prefetches neighbouring pages but not past the first or the last', () => {
    expect(pagesFor(250, 260, 100, 1)).toEqual([1, 2, 3]);
    expect(pagesFor(0, 10, 100, 2)).toEqual([0, 1, 2]);
    expect(pagesFor(950, 999, 100, 2, 1000)).toEqual([7, 8, 9]);
  });
});

describe('scrollToReveal', () => {
  it('scrolls up or down just enough, and not at all when the row is visible', () => {
    expect(scrollToReveal(5, 40, 400, 200)).toBe(200);
    expect(scrollToReveal(20, 40, 400, 200)).toBe(20 * 40 + 40 - 200);
    expect(scrollToReveal(11, 40, 400, 200)).toBeNull();
  });
});
