/**
 * Embedding features for the stills head and the linear probe: labelled vectors, per-dimension
 * standardisation with the training split's mean and std, class weights, seeded shuffles and
 * group-keeping folds.
 */
import type { Tensor2D } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import type { Tf } from '../ml/runtime';
import { mulberry32 } from '../ml/random';

export interface Labelled {
  vectors: readonly Float32Array[];
  labels: readonly number[];
}

export interface Standardisation {
  mean: number[];
  std: number[];
}

const STD_FLOOR = 1e-3;

/** Per-dimension mean and std of the training vectors (std floored so flat dimensions stay finite). */
export function standardisation(vectors: readonly Float32Array[]): Standardisation {
  const d = vectors[0]?.length ?? 0;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const v of vectors) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (v[j] as number);
  const n = Math.max(1, vectors.length);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (const v of vectors)
    for (let j = 0; j < d; j++) sq[j] = (sq[j] as number) + ((v[j] as number) - (mean[j] as number)) ** 2;
  return { mean: [...mean], std: [...sq].map((s) => Math.max(STD_FLOOR, Math.sqrt(s / n))) };
}

/** Standardised vectors as one N×D tensor. */
export function standardised(tf: Tf, vectors: readonly Float32Array[], norm: Standardisation): Tensor2D {
  const d = norm.mean.length;
  const flat = new Float32Array(vectors.length * d);
  vectors.forEach((v, i) => {
    if (v.length !== d)
      throw new MotifError('invalid-input', `An embedding has ${v.length} values; the model expects ${d}.`);
    for (let j = 0; j < d; j++)
      flat[i * d + j] = ((v[j] as number) - (norm.mean[j] as number)) / (norm.std[j] as number);
  });
  return tf.tensor2d(flat, [vectors.length, d]);
}

/** N / (K · n_c): every class weighs the same in the loss however many stills it has. */
export function classWeights(labels: readonly number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts.map((n) => (n > 0 ? labels.length / (classes * n) : 0));
}

export function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** Fold ids for k-fold over the training stills, keeping groups together (round-robin over shuffled groups). */
export function foldIds(groups: ReadonlyArray<string | null>, k: number, seed: number): number[] {
  const keys = groups.map((g, i) => (g !== null ? `g:${g}` : `i:${i}`));
  const unique = [...new Set(keys)];
  const order = shuffled(unique.length, mulberry32(seed ^ 0xf01d));
  const fold = new Map<string, number>();
  order.forEach((u, position) => fold.set(unique[u] as string, position % Math.max(1, Math.min(k, unique.length))));
  return keys.map((key) => fold.get(key) as number);
}
