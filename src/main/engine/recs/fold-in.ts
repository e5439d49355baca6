import { solveSpd } from './linalg';
import { type MFModel } from './mf-model';
import { clip } from './ratings';

/**
 * Fold-in: a (new or updated) user's bias and factors solved in closed form from their ratings
 * with every item's factors and bias fixed, per model sample, without retraining. With
 * d = factors + 1 this is one d×d solve per sample (microseconds to a millisecond).
 */

export interface RatedItem {
  /** Item index in the model. */
  readonly item: number;
  readonly value: number;
}

/** A user's parameters: one [bias, factors] row per model sample. */
export interface UserVector {
  readonly bias: Float64Array;
  /** `factors[s * k + f]` for sample s. */
  readonly factors: Float64Array;
  /** Whether the user counts as known (has parameters); unknown users get μ + b_i. */
  readonly known: boolean;
}

/**
 * Solve w = [b_u, p_u] for each sample s, with design rows x = [1, q_i] and targets
 * t = r − μ − b_i − q_i·z over the user's ratings of items the model knows (z: the implicit part
 * |N(u)|^-1/2 Σ y_j when the model has implicit factors, else 0; the result's factors are p_u + z):
 * - ridge prior (SVD): (XᵀX + reg·n·I) w = Xᵀt, the stationary point of the per-rating
 *   regularised objective SGD minimises;
 * - Gaussian prior (Bayesian model): (Λ + α XᵀX) w = Λμ + α Xᵀt, the posterior mean.
 */
export function foldInUser(model: MFModel, ratings: readonly RatedItem[]): UserVector {
  const k = model.factors;
  const d = k + 1;
  const nSamples = model.samples.length;
  const bias = new Float64Array(nSamples);
  const factors = new Float64Array(nSamples * k);
  const usable = ratings.filter(
    (r) => r.item >= 0 && r.item < model.itemCount.length && (model.itemCount[r.item] ?? 0) > 0,
  );
  const A = new Float64Array(d * d);
  const h = new Float64Array(d);
  const scratch = new Float64Array(d * d);
  const x = new Float64Array(d);
  let known = false;
  const implicitSum = new Float64Array(k);
  model.samples.forEach((sample, s) => {
    const prior = model.priors[s] ?? model.priors[0] ?? { kind: 'ridge', reg: 0.02 };
    // Implicit part z = |N(u)|^-1/2 Σ y_j over the rated items; it is fixed while solving for p_u.
    implicitSum.fill(0);
    const Y = sample.itemImplicit;
    if (Y && usable.length > 0) {
      for (const r of usable)
        for (let f = 0; f < k; f++) implicitSum[f] = (implicitSum[f] as number) + (Y[r.item * k + f] as number);
      const scale = 1 / Math.sqrt(usable.length);
      for (let f = 0; f < k; f++) implicitSum[f] = (implicitSum[f] as number) * scale;
    }
    A.fill(0);
    h.fill(0);
    let noise = 1;
    if (prior.kind === 'gaussian') {
      noise = prior.noisePrecision;
      A.set(prior.precision);
      for (let a = 0; a < d; a++) {
        let v = 0;
        for (let b = 0; b < d; b++) v += (prior.precision[a * d + b] as number) * (prior.mean[b] as number);
        h[a] = v;
      }
    } else {
      if (usable.length === 0) return;
      const ridge = prior.reg * usable.length;
      for (let a = 0; a < d; a++) A[a * d + a] = ridge;
    }
    for (const r of usable) {
      const io = r.item * k;
      x[0] = 1;
      for (let f = 0; f < k; f++) x[f + 1] = sample.itemFactors[io + f] as number;
      let t = r.value - model.globalMean - (sample.itemBias[r.item] as number);
      for (let f = 0; f < k; f++) t -= (x[f + 1] as number) * (implicitSum[f] as number);
      for (let a = 0; a < d; a++) {
        const xa = noise * (x[a] as number);
        h[a] = (h[a] as number) + xa * t;
        for (let b = 0; b < d; b++) A[a * d + b] = (A[a * d + b] as number) + xa * (x[b] as number);
      }
    }
    solveSpd(A, d, h, scratch);
    bias[s] = h[0] as number;
    for (let f = 0; f < k; f++) factors[s * k + f] = (h[f + 1] as number) + (implicitSum[f] as number);
    known = true;
  });
  return { bias, factors, known };
}

/** A trained user's own parameters. */
export function trainedUserVector(model: MFModel, user: number): UserVector {
  const k = model.factors;
  const known = user >= 0 && user < model.userCount.length && (model.userCount[user] ?? 0) > 0;
  const bias = new Float64Array(model.samples.length);
  const factors = new Float64Array(model.samples.length * k);
  if (known) {
    model.samples.forEach((s, j) => {
      bias[j] = s.userBias[user] as number;
      factors.set(s.userFactors.subarray(user * k, user * k + k), j * k);
    });
  }
  return { bias, factors, known };
}

/** The unclipped estimate for a user vector and an item index (averaged over samples). */
export function scoreItem(model: MFModel, user: UserVector, item: number): number {
  const k = model.factors;
  const knownItem = item >= 0 && item < model.itemCount.length && (model.itemCount[item] ?? 0) > 0;
  let sum = 0;
  model.samples.forEach((s, j) => {
    let est = model.globalMean;
    if (user.known) est += user.bias[j] as number;
    if (knownItem) est += s.itemBias[item] as number;
    if (user.known && knownItem) {
      const io = item * k;
      const uo = j * k;
      for (let f = 0; f < k; f++) est += (s.itemFactors[io + f] as number) * (user.factors[uo + f] as number);
    }
    sum += est;
  });
  return sum / model.samples.length;
}

export interface Recommendation {
  readonly item: number;
  readonly itemId: string;
  /** Predicted rating, clipped to the scale. */
  readonly predicted: number;
  /** The unclipped score the ranking uses. */
  readonly score: number;
}

/** The top `n` items the model knows, by score, excluding `exclude` (e.g. already rated items). */
export function topN(
  model: MFModel,
  user: UserVector,
  n: number,
  exclude: ReadonlySet<number> = new Set(),
): Recommendation[] {
  const k = model.factors;
  const nItems = model.itemCount.length;
  const scores = new Float64Array(nItems);
  // Accumulate over samples item-major for speed.
  for (let j = 0; j < model.samples.length; j++) {
    const s = model.samples[j];
    if (!s) continue;
    const b = user.known ? (user.bias[j] as number) : 0;
    const uo = j * k;
    for (let i = 0; i < nItems; i++) {
      let est = model.globalMean + b + (s.itemBias[i] as number);
      if (user.known) {
        const io = i * k;
        for (let f = 0; f < k; f++) est += (s.itemFactors[io + f] as number) * (user.factors[uo + f] as number);
      }
      scores[i] = (scores[i] as number) + est;
    }
  }
  const candidates: number[] = [];
  for (let i = 0; i < nItems; i++) if ((model.itemCount[i] ?? 0) > 0 && !exclude.has(i)) candidates.push(i);
  candidates.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return candidates.slice(0, Math.max(0, n)).map((i) => {
    const score = (scores[i] as number) / model.samples.length;
    return { item: i, itemId: model.itemIds[i] ?? String(i), predicted: clip(score, model.scale), score };
  });
}

/** Fold in a user's ratings and recommend `n` items they have not rated. */
export function recommendFromRatings(model: MFModel, ratings: readonly RatedItem[], n = 10): Recommendation[] {
  const user = foldInUser(model, ratings);
  return topN(model, user, n, new Set(ratings.map((r) => r.item)));
}
