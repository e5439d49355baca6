import { beforeAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../src/main/engine/ml/random';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import { classWeights, foldIds, standardisation } from '../../src/main/engine/stills/features';
import { outOfFoldPredictions, predictHead, trainHead } from '../../src/main/engine/stills/head';
import { linearProbe } from '../../src/main/engine/stills/linear-probe';
import { argmax } from '../../src/main/engine/stills/metrics';

let ml: MlRuntime;
beforeAll(async () => {
  ml = await initMlRuntime();
});

/**
 * Embeddings a straight line cannot separate: each class is two clusters on opposite sides of
 * the origin along a shared direction (XOR-like), in 64 dimensions with noise.
 */
function xorLike(n: number, classes: number, seed: number): { vectors: Float32Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const d = 64;
  const directions = Array.from({ length: classes }, () => Float32Array.from({ length: d }, () => gaussian(random)));
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % classes;
    const sign = random() < 0.5 ? -1 : 1;
    const dir = directions[label] as Float32Array;
    vectors.push(Float32Array.from(dir, (v) => sign * v * 1.2 + gaussian(random) * 0.8));
    labels.push(label);
  }
  return { vectors, labels };
}

const accuracyOf = (probs: Float32Array[], labels: number[]): number =>
  probs.filter((p, i) => argmax(p) === labels[i]).length / labels.length;

describe('stills head', () => {
  it('standardises with the training mean and std, and weighs classes evenly', () => {
    const norm = standardisation([Float32Array.of(1, 5), Float32Array.of(3, 5)]);
    expect(norm.mean).toEqual([2, 5]);
    expect(norm.std[0]).toBeCloseTo(1, 6);
    expect(norm.std[1]).toBeGreaterThan(0);
    expect(classWeights([0, 0, 0, 1], 2)).toEqual([4 / 6, 2]);
  });

  it('beats a linear probe where the classes are not linearly separable, frees every tensor, and reports each epoch', async () => {
    const { tf } = ml;
    const all = xorLike(900, 3, 1);
    const train = { vectors: all.vectors.slice(0, 600), labels: all.labels.slice(0, 600) };
    const test = { vectors: all.vectors.slice(600), labels: all.labels.slice(600) };
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const head = await trainHead(tf, train, {
      classes: 3,
      seed: 3,
      augment: true,
      validation: { vectors: test.vectors.slice(0, 50), labels: test.labels.slice(0, 50) },
      onEpoch: (e) => epochs.push(e.epoch),
    });
    const headAccuracy = accuracyOf(await predictHead(tf, head.model, head.normalization, test.vectors), test.labels);
    head.model.dispose();
    const probeAccuracy = accuracyOf(await linearProbe(tf, train, test.vectors, { classes: 3, seed: 3 }), test.labels);
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs).toEqual(Array.from({ length: head.epochs }, (_, i) => i + 1));
    expect(head.history.at(-1)?.valAccuracy).toBeGreaterThan(0);
    expect(headAccuracy).toBeGreaterThan(0.85);
    expect(headAccuracy).toBeGreaterThan(probeAccuracy + 0.2);
    console.log(`head ${headAccuracy.toFixed(3)} vs linear probe ${probeAccuracy.toFixed(3)}`);
  }, 120_000);

  it('out-of-fold predictions cover every training still, folds keep groups together', async () => {
    const { tf } = ml;
    const groups = Array.from({ length: 120 }, (_, i) => `g${Math.floor(i / 4)}`);
    const folds = foldIds(groups, 4, 1);
    for (let i = 0; i < groups.length; i += 4) expect(new Set(folds.slice(i, i + 4)).size).toBe(1);
    expect(new Set(folds).size).toBe(4);
    const train = xorLike(120, 2, 5);
    const before = tf.memory().numTensors;
    const oof = await outOfFoldPredictions(tf, train, folds, { classes: 2, seed: 1, augment: false, epochs: 20 });
    expect(tf.memory().numTensors).toBe(before);
    expect(oof).toHaveLength(120);
    for (const p of oof) expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    expect(accuracyOf(oof, train.labels)).toBeGreaterThan(0.6);
  }, 120_000);

  it('trains on the smallest dataset training allows (2 classes, one still each in training)', async () => {
    const { tf } = ml;
    const train = { vectors: [Float32Array.of(1, 0, 2), Float32Array.of(0, 1, 2)], labels: [0, 1] };
    const before = tf.memory().numTensors;
    const head = await trainHead(tf, train, { classes: 2, seed: 1, augment: true });
    const probs = await predictHead(tf, head.model, head.normalization, train.vectors);
    head.model.dispose();
    expect(probs.map((p) => argmax(p))).toEqual([0, 1]);
    const oof = await outOfFoldPredictions(tf, train, foldIds([null, null], 3, 1), {
      classes: 2,
      seed: 1,
      augment: true,
    });
    expect(oof).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at the deadline and on cancel', async () => {
    const { tf } = ml;
    const train = xorLike(200, 2, 7);
    const before = tf.memory().numTensors;
    const early = await trainHead(tf, train, {
      classes: 2,
      seed: 1,
      augment: false,
      epochs: 100,
      deadline: performance.now(),
    });
    expect(early.stoppedBy).toBe('budget');
    expect(early.epochs).toBe(1);
    early.model.dispose();
    const controller = new AbortController();
    await expect(
      trainHead(tf, train, {
        classes: 2,
        seed: 1,
        augment: false,
        epochs: 100,
        signal: controller.signal,
        onEpoch: (e) => (e.epoch === 2 ? controller.abort() : undefined),
      }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
