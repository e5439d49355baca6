/**
 * Keeps the Library in step with the main process: catalogue and profile changes reload what
 * they touch, a burst of catalogue changes refreshes the results once it settles, and a finished
 * import or rescan refreshes them at once.
 */
import type { MotifClient } from '../../../shared/api';
import type { JobRecord } from '../../../shared/jobs';
import type { ActiveProfile } from './library-options';

export interface LibrarySyncHooks {
  /** Quiet time after the last catalogue change before the results refresh. */
  refreshDelayMs: number;
  /** The current filters' first page has arrived. */
  loaded: () => boolean;
  /** Refetches what is on screen, keeping it visible until the replacements arrive. */
  refresh: () => void;
  /** Starts the results over, page 0 first. */
  reload: () => void;
  loadRatings: () => Promise<void>;
  loadFolders: () => Promise<void>;
  loadTags: () => Promise<void>;
  /** Takes an updated job; true when it finished an import worth refreshing for. */
  onJob: (job: JobRecord) => boolean;
  /** Cancels the other parts' pending timers (the search debounce, page fetches). */
  clearTimers: () => void;
}

export class LibrarySync {
  readonly #client: MotifClient;
  readonly #profiles: ActiveProfile;
  readonly #hooks: LibrarySyncHooks;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(client: MotifClient, profiles: ActiveProfile, hooks: LibrarySyncHooks) {
    this.#client = client;
    this.#profiles = profiles;
    this.#hooks = hooks;
  }

  /** Listens to catalogue, import and profile changes and loads the first page; returns the undo. */
  connect(): () => void {
    const hooks = this.#hooks;
    const stops = [
      this.#client.on('catalogue.changed', ({ table }) => {
        if (table === 'media' || table === 'tags') {
          this.scheduleRefresh();
          void hooks.loadTags();
        } else if (table === 'ratings') void hooks.loadRatings();
      }),
      this.#profiles.onChange(() => void hooks.loadRatings()),
    ];
    void hooks.loadFolders();
    void hooks.loadRatings();
    void hooks.loadTags();
    // Coming back to the Library: refetch what was on screen without flashing empty cards.
    if (hooks.loaded()) hooks.refresh();
    else hooks.reload();
    return () => {
      for (const stop of stops) stop();
      hooks.clearTimers();
      this.#cancelRefresh();
    };
  }

  /** Keeps the last finished import's report, and refreshes the results when one finishes. */
  watchImports(): () => void {
    return this.#client.on('job.updated', (job) => {
      if (!this.#hooks.onJob(job)) return;
      this.#cancelRefresh();
      this.#hooks.refresh();
    });
  }

  /** Refresh after a burst of catalogue changes has settled. */
  scheduleRefresh(): void {
    this.#cancelRefresh();
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      this.#hooks.refresh();
    }, this.#hooks.refreshDelayMs);
  }

  #cancelRefresh(): void {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
  }
}
