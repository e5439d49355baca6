/**
 * The Library's state: the query and filters, the view, a bounded cache of `library.list` pages
 * fetched as rows scroll into view, the selection and the focused item, the active profile's
 * ratings, the library folders and the report of the last import.
 *
 * Items are addressed by index in the current result order (what the windowing sees) and by id
 * (what the selection and the bulk calls use). Any change of query or filters starts a new
 * "generation": pages of older generations that arrive late are dropped.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { ApiInput, MotifClient } from '../../../shared/api';
import type { LibraryFolder, MediaItem, MediaKind, Waveform } from '../../../shared/catalogue';
import type { JobRecord } from '../../../shared/jobs';
import { coalesce } from '../lib/coalesce';
import type { KeyValueStorage } from '../state/profiles.svelte';
import type { ReportError } from '../state/toasts.svelte';
import { finishedImport, type FinishedImport } from './import-report';
import { idSet, ratingMap, restoreRatings, toggled, union, withRating } from './immutable';
import { PageCache } from './page-cache';
import { selectionAction, type ClickModifiers } from './selection';
import { TagFilter } from './tag-filter.svelte';
import { WaveformCache } from './waveform';
import { pagesFor } from './windowing';

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
const ID_SCAN_PAGE = 1000;

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

const VIEW_KEY = 'motif.library.view';
const THUMB_KEY = 'motif.library.thumbSize';
export const THUMB_SIZES = { min: 120, max: 320, default: 184 } as const;

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export class LibraryStore {
  /** The search box's text, as typed. */
  query = $state('');
  /** The search that the results reflect (after the debounce). */
  appliedQuery = $state('');
  kind = $state<KindFilter>('all');
  includeMissing = $state(false);
  view = $state<ViewMode>('grid');
  thumbSize = $state<number>(THUMB_SIZES.default);

  /** Items matching the current filters. */
  total = $state(0);
  /** The current filters' first page has arrived. */
  loaded = $state(false);
  /** Bumped when the results start over, so the scroller returns to the top. */
  scrollResets = $state(0);
  /** Where the results were scrolled to, restored when the Library is shown again. */
  scrollTop = 0;

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

  /** itemId → rating (0.5..5) for the active profile. */
  ratings = $state.raw<ReadonlyMap<number, number>>(ratingMap());
  ratingsProfileId = $state<number | null>(null);

  folders = $state.raw<LibraryFolder[]>([]);
  foldersLoaded = $state(false);
  /** The last import or rescan that finished, until dismissed. */
  lastImport = $state.raw<FinishedImport | null>(null);
  importing = $state(false);

  readonly waveforms: WaveformCache;
  /** Tags the results must all carry (chips in the toolbar). */
  readonly tagFilter: TagFilter;

  /** A getter (not $derived): the tag filter is made in the constructor, after the fields. */
  get hasFilters(): boolean {
    return this.appliedQuery.trim() !== '' || this.kind !== 'all' || this.tagFilter.active;
  }
  /** Nothing catalogued at all (as opposed to nothing matching). */
  isEmptyLibrary = $derived(
    this.loaded && this.total === 0 && !this.hasFilters && this.foldersLoaded && this.folders.length === 0,
  );
  selectedCount = $derived(this.selected.size);

  readonly pageSize: number;
  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #profiles: ActiveProfile;
  readonly #storage: KeyValueStorage | null;
  readonly #debounceMs: number;
  readonly #refreshDelayMs: number;
  readonly #prefetch: number;
  readonly #fetchIntervalMs: number;
  #lastFetchAt = Number.NEGATIVE_INFINITY;
  #fetchTimer: ReturnType<typeof setTimeout> | null = null;
  #cache: PageCache<MediaItem>;
  /** The previous generation's pages, shown until the new ones replace them (no flashing). */
  #stale: PageCache<MediaItem> | null = null;
  #generation = 0;
  // Bookkeeping, never rendered: plain collections.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #inflight = new Map<number, Promise<MediaItem[] | null>>();
  /** Pages the window shows: never evicted, and refetched by a refresh. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #pinned = new Set<number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #reportedJobs = new Set<number>();
  #anchor: number | null = null;
  /** Bumped whenever cached pages change; item reads depend on it. */
  #version = $state(0);
  #queryTimer: ReturnType<typeof setTimeout> | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(client: MotifClient, report: ReportError, profiles: ActiveProfile, options: LibraryStoreOptions = {}) {
    this.#client = client;
    this.#report = report;
    this.#profiles = profiles;
    this.pageSize = Math.max(1, Math.min(1000, options.pageSize ?? 120));
    this.#cache = new PageCache(options.maxPages ?? 12);
    this.#prefetch = options.prefetchPages ?? 1;
    this.#fetchIntervalMs = options.fetchIntervalMs ?? 120;
    this.#debounceMs = options.debounceMs ?? 250;
    this.#refreshDelayMs = options.refreshDelayMs ?? 400;
    this.#storage = options.storage ?? null;
    this.waveforms = new WaveformCache(
      (id) => this.#client.call('media.waveform', { id }),
      options.maxWaveforms ?? 240,
    );
    this.tagFilter = new TagFilter(client, () => this.#restart());
    this.#restorePrefs();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Listens to catalogue, import and profile changes and loads the first page; returns the undo. */
  connect(): () => void {
    const stops = [
      this.#client.on('catalogue.changed', ({ table }) => {
        if (table === 'media' || table === 'tags') {
          this.scheduleRefresh();
          void this.#loadTags();
        } else if (table === 'ratings') void this.loadRatings();
      }),
      this.#profiles.onChange(() => void this.loadRatings()),
    ];
    void this.loadFolders();
    void this.loadRatings();
    void this.#loadTags();
    // Coming back to the Library: refetch what was on screen without flashing empty cards.
    if (this.loaded) this.refresh();
    else this.reload();
    return () => {
      for (const stop of stops) stop();
      this.#clearTimers();
    };
  }

  /**
   * Keeps the last finished import's report even while the Library is not on screen (the
   * composition root subscribes this for the studio's lifetime).
   */
  watchImports(): () => void {
    return this.#client.on('job.updated', (job) => this.#onJob(job));
  }

  // ---- query and filters -------------------------------------------------------------------

  /** Updates the search text; the search runs once typing pauses. */
  setQuery(text: string): void {
    this.query = text;
    if (this.#queryTimer !== null) clearTimeout(this.#queryTimer);
    this.#queryTimer = setTimeout(() => {
      this.#queryTimer = null;
      this.applyQuery();
    }, this.#debounceMs);
  }

  /** Runs the typed search now (Enter), skipping the debounce. */
  applyQuery(): void {
    if (this.#queryTimer !== null) clearTimeout(this.#queryTimer);
    this.#queryTimer = null;
    if (this.query.trim() === this.appliedQuery.trim()) return;
    this.appliedQuery = this.query;
    this.#restart();
  }

  clearQuery(): void {
    this.query = '';
    this.applyQuery();
  }

  setKind(kind: KindFilter): void {
    if (kind === this.kind) return;
    this.kind = kind;
    void this.#loadTags();
    this.#restart();
  }

  #loadTags(): Promise<void> {
    return this.tagFilter.load(this.kind === 'all' ? undefined : this.kind);
  }

  setIncludeMissing(include: boolean): void {
    if (include === this.includeMissing) return;
    this.includeMissing = include;
    this.#restart();
  }

  setView(view: ViewMode): void {
    this.view = view;
    this.#save(VIEW_KEY, view);
  }

  setThumbSize(size: number): void {
    this.thumbSize = Math.round(Math.min(THUMB_SIZES.max, Math.max(THUMB_SIZES.min, size)));
    this.#save(THUMB_KEY, String(this.thumbSize));
  }

  /** The `library.list` input for one page under the current filters. */
  listParams(offset: number, limit: number = this.pageSize): ApiInput<'library.list'> {
    const params: ApiInput<'library.list'> = { limit, offset };
    const query = this.appliedQuery.trim();
    if (query !== '') params.query = query;
    if (this.kind !== 'all') params.kind = this.kind;
    if (this.includeMissing) params.includeMissing = true;
    if (this.tagFilter.selected.length > 0) params.tags = [...this.tagFilter.selected];
    return params;
  }

  // ---- pages ---------------------------------------------------------------------------

  /** The item at `index` in the current order, or undefined while its page is not loaded. */
  itemAt(index: number): MediaItem | undefined {
    void this.#version;
    if (index < 0) return undefined;
    const page = Math.floor(index / this.pageSize);
    const items = this.#cache.peek(page) ?? this.#stale?.peek(page);
    return items?.[index - page * this.pageSize];
  }

  /** Pages currently held (for tests and diagnostics). */
  get cachedPages(): number[] {
    void this.#version;
    return this.#cache.pages().sort((a, b) => a - b);
  }

  /**
   * The window shows items first..last: fetch the pages they need (plus prefetch) that are not
   * cached or on their way, and pin them against eviction.
   */
  ensureRange(first: number, last: number): void {
    const pages = pagesFor(first, last, this.pageSize, this.#prefetch, this.loaded ? this.total : undefined);
    this.#pinned.clear();
    for (const page of pages) this.#pinned.add(page);
    let missing = false;
    for (const page of pages) {
      if (this.#cache.has(page)) this.#cache.get(page);
      else if (!this.#inflight.has(page)) missing = true;
    }
    if (missing) this.#requestFetch();
  }

  /** Fetches the pinned pages now, or once the fetch interval since the last round has passed. */
  #requestFetch(): void {
    if (this.#fetchTimer !== null) return;
    const wait = this.#lastFetchAt + this.#fetchIntervalMs - Date.now();
    if (wait <= 0) {
      this.#fetchPinned();
      return;
    }
    this.#fetchTimer = setTimeout(() => {
      this.#fetchTimer = null;
      this.#fetchPinned();
    }, wait);
  }

  #fetchPinned(): void {
    this.#lastFetchAt = Date.now();
    for (const page of this.#pinned) {
      if (!this.#cache.has(page)) void this.#fetchPage(page);
    }
  }

  /** Starts the results over (new filters): back to the top, page 0 first. */
  reload(): void {
    this.#generation += 1;
    this.#stale = this.#cache.size > 0 ? this.#cache : this.#stale;
    this.#cache = new PageCache(this.#cache.maxPages);
    this.#inflight.clear();
    this.#pinned.clear();
    this.#pinned.add(0);
    this.#version += 1;
    void this.#fetchPage(0);
  }

  /**
   * Refetches what is on screen after the catalogue changed, keeping the current pages visible
   * until their replacements arrive.
   */
  refresh(): void {
    const pinned = [...this.#pinned];
    this.#generation += 1;
    this.#stale = this.#cache;
    this.#cache = new PageCache(this.#cache.maxPages);
    this.#inflight.clear();
    for (const page of pinned.length > 0 ? pinned : [0]) void this.#fetchPage(page);
    void this.#refreshFocused();
  }

  /** Refresh after a burst of catalogue changes has settled. */
  scheduleRefresh(): void {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      this.refresh();
    }, this.#refreshDelayMs);
  }

  #restart(): void {
    this.loaded = false;
    this.focusIndex = null;
    this.#anchor = null;
    this.scrollResets += 1;
    this.reload();
  }

  #fetchPage(page: number): Promise<MediaItem[] | null> {
    const existing = this.#inflight.get(page);
    if (existing) return existing;
    const generation = this.#generation;
    const request = this.#client
      .call('library.list', this.listParams(page * this.pageSize))
      .then(({ items, total }) => {
        if (generation !== this.#generation) return null;
        this.total = total;
        this.#cache.set(page, items, this.#pinned);
        if ([...this.#pinned].every((p) => this.#cache.has(p) || p * this.pageSize >= total)) this.#stale = null;
        if (page === 0 || !this.loaded) this.loaded = true;
        this.#version += 1;
        return items;
      })
      .catch((error: unknown) => {
        if (generation === this.#generation) this.#report('Could not load the library', error);
        return null;
      })
      .finally(() => {
        if (this.#inflight.get(page) === request) this.#inflight.delete(page);
      });
    this.#inflight.set(page, request);
    return request;
  }

  /** Ids of items from..to (inclusive) in the current order, fetching what is not cached. */
  async idsInRange(from: number, to: number): Promise<number[]> {
    const last = Math.min(to, this.total - 1);
    const ids: number[] = [];
    let index = Math.max(0, from);
    while (index <= last) {
      const cached = this.itemAt(index);
      if (cached) {
        ids.push(cached.id);
        index += 1;
        continue;
      }
      // Fetch only up to the next cached page, at most one API page at a time.
      let gapEnd = Math.min(last, (Math.floor(index / this.pageSize) + 1) * this.pageSize - 1);
      while (gapEnd < last && gapEnd - index + 1 < ID_SCAN_PAGE && this.itemAt(gapEnd + 1) === undefined) {
        gapEnd = Math.min(last, gapEnd + this.pageSize);
      }
      const limit = Math.min(ID_SCAN_PAGE, gapEnd - index + 1);
      const generation = this.#generation;
      const { items } = await this.#client.call('library.list', this.listParams(index, limit));
      if (generation !== this.#generation || items.length === 0) break;
      for (const item of items) ids.push(item.id);
      index += items.length;
    }
    return ids;
  }

  // ---- selection and focus ----------------------------------------------------------------

  isSelected(id: number): boolean {
    return this.selected.has(id);
  }

  /** A click (or Space/Enter) on the item at `index`, with the event's modifiers. */
  async click(index: number, modifiers: ClickModifiers = {}): Promise<void> {
    const item = this.itemAt(index);
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
        const ids = await this.idsInRange(action.from, action.to);
        this.selected = action.additive ? union(this.selected, ids) : idSet(ids);
      } catch (error) {
        this.#report('Could not select the range', error);
      }
    }
  }

  /** Keyboard focus moved to `index` (arrow keys); Shift extends the selection from the anchor. */
  async moveFocus(index: number, extend = false): Promise<void> {
    if (this.total === 0) return;
    const target = Math.min(this.total - 1, Math.max(0, index));
    if (extend) {
      await this.click(target, { shift: true });
      return;
    }
    this.focusIndex = target;
    this.#anchor = target;
    const item = this.itemAt(target);
    if (item) {
      this.focused = item;
      this.selected = idSet([item.id]);
    }
  }

  /** Every item matching the current filters (ids are collected page by page). */
  async selectAll(): Promise<void> {
    this.selectingAll = true;
    try {
      const ids = await this.idsInRange(0, this.total - 1);
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

  async #refreshFocused(): Promise<void> {
    const id = this.focused?.id;
    if (id === undefined) return;
    try {
      const item = await this.#client.call('media.get', { id });
      if (this.focused?.id === id) this.focused = item;
    } catch {
      // The item may be gone (its folder removed); the pane keeps what it showed.
    }
  }

  // ---- ratings and tags -----------------------------------------------------------------

  ratingOf(id: number): number | null {
    return this.ratings.get(id) ?? null;
  }

  readonly loadRatings: () => Promise<void> = coalesce(async () => {
    const profileId = this.#profiles.activeId;
    if (profileId === null) {
      this.ratings = ratingMap();
      this.ratingsProfileId = null;
      return;
    }
    try {
      const rows = await this.#client.call('ratings.forProfile', { profileId });
      if (this.#profiles.activeId !== profileId) return;
      let loaded = ratingMap(rows.map((row) => [row.itemId, row.value] as const));
      // Ratings still being saved win over a listing that may predate them (quick key presses).
      for (const [id, pending] of this.#pendingRatings) {
        if (pending.profileId === profileId) loaded = withRating(loaded, [id], pending.value);
      }
      this.ratings = loaded;
      this.ratingsProfileId = profileId;
    } catch (error) {
      this.#report('Could not load ratings', error);
    }
  });

  /** Ratings sent but not yet confirmed, by item (the newest send for each item). */
  readonly #pendingRatings = new SvelteMap<number, { profileId: number; value: number | null; token: number }>();
  #ratingToken = 0;

  /** Rates items for the active profile (null clears); optimistic, rolled back on failure. */
  async rate(ids: readonly number[], value: number | null): Promise<boolean> {
    const profileId = this.#profiles.activeId;
    if (profileId === null || ids.length === 0) return false;
    const before = this.ratings;
    this.ratings = withRating(before, ids, value);
    const token = ++this.#ratingToken;
    for (const id of ids) this.#pendingRatings.set(id, { profileId, value, token });
    const settle = (): void => {
      for (const id of ids) if (this.#pendingRatings.get(id)?.token === token) this.#pendingRatings.delete(id);
    };
    try {
      for (const part of chunks(ids, BULK_LIMIT)) {
        await this.#client.call('ratings.set', { profileId, itemIds: part, value });
      }
      settle();
      return true;
    } catch (error) {
      settle();
      // Put back only these items: ratings loaded meanwhile for others stay.
      this.ratings = restoreRatings(this.ratings, before, ids);
      this.#report(ids.length === 1 ? 'Could not save the rating' : `Could not rate ${ids.length} items`, error);
      return false;
    }
  }

  rateSelected(value: number | null): Promise<boolean> {
    return this.rate([...this.selected], value);
  }

  /** Adds and removes tags on items; the updated items replace the cached ones. */
  async tag(ids: readonly number[], add: readonly string[] = [], remove: readonly string[] = []): Promise<boolean> {
    const addTags = add.map((t) => t.trim()).filter((t) => t !== '');
    const removeTags = remove.map((t) => t.trim()).filter((t) => t !== '');
    if (ids.length === 0 || (addTags.length === 0 && removeTags.length === 0)) return false;
    try {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local lookup table
      const updated = new Map<number, MediaItem>();
      for (const part of chunks(ids, BULK_LIMIT)) {
        const input: ApiInput<'media.tag'> = { ids: part };
        if (addTags.length > 0) input.add = addTags;
        if (removeTags.length > 0) input.remove = removeTags;
        for (const item of await this.#client.call('media.tag', input)) updated.set(item.id, item);
      }
      this.#patchItems(updated);
      return true;
    } catch (error) {
      this.#report(ids.length === 1 ? 'Could not change the tags' : `Could not tag ${ids.length} items`, error);
      return false;
    }
  }

  tagSelected(add: readonly string[], remove: readonly string[] = []): Promise<boolean> {
    return this.tag([...this.selected], add, remove);
  }

  #patchItems(updated: ReadonlyMap<number, MediaItem>): void {
    const pick = (item: MediaItem): MediaItem | undefined => updated.get(item.id);
    const changed = this.#cache.patch(pick) || (this.#stale?.patch(pick) ?? false);
    if (changed) this.#version += 1;
    const focused = this.focused && updated.get(this.focused.id);
    if (focused) this.focused = focused;
  }

  /** Records implicit feedback for the active profile; failures are not worth a toast. */
  async signal(itemId: number, kind: 'play' | 'skip'): Promise<void> {
    const profileId = this.#profiles.activeId;
    if (profileId === null) return;
    try {
      await this.#client.call('media.signal', { profileId, itemId, kind });
    } catch {
      // A lost play or skip only makes recommendations slightly less informed.
    }
  }

  loadWaveform(id: number): Promise<Waveform | null> {
    return this.waveforms.get(id);
  }

  // ---- folders and imports ----------------------------------------------------------------

  readonly loadFolders: () => Promise<void> = coalesce(async () => {
    try {
      this.folders = await this.#client.call('library.folders', {});
      this.foldersLoaded = true;
    } catch (error) {
      this.#report('Could not load the library folders', error);
    }
  });

  /** Adds folders (absolute paths) and imports them in place; resolves to the job. */
  async importFolders(paths: readonly string[]): Promise<JobRecord | null> {
    const cleaned = paths.map((p) => p.trim()).filter((p) => p !== '');
    if (cleaned.length === 0) return null;
    this.importing = true;
    try {
      const job = await this.#client.call('library.import', { paths: cleaned });
      void this.loadFolders();
      return job;
    } catch (error) {
      this.#report(cleaned.length === 1 ? `Could not import ${cleaned[0]}` : 'Could not import the folders', error);
      return null;
    } finally {
      this.importing = false;
    }
  }

  /** Motif's own generated demo set (tunes, renderings, drawn stills), for a first run offline. */
  async importDemo(): Promise<JobRecord | null> {
    this.importing = true;
    try {
      const job = await this.#client.call('library.importDemo', {});
      void this.loadFolders();
      return job;
    } catch (error) {
      this.#report('Could not create the demo set', error);
      return null;
    } finally {
      this.importing = false;
    }
  }

  async rescan(folderId?: number): Promise<JobRecord | null> {
    this.importing = true;
    try {
      return await this.#client.call('library.rescan', folderId === undefined ? {} : { folderId });
    } catch (error) {
      this.#report('Could not rescan the library', error);
      return null;
    } finally {
      this.importing = false;
    }
  }

  async removeFolder(id: number): Promise<boolean> {
    try {
      await this.#client.call('library.removeFolder', { id });
      this.folders = this.folders.filter((folder) => folder.id !== id);
      void this.loadFolders();
      this.refresh();
      return true;
    } catch (error) {
      this.#report('Could not remove the folder', error);
      return false;
    }
  }

  dismissImport(): void {
    this.lastImport = null;
  }

  #onJob(job: JobRecord): void {
    const finished = finishedImport(job);
    if (!finished || this.#reportedJobs.has(job.id)) return;
    this.#reportedJobs.add(job.id);
    this.lastImport = finished;
    void this.loadFolders();
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
    this.refresh();
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

  #clearTimers(): void {
    if (this.#queryTimer !== null) clearTimeout(this.#queryTimer);
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    if (this.#fetchTimer !== null) clearTimeout(this.#fetchTimer);
    this.#queryTimer = null;
    this.#refreshTimer = null;
    this.#fetchTimer = null;
  }
}
