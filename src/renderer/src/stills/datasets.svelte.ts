/**
 * Stills datasets: the list with per-class counts, importing a folder of class subfolders as a
 * `stills-import` job (and its report), and the edits a person makes to a dataset (name, class
 * order, an added class, delete). Also the backbone's status from Settings and its download job.
 */
import type { MotifClient } from '../../../shared/api';
import { isFinished, type JobRecord } from '../../../shared/jobs';
import { BACKBONE, type BackboneStatus } from '../../../shared/settings';
import type { StillsDataset } from '../../../shared/stills';
import { coalesce } from '../lib/coalesce';
import { FollowedJob } from '../state/followed-job.svelte';
import type { JobsStore } from '../state/jobs.svelte';
import type { Notify, ReportError } from '../state/toasts.svelte';
import { importReport } from './reports';

export class StillsDatasets {
  items = $state.raw<StillsDataset[]>([]);
  loaded = $state(false);
  /** The dataset shown; null when there is none. */
  selectedId = $state<number | null>(null);

  /** The import job started here (or seen running). */
  get importJobId(): number | null {
    return this.#import.id;
  }
  /** The importDataset call is in flight. */
  get importing(): boolean {
    return this.#import.starting;
  }
  get importError(): string | null {
    return this.#import.startError;
  }

  backbone = $state.raw<BackboneStatus | null>(null);
  get downloadJobId(): number | null {
    return this.#download.id;
  }
  /** An update call is in flight (class order, added class, rename). */
  saving = $state(false);
  deleting = $state(false);

  readonly selected: StillsDataset | null = $derived(this.items.find((d) => d.id === this.selectedId) ?? null);
  get importJob(): JobRecord | null {
    return this.#import.job;
  }
  get importRunning(): boolean {
    return this.#import.running;
  }
  readonly report = $derived(importReport(this.importJob));
  get downloadJob(): JobRecord | null {
    return this.#download.job;
  }
  get downloading(): boolean {
    return this.#download.running;
  }

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #notify: Notify;
  readonly #jobs: JobsStore;
  readonly #import: FollowedJob;
  readonly #download: FollowedJob;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  readonly #handled = new Set<number>();

  /** Told whenever the dataset shown changes (picked, imported, the shown one deleted). */
  readonly #onSelected: (id: number | null) => void;

  constructor(
    client: MotifClient,
    report: ReportError,
    notify: Notify,
    jobs: JobsStore,
    onSelected: (id: number | null) => void = () => {},
  ) {
    this.#client = client;
    this.#report = report;
    this.#notify = notify;
    this.#jobs = jobs;
    this.#import = new FollowedJob(jobs);
    this.#download = new FollowedJob(jobs);
    this.#onSelected = onSelected;
  }

  #choose(id: number | null): void {
    if (id === this.selectedId) return;
    this.selectedId = id;
    this.#onSelected(id);
  }

  readonly load: () => Promise<void> = coalesce(async () => {
    try {
      const items = await this.#client.call('stills.datasets', {});
      this.items = items;
      this.loaded = true;
      if (this.selectedId === null || !items.some((d) => d.id === this.selectedId)) {
        this.#choose(items[0]?.id ?? null);
      }
    } catch (error) {
      this.#report('Could not load the stills datasets', error);
    }
  });

  async loadBackbone(): Promise<void> {
    try {
      this.backbone = (await this.#client.call('settings.get', {})).backbone;
    } catch (error) {
      this.#report('Could not read the backbone status', error);
    }
  }

  select(id: number): void {
    this.#choose(id);
  }

  /** Import (or re-import) a folder of class subfolders; resolves true once the job has started. */
  async importFolder(path: string, name?: string): Promise<boolean> {
    const trimmed = name?.trim() ?? '';
    const job = await this.#import.start(
      () => this.#client.call('stills.importDataset', { path, ...(trimmed === '' ? {} : { name: trimmed }) }),
      (started) => this.#onJob(started),
    );
    return job !== null;
  }

  cancelImport(): Promise<void> {
    return this.#import.cancel();
  }

  /** Forget the last import's report. */
  dismissReport(): void {
    this.#import.dismiss();
  }

  async downloadBackbone(): Promise<void> {
    try {
      const job = await this.#client.call('stills.downloadBackbone', { backbone: BACKBONE.folderName });
      this.#download.id = job.id;
      this.#jobs.apply(job);
    } catch (error) {
      this.#report('Could not start the backbone download', error);
    }
  }

  async #update(action: string, input: { classOrder?: string[] | null; addClass?: string; name?: string }): Promise<boolean> {
    const dataset = this.selected;
    if (!dataset) return false;
    this.saving = true;
    try {
      const updated = await this.#client.call('stills.updateDataset', { datasetId: dataset.id, ...input });
      this.replace(updated);
      return true;
    } catch (error) {
      this.#report(action, error);
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** Mark the classes as ordered (e.g. shot scale, closest first), or unordered with null. */
  setClassOrder(order: string[] | null): Promise<boolean> {
    return this.#update('Could not save the class order', { classOrder: order });
  }

  addClass(label: string): Promise<boolean> {
    return this.#update(`Could not add the class "${label}"`, { addClass: label.trim() });
  }

  rename(name: string): Promise<boolean> {
    return this.#update('Could not rename the dataset', { name: name.trim() });
  }

  async remove(id: number): Promise<void> {
    this.deleting = true;
    try {
      await this.#client.call('stills.deleteDataset', { datasetId: id });
      const name = this.items.find((d) => d.id === id)?.name ?? 'The dataset';
      this.items = this.items.filter((d) => d.id !== id);
      if (this.selectedId === id) this.#choose(this.items[0]?.id ?? null);
      this.#notify('Dataset removed', `${name} is gone from the lab; its stills stay in the library.`);
    } catch (error) {
      this.#report('Could not delete the dataset', error);
    } finally {
      this.deleting = false;
    }
  }

  /** A dataset as an update answered it (or a fresh count). */
  replace(dataset: StillsDataset): void {
    this.items = this.items.some((d) => d.id === dataset.id)
      ? this.items.map((d) => (d.id === dataset.id ? dataset : d))
      : [...this.items, dataset];
  }

  /** Copy the dataset out as class subfolders with its current labels. */
  async exportTo(path: string): Promise<boolean> {
    const dataset = this.selected;
    if (!dataset) return false;
    try {
      const done = await this.#client.call('stills.exportDataset', { datasetId: dataset.id, path });
      this.#notify('Dataset exported', `${done.files.toLocaleString()} stills written to ${done.path}`);
      return true;
    } catch (error) {
      this.#report('Could not export the dataset', error);
      return false;
    }
  }

  /** Follows import and backbone-download jobs; the returned function stops. */
  subscribe(): () => void {
    return this.#client.on('job.updated', (job) => this.#onJob(job));
  }

  #onJob(job: JobRecord): void {
    if (job.kind === 'stills-import') {
      if (this.importJobId === null && !isFinished(job.state)) this.#import.id = job.id;
      if (job.id !== this.importJobId || !isFinished(job.state) || this.#handled.has(job.id)) return;
      this.#handled.add(job.id);
      const report = importReport(job);
      void this.load().then(() => {
        if (report && this.items.some((d) => d.id === report.datasetId)) this.#choose(report.datasetId);
      });
    } else if (job.kind === 'backbone-download' && isFinished(job.state)) {
      if (!this.#handled.has(job.id)) {
        this.#handled.add(job.id);
        void this.loadBackbone();
      }
    } else if (job.kind === 'stills-train' && isFinished(job.state) && !this.#handled.has(job.id)) {
      // Training may have embedded stills or changed counts; reviewed counts come back fresh.
      this.#handled.add(job.id);
      void this.load();
    }
  }
}
