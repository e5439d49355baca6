import { clip, type RatingScale } from './ratings';

/**
 * A trained biased matrix factorisation: r̂(u, i) = μ + b_u + b_i + q_i·p_u, clipped to the scale.
 * Factor matrices are flat row-major (`userFactors[u * factors + f]`). Like Surprise, a user or
 * item that had no training ratings is unknown: its bias and factors count as zero.
 */
export interface MFModel {
  readonly factors: number;
  readonly globalMean: number;
  readonly userBias: Float64Array;
  readonly itemBias: Float64Array;
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  /** Training ratings per user and item index; 0 means unknown. */
  readonly userCount: Int32Array;
  readonly itemCount: Int32Array;
  readonly scale: RatingScale;
}

/** The unclipped estimate, with Surprise's fallbacks for unknown users and items. */
export function estimateMF(model: MFModel, u: number, i: number): number {
  const knownUser = u >= 0 && u < model.userCount.length && (model.userCount[u] ?? 0) > 0;
  const knownItem = i >= 0 && i < model.itemCount.length && (model.itemCount[i] ?? 0) > 0;
  let est = model.globalMean;
  if (knownUser) est += model.userBias[u] ?? 0;
  if (knownItem) est += model.itemBias[i] ?? 0;
  if (knownUser && knownItem) {
    const k = model.factors;
    const P = model.userFactors;
    const Q = model.itemFactors;
    let dot = 0;
    for (let f = 0, uo = u * k, io = i * k; f < k; f++) dot += (Q[io + f] ?? 0) * (P[uo + f] ?? 0);
    est += dot;
  }
  return est;
}

export function predictMF(model: MFModel, u: number, i: number): number {
  return clip(estimateMF(model, u, i), model.scale);
}
