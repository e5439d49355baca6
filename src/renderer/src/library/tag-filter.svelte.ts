/**
 * The Library's tag filter: the tags in use (from `library.tags`, with counts) and the chosen
 * ones. Several chosen tags mean items carrying all of them (the engine's `tags` filter); tags
 * compare case-insensitively, like the catalogue's.
 */
import type { MotifClient } from '../../../shared/api';
import type { MediaKind } from '../../../shared/catalogue';

export interface TagCount {
  name: string;
  count: number;
}

/** The engine accepts at most this many tags in one filter. */
export const MAX_FILTER_TAGS = 20;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class TagFilter {
  /** Tags in use (of the current kind), most used first. */
  available = $state.raw<TagCount[]>([]);
  /** Chosen tags, in the order they were added. */
  selected = $state.raw<string[]>([]);
  /** Why the tag list could not be loaded, if it could not. */
  error = $state<string | null>(null);

  /** Tags that can still be added (not chosen yet). */
  options = $derived(this.available.filter((tag) => !this.selected.some((s) => same(s, tag.name))));
  active = $derived(this.selected.length > 0);

  readonly #client: MotifClient;
  readonly #onChange: () => void;
  #loads = 0;

  constructor(client: MotifClient, onChange: () => void) {
    this.#client = client;
    this.#onChange = onChange;
  }

  /** Loads the tags in use (only those on items of `kind` when given). */
  async load(kind?: MediaKind): Promise<void> {
    const load = ++this.#loads;
    try {
      const tags = await this.#client.call('library.tags', kind === undefined ? {} : { kind });
      if (load !== this.#loads) return;
      this.available = tags;
      this.error = null;
    } catch (error) {
      if (load === this.#loads) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  isSelected(tag: string): boolean {
    return this.selected.some((s) => same(s, tag));
  }

  /** Adds a tag to the filter (a tag already chosen, in any case, is not added twice). */
  add(tag: string): boolean {
    const name = tag.trim();
    if (name === '' || this.isSelected(name) || this.selected.length >= MAX_FILTER_TAGS) return false;
    this.selected = [...this.selected, name];
    this.#onChange();
    return true;
  }

  remove(tag: string): boolean {
    const kept = this.selected.filter((s) => !same(s, tag));
    if (kept.length === this.selected.length) return false;
    this.selected = kept;
    this.#onChange();
    return true;
  }

  /** Replaces the chosen tags at once (one new listing, not one per tag). */
  set(tags: readonly string[]): void {
    const next: string[] = [];
    for (const raw of tags) {
      const name = raw.trim();
      if (name !== '' && !next.some((s) => same(s, name)) && next.length < MAX_FILTER_TAGS) next.push(name);
    }
    if (next.length === this.selected.length && next.every((t, i) => t === this.selected[i])) return;
    this.selected = next;
    this.#onChange();
  }

  clear(): void {
    if (this.selected.length === 0) return;
    this.selected = [];
    this.#onChange();
  }
}
