/**
 * Accuracy and top-N metrics over a test set.
 *
 * RMSE and MAE are Surprise's `accuracy.rmse` / `accuracy.mae` over (clipped) predictions.
 *
 * Top-N metrics follow Surprise's FAQ ("How to compute precision@k and recall@k"), computed per
 * user over that user's test ratings only, then averaged over users:
 * - a test item is relevant when its true rating ≥ `threshold` (4 by default, on 1-5 and on
 *   0.5-5 scales alike);
 * - the user's test items are ranked by predicted rating (descending; ties keep test-set order);
 *   the top k are "recommended" only if their prediction is also ≥ threshold;
 * - precision@k = |relevant ∩ recommended| / |recommended| (0 when nothing is recommended);
 * - recall@k = |relevant ∩ recommended| / |relevant| (0 when the user has no relevant item);
 *   both averaged over every user in the test set, as the FAQ does;
 * - nDCG@k (not in the FAQ): binary gains (relevant = 1) on the same ranking of the top k,
 *   DCG = Σ gain / log2(rank + 1), divided by the ideal DCG of min(k, |relevant|) ones, averaged
 *   over users with at least one relevant test item.
 */

export interface TopNMetrics {
  precision: number;
  recall: number;
  ndcg: number;
}

export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const n = actual.length;
  if (n === 0) return Number.NaN;
  let se = 0;
  for (let j = 0; j < n; j++) {
    const e = (predicted[j] ?? 0) - (actual[j] ?? 0);
    se += e * e;
  }
  return Math.sqrt(se / n);
}

export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const n = actual.length;
  if (n === 0) return Number.NaN;
  let ae = 0;
  for (let j = 0; j < n; j++) ae += Math.abs((predicted[j] ?? 0) - (actual[j] ?? 0));
  return ae / n;
}

export function topNMetrics(
  users: ArrayLike<number>,
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  k = 10,
  threshold = 4,
): TopNMetrics {
  const byUser = new Map<number, number[]>();
  for (let j = 0; j < actual.length; j++) {
    const u = users[j] ?? 0;
    let list = byUser.get(u);
    if (!list) {
      list = [];
      byUser.set(u, list);
    }
    list.push(j);
  }
  let precisionSum = 0;
  let recallSum = 0;
  let ndcgSum = 0;
  let ndcgUsers = 0;
  for (const rows of byUser.values()) {
    rows.sort((a, b) => (predicted[b] ?? 0) - (predicted[a] ?? 0));
    let relevant = 0;
    for (const j of rows) if ((actual[j] ?? 0) >= threshold) relevant++;
    let recommended = 0;
    let hits = 0;
    let dcg = 0;
    const top = Math.min(k, rows.length);
    for (let rank = 0; rank < top; rank++) {
      const j = rows[rank] ?? 0;
      const isRelevant = (actual[j] ?? 0) >= threshold;
      if ((predicted[j] ?? 0) >= threshold) {
        recommended++;
        if (isRelevant) hits++;
      }
      if (isRelevant) dcg += 1 / Math.log2(rank + 2);
    }
    precisionSum += recommended > 0 ? hits / recommended : 0;
    recallSum += relevant > 0 ? hits / relevant : 0;
    if (relevant > 0) {
      let ideal = 0;
      for (let rank = 0; rank < Math.min(k, relevant); rank++) ideal += 1 / Math.log2(rank + 2);
      ndcgSum += dcg / ideal;
      ndcgUsers++;
    }
  }
  const nUsers = byUser.size;
  return {
    precision: nUsers > 0 ? precisionSum / nUsers : Number.NaN,
    recall: nUsers > 0 ? recallSum / nUsers : Number.NaN,
    ndcg: ndcgUsers > 0 ? ndcgSum / ndcgUsers : Number.NaN,
  };
}

/** Mean and population standard deviation (numpy's default `np.std`, as Surprise prints). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) * (b - mean), 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}
