/** The Library's search text (as typed and as applied, after a debounce) and its kind and missing-file filters. */
import type { KindFilter } from './library-options';

export interface LibraryQueryHooks {
  /** Quiet time after typing before the search runs. */
  debounceMs: number;
  /** Starts the results over under the new filters. */
  restart: () => void;
  /** Loads the tags in use for the current kind. */
  loadTags: () => Promise<void>;
}

export class LibraryQuery {
  /** The search box's text, as typed. */
  query = $state('');
  /** The search that the results reflect (after the debounce). */
  appliedQuery = $state('');
  kind = $state<KindFilter>('all');
  includeMissing = $state(false);

  readonly #hooks: LibraryQueryHooks;
  #queryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(hooks: LibraryQueryHooks) {
    this.#hooks = hooks;
  }

  /** Updates the search text; the search runs once typing pauses. */
  setQuery(text: string): void {
    this.query = text;
    if (this.#queryTimer !== null) clearTimeout(this.#queryTimer);
    this.#queryTimer = setTimeout(() => {
      this.#queryTimer = null;
      this.applyQuery();
    }, this.#hooks.debounceMs);
  }

  /** Runs the typed search now (Enter), skipping the debounce. */
  applyQuery(): void {
    if (this.#queryTimer !== null) clearTimeout(this.#queryTimer);
    this.#queryTimer = null;
    if (this.query.trim() === this.appliedQuery.trim()) return;
    this.appliedQuery = this.query;
    this.#hooks.restart();
  }

  clearQuery(): void {
    this.query = '';
    this.applyQuery();
  }

  setKind(kind: KindFilter): void {
    if (kind === this.kind) return;
    this.kind = kind;
    void this.#hooks.loadTags();
    this.#hooks.restart();
  }

  setIncludeMissing(include: boolean): void {
    if (include === this.includeMissing) return;
    this.includeMissing = include;
    this.#hooks.restart();
  }

  clearTimer(): void {
    if (this.#queryTimer !== null) clearTimeout(this.#queryTimer);
    this.#queryTimer = null;
  }
}
