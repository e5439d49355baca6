/**
 * The `recs-train` job (in the worker): every profile's ratings from the catalogue ->
 * cross-validation like Surprise's `cross_validate` (the chosen algorithm and, for comparison,
 * Surprise's SVD on the same folds) -> a final fit on all ratings -> a model version with its
 * metrics, and the per-fold table beside the model files (`evaluation.json`).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../../shared/errors';
import { MIN_TRAIN_RATINGS as MIN_RATINGS, recsTrainOptionsSchema, type RecsEvaluation } from '../../../shared/recs';
import { Catalogue } from '../catalogue/catalogue';
import type { JobOutcome } from '../jobs/protocol';
import { CATALOGUE_FILE } from '../paths';
import type { JobContext } from '../worker/context';
import { ALGORITHM_DESCRIPTIONS, fitAlgorithm, type AlgorithmName } from './algorithms';
import { evaluateFolds, MEASURES, type FoldResult } from './evaluate';
import { kFold } from './folds';
import { saveModel } from './persist';
import { HALF_STARS, type RatingData } from './ratings';

export const RECS_MODEL_KIND = 'recs-mf';
export { MIN_RATINGS };

/** The catalogue's ratings as the recommender's data: users are profiles, items catalogue items. */
export function catalogueRatings(rows: ReadonlyArray<{ profileId: number; itemId: number; value: number; ratedAt: string }>): RatingData {
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const userIndex = new Map<number, number>();
  const itemIndex = new Map<number, number>();
  const users = new Int32Array(rows.length);
  const items = new Int32Array(rows.length);
  const values = new Float64Array(rows.length);
  const timestamps = new Float64Array(rows.length);
  rows.forEach((r, k) => {
    let u = userIndex.get(r.profileId);
    if (u === undefined) {
      u = userIds.push(String(r.profileId)) - 1;
      userIndex.set(r.profileId, u);
    }
    let i = itemIndex.get(r.itemId);
    if (i === undefined) {
      i = itemIds.push(String(r.itemId)) - 1;
      itemIndex.set(r.itemId, i);
    }
    users[k] = u;
    items[k] = i;
    values[k] = r.value;
    const t = Date.parse(r.ratedAt);
    timestamps[k] = Number.isFinite(t) ? t / 1000 : 0;
  });
  return { userIds, itemIds, users, items, values, timestamps, scale: HALF_STARS };
}

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length);
  return { mean, std: Math.sqrt(variance) };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const round = (x: number, digits = 4): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export async function runRecsTrain(rawParams: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const parsed = recsTrainOptionsSchema.safeParse(rawParams);
  if (!parsed.success) throw new MotifError('invalid-input', `recs-train parameters: ${z.prettifyError(parsed.error)}`);
  const options = parsed.data;
  const algorithm: AlgorithmName = options.algorithm;
  const cancelled = (): never => {
    throw new MotifError('cancelled', 'Recommender training was cancelled.');
  };

  context.progress({ fraction: 0, stage: 'loading', message: 'Reading ratings from the catalogue' });
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  let rows;
  try {
    rows = catalogue.ratings.all();
  } finally {
    catalogue.close();
  }
  if (rows.length < MIN_RATINGS)
    throw new MotifError(
      'invalid-input',
      `The recommender needs at least ${MIN_RATINGS} ratings to learn from; the catalogue has ${rows.length}. Rate more items (or import ratings) and try again.`,
    );
  const data = catalogueRatings(rows);
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.profileId},${r.itemId},${r.value}\n`);
  const dataHash = hash.digest('hex');
  const trainedAt = new Date().toISOString();

  // Cross-validation, one fold at a time (progress and cancel get in between folds).
  const algorithms: AlgorithmName[] = options.compareWithSvd && algorithm !== 'svd' ? [algorithm, 'svd'] : [algorithm];
  const folds = options.folds >= 2 ? kFold(data, Math.min(options.folds, data.values.length), options.seed) : [];
  const evaluations: RecsEvaluation[] = [];
  const steps = folds.length * algorithms.length + 1;
  let step = 0;
  for (const name of algorithms) {
    if (folds.length === 0) break;
    const results: FoldResult[] = [];
    for (const [f, fold] of folds.entries()) {
      if (context.signal.aborted) cancelled();
      context.progress({
        fraction: (0.9 * step) / steps,
        stage: 'evaluating',
        message: `Cross-validating ${name}: fold ${f + 1} of ${folds.length}`,
      });
      const result = evaluateFolds([fold], name, { seed: options.seed, signal: context.signal }).folds[0];
      if (!result) throw new MotifError('internal', 'a fold produced no result');
      results.push({ ...result, fold: f + 1 });
      step += 1;
      context.progress({
        fraction: (0.9 * step) / steps,
        stage: 'evaluating',
        message: `${name} fold ${f + 1}: RMSE ${result.rmse.toFixed(4)}, MAE ${result.mae.toFixed(4)}`,
        metrics: { rmse: round(result.rmse), mae: round(result.mae) },
      });
      await yieldToEventLoop();
    }
    const mean: Record<string, number> = {};
    const std: Record<string, number> = {};
    for (const m of MEASURES) {
      const s = meanStd(results.map((r) => r[m]));
      mean[m] = round(s.mean);
      std[m] = round(s.std);
    }
    evaluations.push({
      algorithm: name,
      description: ALGORITHM_DESCRIPTIONS[name],
      folds: results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))),
      mean,
      std,
    });
  }

  // The final model on every rating.
  if (context.signal.aborted) cancelled();
  context.progress({ fraction: (0.9 * step) / steps, stage: 'training', message: `Fitting ${algorithm} on all ${rows.length} ratings` });
  const started = performance.now();
  const model = fitAlgorithm(algorithm, data, {
    seed: options.seed,
    signal: context.signal,
    onProgress: (done, total) =>
      context.progress({
        fraction: (0.9 * step) / steps + (0.9 / steps) * (done / Math.max(1, total)),
        stage: 'training',
        message: `Fitting ${algorithm} on all ${rows.length} ratings (${done} of ${total})`,
      }),
  });
  const fitSeconds = (performance.now() - started) / 1000;

  context.progress({ fraction: 0.95, stage: 'saving', message: 'Saving the model version' });
  const folder = path.join('models', `recs-${context.jobId}-${Date.now()}`);
  const ours = evaluations.find((e) => e.algorithm === algorithm);
  const svd = evaluations.find((e) => e.algorithm === 'svd');
  const metrics: Record<string, number> = {
    ratings: rows.length,
    profiles: data.userIds.length,
    items: data.itemIds.length,
    fitSeconds: round(fitSeconds, 2),
    folds: folds.length,
  };
  if (ours) for (const m of ['rmse', 'mae', 'precisionAt10', 'recallAt10', 'ndcgAt10']) metrics[m] = ours.mean[m] ?? NaN;
  if (svd && ours && svd !== ours) {
    metrics.svdRmse = svd.mean.rmse ?? NaN;
    metrics.svdMae = svd.mean.mae ?? NaN;
    metrics.rmseImprovement = round(1 - (ours.mean.rmse ?? NaN) / (svd.mean.rmse ?? NaN));
  }
  const dir = path.join(context.dataDir, folder);
  saveModel(dir, model, { ...metrics, trainedAt });
  fs.writeFileSync(path.join(dir, 'evaluation.json'), JSON.stringify({ trainedAt, evaluations }, null, 1));
  context.progress({
    fraction: 1,
    stage: 'done',
    message: ours
      ? `${algorithm}: RMSE ${ours.mean.rmse?.toFixed(4)}${svd && svd !== ours ? ` (SVD ${svd.mean.rmse?.toFixed(4)})` : ''}`
      : `${algorithm} fitted on ${rows.length} ratings`,
  });
  return {
    summary: { ...metrics, algorithm, trainedAt, evaluations },
    model: {
      kind: RECS_MODEL_KIND,
      name: `Recommender (${algorithm}) #${context.jobId}`,
      params: { ...options, trainedAt },
      dataHash,
      metrics,
      path: folder,
    },
  };
}
