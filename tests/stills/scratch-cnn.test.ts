import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StillsEpoch } from '../../src/shared/stills';
import { mulberry32 } from '../../src/main/engine/ml/random';
import { initMlRuntime, type MlRuntime } from '../../src/main/engine/ml/runtime';
import type { ScratchTrainInput } from '../../src/main/engine/stills/classifier';
import { INPUT_SIZE, preprocessFile } from '../../src/main/engine/stills/preprocess';
import { ensureConvGradients } from '../../src/main/engine/stills/scratch-conv-grad';
import {
  buildScratchCnn,
  SCRATCH_INPUT_SIZE,
  scratchPixels,
  trainScratchCnn,
} from '../../src/main/engine/stills/scratch-cnn';
import { tempDirs } from './fixtures';
import { writeShotScaleSet, type ShotScale } from './shot-scale-set';

const PIXELS_224 = INPUT_SIZE * INPUT_SIZE * 3;
const CLASSES: ShotScale[] = ['extreme close-up', 'medium', 'extreme long'];

let ml: MlRuntime;
const dirs = tempDirs();
let train: Array<{ path: string; label: number }>;
let validation: Array<{ path: string; label: number }>;

beforeAll(async () => {
  ml = await initMlRuntime();
  // Every fourth still of each class is held out for validation (from the same three films).
  const set = await writeShotScaleSet(dirs.make('motif-scratch-'), {
    perClass: 24,
    seed: 4,
    films: 3,
    width: 192,
    height: 108,
    classes: CLASSES,
  });
  const items = set.files.map((f, i) => ({ path: f.path, label: CLASSES.indexOf(f.label), held: i % 4 === 3 }));
  train = items.filter((f) => !f.held).map(({ path, label }) => ({ path, label }));
  validation = items.filter((f) => f.held).map(({ path, label }) => ({ path, label }));
});
afterAll(() => dirs.cleanup());

function options(overrides: Partial<ScratchTrainInput> = {}): ScratchTrainInput {
  return {
    train,
    validation,
    classes: CLASSES,
    aspect: 'crop',
    epochs: 6,
    budgetMs: null,
    augment: true,
    seed: 3,
    signal: new AbortController().signal,
    onEpoch: () => undefined,
    ...overrides,
  };
}

async function weightsOf(model: { getWeights(): Tensor[] }): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

/** The largest absolute difference between two models' weights (a number, so a failure prints small). */
async function weightDistance(a: { getWeights(): Tensor[] }, b: { getWeights(): Tensor[] }): Promise<number> {
  const [wa, wb] = [await weightsOf(a), await weightsOf(b)];
  expect(wa.map((w) => w.length)).toEqual(wb.map((w) => w.length));
  let max = 0;
  wa.forEach((w, i) => w.forEach((v, j) => (max = Math.max(max, Math.abs(v - (wb[i]?.[j] as number))))));
  return max;
}

describe('from-scratch stills CNN', () => {
  it('builds the same weights for the same seed, different for another, with a softmax over the classes', async () => {
    const before = ml.tf.memory().numTensors;
    const a = buildScratchCnn(ml.tf, 3, 1);
    const b = buildScratchCnn(ml.tf, 3, 1);
    const c = buildScratchCnn(ml.tf, 3, 2);
    expect(a.inputs[0]?.shape).toEqual([null, SCRATCH_INPUT_SIZE, SCRATCH_INPUT_SIZE, 3]);
    expect(a.outputs[0]?.shape).toEqual([null, 3]);
    expect(a.countParams()).toBeLessThan(200_000);
    expect(await weightDistance(a, b)).toBe(0);
    expect(await weightDistance(a, c)).toBeGreaterThan(0);
    [a, b, c].forEach((m) => m.dispose());
    expect(() => buildScratchCnn(ml.tf, 1, 1)).toThrow(/at least 2 classes/);
    expect(ml.tf.memory().numTensors).toBe(before);
  });

  it('scratchPixels shrinks 224×224 backbone pixels to the input size, keeping flat colours, with no tensors left', async () => {
    const pixels = new Float32Array(PIXELS_224 * 2);
    for (let i = 0; i < PIXELS_224; i += 3) {
      pixels[i] = 0.5; // first image: a flat colour
      pixels[i + 1] = -0.25;
      pixels[i + 2] = 1;
    }
    pixels.fill(-1, PIXELS_224); // second image: black
    const before = ml.tf.memory().numTensors;
    const small = scratchPixels(ml.tf, pixels, 2);
    expect(small.shape).toEqual([2, SCRATCH_INPUT_SIZE, SCRATCH_INPUT_SIZE, 3]);
    const values = await small.data();
    small.dispose();
    expect(ml.tf.memory().numTensors).toBe(before);
    const per = SCRATCH_INPUT_SIZE * SCRATCH_INPUT_SIZE * 3;
    for (const i of [0, 3 * 500, per - 3]) {
      expect(values[i]).toBeCloseTo(0.5, 5);
      expect(values[i + 1]).toBeCloseTo(-0.25, 5);
      expect(values[i + 2]).toBeCloseTo(1, 5);
    }
    expect(values[per + 7]).toBeCloseTo(-1, 5);
    expect(() => scratchPixels(ml.tf, pixels, 3)).toThrow(/needs 3/);
  });

  it('trains on a small shot-scale set, clearly beats chance on held-out stills, reports every epoch, frees its tensors', async () => {
    const before = ml.tf.memory().numTensors;
    const epochs: Array<{ epoch: StillsEpoch; fraction: number }> = [];
    let batchCalls = 0;
    const result = await trainScratchCnn(
      ml.tf,
      options({
        epochs: 8,
        onEpoch: (epoch, fraction) => epochs.push({ epoch, fraction }),
        onBatch: () => batchCalls++,
      }),
    );
    expect(result.stoppedBy).toBe('epochs');
    expect(result.inputSize).toBe(SCRATCH_INPUT_SIZE);
    expect(result.history).toHaveLength(8);
    expect(epochs.map((e) => e.fraction)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((e) => e / 8));
    expect(epochs.map((e) => e.epoch)).toEqual(result.history);
    expect(batchCalls).toBe(8 * Math.ceil(train.length / 32));
    const first = result.history[0] as StillsEpoch;
    const last = result.history[7] as StillsEpoch;
    expect(last.loss).toBeLessThan(first.loss);
    // 3 classes: chance is 1/3.
    expect(last.valAccuracy).toBeGreaterThanOrEqual(0.7);

    // The model predicts from backbone-format pixels through scratchPixels, as the classifier will.
    const pixels = new Float32Array(PIXELS_224 * validation.length);
    await Promise.all(validation.map((v, i) => preprocessFile(v.path, 'crop', pixels, i * PIXELS_224)));
    const beforePredict = ml.tf.memory().numTensors;
    const probabilities = ml.tf.tidy(() => {
      const input = scratchPixels(ml.tf, pixels, validation.length);
      return result.model.predict(input) as Tensor;
    });
    const rows = (await probabilities.array()) as number[][];
    probabilities.dispose();
    expect(ml.tf.memory().numTensors).toBe(beforePredict);
    const correct = rows.filter((row, i) => row.indexOf(Math.max(...row)) === validation[i]?.label).length;
    for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    // Same weights, same stills (cached as bytes in training, floats here): the same accuracy, ±1 still.
    expect(Math.abs(correct / rows.length - last.valAccuracy)).toBeLessThanOrEqual(1 / rows.length + 1e-9);

    result.model.dispose();
    expect(ml.tf.memory().numTensors).toBe(before);
  });

  it('cancel mid-epoch returns the model of the last completed epoch, identical to a run stopped when that epoch ended', async () => {
    const before = ml.tf.memory().numTensors;
    // Reference: the same run cancelled right after epoch 1 ends, before epoch 2's first batch.
    const atEpochEnd = new AbortController();
    const oneEpoch = await trainScratchCnn(
      ml.tf,
      options({ epochs: 5, signal: atEpochEnd.signal, onEpoch: () => atEpochEnd.abort() }),
    );
    expect(oneEpoch.stoppedBy).toBe('cancel');
    const controller = new AbortController();
    let epochsDone = 0;
    const cancelled = await trainScratchCnn(
      ml.tf,
      options({
        epochs: 5,
        signal: controller.signal,
        onEpoch: () => epochsDone++,
        // Abort after the first batch of the second epoch has changed the weights.
        onBatch: () => {
          if (epochsDone === 1) controller.abort();
        },
      }),
    );
    expect(cancelled.stoppedBy).toBe('cancel');
    expect(cancelled.history).toHaveLength(1);
    expect(cancelled.history).toEqual(oneEpoch.history);
    expect(await weightDistance(cancelled.model, oneEpoch.model)).toBe(0);
    const probe = ml.tf.tidy(
      () => cancelled.model.predict(ml.tf.zeros([1, SCRATCH_INPUT_SIZE, SCRATCH_INPUT_SIZE, 3])) as Tensor,
    );
    expect(probe.shape).toEqual([1, 3]);
    probe.dispose();
    oneEpoch.model.dispose();
    cancelled.model.dispose();
    expect(ml.tf.memory().numTensors).toBe(before);
  });

  it('a cancel before training starts gives the untrained model and no history', async () => {
    const before = ml.tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    const result = await trainScratchCnn(ml.tf, options({ signal: controller.signal }));
    expect(result.stoppedBy).toBe('cancel');
    expect(result.history).toEqual([]);
    result.model.dispose();
    expect(ml.tf.memory().numTensors).toBe(before);
  });

  it('the time budget stops after the current batch and reports that partial epoch', async () => {
    const before = ml.tf.memory().numTensors;
    let batches = 0;
    const result = await trainScratchCnn(
      ml.tf,
      options({ epochs: 50, budgetMs: 1, augment: false, onBatch: () => batches++ }),
    );
    expect(result.stoppedBy).toBe('budget');
    expect(batches).toBe(1);
    expect(result.history).toHaveLength(1);
    expect(Number.isFinite(result.history[0]?.valLoss)).toBe(true);
    result.model.dispose();
    expect(ml.tf.memory().numTensors).toBe(before);
  });

  it('refuses labels outside the classes and an empty training split', async () => {
    await expect(trainScratchCnn(ml.tf, options({ train: [{ path: 'x.jpg', label: 3 }] }))).rejects.toThrow(
      /not one of the 3 classes/,
    );
    await expect(trainScratchCnn(ml.tf, options({ train: [] }))).rejects.toThrow(/training split is empty/);
  });
});

/** Naive reference: gradients of L = Σ conv2d(x, w) · r with respect to x and w. */
function referenceGradients(
  x: Float32Array,
  xShape: [number, number, number, number],
  w: Float32Array,
  wShape: [number, number, number, number],
  r: Float32Array,
  stride: number,
  top: number,
  left: number,
  outH: number,
  outW: number,
): { dx: Float64Array; dw: Float64Array } {
  const [n, h, wd, ci] = xShape;
  const [kh, kw, , co] = wShape;
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(w.length);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < outH; i++)
      for (let j = 0; j < outW; j++)
        for (let o = 0; o < co; o++) {
          const g = r[((b * outH + i) * outW + j) * co + o] as number;
          for (let a = 0; a < kh; a++)
            for (let c = 0; c < kw; c++) {
              const row = i * stride + a - top;
              const col = j * stride + c - left;
              if (row < 0 || col < 0 || row >= h || col >= wd) continue;
              for (let k = 0; k < ci; k++) {
                const xi = ((b * h + row) * wd + col) * ci + k;
                const wi = ((a * kw + c) * ci + k) * co + o;
                dw[wi]! += (x[xi] as number) * g;
                dx[xi]! += (w[wi] as number) * g;
              }
            }
        }
  return { dx, dw };
}

describe('convolution gradients on the active backend', () => {
  it.each([
    [1, 'same'],
    [1, 'valid'],
    [2, 'same'],
    [2, 'valid'],
  ] as const)('stride %i, %s padding: filter and input gradients match a naive reference', async (stride, pad) => {
    const { tf } = ml;
    ensureConvGradients(tf);
    const random = mulberry32(stride * 10 + pad.length);
    const fill = (size: number): Float32Array => Float32Array.from({ length: size }, () => random() * 2 - 1);
    const xShape: [number, number, number, number] = [2, 9, 8, 3];
    const wShape: [number, number, number, number] = [3, 3, 3, 5];
    const info = tf.backend_util.computeConv2DInfo(xShape, wShape, stride, 1, pad);
    const xv = fill(2 * 9 * 8 * 3);
    const wv = fill(3 * 3 * 3 * 5);
    const rv = fill(2 * info.outHeight * info.outWidth * 5);
    const before = tf.memory().numTensors;
    const [dx, dw] = tf.tidy(() => {
      const x = tf.tensor4d(xv, xShape);
      const w = tf.tensor4d(wv, wShape);
      const r = tf.tensor4d(rv, [2, info.outHeight, info.outWidth, 5]);
      const loss = (a: Tensor, b: Tensor): Tensor =>
        tf.sum(tf.mul(tf.conv2d(a as Tensor4D, b as Tensor4D, stride, pad), r));
      return tf.grads(loss)([x, w]);
    }) as [Tensor, Tensor];
    const got = { dx: await dx.data(), dw: await dw.data() };
    tf.dispose([dx, dw]);
    expect(tf.memory().numTensors).toBe(before);
    const want = referenceGradients(
      xv,
      xShape,
      wv,
      wShape,
      rv,
      stride,
      info.padInfo.top,
      info.padInfo.left,
      info.outHeight,
      info.outWidth,
    );
    for (const key of ['dx', 'dw'] as const)
      for (let i = 0; i < want[key].length; i++)
        expect(Math.abs((got[key][i] as number) - (want[key][i] as number))).toBeLessThan(1e-4);
  });
});
