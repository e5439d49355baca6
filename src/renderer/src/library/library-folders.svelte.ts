/** The Library's folders, the imports and rescans run on them, and the last finished import's report. */
import type { MotifClient } from '../../../shared/api';
import type { LibraryFolder } from '../../../shared/catalogue';
import type { JobRecord } from '../../../shared/jobs';
import { coalesce } from '../lib/coalesce';
import type { ReportError } from '../state/toasts.svelte';
import { finishedImport, type FinishedImport } from './import-report';

export class LibraryFolders {
  folders = $state.raw<LibraryFolder[]>([]);
  foldersLoaded = $state(false);
  /** The last import or rescan that finished, until dismissed. */
  lastImport = $state.raw<FinishedImport | null>(null);
  importing = $state(false);

  readonly #client: MotifClient;
  readonly #report: ReportError;
  /** Refetches the results on screen (after a folder is removed). */
  readonly #refresh: () => void;
  // Bookkeeping, never rendered: a plain collection.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #reportedJobs = new Set<number>();

  constructor(client: MotifClient, report: ReportError, refresh: () => void) {
    this.#client = client;
    this.#report = report;
    this.#refresh = refresh;
  }

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
      this.#refresh();
      return true;
    } catch (error) {
      this.#report('Could not remove the folder', error);
      return false;
    }
  }

  dismissImport(): void {
    this.lastImport = null;
  }

  /** Records a newly finished import; true when it was one (the caller then refreshes the results). */
  onJob(job: JobRecord): boolean {
    const finished = finishedImport(job);
    if (!finished || this.#reportedJobs.has(job.id)) return false;
    this.#reportedJobs.add(job.id);
    this.lastImport = finished;
    void this.loadFolders();
    return true;
  }
}
