/**
 * Windowing math for the virtualised grid and list: which rows are on screen (plus overscan),
 * which items those rows hold, and which pages of `library.list` they need. Pure functions, so
 * 100,000 items cost the same as 100: the DOM only ever holds the rows in the window.
 */

export interface RowWindowInput {
  /** Pixels scrolled from the top of the scroller. */
  scrollTop: number;
  /** Height of the scroller's visible area. */
  viewportHeight: number;
  /** Height of one row, gaps included. */
  rowHeight: number;
  rowCount: number;
  /** Extra rows rendered above and below the visible ones, so fast scrolls do not flash. */
  overscan: number;
}

export interface RowWindow {
  /** First row to render (inclusive). */
  firstRow: number;
  /** Last row to render (inclusive); -1 when there are no rows. */
  lastRow: number;
  /** First and last rows actually visible, without overscan (for keyboard scrolling). */
  firstVisibleRow: number;
  lastVisibleRow: number;
  /** Height of the whole virtual content. */
  totalHeight: number;
}

const EMPTY_WINDOW: RowWindow = { firstRow: 0, lastRow: -1, firstVisibleRow: 0, lastVisibleRow: -1, totalHeight: 0 };

export function rowWindow(input: RowWindowInput): RowWindow {
  const rowCount = Math.max(0, Math.floor(input.rowCount));
  const rowHeight = input.rowHeight;
  if (rowCount === 0 || !(rowHeight > 0)) return EMPTY_WINDOW;
  const totalHeight = rowCount * rowHeight;
  const viewport = Math.max(0, input.viewportHeight);
  // Overscrolled (elastic scrolling) or stale scroll positions are clamped into the content.
  const maxScroll = Math.max(0, totalHeight - viewport);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const overscan = Math.max(0, Math.floor(input.overscan));

  const firstVisibleRow = Math.min(rowCount - 1, Math.floor(scrollTop / rowHeight));
  // A row counts as visible when any part of it is inside the viewport.
  const bottom = scrollTop + viewport;
  const lastVisibleRow = Math.min(rowCount - 1, Math.max(firstVisibleRow, Math.ceil(bottom / rowHeight) - 1));
  return {
    firstRow: Math.max(0, firstVisibleRow - overscan),
    lastRow: Math.min(rowCount - 1, lastVisibleRow + overscan),
    firstVisibleRow,
    lastVisibleRow,
    totalHeight,
  };
}

export interface GridLayoutInput {
  /** Inner width of the scroller available to cells. */
  width: number;
  /** Smallest cell width; cells grow to fill the row. */
  minCellWidth: number;
  gap: number;
  /** Thumbnail height as a fraction of the cell width. */
  thumbAspect: number;
  /** Height of the caption under the thumbnail (title, artist, stars). */
  captionHeight: number;
}

export interface GridLayout {
  columns: number;
  cellWidth: number;
  thumbHeight: number;
  /** Row pitch: the cell's height plus one gap. */
  rowHeight: number;
}

export function gridLayout(input: GridLayoutInput): GridLayout {
  const gap = Math.max(0, input.gap);
  const min = Math.max(1, input.minCellWidth);
  const width = Math.max(0, input.width);
  const columns = Math.max(1, Math.floor((width + gap) / (min + gap)));
  const cellWidth = Math.max(min, (width - gap * (columns - 1)) / columns);
  const thumbHeight = Math.round(cellWidth * input.thumbAspect);
  return { columns, cellWidth, thumbHeight, rowHeight: thumbHeight + input.captionHeight + gap };
}

export function rowCountFor(total: number, columns: number): number {
  if (total <= 0) return 0;
  return Math.ceil(total / Math.max(1, columns));
}

/** Items held by rows firstRow..lastRow; `last` is -1 when the span is empty. */
export function itemSpan(window: RowWindow, columns: number, total: number): { first: number; last: number } {
  if (window.lastRow < window.firstRow || total <= 0) return { first: 0, last: -1 };
  const cols = Math.max(1, columns);
  const first = window.firstRow * cols;
  const last = Math.min(total - 1, (window.lastRow + 1) * cols - 1);
  return first > last ? { first: 0, last: -1 } : { first, last };
}

/** Page numbers (offset = page × pageSize) that hold items first..last, widened by `prefetch` pages. */
export function pagesFor(first: number, last: number, pageSize: number, prefetch = 0, total?: number): number[] {
  if (last < first || pageSize <= 0) return [];
  const lastPageOfTotal = total === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.ceil(total / pageSize) - 1);
  const from = Math.max(0, Math.floor(Math.max(0, first) / pageSize) - prefetch);
  const to = Math.min(lastPageOfTotal, Math.floor(last / pageSize) + prefetch);
  const pages: number[] = [];
  for (let page = from; page <= to; page++) pages.push(page);
  return pages;
}

/**
 * The scrollTop that brings `row` fully into view, or null when it already is. Used by keyboard
 * navigation, which moves focus by index and must scroll the virtual list along.
 */
export function scrollToReveal(
  row: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  const top = row * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}
