/**
 * The Library's results as a bounded cache of `library.list` pages, fetched as rows scroll into
 * view. Any change of query or filters starts a new "generation": pages of older generations that
 * arrive late are dropped.
 */
import type { ApiInput, MotifClient } from '../../../shared/api';
import type { MediaItem } from '../../../shared/catalogue';
import type { ReportError } from '../state/toasts.svelte';
import { ID_SCAN_PAGE } from './library-options';
import { PageCache } from './page-cache';
import { pagesFor } from './windowing';

export interface LibraryPagesOptions {
  pageSize: number;
  maxPages: number;
  prefetchPages: number;
  fetchIntervalMs: number;
  /** The `library.list` input for one page under the current filters. */
  listParams: (offset: number, limit?: number) => ApiInput<'library.list'>;
}

export class LibraryPages {
  /** Items matching the current filters. */
  total = $state(0);
  /** The current filters' first page has arrived. */
  loaded = $state(false);

  readonly pageSize: number;
  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #listParams: LibraryPagesOptions['listParams'];
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
  /** Bumped whenever cached pages change; item reads depend on it. */
  #version = $state(0);

  constructor(client: MotifClient, report: ReportError, options: LibraryPagesOptions) {
    this.#client = client;
    this.#report = report;
    this.pageSize = options.pageSize;
    this.#cache = new PageCache(options.maxPages);
    this.#prefetch = options.prefetchPages;
    this.#fetchIntervalMs = options.fetchIntervalMs;
    this.#listParams = options.listParams;
  }

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
  }

  #fetchPage(page: number): Promise<MediaItem[] | null> {
    const existing = this.#inflight.get(page);
    if (existing) return existing;
    const generation = this.#generation;
    const request = this.#client
      .call('library.list', this.#listParams(page * this.pageSize))
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
      const { items } = await this.#client.call('library.list', this.#listParams(index, limit));
      if (generation !== this.#generation || items.length === 0) break;
      for (const item of items) ids.push(item.id);
      index += items.length;
    }
    return ids;
  }

  /** Replaces cached items that `pick` returns a newer version of. */
  patch(pick: (item: MediaItem) => MediaItem | undefined): void {
    const changed = this.#cache.patch(pick) || (this.#stale?.patch(pick) ?? false);
    if (changed) this.#version += 1;
  }

  clearTimers(): void {
    if (this.#fetchTimer !== null) clearTimeout(this.#fetchTimer);
    this.#fetchTimer = null;
  }
}
