/**
 * The Library's state: the query and filters, the view, a bounded cache of `library.list` pages
 * fetched as rows scroll into view, the selection and the focused item, the active profile's
 * ratings, the library folders and the report of the last import.
 *
 * Items are addressed by index in the current result order (what the windowing sees) and by id
 * (what the selection and the bulk calls use). Any change of query or filters starts a new
 * "generation": pages of older generations that arrive late are dropped.
 *
 * The search and filters live in LibraryQuery, the pages in LibraryPages, the selection and
 * focus in LibrarySelection, the ratings in LibraryRatings, the folders and imports in
 * LibraryFolders, the remembered view in LibraryPrefs, tagging and play/skip feedback in
 * LibraryEdits and the event subscriptions in LibrarySync; this store composes them and keeps one
 * surface for the components.
 */
import type { ApiInput, MotifClient } from '../../../shared/api';
import type { LibraryFolder, MediaItem, Waveform } from '../../../shared/catalogue';
import type { JobRecord } from '../../../shared/jobs';
import type { ReportError } from '../state/toasts.svelte';
import type { FinishedImport } from './import-report';
import { LibraryEdits } from './library-edits';
import { LibraryFolders } from './library-folders.svelte';
import type { ActiveProfile, KindFilter, LibraryStoreOptions, ViewMode } from './library-options';
import { LibraryPages } from './library-pages.svelte';
import { LibraryPrefs } from './library-prefs.svelte';
import { LibraryQuery } from './library-query.svelte';
import { LibraryRatings } from './library-ratings.svelte';
import { LibrarySelection } from './library-selection.svelte';
import { LibrarySync } from './library-sync';
import type { ClickModifiers } from './selection';
import { TagFilter } from './tag-filter.svelte';
import { WaveformCache } from './waveform';

export {
  BULK_LIMIT,
  KIND_FILTERS,
  THUMB_SIZES,
  type ActiveProfile,
  type KindFilter,
  type LibraryStoreOptions,
  type ViewMode,
} from './library-options';

export class LibraryStore {
  /** The search box's text, as typed. */
  get query(): string {
    return this.#query.query;
  }
  set query(value: string) {
    this.#query.query = value;
  }
  /** The search that the results reflect (after the debounce). */
  get appliedQuery(): string {
    return this.#query.appliedQuery;
  }
  get kind(): KindFilter {
    return this.#query.kind;
  }
  get includeMissing(): boolean {
    return this.#query.includeMissing;
  }
  get view(): ViewMode {
    return this.#prefs.view;
  }
  get thumbSize(): number {
    return this.#prefs.thumbSize;
  }

  /** Items matching the current filters. */
  get total(): number {
    return this.#pages.total;
  }
  /** The current filters' first page has arrived. */
  get loaded(): boolean {
    return this.#pages.loaded;
  }
  /** Bumped when the results start over, so the scroller returns to the top. */
  scrollResets = $state(0);
  /** Where the results were scrolled to, restored when the Library is shown again. */
  scrollTop = 0;

  /** Selected ids (replaced, never mutated). */
  get selected(): ReadonlySet<number> {
    return this.#selection.selected;
  }
  /** Index (in the current order) the keyboard focus is on. */
  get focusIndex(): number | null {
    return this.#selection.focusIndex;
  }
  set focusIndex(value: number | null) {
    this.#selection.focusIndex = value;
  }
  /** The item the details pane shows. */
  get focused(): MediaItem | null {
    return this.#selection.focused;
  }
  get selectingAll(): boolean {
    return this.#selection.selectingAll;
  }

  /** itemId → rating (0.5..5) for the active profile. */
  get ratings(): ReadonlyMap<number, number> {
    return this.#ratings.ratings;
  }
  get ratingsProfileId(): number | null {
    return this.#ratings.ratingsProfileId;
  }

  get folders(): LibraryFolder[] {
    return this.#folders.folders;
  }
  get foldersLoaded(): boolean {
    return this.#folders.foldersLoaded;
  }
  /** The last import or rescan that finished, until dismissed. */
  get lastImport(): FinishedImport | null {
    return this.#folders.lastImport;
  }
  get importing(): boolean {
    return this.#folders.importing;
  }

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
  readonly #prefs: LibraryPrefs;
  readonly #query: LibraryQuery;
  readonly #pages: LibraryPages;
  readonly #ratings: LibraryRatings;
  readonly #folders: LibraryFolders;
  readonly #selection: LibrarySelection;
  readonly #edits: LibraryEdits;
  readonly #sync: LibrarySync;

  constructor(client: MotifClient, report: ReportError, profiles: ActiveProfile, options: LibraryStoreOptions = {}) {
    this.pageSize = Math.max(1, Math.min(1000, options.pageSize ?? 120));
    this.#pages = new LibraryPages(client, report, {
      pageSize: this.pageSize,
      maxPages: options.maxPages ?? 12,
      prefetchPages: options.prefetchPages ?? 1,
      fetchIntervalMs: options.fetchIntervalMs ?? 120,
      listParams: (offset, limit) => this.listParams(offset, limit),
    });
    this.#selection = new LibrarySelection(client, report, this.#pages);
    this.#ratings = new LibraryRatings(client, report, profiles);
    this.#folders = new LibraryFolders(client, report, () => this.refresh());
    this.loadRatings = this.#ratings.loadRatings;
    this.loadFolders = this.#folders.loadFolders;
    this.#query = new LibraryQuery({
      debounceMs: options.debounceMs ?? 250,
      restart: () => this.#restart(),
      loadTags: () => this.#loadTags(),
    });
    this.#prefs = new LibraryPrefs(options.storage ?? null);
    this.waveforms = new WaveformCache((id) => client.call('media.waveform', { id }), options.maxWaveforms ?? 240);
    this.tagFilter = new TagFilter(client, () => this.#restart());
    this.#edits = new LibraryEdits(client, report, profiles, (updated) => this.#patchItems(updated));
    this.#sync = new LibrarySync(client, profiles, {
      refreshDelayMs: options.refreshDelayMs ?? 400,
      loaded: () => this.loaded,
      refresh: () => this.refresh(),
      reload: () => this.reload(),
      loadRatings: this.loadRatings,
      loadFolders: this.loadFolders,
      loadTags: () => this.#loadTags(),
      onJob: (job) => this.#folders.onJob(job),
      clearTimers: () => {
        this.#query.clearTimer();
        this.#pages.clearTimers();
      },
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Listens to catalogue, import and profile changes and loads the first page; returns the undo. */
  connect(): () => void {
    return this.#sync.connect();
  }

  /**
   * Keeps the last finished import's report even while the Library is not on screen (the
   * composition root subscribes this for the studio's lifetime).
   */
  watchImports(): () => void {
    return this.#sync.watchImports();
  }

  // ---- query and filters -------------------------------------------------------------------

  /** Updates the search text; the search runs once typing pauses. */
  setQuery(text: string): void {
    this.#query.setQuery(text);
  }

  /** Runs the typed search now (Enter), skipping the debounce. */
  applyQuery(): void {
    this.#query.applyQuery();
  }

  clearQuery(): void {
    this.#query.clearQuery();
  }

  setKind(kind: KindFilter): void {
    this.#query.setKind(kind);
  }

  #loadTags(): Promise<void> {
    return this.tagFilter.load(this.kind === 'all' ? undefined : this.kind);
  }

  setIncludeMissing(include: boolean): void {
    this.#query.setIncludeMissing(include);
  }

  setView(view: ViewMode): void {
    this.#prefs.setView(view);
  }

  setThumbSize(size: number): void {
    this.#prefs.setThumbSize(size);
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
    return this.#pages.itemAt(index);
  }

  /** Pages currently held (for tests and diagnostics). */
  get cachedPages(): number[] {
    return this.#pages.cachedPages;
  }

  /**
   * The window shows items first..last: fetch the pages they need (plus prefetch) that are not
   * cached or on their way, and pin them against eviction.
   */
  ensureRange(first: number, last: number): void {
    this.#pages.ensureRange(first, last);
  }

  /** Starts the results over (new filters): back to the top, page 0 first. */
  reload(): void {
    this.#pages.reload();
  }

  /**
   * Refetches what is on screen after the catalogue changed, keeping the current pages visible
   * until their replacements arrive.
   */
  refresh(): void {
    this.#pages.refresh();
    void this.#selection.refreshFocused();
  }

  /** Refresh after a burst of catalogue changes has settled. */
  scheduleRefresh(): void {
    this.#sync.scheduleRefresh();
  }

  #restart(): void {
    this.#pages.loaded = false;
    this.#selection.resetFocus();
    this.scrollResets += 1;
    this.reload();
  }

  /** Ids of items from..to (inclusive) in the current order, fetching what is not cached. */
  idsInRange(from: number, to: number): Promise<number[]> {
    return this.#pages.idsInRange(from, to);
  }

  // ---- selection and focus ----------------------------------------------------------------

  isSelected(id: number): boolean {
    return this.#selection.isSelected(id);
  }

  /** A click (or Space/Enter) on the item at `index`, with the event's modifiers. */
  click(index: number, modifiers: ClickModifiers = {}): Promise<void> {
    return this.#selection.click(index, modifiers);
  }

  /** Keyboard focus moved to `index` (arrow keys); Shift extends the selection from the anchor. */
  moveFocus(index: number, extend = false): Promise<void> {
    return this.#selection.moveFocus(index, extend);
  }

  /** Every item matching the current filters (ids are collected page by page). */
  selectAll(): Promise<void> {
    return this.#selection.selectAll();
  }

  clearSelection(): void {
    this.#selection.clearSelection();
  }

  /** Shows an item in the details pane without touching the selection. */
  focusItem(item: MediaItem | null): void {
    this.#selection.focusItem(item);
  }

  // ---- ratings and tags -----------------------------------------------------------------

  ratingOf(id: number): number | null {
    return this.#ratings.ratingOf(id);
  }

  readonly loadRatings: () => Promise<void>;

  /** Rates items for the active profile (null clears); optimistic, rolled back on failure. */
  rate(ids: readonly number[], value: number | null): Promise<boolean> {
    return this.#ratings.rate(ids, value);
  }

  rateSelected(value: number | null): Promise<boolean> {
    return this.rate([...this.selected], value);
  }

  /** Adds and removes tags on items; the updated items replace the cached ones. */
  tag(ids: readonly number[], add: readonly string[] = [], remove: readonly string[] = []): Promise<boolean> {
    return this.#edits.tag(ids, add, remove);
  }

  tagSelected(add: readonly string[], remove: readonly string[] = []): Promise<boolean> {
    return this.tag([...this.selected], add, remove);
  }

  #patchItems(updated: ReadonlyMap<number, MediaItem>): void {
    const pick = (item: MediaItem): MediaItem | undefined => updated.get(item.id);
    this.#pages.patch(pick);
    const focused = this.focused && updated.get(this.focused.id);
    if (focused) this.#selection.focused = focused;
  }

  /** Records implicit feedback for the active profile; failures are not worth a toast. */
  signal(itemId: number, kind: 'play' | 'skip'): Promise<void> {
    return this.#edits.signal(itemId, kind);
  }

  loadWaveform(id: number): Promise<Waveform | null> {
    return this.waveforms.get(id);
  }

  // ---- folders and imports ----------------------------------------------------------------

  readonly loadFolders: () => Promise<void>;

  /** Adds folders (absolute paths) and imports them in place; resolves to the job. */
  importFolders(paths: readonly string[]): Promise<JobRecord | null> {
    return this.#folders.importFolders(paths);
  }

  /** Motif's own generated demo set (tunes, renderings, drawn stills), for a first run offline. */
  importDemo(): Promise<JobRecord | null> {
    return this.#folders.importDemo();
  }

  rescan(folderId?: number): Promise<JobRecord | null> {
    return this.#folders.rescan(folderId);
  }

  removeFolder(id: number): Promise<boolean> {
    return this.#folders.removeFolder(id);
  }

  dismissImport(): void {
    this.#folders.dismissImport();
  }
}
