import { type RatingData, type RatingScale, FIVE_STARS, ratingsFromRows } from '../../src/main/engine/recs/ratings';
import { NumpyRandomState } from '../../src/main/engine/recs/rng';

/**
 * Synthetic low-rank ratings: r = μ + b_u + c_i + p_u·q_i + noise, kept unrounded, each
 * (user, item) observed with probability `density`. Returns the data and the planted truth.
 */
export function lowRankRatings(options: {
  users: number;
  items: number;
  rank: number;
  density: number;
  noise: number;
  seed: number;
  scale?: RatingScale;
}) {
  const rng = new NumpyRandomState(options.seed);
  const { users, items, rank } = options;
  const P = Float64Array.from({ length: users * rank }, () => rng.normal(0, 0.6));
  const Q = Float64Array.from({ length: items * rank }, () => rng.normal(0, 0.6));
  const bu = Float64Array.from({ length: users }, () => rng.normal(0, 0.3));
  const bi = Float64Array.from({ length: items }, () => rng.normal(0, 0.3));
  const mu = 3;
  const truth = (u: number, i: number) => {
    let r = mu + (bu[u] ?? 0) + (bi[i] ?? 0);
    for (let f = 0; f < rank; f++) r += (P[u * rank + f] ?? 0) * (Q[i * rank + f] ?? 0);
    return r;
  };
  const rows: [number, number, number][] = [];
  for (let u = 0; u < users; u++)
    for (let i = 0; i < items; i++)
      if (rng.random() < options.density) rows.push([u, i, truth(u, i) + rng.normal(0, options.noise)]);
  const data = ratingsFromRows(rows, options.scale ?? { min: -100, max: 100, step: 1e-9 });
  return { data, truth, P, Q, bu, bi, mu };
}

/** Split rating indices into a train and test part (every `every`-th rating is test). */
export function holdOut(data: RatingData, every = 5): { train: RatingData; test: RatingData } {
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  for (let k = 0; k < data.values.length; k++) (k % every === every - 1 ? testIdx : trainIdx).push(k);
  const pick = (idx: number[]): RatingData => ({
    ...data,
    users: Int32Array.from(idx, (k) => data.users[k] ?? 0),
    items: Int32Array.from(idx, (k) => data.items[k] ?? 0),
    values: Float64Array.from(idx, (k) => data.values[k] ?? 0),
    timestamps: data.timestamps ? Float64Array.from(idx, (k) => data.timestamps?.[k] ?? 0) : null,
  });
  return { train: pick(trainIdx), test: pick(testIdx) };
}

export { FIVE_STARS };
