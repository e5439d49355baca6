/**
 * Plain-JavaScript pieces of the scratch CNN's training loop: seeded shuffles, class weights and
 * batch assembly from the byte cache (with or without augmentation). No tensors here.
 */
import { augmentInto, identityParams, sampleAugment } from './augment';
import type { ImageCache } from './scratch-cache';

/** Fisher-Yates shuffle of 0..count-1 driven by `random`. */
export function shuffledOrder(count: number, random: () => number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/**
 * Per-class loss weights that make every class count equally (total / (classes present × count)),
 * so a class with few stills is not drowned out; averaged over the training set they are 1.
 */
export function classWeights(labels: ArrayLike<number>, classCount: number): Float32Array {
  const counts = new Float64Array(classCount);
  for (let i = 0; i < labels.length; i++) counts[labels[i] as number]! += 1;
  const present = counts.filter((c) => c > 0).length;
  const weights = new Float32Array(classCount);
  for (let c = 0; c < classCount; c++) {
    const n = counts[c] as number;
    weights[c] = n > 0 ? labels.length / (present * n) : 0;
  }
  return weights;
}

export interface Batch {
  /** count × size × size × 3 floats in [-1, 1]. */
  pixels: Float32Array;
  labels: Int32Array;
  weights: Float32Array;
  count: number;
}

/**
 * The images `indices` of the cache as a float batch: augmented with draws from `random` when
 * given, otherwise exactly as cached.
 */
export function assembleBatch(
  cache: ImageCache,
  labels: ArrayLike<number>,
  weights: Float32Array | null,
  indices: ArrayLike<number>,
  random: (() => number) | null,
): Batch {
  const { size } = cache;
  const per = size * size * 3;
  const count = indices.length;
  const pixels = new Float32Array(count * per);
  const batchLabels = new Int32Array(count);
  const batchWeights = new Float32Array(count);
  for (let b = 0; b < count; b++) {
    const index = indices[b] as number;
    const image = cache.bytes.subarray(index * per, (index + 1) * per);
    const params = random ? sampleAugment(random, size) : identityParams(size);
    augmentInto(image, size, params, pixels, b * per);
    const label = labels[index] as number;
    batchLabels[b] = label;
    batchWeights[b] = weights ? (weights[label] as number) : 1;
  }
  return { pixels, labels: batchLabels, weights: batchWeights, count };
}
