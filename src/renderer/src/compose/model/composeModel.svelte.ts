/**
 * The melody model's side of Compose, built once in the studio's composition root: the models to
 * choose from, the Generate tab and the Train tab, and which tab of the side panel is open.
 */
import type { MotifClient } from '../../../../shared/api';
import { isFinished } from '../../../../shared/jobs';
import type { JobsStore } from '../../state/jobs.svelte';
import type { ModelsStore } from '../../state/models.svelte';
import type { KeyValueStorage } from '../../state/profiles.svelte';
import type { ReportError } from '../../state/toasts.svelte';
import type { ComposeSession } from '../session.svelte';
import { GenerationStore } from './generation.svelte';
import { MelodyModels } from './melodyModels.svelte';
import { TrainingStore, type TrainingStoreOptions } from './training.svelte';

export const PANEL_TABS = ['clip', 'generate', 'train'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

export interface ComposeModelOptions extends TrainingStoreOptions {
  client: MotifClient;
  report: ReportError;
  session: ComposeSession;
  jobs: JobsStore;
  models: ModelsStore;
  storage: KeyValueStorage | null;
  /** Shows the Library area (where MIDI folders are added). */
  openLibrary?: () => void;
}

export class ComposeModel {
  readonly models: MelodyModels;
  readonly generation: GenerationStore;
  readonly training: TrainingStore;
  readonly jobs: JobsStore;
  tab = $state<PanelTab>('generate');
  readonly openLibrary: () => void;
  readonly #client: MotifClient;

  constructor(options: ComposeModelOptions) {
    const { client, report, session, jobs, models, storage } = options;
    this.#client = client;
    this.jobs = jobs;
    this.openLibrary = options.openLibrary ?? (() => {});
    this.models = new MelodyModels(client, report, models, jobs, storage);
    this.generation = new GenerationStore(client, session, this.models);
    this.training = new TrainingStore(client, report, jobs, this.models, options);
  }

  /** Follows training and evaluation jobs; the returned function stops. */
  subscribe(): () => void {
    const stopTraining = this.training.subscribe();
    const stopJobs = this.#client.on('job.updated', (job) => {
      if (isFinished(job.state)) this.models.onJobFinished(job);
    });
    return () => {
      stopTraining();
      stopJobs();
    };
  }
}
