import { subsetRatings, type RatingData } from './ratings';
import { NumpyRandomState } from './rng';

export interface Fold {
  readonly train: RatingData;
  readonly test: RatingData;
}

/**
 * Surprise's `KFold(n_splits, random_state=seed, shuffle=True)`: the rating indices are shuffled
 * with numpy's RandomState(seed), then cut into k consecutive blocks, the first `n % k` blocks one
 * longer. Fold f tests on block f and trains on the rest (in shuffled order), so with the same
 * seed and the ratings in file order the folds are the ones Surprise builds.
 */
export function kFold(data: RatingData, k = 5, seed = 0): Fold[] {
  const n = data.values.length;
  if (!Number.isInteger(k) || k < 2 || k > n)
    throw new RangeError(`folds must be an integer from 2 to the number of ratings (${n}), got ${k}`);
  const indices = new Int32Array(n);
  for (let j = 0; j < n; j++) indices[j] = j;
  new NumpyRandomState(seed).shuffle(indices);
  const folds: Fold[] = [];
  let stop = 0;
  for (let f = 0; f < k; f++) {
    const start = stop;
    stop += Math.floor(n / k) + (f < n % k ? 1 : 0);
    const trainIdx = new Int32Array(n - (stop - start));
    trainIdx.set(indices.subarray(0, start), 0);
    trainIdx.set(indices.subarray(stop), start);
    folds.push({ train: subsetRatings(data, trainIdx), test: subsetRatings(data, indices.subarray(start, stop)) });
  }
  return folds;
}
