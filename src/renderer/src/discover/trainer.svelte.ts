/**
 * Training the recommender from Discover: starts `recs.train` (k-fold cross-validation against
 * Surprise's SVD, then a fit on every rating) and follows the job through the studio's jobs
 * store; the recommender's model versions come from the models store.
 */
import type { MotifClient } from '../../../shared/api';
import { isFinished, type JobRecord } from '../../../shared/jobs';
import type { ModelVersion } from '../../../shared/models';
import type { JobsStore } from '../state/jobs.svelte';
import type { ModelsStore } from '../state/models.svelte';
import type { ReportError } from '../state/toasts.svelte';

export const RECS_MODEL_KIND = 'recs-mf';

export class RecsTrainer {
  starting = $state(false);
  /** The training job started (or last seen running) here, kept on screen until it is done. */
  #jobId = $state<number | null>(null);

  /** Recommender versions, newest first. */
  versions: ModelVersion[] = $derived.by(() => this.models.items.filter((model) => model.kind === RECS_MODEL_KIND));
  latest = $derived<ModelVersion | null>(this.versions[0] ?? null);
  /** A running training job (from here, the CLI or another window), else the one started here. */
  job: JobRecord | null = $derived.by(
    () =>
      this.jobs.items.find((job) => job.kind === 'recs-train' && !isFinished(job.state)) ??
      (this.#jobId === null ? null : (this.jobs.get(this.#jobId) ?? null)),
  );
  running = $derived(this.job !== null && !isFinished(this.job.state));

  readonly jobs: JobsStore;
  readonly models: ModelsStore;
  readonly #client: MotifClient;
  readonly #report: ReportError;

  constructor(client: MotifClient, report: ReportError, jobs: JobsStore, models: ModelsStore) {
    this.#client = client;
    this.#report = report;
    this.jobs = jobs;
    this.models = models;
  }

  /** The version with this id, if it is a recommender. */
  version(id: number | null): ModelVersion | null {
    return id === null ? null : (this.versions.find((model) => model.id === id) ?? null);
  }

  /** Starts a training job with the engine's defaults (5 folds, compared with SVD). */
  async train(): Promise<JobRecord | null> {
    if (this.starting || this.running) return null;
    this.starting = true;
    try {
      const job = await this.#client.call('recs.train', {});
      this.jobs.apply(job);
      this.#jobId = job.id;
      return job;
    } catch (error) {
      this.#report('Could not start training the recommender', error);
      return null;
    } finally {
      this.starting = false;
    }
  }

  cancel(): void {
    if (this.job && !isFinished(this.job.state)) void this.jobs.cancel(this.job.id);
  }

  /** Hides a finished (failed or cancelled) job's row. */
  dismissJob(): void {
    this.#jobId = null;
  }

  async deleteVersion(id: number): Promise<boolean> {
    return this.models.delete(id);
  }
}
