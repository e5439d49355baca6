/**
 * The Train tab's state: the run's options (architecture, aspect, epochs, time budget,
 * augmentation), the `stills-train` job once started (progress, cancel, a live per-epoch
 * loss/accuracy series from its progress metrics) and the model version it saved.
 */
import type { MotifClient } from '../../../shared/api';
import { isFinished, type JobRecord } from '../../../shared/jobs';
import type { StillsArchitecture, StillsAspect, StillsTrainOptions } from '../../../shared/stills';
import { FollowedJob } from '../state/followed-job.svelte';
import type { JobsStore } from '../state/jobs.svelte';
import type { ReportError } from '../state/toasts.svelte';
import { addEpoch, EMPTY_EPOCHS, type EpochSeries } from './chart';
import { trainedModelId } from './reports';

export const TRAIN_JOB_KIND = 'stills-train';

export const ARCHITECTURES: Record<StillsArchitecture, { label: string; detail: string }> = {
  transfer: {
    label: 'Transfer',
    detail: 'A small classifier on MobileNet features. Fast, and good with tens of stills per class.',
  },
  scratch: {
    label: 'From scratch',
    detail: 'A small CNN trained on your stills alone. No download; needs many more stills and time.',
  },
};

export const ASPECTS: Record<StillsAspect, { label: string; detail: string }> = {
  crop: { label: 'Centre crop', detail: 'Fills the square; the sides of a wide frame are cut off.' },
  pad: {
    label: 'Letterbox',
    detail: 'Keeps the whole frame and pads it to a square with bars, as on a TV: nothing is cut off.',
  },
};

export class StillsTrainer {
  architecture = $state<StillsArchitecture>('transfer');
  aspect = $state<StillsAspect>('crop');
  epochs = $state(20);
  /** Minutes; null for no budget. */
  maxMinutes = $state<number | null>(10);
  augment = $state(true);
  name = $state('');

  series = $state.raw<EpochSeries>(EMPTY_EPOCHS);
  plannedEpochs = $state(20);

  get starting(): boolean {
    return this.#run.starting;
  }
  get startError(): string | null {
    return this.#run.startError;
  }
  get jobId(): number | null {
    return this.#run.id;
  }
  get job(): JobRecord | null {
    return this.#run.job;
  }
  get running(): boolean {
    return this.#run.running;
  }
  readonly modelId: number | null = $derived(trainedModelId(this.job));
  /** Why Train is disabled, in words; null when it can start. */
  readonly problem: string | null = $derived.by(() => {
    if (this.running) return 'A model is training.';
    if (!Number.isInteger(this.epochs) || this.epochs < 1 || this.epochs > 1000) return 'Epochs: 1 to 1000.';
    if (this.maxMinutes !== null && !(this.maxMinutes > 0)) return 'Time budget: more than 0 minutes, or blank.';
    return null;
  });

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #run: FollowedJob;
  readonly #trained: (modelId: number, job: JobRecord) => void;
  #defaults = false;

  constructor(client: MotifClient, report: ReportError, jobs: JobsStore, trained: (modelId: number, job: JobRecord) => void) {
    this.#client = client;
    this.#report = report;
    this.#run = new FollowedJob(jobs);
    this.#trained = trained;
  }

  /** Epochs and time budget from Settings, once (what the user changes here stays). */
  async loadDefaults(): Promise<void> {
    if (this.#defaults) return;
    try {
      const { settings } = await this.#client.call('settings.get', {});
      if (this.#defaults || this.jobId !== null) return;
      this.#defaults = true;
      this.epochs = settings.stillsTraining.epochs;
      this.maxMinutes = settings.stillsTraining.maxMinutes;
    } catch (error) {
      this.#report('Could not read the default training budget', error);
    }
  }

  /** The options the next run sends. */
  options(datasetId: number): StillsTrainOptions {
    const name = this.name.trim();
    return {
      datasetId,
      architecture: this.architecture,
      aspect: this.aspect,
      epochs: this.epochs,
      augment: this.augment,
      ...(this.maxMinutes === null ? {} : { maxMinutes: this.maxMinutes }),
      ...(name === '' ? {} : { name }),
    };
  }

  /** Train on a dataset with these options (or `override`, e.g. the review's quick retrain). */
  async start(datasetId: number, override?: Partial<StillsTrainOptions>): Promise<JobRecord | null> {
    if (this.starting || this.running) return null;
    const options = { ...this.options(datasetId), ...override };
    this.series = EMPTY_EPOCHS;
    this.plannedEpochs = options.epochs ?? this.epochs;
    return this.#run.start(
      () => this.#client.call('stills.train', options),
      (job) => this.#onJob(job),
    );
  }

  cancel(): Promise<void> {
    return this.#run.cancel();
  }

  /** Forget a finished run (back to the options). */
  dismiss(): void {
    if (this.#run.dismiss()) this.series = EMPTY_EPOCHS;
  }

  /** The epochs as the saved model recorded them replace the live ones. */
  useHistory(history: EpochSeries): void {
    if (history.length > 0) this.series = history;
  }

  subscribe(): () => void {
    return this.#client.on('job.updated', (job) => this.#onJob(job));
  }

  /** Picks up a training job already running (started before the lab opened, or by the CLI). */
  follow(jobs: readonly JobRecord[]): void {
    if (this.jobId !== null) return;
    const running = jobs.find((job) => job.kind === TRAIN_JOB_KIND && !isFinished(job.state));
    if (running) this.#onJob(running);
  }

  #onJob(job: JobRecord): void {
    if (job.kind !== TRAIN_JOB_KIND) return;
    if (job.id !== this.jobId) {
      if (isFinished(job.state) || this.running || this.starting) return;
      this.#run.id = job.id;
      this.series = EMPTY_EPOCHS;
      this.plannedEpochs = typeof job.params.epochs === 'number' ? job.params.epochs : this.epochs;
    }
    this.series = addEpoch(this.series, job.progress);
    if (job.state === 'done' && this.#run.once(job.id)) {
      const id = trainedModelId(job);
      if (id !== null) this.#trained(id, job);
    }
  }
}
