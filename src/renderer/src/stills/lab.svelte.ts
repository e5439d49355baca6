/**
 * The Stills lab: datasets, the Label, Train, Evaluate, Review and Use tabs of the dataset shown,
 * and how they hang together (a finished training run lists and uses its model; a confusion cell
 * opens its stills in Review; moving stills refreshes the counts).
 */
import type { MotifClient } from '../../../shared/api';
import type { JobRecord } from '../../../shared/jobs';
import type { StillsDataset } from '../../../shared/stills';
import type { JobsStore } from '../state/jobs.svelte';
import type { KeyValueStorage } from '../state/profiles.svelte';
import type { Notify, ReportError } from '../state/toasts.svelte';
import { StillsClassifier } from './classify.svelte';
import { StillsDatasets } from './datasets.svelte';
import { classList, LabelBoard } from './labels.svelte';
import { StillsModels } from './models.svelte';
import { ReviewQueue } from './review.svelte';
import { StillsTrainer } from './trainer.svelte';

export const STILLS_TABS = ['label', 'train', 'evaluate', 'review', 'use'] as const;
export type StillsTab = (typeof STILLS_TABS)[number];

export const TAB_LABELS: Record<StillsTab, string> = {
  label: 'Label',
  train: 'Train',
  evaluate: 'Evaluate',
  review: 'Review',
  use: 'Use',
};

export interface StillsLabDeps {
  client: MotifClient;
  report: ReportError;
  notify: Notify;
  jobs: JobsStore;
  storage?: KeyValueStorage | null;
}

export class StillsLab {
  tab = $state<StillsTab>('label');

  readonly datasets: StillsDatasets;
  readonly labels: LabelBoard;
  readonly trainer: StillsTrainer;
  readonly models: StillsModels;
  readonly review: ReviewQueue;
  readonly classifier: StillsClassifier;

  readonly dataset: StillsDataset | null = $derived.by(() => this.datasets.selected);
  /** The classes of the dataset shown, in their order (class order, else largest first). */
  readonly classes: string[] = $derived.by(() => classList(this.datasets.selected).map((c) => c.label));

  readonly #client: MotifClient;
  readonly #jobs: JobsStore;
  readonly #notify: Notify;

  constructor(deps: StillsLabDeps) {
    const { client, report, notify, jobs } = deps;
    this.#client = client;
    this.#jobs = jobs;
    this.#notify = notify;
    this.datasets = new StillsDatasets(client, report, notify, jobs, () => void this.showDataset());
    this.labels = new LabelBoard(client, report, notify, () => this.datasets.load());
    this.models = new StillsModels(client, report, notify, deps.storage ?? null);
    this.trainer = new StillsTrainer(client, report, jobs, (id, job) => void this.#trained(id, job));
    this.review = new ReviewQueue(client, report);
    this.classifier = new StillsClassifier(client, jobs);
  }

  /** Subscribes to engine events and loads the lists; the returned function undoes it. */
  connect(): () => void {
    const stops = [
      this.datasets.subscribe(),
      this.trainer.subscribe(),
      // Versions made or removed elsewhere (the CLI, another window, an import).
      this.#client.on('catalogue.changed', ({ table }) => {
        if (table === 'models') void this.models.load();
      }),
    ];
    void this.datasets.loadBackbone();
    void this.trainer.loadDefaults();
    // The first load picks a dataset (and shows it); a lab that had one shows it afresh.
    const shown = this.datasets.selectedId;
    void this.datasets.load().then(() => {
      if (this.datasets.selectedId === shown) void this.showDataset();
    });
    this.trainer.follow(this.#jobs.items);
    return () => stops.forEach((stop) => stop());
  }

  /** Reads everything again (after the engine was away: events sent meanwhile are lost). */
  async refresh(): Promise<void> {
    await Promise.all([this.datasets.load(), this.datasets.loadBackbone()]);
    await this.showDataset();
  }

  /** Loads what the dataset shown needs (its class, its models); call when the selection changes. */
  async showDataset(): Promise<void> {
    const dataset = this.datasets.selected;
    this.review.setDataset(dataset?.id ?? null);
    await Promise.all([this.labels.show(dataset), this.models.show(dataset?.id ?? null)]);
  }

  select(id: number): void {
    this.datasets.select(id);
  }

  /** Train on the dataset shown with the options on the Train tab. */
  async train(): Promise<JobRecord | null> {
    const dataset = this.datasets.selected;
    return dataset ? this.trainer.start(dataset.id) : null;
  }

  /**
   * Retrain the model in use with the same architecture and aspect after a review: the embeddings
   * are cached, so a transfer model takes seconds.
   */
  async retrain(): Promise<JobRecord | null> {
    const dataset = this.datasets.selected;
    if (!dataset) return null;
    const active = this.models.active;
    return this.trainer.start(
      dataset.id,
      active ? { architecture: active.architecture, aspect: active.aspect } : undefined,
    );
  }

  /** Open the stills of a confusion-matrix cell in Review. */
  async openCell(actual: string, predicted: string): Promise<void> {
    const model = this.models.active;
    if (!model) return;
    this.tab = 'review';
    await this.review.loadCell(model.id, actual, predicted);
  }

  async #trained(modelId: number, job: JobRecord): Promise<void> {
    await this.models.adopt(modelId);
    const details = await this.models.loadDetails(modelId);
    if (details && this.trainer.jobId === job.id) this.trainer.useHistory(details.history);
    const accuracy = details?.evaluation.accuracy;
    this.#notify(
      'Model trained',
      `${details?.name ?? `Model ${modelId}`}${accuracy === undefined ? '' : `: ${(accuracy * 100).toFixed(1)}% on held-out stills`}`,
    );
    // The review queue of the old model is stale now.
    if (this.review.source) void this.review.loadLeastSure(modelId);
    void this.labels.reload();
  }
}

/** One lab per studio, kept while the area is away (a run in progress, the tab, the selection). */
const labs = new WeakMap<object, StillsLab>();

export function stillsLabFor(owner: object, deps: () => StillsLabDeps): StillsLab {
  let lab = labs.get(owner);
  if (!lab) {
    lab = new StillsLab(deps());
    labs.set(owner, lab);
  }
  return lab;
}
