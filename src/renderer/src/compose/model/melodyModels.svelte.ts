/**
 * The melody models the studio can generate with: the `melody-lstm` versions of the catalogue
 * (newest first), which one is chosen (remembered in localStorage; the newest when nothing, or a
 * deleted one, was chosen), their training details and n-gram comparison, comparing two, and
 * evaluation jobs.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { MotifClient } from '../../../../shared/api';
import type { JobRecord } from '../../../../shared/jobs';
import type { MelodyModelDetails } from '../../../../shared/melody';
import type { ModelVersion } from '../../../../shared/models';
import type { JobsStore } from '../../state/jobs.svelte';
import type { ModelsStore } from '../../state/models.svelte';
import { readStoredId, type KeyValueStorage } from '../../state/profiles.svelte';
import type { ReportError } from '../../state/toasts.svelte';

export const MELODY_MODEL_KIND = 'melody-lstm';
export const CHOSEN_MODEL_KEY = 'motif.melodyModel';

export class MelodyModels {
  #chosen = $state<number | null>(null);
  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #models: ModelsStore;
  readonly #jobs: JobsStore;
  readonly #storage: KeyValueStorage | null;

  /** melody-lstm versions, newest first. */
  readonly list: ModelVersion[] = $derived.by(() => this.#models.items.filter((m) => m.kind === MELODY_MODEL_KIND));
  /** The model Generate uses: the chosen one while it exists, else the newest. */
  readonly selected: ModelVersion | null = $derived(
    this.list.find((m) => m.id === this.#chosen) ?? this.list[0] ?? null,
  );
  details = $state.raw<Readonly<Record<number, MelodyModelDetails>>>({});
  detailsError = $state.raw<Readonly<Record<number, string>>>({});
  readonly loadingDetails = new SvelteSet<number>();
  /** Up to two model ids shown side by side. */
  comparing = $state.raw<readonly number[]>([]);
  /** Evaluation job ids by model id (the latest one asked for). */
  evaluations = $state.raw<Readonly<Record<number, number>>>({});
  readonly startingEvaluation = new SvelteSet<number>();

  constructor(
    client: MotifClient,
    report: ReportError,
    models: ModelsStore,
    jobs: JobsStore,
    storage: KeyValueStorage | null,
  ) {
    this.#client = client;
    this.#report = report;
    this.#models = models;
    this.#jobs = jobs;
    this.#storage = storage;
    this.#chosen = readStoredId(storage, CHOSEN_MODEL_KEY);
  }

  get loaded(): boolean {
    return this.#models.loaded;
  }

  isDeleting(id: number): boolean {
    return this.#models.deleting.has(id);
  }

  /** Makes `id` the model Generate uses, and remembers it. */
  select(id: number): void {
    this.#chosen = id;
    try {
      this.#storage?.setItem(CHOSEN_MODEL_KEY, String(id));
    } catch {
      // Private mode or a full quota: the choice lasts this session only.
    }
  }

  /** Loads a model's history and n-gram scores once (or again with `force`). */
  async loadDetails(id: number, force = false): Promise<MelodyModelDetails | null> {
    if (!force && (this.details[id] || this.loadingDetails.has(id))) return this.details[id] ?? null;
    this.loadingDetails.add(id);
    try {
      const details = await this.#client.call('melody.modelDetails', { modelId: id });
      this.details = { ...this.details, [id]: details };
      const { [id]: _gone, ...rest } = this.detailsError;
      this.detailsError = rest;
      return details;
    } catch (error) {
      this.detailsError = { ...this.detailsError, [id]: error instanceof Error ? error.message : String(error) };
      return null;
    } finally {
      this.loadingDetails.delete(id);
    }
  }

  /** Adds a model to the comparison (the oldest of two leaves), or takes it out. */
  toggleCompare(id: number): void {
    if (this.comparing.includes(id)) {
      this.comparing = this.comparing.filter((other) => other !== id);
      return;
    }
    this.comparing = [...this.comparing, id].slice(-2);
    for (const other of this.comparing) void this.loadDetails(other);
  }

  async delete(id: number): Promise<boolean> {
    const removed = await this.#models.delete(id);
    if (removed) {
      this.comparing = this.comparing.filter((other) => other !== id);
      if (this.#chosen === id) {
        this.#chosen = null;
        try {
          this.#storage?.setItem(CHOSEN_MODEL_KEY, '');
        } catch {
          // Nothing remembered; the newest model is used.
        }
      }
    }
    return removed;
  }

  /** Starts a held-out evaluation of the model against the n-gram baselines, as a job. */
  async evaluate(id: number): Promise<JobRecord | null> {
    this.startingEvaluation.add(id);
    try {
      const job = await this.#client.call('melody.evaluate', { modelId: id });
      this.#jobs.apply(job);
      this.evaluations = { ...this.evaluations, [id]: job.id };
      return job;
    } catch (error) {
      this.#report('Could not start the evaluation', error);
      return null;
    } finally {
      this.startingEvaluation.delete(id);
    }
  }

  /** A finished evaluation may have rescored the model: its details are loaded again. */
  onJobFinished(job: JobRecord): void {
    if (job.kind !== 'melody-eval') return;
    for (const [modelId, jobId] of Object.entries(this.evaluations)) {
      if (jobId === job.id && job.state === 'done') void this.loadDetails(Number(modelId), true);
    }
  }

  /** The latest evaluation job of a model, as the jobs list knows it. */
  evaluationOf(id: number): JobRecord | null {
    const jobId = this.evaluations[id];
    return jobId === undefined ? null : (this.#jobs.get(jobId) ?? null);
  }
}
