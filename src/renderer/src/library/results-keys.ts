/**
 * The Library results' keyboard: Ctrl/Cmd+A selects all, Escape clears the selection, 0-5 and
 * [ ] rate, Space/Enter select the focused item, and the arrow, page and Home/End keys move the
 * focus (Shift extends the selection), in the grid or the list.
 */
import type { LibraryStore } from './library.svelte';
import { ratingFromKey } from './rating';

/** What the keyboard needs to know about the results' current layout. */
export interface ResultsLayout {
  isGrid: boolean;
  columns: number;
  /** Rows a PageUp/PageDown moves by. */
  pageRows: number;
  /** Scrolls the item at `index` into view. */
  reveal: (index: number) => void;
}

/** Rates the selection (or the focused item) from a 0-5, [ or ] key; false when nothing changed. */
function rateFromKeyboard(library: LibraryStore, key: string): boolean {
  const focused = library.focused;
  const ids = library.selectedCount > 0 ? [...library.selected] : focused ? [focused.id] : [];
  if (ids.length === 0) return false;
  const current = focused ? library.ratingOf(focused.id) : null;
  const mapped = key === '[' ? 'ArrowLeft' : key === ']' ? 'ArrowRight' : key;
  const next = ratingFromKey(current, mapped);
  if (next === undefined) return false;
  void library.rate(ids, next);
  return true;
}

/** The index a navigation key moves the focus to, or null when the key does not navigate. */
function navigationTarget(key: string, current: number | null, total: number, layout: ResultsLayout): number | null {
  const { isGrid, columns, pageRows } = layout;
  const from = current ?? -1;
  switch (key) {
    case 'ArrowRight':
      return isGrid ? from + 1 : null;
    case 'ArrowLeft':
      return isGrid ? Math.max(0, from - 1) : null;
    case 'ArrowDown':
      return current === null ? 0 : from + columns;
    case 'ArrowUp':
      return current === null ? 0 : Math.max(0, from - columns);
    case 'PageDown':
      return Math.max(0, from) + pageRows * columns;
    case 'PageUp':
      return Math.max(0, from - pageRows * columns);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}

/** Handles a key pressed on the results themselves (not on something inside them). */
export function onResultsKey(event: KeyboardEvent, library: LibraryStore, layout: ResultsLayout): void {
  if (event.target !== event.currentTarget || library.total === 0) return;
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && event.key.toLowerCase() === 'a') {
    event.preventDefault();
    void library.selectAll();
    return;
  }
  if (event.key === 'Escape' && library.selectedCount > 0) {
    event.preventDefault();
    event.stopPropagation();
    library.clearSelection();
    return;
  }
  if (!mod && !event.altKey && /^([0-5]|\[|\])$/.test(event.key)) {
    if (rateFromKeyboard(library, event.key)) event.preventDefault();
    return;
  }
  const current = library.focusIndex;
  if ((event.key === ' ' || event.key === 'Enter') && current !== null) {
    event.preventDefault();
    void library.click(current, event.key === ' ' ? { toggle: true } : {});
    return;
  }
  const target = navigationTarget(event.key, current, library.total, layout);
  if (target === null) return;
  event.preventDefault();
  const index = Math.min(library.total - 1, target);
  layout.reveal(index);
  void library.moveFocus(index, event.shiftKey);
}
