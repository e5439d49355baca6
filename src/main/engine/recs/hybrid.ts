/**
 * Discover's ranking: collaborative scores from the trained model (with the profile's current
 * ratings folded in, so new ratings count at once), blended with content scores for items and
 * profiles with few ratings (cold start), and popularity when nothing else is known. Every
 * suggestion says which source drove it and why.
 */
import type { RecsSource } from '../../../shared/recs';
import { explainRecommendation, type ItemSimilarity } from './explain';
import { foldInUser, scoreItem, type RatedItem } from './fold-in';
import { featureSimilarity } from '../library/melody-features';
import type { MFModel } from './mf-model';

export interface HybridItem {
  id: number;
  kind: string;
  tags: readonly string[];
  /** Melodic features of a MIDI item (see library/melody-features.ts), when known. */
  features?: readonly number[] | null;
}

export interface HybridInput {
  model: MFModel | null;
  similarity: ItemSimilarity | null;
  /** Model item index by catalogue item id. */
  modelIndex: ReadonlyMap<number, number>;
  /** This profile's ratings, with the kind and tags of each rated item. */
  rated: ReadonlyArray<{ item: HybridItem; value: number }>;
  /** Items that may be suggested (not rated, not dismissed, present, of the asked kinds). */
  candidates: readonly HybridItem[];
  /** Across all profiles: rating sum and count per item. */
  popularity: ReadonlyMap<number, { sum: number; count: number }>;
  /** Mean of every rating in the catalogue (3 when there are none). */
  globalMean: number;
  limit: number;
  /** Interleave kinds (no kind filter was given). */
  mixKinds: boolean;
}

export interface HybridSuggestion {
  itemId: number;
  kind: string;
  predicted: number;
  score: number;
  source: RecsSource;
  because: Array<{ itemId: number; rating: number; similarity: number }>;
  tags: string[];
  popularity: { mean: number; count: number } | null;
  /** Rated tunes whose melodies are closest (for MIDI items). */
  soundsLike: Array<{ itemId: number; rating: number; similarity: number }>;
}

/** How many ratings make a collaborative estimate fully trusted, per item and per profile. */
const ITEM_TRUST = 3;
const PROFILE_TRUST = 3;
/** Pseudo-count of the popularity prior (Bayesian average towards the global mean). */
const POPULARITY_PRIOR = 3;

const clip = (x: number): number => Math.min(5, Math.max(0.5, x));

/** Melodies at least this similar (cosine of the features) count as sounding alike. */
const SOUND_SIMILARITY = 0.9;
const SOUND_NEIGHBOURS = 5;

/** The rated tunes nearest a candidate's melody, and the profile's deviation on them, shrunk. */
function soundAffinity(
  features: readonly number[],
  rated: HybridInput['rated'],
  mean: number,
): { affinity: number; neighbours: Array<{ itemId: number; rating: number; similarity: number }> } {
  const neighbours = rated
    .filter((r) => r.item.features && r.item.features.length > 0)
    .map((r) => ({ itemId: r.item.id, rating: r.value, similarity: featureSimilarity(features, r.item.features!) }))
    .filter((n) => n.similarity >= SOUND_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, SOUND_NEIGHBOURS);
  const weight = neighbours.reduce((s, n) => s + n.similarity, 0);
  const affinity = neighbours.reduce((s, n) => s + n.similarity * (n.rating - mean), 0) / (weight + 1);
  return { affinity, neighbours };
}

/** Per-tag (and per-kind) affinity: the profile's mean deviation on items carrying it, shrunk. */
function affinities(rated: HybridInput['rated'], mean: number): Map<string, number> {
  const sums = new Map<string, { dev: number; n: number }>();
  for (const { item, value } of rated) {
    for (const key of [...item.tags.map((t) => `tag:${t.toLowerCase()}`), `kind:${item.kind}`]) {
      const s = sums.get(key) ?? { dev: 0, n: 0 };
      s.dev += value - mean;
      s.n += 1;
      sums.set(key, s);
    }
  }
  return new Map([...sums].map(([key, s]) => [key, s.dev / (s.n + 1)]));
}

export function hybridRecommend(input: HybridInput): HybridSuggestion[] {
  const { model, rated, globalMean } = input;
  const profileMean = rated.length > 0 ? rated.reduce((s, r) => s + r.value, 0) / rated.length : globalMean;
  const affinity = affinities(rated, profileMean);
  const foldRatings: RatedItem[] = [];
  if (model) {
    for (const r of rated) {
      const index = input.modelIndex.get(r.item.id);
      if (index !== undefined && (model.itemCount[index] ?? 0) > 0) foldRatings.push({ item: index, value: r.value });
    }
  }
  const user = model ? foldInUser(model, foldRatings) : null;
  const profileTrust = Math.min(1, foldRatings.length / PROFILE_TRUST);

  const scored = input.candidates.map((item) => {
    const pop = input.popularity.get(item.id);
    const popMean = pop ? (pop.sum + POPULARITY_PRIOR * globalMean) / (pop.count + POPULARITY_PRIOR) : globalMean;
    const tagHits = item.tags
      .map((t) => ({ tag: t, a: affinity.get(`tag:${t.toLowerCase()}`) }))
      .filter((x): x is { tag: string; a: number } => x.a !== undefined);
    const kindAffinity = affinity.get(`kind:${item.kind}`) ?? 0;
    const tagAffinity = tagHits.length > 0 ? tagHits.reduce((s, x) => s + x.a, 0) / Math.sqrt(tagHits.length) : 0;
    const sound = item.features && item.features.length > 0 ? soundAffinity(item.features, rated, profileMean) : null;
    const content = profileMean + tagAffinity + (sound?.affinity ?? 0) + 0.5 * kindAffinity + 0.5 * (popMean - globalMean);
    let weight = 0;
    let collaborative = content;
    const index = input.modelIndex.get(item.id);
    if (model && user && index !== undefined && (model.itemCount[index] ?? 0) > 0) {
      collaborative = scoreItem(model, user, index);
      weight = Math.min(1, (model.itemCount[index] ?? 0) / ITEM_TRUST) * (user.known ? Math.max(profileTrust, 0.25) : 0.25);
    }
    const score = weight * collaborative + (1 - weight) * content;
    const liked = sound?.neighbours.filter((n) => n.rating > profileMean) ?? [];
    const source: RecsSource =
      weight >= 0.5 && user?.known
        ? 'ratings'
        : liked.length > 0 && (sound?.affinity ?? 0) >= tagAffinity
          ? 'sound'
          : tagHits.some((x) => x.a > 0)
            ? 'tags'
            : pop
              ? 'popular'
              : 'new';
    return { item, index, score, source, tagHits, pop, popMean, liked };
  });
  scored.sort((a, b) => b.score - a.score || a.item.id - b.item.id);

  // Mixed across kinds: a kind loses a little for each of the last few picks of the same kind.
  const picked: typeof scored = [];
  const pool = scored.slice(0, Math.max(input.limit * 4, input.limit));
  while (picked.length < input.limit && pool.length > 0) {
    let best = 0;
    if (input.mixKinds) {
      let bestValue = -Infinity;
      const recent = picked.slice(-3).map((p) => p.item.kind);
      pool.forEach((candidate, k) => {
        const value = candidate.score - 0.15 * recent.filter((kind) => kind === candidate.item.kind).length;
        if (value > bestValue) {
          bestValue = value;
          best = k;
        }
      });
    }
    picked.push(...pool.splice(best, 1));
  }

  return picked.map((p) => ({
    itemId: p.item.id,
    kind: p.item.kind,
    predicted: Math.round(clip(p.score) * 100) / 100,
    score: p.score,
    source: p.source,
    because:
      p.source === 'ratings' && model && input.similarity && p.index !== undefined
        ? explainRecommendation(model, foldRatings, p.index, 2, input.similarity).map((e) => ({
            itemId: Number(e.itemId),
            rating: e.rating,
            similarity: Math.round(e.similarity * 1000) / 1000,
          }))
        : [],
    tags: p.tagHits
      .filter((x) => x.a > 0)
      .sort((a, b) => b.a - a.a)
      .slice(0, 3)
      .map((x) => x.tag),
    popularity: p.pop ? { mean: Math.round((p.pop.sum / p.pop.count) * 100) / 100, count: p.pop.count } : null,
    soundsLike: p.liked.slice(0, 2).map((n) => ({ ...n, similarity: Math.round(n.similarity * 1000) / 1000 })),
  }));
}
