/** Recommendations, recommender versions and evaluations in the shapes the engine sends. */
import type { ApiInput } from '../../../src/shared/api';
import type { MediaItem, MediaKind } from '../../../src/shared/catalogue';
import type { ModelVersion } from '../../../src/shared/models';
import type { Recommendation, Recommendations, RecsEvaluation, RecsSource } from '../../../src/shared/recs';
import { model } from '../helpers/fixtures';
import { mediaItem } from '../library/fixtures';

export function rec(
  id: number,
  overrides: {
    kind?: MediaKind;
    title?: string;
    source?: RecsSource;
    predicted?: number;
    item?: Partial<MediaItem>;
  } & Partial<Recommendation['reason']> = {},
): Recommendation {
  return {
    item: mediaItem({ id, kind: overrides.kind ?? 'audio', title: overrides.title ?? `Item ${id}`, ...overrides.item }),
    predicted: overrides.predicted ?? 3.8,
    source: overrides.source ?? 'new',
    reason: {
      because: overrides.because ?? [],
      tags: overrides.tags ?? [],
      popularity: overrides.popularity ?? null,
    },
  };
}

export function recs(items: Recommendation[], overrides: Partial<Recommendations> = {}): Recommendations {
  return {
    profileId: 1,
    items,
    modelId: null,
    profileRatings: 3,
    ratingsSinceTraining: 0,
    ms: 4,
    ...overrides,
  };
}

/**
 * Answers `recs.for` like the engine: the catalogue minus what the profile rated or hid, of the
 * asked kinds. `rated` and `hidden` are live sets the scripted ratings.set / recs.dismiss update.
 */
export class FakeRecommender {
  readonly rated = new Map<number, number>();
  readonly hidden = new Set<number>();
  modelId: number | null = null;
  ratingsSinceTraining = 0;

  readonly catalogue: Recommendation[];

  constructor(catalogue: Recommendation[]) {
    this.catalogue = [...catalogue];
  }

  recsFor = (input: ApiInput<'recs.for'>): Recommendations =>
    recs(
      this.catalogue
        .filter((r) => !this.rated.has(r.item.id) && !this.hidden.has(r.item.id))
        .filter((r) => !input.kinds || input.kinds.includes(r.item.kind))
        .slice(0, input.limit ?? 24),
      {
        profileId: input.profileId,
        modelId: this.modelId,
        profileRatings: this.rated.size,
        ratingsSinceTraining: this.ratingsSinceTraining,
      },
    );

  ratingsSet = (input: ApiInput<'ratings.set'>): { count: number } => {
    for (const id of input.itemIds) {
      if (input.value === null) this.rated.delete(id);
      else this.rated.set(id, input.value);
    }
    this.ratingsSinceTraining += input.itemIds.length;
    return { count: input.itemIds.length };
  };

  dismiss = (input: ApiInput<'recs.dismiss'>): { count: number } => {
    for (const id of input.itemIds) {
      if (input.dismissed === false) this.hidden.delete(id);
      else this.hidden.add(id);
    }
    return { count: input.itemIds.length };
  };
}

export function recsModel(
  id: number,
  metrics: Record<string, number> = {},
  overrides: Partial<ModelVersion> = {},
): ModelVersion {
  return model({
    id,
    kind: 'recs-mf',
    name: `Recommender (default) #${id}`,
    metrics: {
      ratings: 42,
      profiles: 3,
      items: 18,
      folds: 3,
      rmse: 0.8912,
      mae: 0.7011,
      svdRmse: 0.9421,
      svdMae: 0.7423,
      rmseImprovement: 0.054,
      ...metrics,
    },
    ...overrides,
  });
}

function fold(f: number, base: number): Record<string, number> {
  return {
    fold: f,
    rmse: base + f / 100,
    mae: base - 0.2 + f / 100,
    precisionAt10: 0.5 + f / 100,
    recallAt10: 0.6,
    ndcgAt10: 0.7,
    fitSeconds: 0.12,
    testSeconds: 0.01,
    trainRatings: 30,
    testRatings: 10,
  };
}

export function evaluation(algorithm: string, base: number, folds = 3): RecsEvaluation {
  const list = Array.from({ length: folds }, (_, i) => fold(i + 1, base));
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const key of Object.keys(list[0] ?? {})) {
    const values = list.map((f) => f[key] ?? 0);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    mean[key] = m;
    std[key] = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
  }
  return { algorithm, description: `${algorithm} description`, folds: list, mean, std };
}
