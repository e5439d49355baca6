import { clip, type RatingScale } from './ratings';

/** One set of biased-MF parameters (a point estimate, or one posterior sample). */
export interface FactorSample {
  readonly userBias: Float64Array;
  readonly itemBias: Float64Array;
  /** Row-major: `userFactors[u * factors + f]`. */
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  /**
   * SVD++-style implicit item factors y_j (row-major, like itemFactors), when the model has them.
   * `userFactors` then already hold each trained user's effective p_u + |N(u)|^-1/2 Σ_{j∈N(u)} y_j.
   */
  readonly itemImplicit?: Float64Array;
}

/**
 * How fold-in regularises a user's [bias, factors] vector w, solving with item factors fixed:
 * - `ridge`: minimise Σ (t − x·w)² + reg · n · ‖w‖², the objective SGD's per-rating
 *   regularisation optimises (n = the user's number of ratings);
 * - `gaussian`: the posterior mean under the sample's learned prior N(mean, precision⁻¹) and
 *   noise precision: (precision + noise XᵀX) w = precision·mean + noise Xᵀt.
 */
export type UserPrior =
  | { readonly kind: 'ridge'; readonly reg: number }
  | {
      readonly kind: 'gaussian';
      readonly mean: Float64Array;
      readonly precision: Float64Array;
      readonly noisePrecision: number;
    };

/** Day-specific user biases b_{u,day} (Koren's timeSVD "b_{u,t}"), for ratings with timestamps. */
export interface DayBiases {
  /** key = user index × 1e6 + days since the epoch. */
  readonly byKey: Map<number, number>;
}

export function dayKey(user: number, timestampSeconds: number): number {
  return user * 1e6 + Math.floor(timestampSeconds / 86400);
}

/**
 * A trained biased matrix factorisation: r̂(u, i) = μ + b_u + b_i + q_i·p_u, averaged over its
 * samples (one for SVD, several posterior draws for the Bayesian model), clipped to the scale.
 * Like Surprise, a user or item without training ratings is unknown: its bias and factors count
 * as zero. Indices refer to `userIds`/`itemIds` (external ids).
 */
export interface MFModel {
  readonly algorithm: string;
  readonly factors: number;
  readonly globalMean: number;
  readonly samples: readonly FactorSample[];
  /** One prior per sample, for fold-in. */
  readonly priors: readonly UserPrior[];
  /** Training ratings per user and item index; 0 means unknown. */
  readonly userCount: Int32Array;
  readonly itemCount: Int32Array;
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly scale: RatingScale;
  readonly dayBiases: DayBiases | null;
  /** The settings it was trained with (JSON). */
  readonly params: Record<string, unknown>;
}

function knows(counts: Int32Array, index: number): boolean {
  return index >= 0 && index < counts.length && (counts[index] ?? 0) > 0;
}

/**
 * The unclipped estimate with Surprise's fallbacks for unknown users and items. With a timestamp,
 * a known day-specific user bias is added.
 */
export function estimate(model: MFModel, u: number, i: number, timestampSeconds?: number): number {
  const knownUser = knows(model.userCount, u);
  const knownItem = knows(model.itemCount, i);
  const k = model.factors;
  let sum = 0;
  for (const s of model.samples) {
    let est = model.globalMean;
    if (knownUser) est += s.userBias[u] as number;
    if (knownItem) est += s.itemBias[i] as number;
    if (knownUser && knownItem) {
      const P = s.userFactors;
      const Q = s.itemFactors;
      let dot = 0;
      for (let f = 0, uo = u * k, io = i * k; f < k; f++) dot += (Q[io + f] as number) * (P[uo + f] as number);
      est += dot;
    }
    sum += est;
  }
  let est = sum / model.samples.length;
  if (knownUser && model.dayBiases && timestampSeconds !== undefined) {
    est += model.dayBiases.byKey.get(dayKey(u, timestampSeconds)) ?? 0;
  }
  return est;
}

/** The prediction: the estimate clipped to the rating scale (Surprise's `predict(clip=True)`). */
export function predict(model: MFModel, u: number, i: number, timestampSeconds?: number): number {
  return clip(estimate(model, u, i, timestampSeconds), model.scale);
}

/** Item factors averaged over the samples (for similarities and explanations). */
export function meanItemFactors(model: MFModel): Float64Array {
  const first = model.samples[0];
  if (!first) return new Float64Array(0);
  const out = new Float64Array(first.itemFactors.length);
  for (const s of model.samples)
    for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) + (s.itemFactors[j] as number);
  for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) / model.samples.length;
  return out;
}
