/**
 * Discover's side of the API contract: recommender training options, recommendations with the
 * source that drove each one and its explanation, and the evaluation a model version carries.
 */
import { z } from 'zod';
import type { MediaItem, MediaKind } from './catalogue';

/** Fewer ratings than this cannot be cross-validated or learned from usefully. */
export const MIN_TRAIN_RATINGS = 20;

export const RECS_ALGORITHMS = ['default', 'svd', 'bayes-mf', 'bayes-svdpp'] as const;
export type RecsAlgorithm = (typeof RECS_ALGORITHMS)[number];

export const recsTrainOptionsSchema = z.strictObject({
  /** The recommender; `default` unless comparing. */
  algorithm: z.enum(RECS_ALGORITHMS).default('default'),
  /** Cross-validation folds run before the final fit (0 = skip evaluation). */
  folds: z.number().int().min(0).max(10).default(5),
  /** Also cross-validate Surprise's SVD on the same folds, for the comparison table. */
  compareWithSvd: z.boolean().default(true),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
});
export type RecsTrainOptions = z.input<typeof recsTrainOptionsSchema>;

/** What drove a suggestion. */
export type RecsSource = 'ratings' | 'sound' | 'tags' | 'popular' | 'new';

export interface RecsReason {
  /** "Because you rated X 5★": a rated item near this one in factor space. */
  because: Array<{ itemId: number; title: string; rating: number; similarity: number }>;
  /** For MIDI: rated tunes whose melodic features are closest to this one's ("sounds like"). */
  soundsLike?: Array<{ itemId: number; title: string; rating: number; similarity: number }>;
  /** Tags this profile rates highly that the item carries. */
  tags: string[];
  /** For popular items: the mean rating and how many ratings it has across profiles. */
  popularity: { mean: number; count: number } | null;
}

export interface Recommendation {
  item: MediaItem;
  /** Predicted rating on the 0.5-5 scale. */
  predicted: number;
  source: RecsSource;
  reason: RecsReason;
}

export interface Recommendations {
  profileId: number;
  items: Recommendation[];
  /** The model version used, or null when none is trained yet (content and popularity only). */
  modelId: number | null;
  /** Ratings of this profile folded in (the model learns new ratings without retraining). */
  profileRatings: number;
  /** Ratings made since the model was trained (all profiles); a retrain helps when this grows. */
  ratingsSinceTraining: number;
  /** Time the worker spent (fold-in, scoring, explanations), ms. */
  ms: number;
}

export const recsForInput = z.strictObject({
  profileId: z.number().int().positive(),
  limit: z.number().int().min(1).max(200).default(24),
  kinds: z.array(z.enum(['audio', 'midi', 'image', 'film'])).max(4).optional(),
});

/** One algorithm's cross-validation, as stored with a recommender model version. */
export interface RecsEvaluation {
  algorithm: string;
  description: string;
  folds: Array<Record<string, number>>;
  mean: Record<string, number>;
  std: Record<string, number>;
}

export interface RecsModelDetails {
  modelId: number;
  evaluations: RecsEvaluation[];
}

export type { MediaKind };
