/** The Library's remembered view preferences: the view mode and the thumbnail size. */
import type { KeyValueStorage } from '../state/profiles.svelte';
import { THUMB_KEY, THUMB_SIZES, VIEW_KEY, type ViewMode } from './library-options';

export class LibraryPrefs {
  view = $state<ViewMode>('grid');
  thumbSize = $state<number>(THUMB_SIZES.default);

  readonly #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
    this.#restorePrefs();
  }

  setView(view: ViewMode): void {
    this.view = view;
    this.#save(VIEW_KEY, view);
  }

  setThumbSize(size: number): void {
    this.thumbSize = Math.round(Math.min(THUMB_SIZES.max, Math.max(THUMB_SIZES.min, size)));
    this.#save(THUMB_KEY, String(this.thumbSize));
  }

  // ---- preferences ------------------------------------------------------------------------

  #restorePrefs(): void {
    try {
      const view = this.#storage?.getItem(VIEW_KEY);
      if (view === 'grid' || view === 'list') this.view = view;
      const size = Number(this.#storage?.getItem(THUMB_KEY) ?? Number.NaN);
      if (Number.isFinite(size) && size > 0) {
        this.thumbSize = Math.round(Math.min(THUMB_SIZES.max, Math.max(THUMB_SIZES.min, size)));
      }
    } catch {
      // Nothing remembered: defaults.
    }
  }

  #save(key: string, value: string): void {
    try {
      this.#storage?.setItem(key, value);
    } catch {
      // Not remembered; harmless.
    }
  }
}
