/** The Library store's option, filter and preference types and constants. */
import type { MediaKind } from '../../../shared/catalogue';
import type { KeyValueStorage } from '../state/profiles.svelte';

export type KindFilter = 'all' | MediaKind;
export type ViewMode = 'grid' | 'list';

export const KIND_FILTERS: ReadonlyArray<{ id: KindFilter; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'audio', label: 'Audio' },
  { id: 'midi', label: 'MIDI' },
  { id: 'image', label: 'Images' },
  { id: 'film', label: 'Films' },
];

/** The largest id list one `ratings.set` / `media.tag` call accepts. */
export const BULK_LIMIT = 10_000;
/** `library.list`'s largest page, used when collecting ids for select-all and long ranges. */
export const ID_SCAN_PAGE = 1000;

/** Where the active profile comes from (the ProfilesStore, or a stand-in in tests). */
export interface ActiveProfile {
  readonly activeId: number | null;
  onChange(listener: (id: number | null) => void): () => void;
}

export interface LibraryStoreOptions {
  /** Items per `library.list` page. */
  pageSize?: number;
  /** Pages kept in memory (least recently used out; visible pages are never evicted). */
  maxPages?: number;
  /** Pages fetched beyond the visible ones in each direction. */
  prefetchPages?: number;
  /** Quiet time after typing before the search runs. */
  debounceMs?: number;
  /**
   * Least time between two rounds of page fetches. Dragging the scrollbar across 100,000 items
   * passes hundreds of windows; only the ones it rests on for this long are fetched.
   */
  fetchIntervalMs?: number;
  /** Quiet time after a burst of catalogue changes (an import writes as it goes) before refetching. */
  refreshDelayMs?: number;
  /** Waveforms kept for thumbnails and the player. */
  maxWaveforms?: number;
  /** Remembers the view mode and thumbnail size; null remembers nothing. */
  storage?: KeyValueStorage | null;
}

export const VIEW_KEY = 'motif.library.view';
export const THUMB_KEY = 'motif.library.thumbSize';
export const THUMB_SIZES = { min: 120, max: 320, default: 184 } as const;

export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
