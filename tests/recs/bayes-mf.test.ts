import { describe, expect, it } from 'vitest';
import { bayesMfParams, fitBayesMf } from '../../src/main/engine/recs/bayes-mf';
import { predict } from '../../src/main/engine/recs/mf-model';
import { ratingsFromRows, type RatingData } from '../../src/main/engine/recs/ratings';
import { fitSvd, surpriseSvdParams } from '../../src/main/engine/recs/svd';
import { sampleGamma, sampleWishart } from '../../src/main/engine/recs/distributions';
import { NumpyRandomState } from '../../src/main/engine/recs/rng';
import { holdOut, lowRankRatings } from './helpers';

function testRmse(model: Parameters<typeof predict>[0], test: RatingData): number {
  let se = 0;
  for (let j = 0; j < test.values.length; j++) {
    const e = predict(model, test.users[j] ?? 0, test.items[j] ?? 0, test.timestamps?.[j]) - (test.values[j] ?? 0);
    se += e * e;
  }
  return Math.sqrt(se / test.values.length);
}

const small = bayesMfParams({ factors: 3, sweeps: 40, burnIn: 10, keepSamples: 10, seed: 1, implicit: false });

describe('Bayesian biased MF (Gibbs)', () => {
  it('recovers low-rank structure close to the noise level, better than SVD', () => {
    const { data } = lowRankRatings({ users: 80, items: 60, rank: 2, density: 0.4, noise: 0.25, seed: 3 });
    const { train, test } = holdOut(data);
    const bayes = testRmse(fitBayesMf(train, small), test);
    const svd = testRmse(fitSvd(train, surpriseSvdParams({ seed: 0 })), test);
    expect(bayes).toBeLessThan(0.4);
    expect(bayes).toBeLessThan(svd);
  });

  it('with implicit feedback: still recovers the structure, deterministically, with implicit factors kept', () => {
    const { data } = lowRankRatings({ users: 80, items: 60, rank: 2, density: 0.4, noise: 0.25, seed: 3 });
    const { train, test } = holdOut(data);
    const a = fitBayesMf(train, { ...small, implicit: true });
    const b = fitBayesMf(train, { ...small, implicit: true });
    expect(testRmse(a, test)).toBeLessThan(0.4);
    expect(a.samples[0]?.itemImplicit?.length).toBe(60 * 3);
    expect(Array.from(a.samples[3]?.itemImplicit ?? [])).toEqual(Array.from(b.samples[3]?.itemImplicit ?? []));
    expect(bayesMfParams()).toMatchObject({
      factors: 10,
      sweeps: 100,
      burnIn: 20,
      keepSamples: 40,
      implicit: true,
      dayBias: true,
    });
    // A memory cap keeps fewer samples: one sample here is 8 · ((80 + 60) · 4 + 60 · 3) bytes.
    const capped = fitBayesMf(train, { ...small, implicit: true, maxSampleBytes: 3 * 8 * (140 * 4 + 180) });
    expect(capped.samples).toHaveLength(3);
  });

  it('reports progress per sweep and can be cancelled', () => {
    const { data } = lowRankRatings({ users: 20, items: 15, rank: 2, density: 0.5, noise: 0.3, seed: 4 });
    const seen: number[] = [];
    fitBayesMf(
      data,
      { ...small, sweeps: 5, burnIn: 1, keepSamples: 2 },
      { onProgress: (done, total) => seen.push(done / total) },
    );
    expect(seen).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    const controller = new AbortController();
    expect(() =>
      fitBayesMf(data, small, {
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 3) controller.abort();
        },
      }),
    ).toThrow(expect.objectContaining({ kind: 'cancelled' }));
  });

  it('is deterministic for a seed', () => {
    const { data } = lowRankRatings({ users: 20, items: 15, rank: 2, density: 0.5, noise: 0.3, seed: 4 });
    const a = fitBayesMf(data, small);
    const b = fitBayesMf(data, small);
    const c = fitBayesMf(data, { ...small, seed: 2 });
    expect(a.samples.length).toBe(10);
    expect(Array.from(a.samples[9]?.itemFactors ?? [])).toEqual(Array.from(b.samples[9]?.itemFactors ?? []));
    expect(Array.from(a.samples[9]?.itemFactors ?? [])).not.toEqual(Array.from(c.samples[9]?.itemFactors ?? []));
    expect(a.priors.every((p) => p.kind === 'gaussian')).toBe(true);
  });

  it('learns day-specific user biases when ratings carry timestamps', () => {
    // Each user rates on two days with a ±0.8 mood offset per day; held-out ratings share those days.
    const rng = new NumpyRandomState(8);
    const rows: [number, number, number][] = [];
    const stamps: number[] = [];
    const mood = new Map<string, number>();
    for (let u = 0; u < 40; u++) {
      for (let i = 0; i < 30; i++) {
        if (rng.random() > 0.6) continue;
        const day = rng.random() < 0.5 ? 0 : 1; // not tied to the item, so factors cannot mimic it
        const key = `${u},${day}`;
        if (!mood.has(key)) mood.set(key, rng.random() < 0.5 ? -0.8 : 0.8);
        rows.push([u, i, 3 + (mood.get(key) ?? 0) + rng.normal(0, 0.1)]);
        stamps.push(day * 86400 + 100);
      }
    }
    const data: RatingData = {
      ...ratingsFromRows(rows, { min: -10, max: 10, step: 1e-9 }),
      timestamps: Float64Array.from(stamps),
    };
    const { train, test } = holdOut(data);
    const withDays = fitBayesMf(train, { ...small, dayBias: true });
    const without = fitBayesMf(train, { ...small, dayBias: false });
    expect(withDays.dayBiases?.byKey.size).toBe(80);
    expect(without.dayBiases).toBeNull();
    expect(testRmse(withDays, test)).toBeLessThan(0.3);
    expect(testRmse(without, test)).toBeGreaterThan(0.5);
  });
});

describe('sampling distributions', () => {
  it('gamma draws have the right mean and variance', () => {
    const rng = new NumpyRandomState(0);
    for (const shape of [0.5, 3]) {
      const xs = Array.from({ length: 20000 }, () => sampleGamma(rng, shape));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(mean).toBeCloseTo(shape, 1);
      expect(variance / shape).toBeGreaterThan(0.9);
      expect(variance / shape).toBeLessThan(1.1);
    }
  });

  it('Wishart draws average ν·W', () => {
    const rng = new NumpyRandomState(1);
    const inverseScale = Float64Array.from([2, 0.5, 0.5, 1]); // W = inverse of this
    const det = 2 * 1 - 0.25;
    const W = [1 / det, -0.5 / det, -0.5 / det, 2 / det];
    const nu = 5;
    const sum = new Float64Array(4);
    const n = 20000;
    for (let j = 0; j < n; j++)
      sampleWishart(rng, inverseScale, 2, nu).forEach((v, x) => (sum[x] = (sum[x] ?? 0) + v / n));
    W.forEach((w, x) => expect(Math.abs((sum[x] ?? 0) - nu * w)).toBeLessThan(0.1)); // about 4 standard errors
  });
});
