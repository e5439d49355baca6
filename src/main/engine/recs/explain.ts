import { meanItemFactors, type MFModel } from './mf-model';
import { type RatedItem } from './fold-in';

/** "Because you rated X 5★": the user's rated items nearest a recommended item in factor space. */
export interface Explanation {
  readonly item: number;
  readonly itemId: string;
  readonly rating: number;
  /** Cosine similarity of the two items' factor vectors (averaged over samples). */
  readonly similarity: number;
}

/** Precomputed unit-length item factor rows for cosine lookups. */
export interface ItemSimilarity {
  readonly factors: number;
  readonly unit: Float64Array;
}

export function itemSimilarity(model: MFModel): ItemSimilarity {
  const k = model.factors;
  const unit = meanItemFactors(model);
  for (let i = 0; i < model.itemCount.length; i++) {
    let norm = 0;
    for (let f = 0; f < k; f++) norm += (unit[i * k + f] as number) ** 2;
    const scale = norm > 0 && (model.itemCount[i] ?? 0) > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let f = 0; f < k; f++) unit[i * k + f] = (unit[i * k + f] as number) * scale;
  }
  return { factors: k, unit };
}

export function cosine(sim: ItemSimilarity, a: number, b: number): number {
  const k = sim.factors;
  let dot = 0;
  for (let f = 0; f < k; f++) dot += (sim.unit[a * k + f] as number) * (sim.unit[b * k + f] as number);
  return dot;
}

/**
 * The `n` rated items most similar (cosine, > 0) to `item`, among the items the user liked
 * (rated at least their own mean rating); when they liked none, among all their rated items.
 */
export function explainRecommendation(
  model: MFModel,
  rated: readonly RatedItem[],
  item: number,
  n = 3,
  sim: ItemSimilarity = itemSimilarity(model),
): Explanation[] {
  const known = rated.filter((r) => r.item !== item && r.item >= 0 && (model.itemCount[r.item] ?? 0) > 0);
  if (known.length === 0) return [];
  const mean = known.reduce((a, r) => a + r.value, 0) / known.length;
  const liked = known.filter((r) => r.value >= mean);
  const pool = liked.length > 0 ? liked : known;
  return pool
    .map((r) => ({
      item: r.item,
      itemId: model.itemIds[r.item] ?? String(r.item),
      rating: r.value,
      similarity: cosine(sim, item, r.item),
    }))
    .filter((e) => e.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || b.rating - a.rating)
    .slice(0, n);
}
