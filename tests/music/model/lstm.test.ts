import { describe, expect, it } from 'vitest';
import type { LayersModel, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import { initMlRuntime, type Tf } from '../../../src/main/engine/ml/runtime';
import { mulberry32 } from '../../../src/main/engine/ml/random';
import { LstmNet, type SequenceBatch } from '../../../src/main/engine/music/model/lstm';

const BACKENDS = ['cpu', 'wasm'] as const;

async function runtime(backend: (typeof BACKENDS)[number]): Promise<Tf> {
  const { tf } = await initMlRuntime({ MOTIF_TF_BACKEND: backend });
  return tf;
}

function randomBatch(
  seed: number,
  steps: number,
  batchSize: number,
  vocab: number,
  featureSize: number,
): SequenceBatch {
  const random = mulberry32(seed);
  const n = steps * batchSize;
  const tokens = new Int32Array(n);
  const targets = new Int32Array(n);
  const features = featureSize > 0 ? new Int32Array(n) : null;
  const weights = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    tokens[k] = Math.floor(random() * vocab);
    targets[k] = Math.floor(random() * vocab);
    if (features) features[k] = Math.floor(random() * featureSize);
    weights[k] = random() < 0.9 ? 1 : 0; // some padding
  }
  return { batchSize, steps, tokens, features, targets, weights };
}

/** Batch-major multi-hot input [batch, steps, vocab + features] for tf.layers. */
function multiHot(tf: Tf, batch: SequenceBatch, vocab: number, featureSize: number): Tensor {
  const { steps, batchSize } = batch;
  const width = vocab + featureSize;
  const x = new Float32Array(batchSize * steps * width);
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batchSize; b++) {
      const r = t * batchSize + b;
      const base = (b * steps + t) * width;
      x[base + (batch.tokens[r] ?? 0)] = 1;
      if (batch.features) x[base + vocab + (batch.features[r] ?? 0)] = 1;
    }
  }
  return tf.tensor3d(x, [batchSize, steps, width]);
}

/** The stock tfjs-layers equivalent, with the net's weights copied in. */
function stockModel(tf: Tf, net: LstmNet, steps: number): LayersModel {
  const { vocabSize, featureSize, hiddenSizes } = net.config;
  const model = tf.sequential();
  hiddenSizes.forEach((units, index) => {
    model.add(
      tf.layers.lstm({
        units,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        ...(index === 0 ? { inputShape: [steps, vocabSize + featureSize] } : {}),
      }),
    );
  });
  model.add(tf.layers.dense({ units: vocabSize }));
  const weights: Tensor[] = [];
  for (const layer of net.layers) weights.push(layer.kernel, layer.recurrent, layer.bias);
  weights.push(net.outKernel, net.outBias);
  model.setWeights(weights);
  return model;
}

/** Reference loss by plain tape-recorded ops (tanh, sigmoid, per-gate slices): autodiff gradients. */
function referenceLoss(tf: Tf, net: LstmNet, batch: SequenceBatch): () => Tensor {
  const { vocabSize, featureSize } = net.config;
  return () => {
    const { steps, batchSize } = batch;
    const rows = steps * batchSize;
    const width = vocabSize + featureSize;
    const xData = new Float32Array(rows * width);
    for (let r = 0; r < rows; r++) {
      xData[r * width + (batch.tokens[r] ?? 0)] = 1;
      if (batch.features) xData[r * width + vocabSize + (batch.features[r] ?? 0)] = 1;
    }
    let inputs: Tensor2D[] = tf.split(tf.tensor2d(xData, [rows, width]), steps, 0);
    for (const layer of net.layers) {
      const hidden = layer.recurrent.shape[0] ?? 0;
      let h = tf.zeros([batchSize, hidden]) as Tensor2D;
      let c = tf.zeros([batchSize, hidden]) as Tensor2D;
      const outs: Tensor2D[] = [];
      for (const x of inputs) {
        const z = tf.add(
          tf.add(tf.matMul(x, layer.kernel as Tensor2D), tf.matMul(h, layer.recurrent as Tensor2D)),
          layer.bias,
        ) as Tensor2D;
        const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [Tensor2D, Tensor2D, Tensor2D, Tensor2D];
        c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg))) as Tensor2D;
        h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as Tensor2D;
        outs.push(h);
      }
      inputs = outs;
    }
    const logits = tf.add(tf.matMul(tf.concat(inputs, 0), net.outKernel as Tensor2D), net.outBias);
    const logp = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(batch.targets, 'int32'), vocabSize)), 1);
    const w = tf.tensor1d(batch.weights);
    return tf.div(tf.neg(tf.sum(tf.mul(picked, w))), tf.sum(w));
  };
}

describe.each(BACKENDS)('fused LSTM on %s', (backend) => {
  it('computes the same outputs as tf.layers.lstm with the same weights', async () => {
    const tf = await runtime(backend);
    const before = tf.memory().numTensors;
    const vocab = 7;
    const featureSize = 3;
    const net = new LstmNet(tf, { vocabSize: vocab, featureSize, hiddenSizes: [6, 5] }, 11);
    const batch = randomBatch(2, 9, 4, vocab, featureSize);
    const model = stockModel(tf, net, batch.steps);
    const x = multiHot(tf, batch, vocab, featureSize);
    const expected = model.predict(x) as Tensor; // [batch, steps, vocab]
    const { logits, state } = net.run(batch.tokens, batch.features, batch.steps, batch.batchSize, null);
    const ours = tf.tidy(() => tf.transpose(tf.reshape(logits, [batch.steps, batch.batchSize, vocab]), [1, 0, 2]));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, expected))).dataSync()[0] ?? Infinity);
    const scale = tf.tidy(() => tf.max(tf.abs(expected)).dataSync()[0] ?? 0);
    expect(scale).toBeGreaterThan(0.05); // a real signal, not all zeros
    expect(diff).toBeLessThan(1e-4);

    // Running in two chunks with the state carried over gives the same logits.
    const half = 4;
    const rowsA = half * batch.batchSize;
    const a = net.run(batch.tokens.slice(0, rowsA), batch.features!.slice(0, rowsA), half, batch.batchSize, null);
    const b = net.run(
      batch.tokens.slice(rowsA),
      batch.features!.slice(rowsA),
      batch.steps - half,
      batch.batchSize,
      a.state,
    );
    const chunked = tf.concat([a.logits, b.logits], 0);
    const chunkDiff = tf.tidy(() => tf.max(tf.abs(tf.sub(chunked, logits))).dataSync()[0] ?? Infinity);
    expect(chunkDiff).toBeLessThan(1e-5);

    for (const t of [expected, logits, ours, x, chunked, a.logits, b.logits]) t.dispose();
    for (const s of [state, a.state, b.state]) net.disposeState(s);
    model.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hand-written gradients match autodiff of the same loss', async () => {
    const tf = await runtime(backend);
    const before = tf.memory().numTensors;
    const vocab = 6;
    const net = new LstmNet(tf, { vocabSize: vocab, featureSize: 2, hiddenSizes: [5, 4] }, 5);
    const batch = randomBatch(9, 7, 3, vocab, 2);
    const variables = net.namedVariables().map((v) => v.variable);
    const reference = tf.variableGrads(referenceLoss(tf, net, batch) as () => ReturnType<Tf['scalar']>, variables);
    const ours = tf.tidy(() => {
      const { grads, lossSum } = net.gradients(batch, { dropout: 0, clipNorm: 0, random: Math.random });
      const weightSum = batch.weights.reduce((s, w) => s + w, 0);
      return {
        loss: tf.div(lossSum, weightSum),
        grads: grads.map((g) => ({ name: g.name, tensor: tf.keep(g.tensor) })),
      };
    });
    expect(Math.abs((ours.loss.dataSync()[0] ?? 0) - (reference.value.dataSync()[0] ?? 1))).toBeLessThan(1e-5);
    let checked = 0;
    for (const { name, tensor } of ours.grads) {
      const expected = reference.grads[name] as Tensor;
      const [diff, scale] = tf.tidy(() => [
        tf.max(tf.abs(tf.sub(tensor, expected))).dataSync()[0] ?? Infinity,
        tf.max(tf.abs(expected)).dataSync()[0] ?? 0,
      ]);
      expect(scale, name).toBeGreaterThan(0);
      expect(diff, name).toBeLessThan(1e-4 * Math.max(1, scale ?? 0));
      checked++;
    }
    expect(checked).toBe(variables.length);
    ours.loss.dispose();
    ours.grads.forEach((g) => g.tensor.dispose());
    reference.value.dispose();
    Object.values(reference.grads).forEach((g) => g.dispose());
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fused LSTM training', () => {
  it('learns a repeating sequence, and leaves the tensor count unchanged after each step', async () => {
    const tf = await runtime('wasm');
    const before = tf.memory().numTensors;
    const vocab = 5;
    const net = new LstmNet(tf, { vocabSize: vocab, featureSize: 0, hiddenSizes: [16] }, 3);
    const optimizer = tf.train.adam(0.05);
    const steps = 12;
    const batchSize = 4;
    const tokens = new Int32Array(steps * batchSize);
    const targets = new Int32Array(steps * batchSize);
    const pattern = [0, 1, 2, 3, 4, 2];
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batchSize; b++) {
        tokens[t * batchSize + b] = pattern[(t + b) % pattern.length] ?? 0;
        targets[t * batchSize + b] = pattern[(t + b + 1) % pattern.length] ?? 0;
      }
    }
    const batch: SequenceBatch = {
      batchSize,
      steps,
      tokens,
      features: null,
      targets,
      weights: new Float32Array(steps * batchSize).fill(1),
    };
    const options = { dropout: 0, clipNorm: 5, random: mulberry32(1) };
    const first = net.trainStep(batch, optimizer, options);
    const afterFirst = tf.memory().numTensors; // the optimizer's slots now exist
    let last = first;
    for (let k = 0; k < 60; k++) {
      last = net.trainStep(batch, optimizer, options);
      expect(tf.memory().numTensors).toBe(afterFirst);
    }
    expect(last.lossSum / last.count).toBeLessThan((first.lossSum / first.count) * 0.2);
    expect(last.correct / last.count).toBeGreaterThan(0.9);
    optimizer.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops units during training only, with a seeded mask', async () => {
    const tf = await runtime('cpu');
    const net = new LstmNet(tf, { vocabSize: 4, featureSize: 0, hiddenSizes: [8] }, 3);
    const batch = randomBatch(4, 5, 2, 4, 0);
    const lossWith = (seed: number, dropout: number): number =>
      tf.tidy(
        () => net.gradients(batch, { dropout, clipNorm: 0, random: mulberry32(seed) }).lossSum.dataSync()[0] ?? NaN,
      );
    expect(lossWith(1, 0.5)).toBeCloseTo(lossWith(1, 0.5), 6);
    expect(lossWith(1, 0.5)).not.toBeCloseTo(lossWith(2, 0.5), 3);
    expect(lossWith(1, 0)).toBeCloseTo(lossWith(2, 0), 6);
    net.dispose();
  });
});

// Keep the Variable type import used (documentation of what namedVariables returns).
export type { Variable };
