/** The Library's selection (by id), the keyboard focus (by index) and the item the details pane shows. */
import type { MotifClient } from '../../../shared/api';
import type { MediaItem } from '../../../shared/catalogue';
import type { ReportError } from '../state/toasts.svelte';
import { idSet, toggled, union } from './immutable';
import type { LibraryPages } from './library-pages.svelte';
import { selectionAction, type ClickModifiers } from './selection';

export class LibrarySelection {
  /**
   * Selected ids. Replaced, never mutated: one signal for the whole set keeps selecting 100,000
   * items (or rating them) one update instead of 100,000.
   */
  selected = $state.raw<ReadonlySet<number>>(idSet());
  /** Index (in the current order) the keyboard focus is on. */
  focusIndex = $state<number | null>(null);
  /** The item the details pane shows. */
  focused = $state.raw<MediaItem | null>(null);
  selectingAll = $state(false);

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #pages: LibraryPages;
  #anchor: number | null = null;

  constructor(client: MotifClient, report: ReportError, pages: LibraryPages) {
    this.#client = client;
    this.#report = report;
    this.#pages = pages;
  }

  /** The results started over: no focus, no anchor. */
  resetFocus(): void {
    this.focusIndex = null;
    this.#anchor = null;
  }

  isSelected(id: number): boolean {
    return this.selected.has(id);
  }

  /** A click (or Space/Enter) on the item at `index`, with the event's modifiers. */
  async click(index: number, modifiers: ClickModifiers = {}): Promise<void> {
    const item = this.#pages.itemAt(index);
    if (!item) return;
    const action = selectionAction(this.#anchor, index, modifiers);
    this.#anchor = action.anchor;
    this.focusIndex = index;
    this.focused = item;
    if (action.kind === 'replace') {
      this.selected = idSet([item.id]);
    } else if (action.kind === 'toggle') {
      this.selected = toggled(this.selected, item.id);
    } else {
      try {
        const ids = await this.#pages.idsInRange(action.from, action.to);
        this.selected = action.additive ? union(this.selected, ids) : idSet(ids);
      } catch (error) {
        this.#report('Could not select the range', error);
      }
    }
  }

  /** Keyboard focus moved to `index` (arrow keys); Shift extends the selection from the anchor. */
  async moveFocus(index: number, extend = false): Promise<void> {
    if (this.#pages.total === 0) return;
    const target = Math.min(this.#pages.total - 1, Math.max(0, index));
    if (extend) {
      await this.click(target, { shift: true });
      return;
    }
    this.focusIndex = target;
    this.#anchor = target;
    const item = this.#pages.itemAt(target);
    if (item) {
      this.focused = item;
      this.selected = idSet([item.id]);
    }
  }

  /** Every item matching the current filters (ids are collected page by page). */
  async selectAll(): Promise<void> {
    this.selectingAll = true;
    try {
      const ids = await this.#pages.idsInRange(0, this.#pages.total - 1);
      this.selected = idSet(ids);
    } catch (error) {
      this.#report('Could not select everything', error);
    } finally {
      this.selectingAll = false;
    }
  }

  clearSelection(): void {
    this.selected = idSet();
  }

  /** Shows an item in the details pane without touching the selection. */
  focusItem(item: MediaItem | null): void {
    this.focused = item;
  }

  async refreshFocused(): Promise<void> {
    const id = this.focused?.id;
    if (id === undefined) return;
    try {
      const item = await this.#client.call('media.get', { id });
      if (this.focused?.id === id) this.focused = item;
    } catch {
      // The item may be gone (its folder removed); the pane keeps what it showed.
    }
  }
}
