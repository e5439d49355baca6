import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bayesMfParams, fitBayesMf } from '../../src/main/engine/recs/bayes-mf';
import { foldInUser, topN } from '../../src/main/engine/recs/fold-in';
import { predict, type MFModel } from '../../src/main/engine/recs/mf-model';
import { deserializeModel, loadModel, saveModel, serializeModel } from '../../src/main/engine/recs/persist';
import { fitSvd, surpriseSvdParams } from '../../src/main/engine/recs/svd';
import { lowRankRatings } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function expectSameModel(a: MFModel, b: MFModel): void {
  expect(b.algorithm).toBe(a.algorithm);
  expect(b.factors).toBe(a.factors);
  expect(b.globalMean).toBe(a.globalMean);
  expect(b.scale).toEqual(a.scale);
  expect(b.userIds).toEqual(a.userIds);
  expect(b.itemIds).toEqual(a.itemIds);
  expect(b.params).toEqual(JSON.parse(JSON.stringify(a.params)));
  expect(Array.from(b.userCount)).toEqual(Array.from(a.userCount));
  expect(b.samples).toHaveLength(a.samples.length);
  a.samples.forEach((s, j) => {
    expect(Array.from(b.samples[j]?.userFactors ?? [])).toEqual(Array.from(s.userFactors));
    expect(Array.from(b.samples[j]?.itemFactors ?? [])).toEqual(Array.from(s.itemFactors));
    expect(Array.from(b.samples[j]?.userBias ?? [])).toEqual(Array.from(s.userBias));
    expect(Array.from(b.samples[j]?.itemBias ?? [])).toEqual(Array.from(s.itemBias));
    expect(b.samples[j]?.itemImplicit ? Array.from(b.samples[j]?.itemImplicit ?? []) : null).toEqual(
      s.itemImplicit ? Array.from(s.itemImplicit) : null,
    );
  });
  expect(b.priors).toEqual(a.priors);
  expect(b.dayBiases?.byKey).toEqual(a.dayBiases?.byKey);
}

describe('model persistence', () => {
  const { data } = lowRankRatings({ users: 25, items: 20, rank: 2, density: 0.5, noise: 0.3, seed: 6 });
  const stamped = { ...data, timestamps: Float64Array.from(data.values, (_, k) => (k % 3) * 86400) };

  it('round-trips an SVD model through a folder', () => {
    const model = fitSvd(data, surpriseSvdParams({ factors: 5, seed: 1 }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-model-'));
    dirs.push(dir);
    saveModel(dir, model, { rmse: 0.91 });
    expect(fs.readdirSync(dir).sort()).toEqual(['model.bin', 'model.json']);
    const { model: loaded, metrics } = loadModel(dir);
    expect(metrics).toEqual({ rmse: 0.91 });
    expectSameModel(model, loaded);
    expect(predict(loaded, 3, 4)).toBe(predict(model, 3, 4));
  });

  it('round-trips a Bayesian model with priors, implicit factors and day biases; fold-in agrees after loading', () => {
    const model = fitBayesMf(
      stamped,
      bayesMfParams({ factors: 3, sweeps: 12, burnIn: 4, keepSamples: 4, seed: 2, implicit: true }),
    );
    expect(model.dayBiases).not.toBeNull();
    expect(model.samples[0]?.itemImplicit).toBeDefined();
    const { json, bin } = serializeModel(model, null);
    const { model: loaded } = deserializeModel(json, bin);
    expectSameModel(model, loaded);
    expect(predict(loaded, 1, 2, 86400)).toBe(predict(model, 1, 2, 86400));
    const rated = [
      { item: 0, value: 4 },
      { item: 5, value: 2 },
    ];
    expect(topN(loaded, foldInUser(loaded, rated), 5)).toEqual(topN(model, foldInUser(model, rated), 5));
    // Compact: 8 bytes per stored number plus alignment, no text encoding of arrays.
    const numbers = 4 * (25 + 20 + 25 * 3 + 20 * 3 + 20 * 3) + 2 * (model.dayBiases?.byKey.size ?? 0);
    expect(bin.byteLength).toBeLessThanOrEqual(8 * numbers + 4 * 45 + 8 * 32);
  });

  it('rejects damaged or foreign files with invalid-input', () => {
    const model = fitSvd(data, surpriseSvdParams({ factors: 2, seed: 1 }));
    const { json, bin } = serializeModel(model);
    expect(() => deserializeModel('{', bin)).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    expect(() => deserializeModel(JSON.stringify({ ...JSON.parse(json), format: 'other' }), bin)).toThrow(
      /unknown format/,
    );
    expect(() => deserializeModel(json, bin.subarray(0, bin.byteLength - 16))).toThrow(/runs past the end/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motif-model-'));
    dirs.push(dir);
    expect(() => loadModel(dir)).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });
});
