import { fitAlgorithm, type AlgorithmName, ALGORITHM_DESCRIPTIONS } from './algorithms';
import { kFold, type Fold } from './folds';
import { mae, meanStd, rmse, topNMetrics } from './metrics';
import { predict, type MFModel } from './mf-model';
import { type RatingData } from './ratings';
import { MotifError } from '../../../shared/errors';

/** Evaluation like Surprise's `cross_validate`, with top-N metrics added. */

export const MEASURES = [
  'rmse',
  'mae',
  'precisionAt10',
  'recallAt10',
  'ndcgAt10',
  'fitSeconds',
  'testSeconds',
] as const;
export type Measure = (typeof MEASURES)[number];

export type FoldResult = Record<Measure, number> & {
  readonly fold: number;
  readonly trainRatings: number;
  readonly testRatings: number;
};

export interface EvaluationResult {
  readonly algorithm: string;
  readonly description: string;
  readonly split:
    | { readonly kind: 'k-fold'; readonly folds: number; readonly seed: number }
    | { readonly kind: 'train-test' }
    | { readonly kind: 'given-folds'; readonly folds: number };
  readonly folds: FoldResult[];
  readonly mean: Record<Measure, number>;
  readonly std: Record<Measure, number>;
}

export interface EvaluateOptions {
  /** Seed for the models' own randomness (initialisation, sampling). */
  seed?: number;
  /** Called after each fold (for job progress). */
  onFold?: (done: number, total: number, result: FoldResult) => void;
  /** Checked between folds. */
  signal?: AbortSignal;
  /** The fit function; defaults to the named algorithm. */
  fit?: (train: RatingData) => MFModel;
}

/** Predictions for a test set (clipped; with the test ratings' timestamps when present). */
export function predictTestSet(model: MFModel, test: RatingData): Float64Array {
  const out = new Float64Array(test.values.length);
  for (let j = 0; j < out.length; j++) {
    out[j] = predict(
      model,
      test.users[j] as number,
      test.items[j] as number,
      test.timestamps ? (test.timestamps[j] as number) : undefined,
    );
  }
  return out;
}

export function evaluateFold(
  model: MFModel,
  test: RatingData,
  fitSeconds: number,
  fold: number,
  trainRatings: number,
): FoldResult {
  const t0 = performance.now();
  const predicted = predictTestSet(model, test);
  const testSeconds = (performance.now() - t0) / 1000;
  const top = topNMetrics(test.users, predicted, test.values, 10, 4);
  return {
    fold,
    rmse: rmse(predicted, test.values),
    mae: mae(predicted, test.values),
    precisionAt10: top.precision,
    recallAt10: top.recall,
    ndcgAt10: top.ndcg,
    fitSeconds,
    testSeconds,
    trainRatings,
    testRatings: test.values.length,
  };
}

export function evaluateFolds(
  folds: readonly Fold[],
  algorithm: AlgorithmName,
  options: EvaluateOptions = {},
  split?: EvaluationResult['split'],
): EvaluationResult {
  const fit =
    options.fit ??
    ((train: RatingData) =>
      fitAlgorithm(algorithm, train, {
        seed: options.seed ?? 0,
        ...(options.signal ? { signal: options.signal } : {}),
      }));
  const results: FoldResult[] = [];
  folds.forEach((fold, index) => {
    if (options.signal?.aborted) throw new MotifError('cancelled', 'evaluation cancelled');
    const t0 = performance.now();
    const model = fit(fold.train);
    const fitSeconds = (performance.now() - t0) / 1000;
    const result = evaluateFold(model, fold.test, fitSeconds, index + 1, fold.train.values.length);
    results.push(result);
    options.onFold?.(index + 1, folds.length, result);
  });
  const mean = {} as Record<Measure, number>;
  const std = {} as Record<Measure, number>;
  for (const m of MEASURES) {
    const s = meanStd(results.map((r) => r[m]));
    mean[m] = s.mean;
    std[m] = s.std;
  }
  return {
    algorithm,
    description: ALGORITHM_DESCRIPTIONS[algorithm],
    split: split ?? { kind: 'given-folds', folds: folds.length },
    folds: results,
    mean,
    std,
  };
}

/** k-fold cross-validation with Surprise's seeded KFold (default 5 folds, seed 0). */
export function crossValidate(
  data: RatingData,
  algorithm: AlgorithmName,
  options: EvaluateOptions & { folds?: number; foldSeed?: number } = {},
): EvaluationResult {
  const k = options.folds ?? 5;
  const foldSeed = options.foldSeed ?? options.seed ?? 0;
  return evaluateFolds(kFold(data, k, foldSeed), algorithm, options, { kind: 'k-fold', folds: k, seed: foldSeed });
}

/** One explicit train/test split (e.g. ml-100k's u1.base / u1.test). */
export function evaluateTrainTest(
  train: RatingData,
  test: RatingData,
  algorithm: AlgorithmName,
  options: EvaluateOptions = {},
): EvaluationResult {
  return evaluateFolds([{ train, test }], algorithm, options, { kind: 'train-test' });
}
