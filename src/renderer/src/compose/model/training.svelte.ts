/**
 * The training panel's state: which MIDI files to learn from (the whole library, chosen library
 * folders or tags) with a live count from `melody.corpus`, the run's settings, and the
 * `melody-train` job once started: its progress, a live loss/accuracy series, cancel, and what it
 * made. A training job started elsewhere (the CLI, another window) is followed too.
 */
import type { MotifClient } from '../../../../shared/api';
import type { LibraryFolder } from '../../../../shared/catalogue';
import { isFinished, type JobRecord } from '../../../../shared/jobs';
import type { MelodyCorpus, MelodyCorpusSummary } from '../../../../shared/melody';
import { FollowedJob } from '../../state/followed-job.svelte';
import type { JobsStore } from '../../state/jobs.svelte';
import type { ReportError } from '../../state/toasts.svelte';
import type { MelodyModels } from './melodyModels.svelte';
import { addProgress, EMPTY_SERIES, withHistory, type TrainingSeries } from './series';

export const TRAIN_JOB_KIND = 'melody-train';

export type CorpusMode = 'all' | 'folders' | 'tags';

export const MODEL_SIZES = {
  small: { label: 'Small', detail: '1 × 64', hiddenSizes: [64] },
  standard: { label: 'Standard', detail: '2 × 128', hiddenSizes: [128, 128] },
  large: { label: 'Large', detail: '2 × 256', hiddenSizes: [256, 256] },
} as const;
export type ModelSize = keyof typeof MODEL_SIZES;

/** What a finished training or evaluation run reports (its job's result). */
export interface TrainingOutcome {
  modelVersionId: number | null;
  lstmPerplexity: number | null;
  ngramPerplexity: number | null;
  perplexityRatio: number | null;
  beatsNgram: boolean | null;
  verdict: string | null;
  stoppedBy: string | null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function trainingOutcome(job: JobRecord): TrainingOutcome | null {
  if (job.state !== 'done' || !job.result) return null;
  const r = job.result;
  const lstm = num(r.lstmPerplexity);
  const ngram = num(r.ngramPerplexity);
  return {
    modelVersionId: num(r.modelVersionId),
    lstmPerplexity: lstm,
    ngramPerplexity: ngram,
    perplexityRatio: num(r.perplexityRatio),
    beatsNgram:
      typeof r.beatsNgram === 'boolean' || typeof r.beatsNgram === 'number'
        ? r.beatsNgram === true || r.beatsNgram === 1
        : lstm !== null && ngram !== null
          ? lstm < ngram
          : null,
    verdict: typeof r.verdict === 'string' ? r.verdict : null,
    stoppedBy: typeof r.stoppedBy === 'string' ? r.stoppedBy : null,
  };
}

/** "jazz, reels" → ["jazz", "reels"] (trimmed, no blanks or repeats). */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags.slice(0, 100);
}

export interface TrainingStoreOptions {
  /** Milliseconds to wait after a corpus change before counting it (typing tags). */
  summaryDelayMs?: number;
}

export class TrainingStore {
  corpusMode = $state<CorpusMode>('all');
  folderIds = $state.raw<readonly number[]>([]);
  tagsText = $state('');
  folders = $state.raw<LibraryFolder[]>([]);
  foldersLoaded = $state(false);

  summary = $state.raw<MelodyCorpusSummary | null>(null);
  summaryLoading = $state(false);
  summaryError = $state<string | null>(null);

  epochs = $state(20);
  /** Time budget in minutes; null for none. */
  maxMinutes = $state<number | null>(10);
  size = $state<ModelSize>('standard');
  name = $state('');

  get starting(): boolean {
    return this.#run.starting;
  }
  get startError(): string | null {
    return this.#run.startError;
  }
  /** The training job shown: the one started here, or one found running. */
  get jobId(): number | null {
    return this.#run.id;
  }
  series = $state.raw<TrainingSeries>(EMPTY_SERIES);
  /** Epochs the shown job plans (for the chart's x axis). */
  plannedEpochs = $state(20);

  readonly corpus: MelodyCorpus = $derived.by(() => {
    if (this.corpusMode === 'folders') return { folderIds: [...this.folderIds] };
    if (this.corpusMode === 'tags') return { tags: parseTags(this.tagsText) };
    return {};
  });
  get job(): JobRecord | null {
    return this.#run.job;
  }
  get running(): boolean {
    return this.#run.running;
  }
  readonly outcome: TrainingOutcome | null = $derived(this.job ? trainingOutcome(this.job) : null);
  /** Why Start is disabled, worded for the user; null when it can start. */
  readonly problem: string | null = $derived.by(() => {
    if (this.running) return 'A model is training.';
    if (this.corpusMode === 'folders' && this.folderIds.length === 0) return 'Choose at least one folder.';
    if (this.corpusMode === 'tags' && parseTags(this.tagsText).length === 0) return 'Enter at least one tag.';
    if (!Number.isInteger(this.epochs) || this.epochs < 1 || this.epochs > 1000) return 'Epochs: 1 to 1000.';
    if (this.maxMinutes !== null && !(this.maxMinutes > 0)) return 'Time budget: more than 0 minutes, or blank.';
    const summary = this.summary;
    if (summary && summary.files === 0) return 'No MIDI files in this selection.';
    if (summary && summary.heldOut === 0)
      return `Only ${summary.files} MIDI ${summary.files === 1 ? 'file' : 'files'}: at least 10 are needed (every 10th is held out to measure the model).`;
    return null;
  });

  readonly #client: MotifClient;
  readonly #report: ReportError;
  readonly #run: FollowedJob;
  readonly #models: MelodyModels;
  readonly #summaryDelayMs: number;
  #summaryTimer: ReturnType<typeof setTimeout> | null = null;
  #summaryRun = 0;

  constructor(
    client: MotifClient,
    report: ReportError,
    jobs: JobsStore,
    models: MelodyModels,
    options: TrainingStoreOptions = {},
  ) {
    this.#client = client;
    this.#report = report;
    this.#run = new FollowedJob(jobs);
    this.#models = models;
    this.#summaryDelayMs = options.summaryDelayMs ?? 250;
  }

  #defaultsApplied = false;

  /** Start from the budgets in Settings (once; what the user changes here stays). */
  async loadDefaults(): Promise<void> {
    if (this.#defaultsApplied) return;
    try {
      const { settings } = await this.#client.call('settings.get', {});
      if (this.#defaultsApplied || this.starting || this.jobId !== null) return;
      this.#defaultsApplied = true;
      this.epochs = settings.melodyTraining.epochs;
      this.maxMinutes = settings.melodyTraining.maxMinutes;
      this.size = settings.melodyTraining.size;
    } catch {
      // Without settings the built-in defaults stay.
    }
  }

  async loadFolders(): Promise<void> {
    try {
      this.folders = await this.#client.call('library.folders', {});
      this.foldersLoaded = true;
      const known = this.folders.map((f) => f.id);
      const kept = this.folderIds.filter((id) => known.includes(id));
      if (kept.length !== this.folderIds.length) this.setFolders(kept);
    } catch (error) {
      this.#report('Could not load library folders', error);
    }
  }

  setCorpusMode(mode: CorpusMode): void {
    if (mode === this.corpusMode) return;
    this.corpusMode = mode;
    if (mode === 'tags') void this.loadTags();
    this.scheduleSummary();
  }

  toggleFolder(id: number): void {
    this.setFolders(this.folderIds.includes(id) ? this.folderIds.filter((f) => f !== id) : [...this.folderIds, id]);
  }

  setFolders(ids: readonly number[]): void {
    this.folderIds = [...ids];
    this.scheduleSummary();
  }

  setTags(text: string): void {
    this.tagsText = text;
    this.scheduleSummary();
  }

  /** Tags on MIDI items in the library, most used first (the tag picker's suggestions). */
  tagOptions = $state.raw<ReadonlyArray<{ name: string; count: number }>>([]);

  async loadTags(): Promise<void> {
    try {
      this.tagOptions = await this.#client.call('library.tags', { kind: 'midi' });
    } catch (error) {
      this.#report('Could not load the library tags', error);
    }
  }

  /** Add or remove one tag in the chosen list. */
  toggleTag(name: string): void {
    const tags = parseTags(this.tagsText);
    const lower = name.toLowerCase();
    const next = tags.some((t) => t.toLowerCase() === lower) ? tags.filter((t) => t.toLowerCase() !== lower) : [...tags, name];
    this.setTags(next.join(', '));
  }

  /** Counts the corpus again after a short pause (typing); the latest request wins. */
  scheduleSummary(): void {
    if (this.#summaryTimer !== null) clearTimeout(this.#summaryTimer);
    this.#summaryTimer = setTimeout(() => {
      this.#summaryTimer = null;
      void this.refreshSummary();
    }, this.#summaryDelayMs);
  }

  async refreshSummary(): Promise<void> {
    const run = ++this.#summaryRun;
    const corpus = this.corpus;
    if ((corpus.folderIds?.length ?? 1) === 0 || (corpus.tags?.length ?? 1) === 0) {
      this.summary = null;
      this.summaryError = null;
      this.summaryLoading = false;
      return;
    }
    this.summaryLoading = true;
    try {
      const summary = await this.#client.call('melody.corpus', { corpus });
      if (run !== this.#summaryRun) return;
      this.summary = summary;
      this.summaryError = null;
    } catch (error) {
      if (run !== this.#summaryRun) return;
      this.summary = null;
      this.summaryError = error instanceof Error ? error.message : String(error);
    } finally {
      if (run === this.#summaryRun) this.summaryLoading = false;
    }
  }

  async start(): Promise<JobRecord | null> {
    if (this.problem !== null || this.starting) return null;
    this.series = EMPTY_SERIES;
    this.plannedEpochs = this.epochs;
    const name = this.name.trim();
    return this.#run.start(
      () =>
        this.#client.call('melody.train', {
          corpus: this.corpus,
          epochs: this.epochs,
          hiddenSizes: [...MODEL_SIZES[this.size].hiddenSizes],
          ...(this.maxMinutes === null ? {} : { maxMinutes: this.maxMinutes }),
          ...(name === '' ? {} : { name }),
        }),
      (job, previousId) => {
        // Not picked up from an event while the call was in flight: this run plans this.epochs.
        if (previousId !== job.id) this.plannedEpochs = this.epochs;
        this.#onUpdate(job);
      },
    );
  }

  cancel(): Promise<void> {
    return this.#run.cancel();
  }

  /** Forgets a finished run (back to the settings). */
  dismiss(): void {
    if (this.#run.dismiss()) this.series = EMPTY_SERIES;
  }

  /** Follows `job.updated` for melody training; the returned function stops. */
  subscribe(): () => void {
    return this.#client.on('job.updated', (job) => this.#onUpdate(job));
  }

  #follow(id: number, plannedEpochs: number, resetSeries = true): void {
    this.#run.id = id;
    this.plannedEpochs = plannedEpochs;
    if (resetSeries) this.series = EMPTY_SERIES;
  }

  #onUpdate(job: JobRecord): void {
    if (job.kind !== TRAIN_JOB_KIND) return;
    if (job.id !== this.jobId) {
      // Follow a run started elsewhere (or one whose start call has not answered yet), unless a
      // run is already being followed.
      if (isFinished(job.state) || (this.running && !this.starting)) return;
      const epochs = typeof job.params.epochs === 'number' ? job.params.epochs : this.epochs;
      this.#follow(job.id, epochs, !this.starting);
    }
    this.series = addProgress(this.series, job.progress);
    if (job.state === 'done' && this.#run.once(job.id)) {
      const id = trainingOutcome(job)?.modelVersionId;
      if (id !== null && id !== undefined) {
        this.#models.select(id);
        void this.#models.loadDetails(id).then((details) => {
          if (details && this.jobId === job.id) this.series = withHistory(this.series, details.history);
        });
      }
    }
  }
}
