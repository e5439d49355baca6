import { HALF_STARS, type RatingData } from '../../src/main/engine/recs/ratings';
import { NumpyRandomState } from '../../src/main/engine/recs/rng';

/**
 * SIMULATION, not real data: a half-star (0.5-5) data set made from a whole-star one, to check
 * that the default model is not tuned to ml-100k. About 35% of users keep whole stars; each other
 * user has a habit h in [0.2, 0.8] and, with probability h, moves a rating half a star towards the
 * item's mean rating (the in-between opinion a half star expresses), clipped to 0.5-5.
 * With `longTail`, each item with n ratings is split into 1 + ⌊n / longTail⌋ clones and each
 * rating goes to a random clone, giving many sparsely rated items as in ml-latest.
 */
export function simulateHalfStars(data: RatingData, seed: number, longTail: number | null = null): RatingData {
  const rng = new NumpyRandomState(seed);
  const nUsers = data.userIds.length;
  const nItems = data.itemIds.length;
  const n = data.values.length;
  const sum = new Float64Array(nItems);
  const count = new Int32Array(nItems);
  for (let r = 0; r < n; r++) {
    const i = data.items[r] ?? 0;
    sum[i] = (sum[i] ?? 0) + (data.values[r] ?? 0);
    count[i] = (count[i] ?? 0) + 1;
  }
  const habit = Float64Array.from({ length: nUsers }, () => (rng.random() < 0.35 ? 0 : 0.2 + 0.6 * rng.random()));
  const values = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const v = data.values[r] ?? 0;
    const i = data.items[r] ?? 0;
    const itemMean = (sum[i] ?? 0) / Math.max(1, count[i] ?? 1);
    let out = v;
    if (rng.random() < (habit[data.users[r] ?? 0] ?? 0)) out = itemMean > v ? v + 0.5 : v - 0.5;
    values[r] = Math.min(5, Math.max(0.5, out));
  }
  if (longTail === null) return { ...data, values, scale: HALF_STARS };
  const itemIds: string[] = [];
  const first = new Int32Array(nItems);
  const clones = new Int32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    first[i] = itemIds.length;
    clones[i] = 1 + Math.floor((count[i] ?? 0) / longTail);
    for (let c = 0; c < (clones[i] ?? 1); c++) itemIds.push(`${data.itemIds[i] ?? i}#${c}`);
  }
  const items = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = data.items[r] ?? 0;
    items[r] = (first[i] ?? 0) + Math.floor(rng.random() * (clones[i] ?? 1));
  }
  return { ...data, itemIds, items, values, scale: HALF_STARS };
}
