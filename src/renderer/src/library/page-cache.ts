/**
 * A bounded cache of `library.list` pages, least recently used first out. Pages the window is
 * showing are pinned and never evicted, so the cache can only grow past its bound while more
 * pages than that are on screen at once.
 */
export class PageCache<T> {
  readonly maxPages: number;
  // Insertion order is recency order: a get or set moves the page to the end.
  readonly #pages = new Map<number, T[]>();

  constructor(maxPages: number) {
    if (!(maxPages >= 1)) throw new RangeError('a page cache holds at least one page');
    this.maxPages = Math.floor(maxPages);
  }

  get size(): number {
    return this.#pages.size;
  }

  has(page: number): boolean {
    return this.#pages.has(page);
  }

  /** Reads a page without making it recent (rendering reads every visible page on each frame). */
  peek(page: number): T[] | undefined {
    return this.#pages.get(page);
  }

  /** Reads a page and marks it most recently used. */
  get(page: number): T[] | undefined {
    const items = this.#pages.get(page);
    if (items !== undefined) {
      this.#pages.delete(page);
      this.#pages.set(page, items);
    }
    return items;
  }

  /** Stores a page, then evicts the least recently used unpinned pages beyond the bound. */
  set(page: number, items: T[], pinned: ReadonlySet<number> = new Set()): number[] {
    this.#pages.delete(page);
    this.#pages.set(page, items);
    return this.evict(pinned);
  }

  evict(pinned: ReadonlySet<number> = new Set()): number[] {
    const evicted: number[] = [];
    for (const key of this.#pages.keys()) {
      if (this.#pages.size <= this.maxPages) break;
      if (pinned.has(key)) continue;
      this.#pages.delete(key);
      evicted.push(key);
    }
    return evicted;
  }

  /** Replaces items in place (e.g. after tagging) wherever `pick` finds a newer version. */
  patch(pick: (item: T) => T | undefined): boolean {
    let changed = false;
    for (const [page, items] of this.#pages) {
      let copy: T[] | null = null;
      items.forEach((item, i) => {
        const next = pick(item);
        if (next !== undefined && next !== item) {
          copy ??= [...items];
          copy[i] = next;
        }
      });
      if (copy) {
        this.#pages.set(page, copy);
        changed = true;
      }
    }
    return changed;
  }

  pages(): number[] {
    return [...this.#pages.keys()];
  }

  clear(): void {
    this.#pages.clear();
  }
}
