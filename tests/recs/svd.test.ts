import { describe, expect, it } from 'vitest';
import { estimate, predict } from '../../src/main/engine/recs/mf-model';
import { FIVE_STARS, ratingsFromRows } from '../../src/main/engine/recs/ratings';
import { sgdEpochsJs, SgdKernel } from '../../src/main/engine/recs/sgd-kernel';
import { fitSvd, surpriseOrder, surpriseSvdParams } from '../../src/main/engine/recs/svd';
import { NumpyRandomState } from '../../src/main/engine/recs/rng';
import { holdOut, lowRankRatings } from './helpers';

describe("Surprise's SVD", () => {
  it('performs exactly the SGD updates of a hand-worked example', () => {
    // Two users rate one item: a→x 4, b→x 2. μ = 3. One factor, one epoch, lr 0.1, reg 0.5.
    const data = ratingsFromRows([
      ['a', 'x', 4],
      ['b', 'x', 2],
    ]);
    const model = fitSvd(data, surpriseSvdParams({ factors: 1, epochs: 1, lr: 0.1, reg: 0.5, seed: 0 }));
    // Initial factors: numpy RandomState(0).normal(0, 0.1): users' rows first, then the item's.
    let pa = 0.1764052345967664;
    let pb = 0.040015720836722335;
    let q = 0.09787379841057392;
    let ba = 0;
    let bb = 0;
    let bx = 0;
    const mu = 3;
    // rating (a, x, 4)
    let err = 4 - (mu + ba + bx + q * pa);
    ba = ba + 0.1 * (err - 0.5 * ba);
    bx = bx + 0.1 * (err - 0.5 * bx);
    [pa, q] = [pa + 0.1 * (err * q - 0.5 * pa), q + 0.1 * (err * pa - 0.5 * q)];
    // rating (b, x, 2)
    err = 2 - (mu + bb + bx + q * pb);
    bb = bb + 0.1 * (err - 0.5 * bb);
    bx = bx + 0.1 * (err - 0.5 * bx);
    [pb, q] = [pb + 0.1 * (err * q - 0.5 * pb), q + 0.1 * (err * pb - 0.5 * q)];

    const s = model.samples[0];
    expect(model.globalMean).toBe(3);
    expect(Array.from(s?.userBias ?? [])).toEqual([ba, bb]);
    expect(Array.from(s?.itemBias ?? [])).toEqual([bx]);
    expect(Array.from(s?.userFactors ?? [])).toEqual([pa, pb]);
    expect(Array.from(s?.itemFactors ?? [])).toEqual([q]);
    expect(estimate(model, 0, 0)).toBe(mu + ba + bx + q * pa);
  });

  it('visits ratings user by user in order of first appearance, like Surprise’s Trainset', () => {
    const data = ratingsFromRows([
      ['u2', 'i1', 3],
      ['u1', 'i2', 4],
      ['u2', 'i3', 5],
      ['u3', 'i1', 1],
      ['u1', 'i1', 2],
    ]);
    const { order, userOrder, itemOrder } = surpriseOrder(data);
    expect(Array.from(order)).toEqual([0, 2, 1, 4, 3]);
    expect(Array.from(userOrder)).toEqual([0, 1, 2]);
    expect(Array.from(itemOrder)).toEqual([0, 1, 2]);
  });

  it('uses Surprise’s defaults', () => {
    expect(surpriseSvdParams()).toMatchObject({
      factors: 100,
      epochs: 20,
      lrBu: 0.005,
      lrQi: 0.005,
      regBu: 0.02,
      regQi: 0.02,
      initMean: 0,
      initStd: 0.1,
      biased: true,
    });
  });

  it('the WebAssembly kernel matches the JavaScript loop bit for bit (odd factor count)', () => {
    const { data } = lowRankRatings({ users: 40, items: 30, rank: 3, density: 0.4, noise: 0.3, seed: 5 });
    const k = 7;
    const rates = {
      lrBu: 0.01,
      lrBi: 0.02,
      lrPu: 0.03,
      lrQi: 0.015,
      regBu: 0.02,
      regBi: 0.05,
      regPu: 0.1,
      regQi: 0.07,
    };
    const kernel = new SgdKernel(data.users, data.items, data.values, 40, 30, k);
    expect(kernel.usesWasm).toBe(true);
    const rng = new NumpyRandomState(1);
    rng.fillNormal(kernel.userFactors, 0, 0.1);
    rng.fillNormal(kernel.itemFactors, 0, 0.1);
    const P = kernel.userFactors.slice();
    const Q = kernel.itemFactors.slice();
    const bu = new Float64Array(40);
    const bi = new Float64Array(30);
    kernel.run(3, 3.1, rates);
    sgdEpochsJs(data.users, data.items, data.values, bu, bi, P, Q, k, 3, 3.1, rates, true);
    expect(Array.from(kernel.userFactors)).toEqual(Array.from(P));
    expect(Array.from(kernel.itemFactors)).toEqual(Array.from(Q));
    expect(Array.from(kernel.userBias)).toEqual(Array.from(bu));
    expect(Array.from(kernel.itemBias)).toEqual(Array.from(bi));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { data } = lowRankRatings({ users: 30, items: 20, rank: 2, density: 0.5, noise: 0.3, seed: 2 });
    const a = fitSvd(data, surpriseSvdParams({ factors: 8, seed: 3 }));
    const b = fitSvd(data, surpriseSvdParams({ factors: 8, seed: 3 }));
    const c = fitSvd(data, surpriseSvdParams({ factors: 8, seed: 4 }));
    expect(Array.from(a.samples[0]?.userFactors ?? [])).toEqual(Array.from(b.samples[0]?.userFactors ?? []));
    expect(Array.from(a.samples[0]?.userFactors ?? [])).not.toEqual(Array.from(c.samples[0]?.userFactors ?? []));
    const wasm = fitSvd(data, surpriseSvdParams({ factors: 8, seed: 3 }), { wasm: true });
    const js = fitSvd(data, surpriseSvdParams({ factors: 8, seed: 3 }), { wasm: false });
    expect(Array.from(wasm.samples[0]?.itemFactors ?? [])).toEqual(Array.from(js.samples[0]?.itemFactors ?? []));
  });

  it('learns: on low-rank data it beats the global mean on held-out ratings', () => {
    const { data } = lowRankRatings({ users: 80, items: 60, rank: 2, density: 0.5, noise: 0.2, seed: 9 });
    const { train, test } = holdOut(data);
    const model = fitSvd(train, surpriseSvdParams({ epochs: 60, lr: 0.01, seed: 0 }));
    let se = 0;
    let seMean = 0;
    for (let j = 0; j < test.values.length; j++) {
      const r = test.values[j] ?? 0;
      se += (predict(model, test.users[j] ?? 0, test.items[j] ?? 0) - r) ** 2;
      seMean += (model.globalMean - r) ** 2;
    }
    expect(Math.sqrt(se / test.values.length)).toBeLessThan(0.6 * Math.sqrt(seMean / test.values.length));
  });

  it('falls back like Surprise for unknown users and items, and clips to the scale', () => {
    const data = {
      ...ratingsFromRows([
        ['a', 'x', 5],
        ['a', 'y', 5],
        ['b', 'x', 5],
        ['b', 'y', 4],
      ]),
      userIds: ['a', 'b', 'new'],
      itemIds: ['x', 'y', 'z'],
    };
    const model = fitSvd(data, surpriseSvdParams({ factors: 2, epochs: 50, lr: 0.05, seed: 0 }));
    const s = model.samples[0];
    const mu = model.globalMean;
    expect(estimate(model, 2, 0)).toBe(mu + (s?.itemBias[0] ?? 0)); // unknown user: μ + b_i
    expect(estimate(model, 0, 2)).toBe(mu + (s?.userBias[0] ?? 0)); // unknown item: μ + b_u
    expect(estimate(model, 2, 2)).toBe(mu); // both unknown: μ
    expect(estimate(model, 99, 99)).toBe(mu); // out of range counts as unknown
    expect(estimate(model, 0, 0)).toBeGreaterThan(5); // the raw estimate overshoots …
    expect(predict(model, 0, 0)).toBe(FIVE_STARS.max); // … the prediction is clipped
  });
});
