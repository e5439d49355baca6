import { describe, expect, it } from 'vitest';
import { explainRecommendation, itemSimilarity } from '../../src/main/engine/recs/explain';
import {
  foldInUser,
  recommendFromRatings,
  scoreItem,
  topN,
  trainedUserVector,
} from '../../src/main/engine/recs/fold-in';
import { type MFModel } from '../../src/main/engine/recs/mf-model';
import { bayesMfParams, fitBayesMf } from '../../src/main/engine/recs/bayes-mf';
import { NumpyRandomState } from '../../src/main/engine/recs/rng';
import { lowRankRatings } from './helpers';

/** A model with planted item factors and biases (one sample). */
function plantedModel(prior: MFModel['priors'][number], k = 3, nItems = 50): MFModel {
  const rng = new NumpyRandomState(11);
  return {
    algorithm: 'test',
    factors: k,
    globalMean: 3.5,
    samples: [
      {
        userBias: new Float64Array(1),
        itemBias: Float64Array.from({ length: nItems }, () => rng.normal(0, 0.4)),
        userFactors: new Float64Array(k),
        itemFactors: Float64Array.from({ length: nItems * k }, () => rng.normal(0, 1)),
      },
    ],
    priors: [prior],
    userCount: Int32Array.from([1]),
    itemCount: new Int32Array(nItems).fill(3),
    userIds: ['u'],
    itemIds: Array.from({ length: nItems }, (_, i) => `item${i}`),
    scale: { min: -100, max: 100, step: 1e-9 },
    dayBiases: null,
    params: {},
  };
}

describe('fold-in', () => {
  const planted = { bias: 0.7, factors: [1.2, -0.5, 0.3] };
  const ratingsFor = (model: MFModel, items: number[]) =>
    items.map((item) => {
      const s = model.samples[0];
      let r = model.globalMean + planted.bias + (s?.itemBias[item] ?? 0);
      for (let f = 0; f < 3; f++) r += (s?.itemFactors[item * 3 + f] ?? 0) * (planted.factors[f] ?? 0);
      return { item, value: r };
    });

  it('recovers a planted user vector exactly from noiseless ratings (ridge → 0)', () => {
    const model = plantedModel({ kind: 'ridge', reg: 1e-12 });
    const user = foldInUser(model, ratingsFor(model, [0, 3, 5, 8, 13, 21, 34]));
    expect(user.known).toBe(true);
    expect(user.bias[0]).toBeCloseTo(planted.bias, 8);
    planted.factors.forEach((v, f) => expect(user.factors[f]).toBeCloseTo(v, 8));
  });

  it('with a Gaussian prior, the posterior mean approaches the planted vector as ratings grow', () => {
    const prior = {
      kind: 'gaussian' as const,
      mean: new Float64Array(4),
      precision: Float64Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
      noisePrecision: 4,
    };
    const model = plantedModel(prior);
    const error = (n: number) => {
      const u = foldInUser(
        model,
        ratingsFor(
          model,
          Array.from({ length: n }, (_, j) => j),
        ),
      );
      return Math.hypot((u.bias[0] ?? 0) - planted.bias, ...planted.factors.map((v, f) => (u.factors[f] ?? 0) - v));
    };
    expect(error(50)).toBeLessThan(error(5));
    expect(error(50)).toBeLessThan(0.05);
    // No ratings: the prior mean.
    const empty = foldInUser(model, []);
    expect(empty.bias[0]).toBe(0);
  });

  it('adds the implicit part |N(u)|^-1/2 Σ y_j unshrunk, while the prior shrinks p_u', () => {
    // A very strong prior pins [b_u, p_u] at 0, so the folded factors are exactly the implicit part.
    const strong = Float64Array.from({ length: 16 }, (_, j) => (j % 5 === 0 ? 1e9 : 0));
    const base = plantedModel({ kind: 'gaussian', mean: new Float64Array(4), precision: strong, noisePrecision: 1 });
    const rng = new NumpyRandomState(4);
    const Y = Float64Array.from({ length: 50 * 3 }, () => rng.normal(0, 1));
    const first = base.samples[0];
    if (!first) throw new Error('no sample');
    const model: MFModel = { ...base, samples: [{ ...first, itemImplicit: Y }] };
    const rated = [
      { item: 2, value: 4 },
      { item: 9, value: 1 },
      { item: 30, value: 5 },
      { item: 41, value: 3 },
    ];
    const user = foldInUser(model, rated);
    for (let f = 0; f < 3; f++) {
      const z = rated.reduce((acc, r) => acc + (Y[r.item * 3 + f] ?? 0), 0) / Math.sqrt(rated.length);
      expect(user.factors[f]).toBeCloseTo(z, 6);
    }
    expect(user.bias[0]).toBeCloseTo(0, 6);
  });

  it('ignores items the model does not know', () => {
    const model = plantedModel({ kind: 'ridge', reg: 1e-12 });
    const known = ratingsFor(model, [0, 3, 5, 8, 13, 21, 34]);
    const a = foldInUser(model, known);
    const b = foldInUser(model, [...known, { item: 999, value: 1 }, { item: -1, value: 5 }]);
    expect(Array.from(b.factors)).toEqual(Array.from(a.factors));
  });

  it('recommends unrated items by score, best first', () => {
    const model = plantedModel({ kind: 'ridge', reg: 1e-12 });
    const rated = ratingsFor(model, [0, 1, 2, 3, 4, 5, 6]);
    const recs = recommendFromRatings(model, rated, 10);
    expect(recs).toHaveLength(10);
    const ratedSet = new Set(rated.map((r) => r.item));
    expect(recs.every((r) => !ratedSet.has(r.item))).toBe(true);
    for (let j = 1; j < recs.length; j++) expect(recs[j - 1]?.score ?? 0).toBeGreaterThanOrEqual(recs[j]?.score ?? 0);
    // The best unrated item under the planted truth comes first.
    const truth = ratingsFor(
      model,
      Array.from({ length: 50 }, (_, i) => i),
    ).filter((r) => !ratedSet.has(r.item));
    truth.sort((a, b) => b.value - a.value);
    expect(recs[0]?.item).toBe(truth[0]?.item);
    expect(recs[0]?.itemId).toBe(`item${truth[0]?.item}`);
  });

  for (const implicit of [false, true]) {
    it(`a trained user re-folded from their own ratings ranks items like the trained vector (implicit ${implicit})`, () => {
      const { data } = lowRankRatings({ users: 60, items: 40, rank: 2, density: 0.5, noise: 0.2, seed: 12 });
      const model = fitBayesMf(
        data,
        bayesMfParams({ factors: 3, sweeps: 30, burnIn: 10, keepSamples: 5, seed: 0, dayBias: false, implicit }),
      );
      expect(model.samples[0]?.itemImplicit !== undefined).toBe(implicit);
      const u = 7;
      const rated = [];
      for (let k = 0; k < data.values.length; k++)
        if (data.users[k] === u) rated.push({ item: data.items[k] ?? 0, value: data.values[k] ?? 0 });
      const folded = foldInUser(model, rated);
      const trained = trainedUserVector(model, u);
      const exclude = new Set(rated.map((r) => r.item));
      const folded10 = topN(model, folded, 10, exclude).map((r) => r.item);
      const trained10 = topN(model, trained, 10, exclude).map((r) => r.item);
      const overlap = folded10.filter((i) => trained10.includes(i)).length;
      expect(overlap).toBeGreaterThanOrEqual(7);
      let gap = 0;
      for (let i = 0; i < 40; i++)
        gap = Math.max(gap, Math.abs(scoreItem(model, folded, i) - scoreItem(model, trained, i)));
      expect(gap).toBeLessThan(0.35);
    });
  }
});

describe('explanations', () => {
  it('name the liked rated items nearest the recommendation in factor space', () => {
    const model = plantedModel({ kind: 'ridge', reg: 0.02 }, 2, 5);
    const q = model.samples[0]?.itemFactors;
    if (!q) throw new Error('no factors');
    // item 0 is recommended; item 1 points the same way, item 2 nearly, item 3 opposite, item 4 orthogonal.
    q.set([1, 0, 2, 0.1, 1, 0.5, -1, 0, 0, 1]);
    const rated = [
      { item: 1, value: 5 },
      { item: 2, value: 5 },
      { item: 3, value: 5 },
      { item: 4, value: 4 },
    ];
    const why = explainRecommendation(model, rated, 0, 3, itemSimilarity(model));
    expect(why.map((e) => e.itemId)).toEqual(['item1', 'item2']);
    expect(why[0]?.similarity).toBeCloseTo(2 / Math.hypot(2, 0.1), 12);
    expect(why[0]?.rating).toBe(5);
    // item 4 (rated 4, below the mean 4.75) is not a reason even though it is the only other candidate.
    expect(why.some((e) => e.item === 4)).toBe(false);
    // Only liked items (≥ the user's mean) are used while there are some; dissimilar ones are dropped.
    const disliked = explainRecommendation(
      model,
      [
        { item: 1, value: 1 },
        { item: 4, value: 5 },
        { item: 3, value: 5 },
      ],
      0,
      3,
    );
    expect(disliked).toEqual([]);
  });
});
