/**
 * The LSTM stack's forward pass (see `lstm.ts` for the design): weights prepared per gate, the
 * first layer's one-hot inputs, and one layer over all steps.
 */
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../../ml/runtime';
import type { LayerTrace, LstmLayerVariables, LstmNetConfig, PreparedLayer } from './lstm-types';

/** Stacked, candidate-scaled weights of every layer, one matrix per gate (inside a tidy). */
export function prepareLayers(tf: Tf, config: LstmNetConfig, layers: readonly LstmLayerVariables[]): PreparedLayer[] {
  return layers.map((layer, index) => {
    const hidden = config.hiddenSizes[index] ?? 0;
    const inputSize = layer.kernel.shape[0] ?? 0;
    const stacked = tf.concat([layer.kernel as Tensor2D, layer.recurrent as Tensor2D], 0);
    const gate = (k: number): Tensor2D => {
      const w = tf.slice(stacked, [0, k * hidden], [inputSize + hidden, hidden]);
      return k === 2 ? tf.mul(w, 2) : w;
    };
    const bias = (k: number): Tensor1D => {
      const b = tf.slice(layer.bias as Tensor1D, [k * hidden], [hidden]);
      return k === 2 ? tf.mul(b, 2) : b;
    };
    return {
      inputSize,
      hidden,
      gates: [gate(0), gate(1), gate(2), gate(3)],
      biases: [bias(0), bias(1), bias(2), bias(3)],
    };
  });
}

/** The first layer's multi-hot input (token + feature) per step, [batch, vocab + features]. */
export function stepInputs(
  tf: Tf,
  config: LstmNetConfig,
  tokens: Int32Array,
  features: Int32Array | null,
  steps: number,
  batch: number,
): Tensor2D[] {
  const width = config.vocabSize + config.featureSize;
  if (config.featureSize > 0 && !features) throw new Error('this net expects a feature index per step');
  const out: Tensor2D[] = [];
  for (let t = 0; t < steps; t++) {
    const x = new Float32Array(batch * width);
    for (let b = 0; b < batch; b++) {
      const r = t * batch + b;
      const token = tokens[r] ?? 0;
      if (token < 0 || token >= config.vocabSize)
        throw new Error(`token ${token} is outside the vocabulary of ${config.vocabSize}`);
      x[b * width + token] = 1;
      if (config.featureSize > 0)
        x[b * width + config.vocabSize + Math.min(config.featureSize - 1, Math.max(0, features?.[r] ?? 0))] = 1;
    }
    out.push(tf.tensor2d(x, [batch, width]));
  }
  return out;
}

/**
 * One layer over all steps. Per step: a fused matMul per gate ([x_t, h] times the stacked
 * kernels, plus bias, through a sigmoid), and the cell update with
 * tanh(x) = 2 sigmoid(2x) - 1 (wasm's tanh is an order of magnitude slower than its sigmoid).
 */
export function layerForward(
  tf: Tf,
  layer: PreparedLayer,
  inputs: readonly Tensor2D[],
  h0: Tensor2D | null,
  c0: Tensor2D | null,
  keepTrace: boolean,
): LayerTrace {
  const { hidden } = layer;
  const trace: LayerTrace = { inputs: [], a: [], i: [], f: [], g: [], o: [], c: [], tc: [], h: [] };
  const batch = inputs[0]?.shape[0] ?? 0;
  let h = h0 ?? (tf.zeros([batch, hidden]) as Tensor2D);
  let c = c0;
  for (const x of inputs) {
    const input = tf.concat([x, h], 1);
    const gate = (k: 0 | 1 | 2 | 3): Tensor2D =>
      tf.fused.matMul({ a: input, b: layer.gates[k], bias: layer.biases[k], activation: 'sigmoid' }) as Tensor2D;
    const i = gate(0);
    const f = gate(1);
    const gs = gate(2);
    const o = gate(3);
    const g = tf.sub(tf.mul(gs, 2), 1) as Tensor2D;
    const a = keepTrace ? tf.concat([i, f, gs, o], 1) : i;
    c = (c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g)) as Tensor2D;
    const tc = tf.sub(tf.mul(tf.sigmoid(tf.mul(c, 2)), 2), 1) as Tensor2D;
    h = tf.mul(o, tc) as Tensor2D;
    trace.h.push(h);
    trace.c.push(c);
    if (keepTrace) {
      trace.inputs.push(input);
      trace.a.push(a);
      trace.i.push(i);
      trace.f.push(f);
      trace.g.push(g);
      trace.o.push(o);
      trace.tc.push(tc);
    }
  }
  return trace;
}
