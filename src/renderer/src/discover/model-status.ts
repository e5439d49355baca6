/**
 * The Discover header's words about the recommender: what it was trained on and how well it did
 * against Surprise's SVD, or that there is none yet; and when a retrain is worth suggesting.
 */
import type { ModelVersion } from '../../../shared/models';

export { MIN_TRAIN_RATINGS } from '../../../shared/recs';
/** New ratings (all profiles) since training after which Discover suggests retraining. */
export const RETRAIN_AFTER = 5;

export function metric(model: ModelVersion | null, key: string): number | null {
  const value = model?.metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "Recommender trained on 42 ratings · RMSE 0.89 vs SVD 0.94", or the no-model line. */
export function modelHeadline(model: ModelVersion | null): string {
  if (!model) return 'No model yet — suggestions come from tags and popularity';
  const ratings = metric(model, 'ratings');
  const rmse = metric(model, 'rmse');
  const svd = metric(model, 'svdRmse');
  let line = ratings === null ? 'Recommender trained' : `Recommender trained on ${plural(ratings, 'rating')}`;
  if (rmse !== null) line += ` · RMSE ${rmse.toFixed(2)}`;
  if (rmse !== null && svd !== null) line += ` vs SVD ${svd.toFixed(2)}`;
  return line;
}

/** "5.3% lower error than SVD" (or higher, said plainly), when the version has both numbers. */
export function improvementText(model: ModelVersion | null): string | null {
  const improvement = metric(model, 'rmseImprovement');
  if (improvement === null) return null;
  const percent = Math.abs(improvement * 100).toFixed(1);
  return improvement >= 0 ? `${percent}% lower error than SVD` : `${percent}% higher error than SVD`;
}

export function retrainSuggested(modelId: number | null, ratingsSinceTraining: number): boolean {
  return modelId !== null && ratingsSinceTraining >= RETRAIN_AFTER;
}
