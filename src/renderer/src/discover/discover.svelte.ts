/**
 * The Discover area's state, built once in the studio's composition root: the suggestions for
 * the active profile, the recommender's training and versions, and the Evaluation panel; plus
 * the header's model status and whether to suggest a retrain.
 */
import type { MotifClient } from '../../../shared/api';
import type { ModelVersion } from '../../../shared/models';
import type { CatalogueStore } from '../state/catalogue.svelte';
import type { JobsStore } from '../state/jobs.svelte';
import type { ModelsStore } from '../state/models.svelte';
import type { ActiveProfile } from '../library/library.svelte';
import type { ReportError } from '../state/toasts.svelte';
import { EvaluationStore } from './evaluation.svelte';
import { MIN_TRAIN_RATINGS, retrainSuggested } from './model-status';
import { SuggestionsStore, type SuggestionsOptions } from './suggestions.svelte';
import { RecsTrainer } from './trainer.svelte';

export interface DiscoverOptions extends SuggestionsOptions {
  client: MotifClient;
  report: ReportError;
  profiles: ActiveProfile;
  jobs: JobsStore;
  models: ModelsStore;
  /** Catalogue counts: tells an empty library from a profile that has seen everything. */
  catalogue: Pick<CatalogueStore, 'stats'>;
}

export class Discover {
  readonly suggestions: SuggestionsStore;
  readonly trainer: RecsTrainer;
  readonly evaluation: EvaluationStore;
  readonly #catalogue: Pick<CatalogueStore, 'stats'>;

  /** The version the suggestions came from (the engine uses the newest). */
  model: ModelVersion | null = $derived.by(() => {
    const id = this.suggestions.result?.modelId;
    if (id === null) return null;
    return (id === undefined ? null : this.trainer.version(id)) ?? this.trainer.latest;
  });
  ratingsSinceTraining: number = $derived.by(() => this.suggestions.result?.ratingsSinceTraining ?? 0);
  /** Every profile's ratings in the catalogue, as far as Discover can tell. */
  totalRatings: number = $derived.by(
    () =>
      this.#catalogue.stats?.ratings ??
      (this.model ? (this.model.metrics.ratings ?? 0) + this.ratingsSinceTraining : this.ratingsSinceTraining),
  );
  canTrain = $derived(this.model !== null || this.totalRatings >= MIN_TRAIN_RATINGS);
  retrain: boolean = $derived.by(() =>
    retrainSuggested(this.suggestions.result?.modelId ?? null, this.ratingsSinceTraining),
  );
  /** Nothing catalogued at all. */
  emptyLibrary: boolean = $derived.by(() => this.#catalogue.stats !== null && this.#catalogue.stats.items === 0);

  constructor(options: DiscoverOptions) {
    const { client, report, profiles, jobs, models } = options;
    this.#catalogue = options.catalogue;
    this.suggestions = new SuggestionsStore(client, report, profiles, options);
    this.trainer = new RecsTrainer(client, report, jobs, models);
    this.evaluation = new EvaluationStore(client, report);
  }

  /** While Discover is on screen: follow catalogue and profile changes. */
  connect(): () => void {
    return this.suggestions.connect();
  }
}
