/**
 * A fast LSTM stack for next-event prediction, written against plain tfjs ops so that it runs the
 * same on tfjs-node, wasm and cpu.
 *
 * Why not `tf.layers.lstm`: on the wasm/cpu backends its training time is dominated by per-op
 * overhead (the layers RNN records dozens of tape nodes per cell step and replays them), and
 * several ops it relies on are slow there. Measured on wasm (tfjs 4.22, Node 20): `tanh` costs
 * about 15x a `sigmoid`; `slice` reads back the whole source tensor on every call; `gather` copies
 * at about 20-30 ns per element; matMuls with a transposed operand run several times slower than
 * an explicit transpose followed by a plain matMul.
 *
 * This implementation:
 * - keeps Keras' weight layout (kernel [in, 4H], recurrentKernel [H, 4H], bias [4H], gate order
 *   i, f, c, o), so weights are interchangeable with `tf.layers.lstm` (sigmoid recurrent
 *   activation); the tests check forward outputs and gradients against it and against autodiff;
 * - fuses the input and recurrent matMuls: per step and gate one fused matMul of [x_t, h_{t-1}]
 *   with the stacked [in + H, H] kernel, bias and sigmoid in the same kernel (one matrix per gate,
 *   prepared once per batch, so no gate needs a column slice);
 * - computes the candidate gate and tanh(c) through sigmoid: tanh(x) = 2 sigmoid(2x) - 1 (the
 *   factor 2 is folded into the candidate gate's prepared weights);
 * - runs backpropagation through time by hand, with no gradient tape: only dh and dc recurse per
 *   step; each weight gradient is one big matMul over all steps ([x; h_prev]^T dz);
 * - takes one-hot token (and position) inputs, so no Embedding gradient (UnsortedSegmentSum,
 *   missing on wasm) is ever needed, and builds every per-step tensor directly instead of
 *   slicing big ones.
 */
import type { Optimizer, Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Tf } from '../../ml/runtime';
import { mulberry32 } from '../../ml/random';

export interface LstmNetConfig {
  /** Number of token classes (input one-hot and output softmax). */
  vocabSize: number;
  /** Size of the extra one-hot input feature (0 = none). */
  featureSize: number;
  /** Units per LSTM layer, bottom first. */
  hiddenSizes: readonly number[];
}

export interface LstmLayerVariables {
  kernel: Variable; // [in, 4H]
  recurrent: Variable; // [H, 4H]
  bias: Variable; // [4H]
}

/** One batch of sequences, time-major: element t*batch + b is sequence b at step t. */
export interface SequenceBatch {
  batchSize: number;
  steps: number;
  tokens: Int32Array;
  /** Feature index per element (< featureSize), or null when the net has no feature input. */
  features: Int32Array | null;
  targets: Int32Array;
  /** 1 for a real target, 0 for padding. */
  weights: Float32Array;
}

export interface TrainStepOptions {
  /** Fraction of units dropped on each layer's output (0 = none). */
  dropout: number;
  /** Clip the gradients' global norm to this (0 = no clipping). */
  clipNorm: number;
  /** Source of randomness for dropout masks. */
  random: () => number;
}

export interface BatchStats {
  /** Sum of the per-target negative log-likelihoods (nats). */
  lossSum: number;
  correct: number;
  /** Correct predictions among targets that are not `excludedClass` (see `evaluate`). */
  eventCorrect: number;
  eventCount: number;
  count: number;
}

/** Recurrent state of every layer for `batch` sequences. Owned by the caller (dispose it). */
export interface LstmState {
  h: Tensor2D[];
  c: Tensor2D[];
}

/** What backpropagation needs from one layer's forward pass, per step. */
interface LayerTrace {
  /** [x_t, h_{t-1}]: the fused matMul's input. */
  inputs: Tensor2D[];
  /** Gate activations [i, f, g', o] (g' = sigmoid(2 z_g)). */
  a: Tensor2D[];
  i: Tensor2D[];
  f: Tensor2D[];
  g: Tensor2D[];
  o: Tensor2D[];
  c: Tensor2D[];
  tc: Tensor2D[];
  h: Tensor2D[];
}

/**
 * Weights prepared for one forward pass: kernel and recurrent kernel stacked ([in + H, H] per
 * gate, so no gate needs a column slice: wasm's slice reads back its whole source) with the
 * candidate gate scaled by 2 (see the file note), the biases likewise.
 */
interface PreparedLayer {
  inputSize: number;
  hidden: number;
  /** i, f, g (scaled), o. */
  gates: [Tensor2D, Tensor2D, Tensor2D, Tensor2D];
  biases: [Tensor1D, Tensor1D, Tensor1D, Tensor1D];
}

/** Prepared weights for inference; dispose with `disposePrepared`. */
export interface PreparedNet {
  layers: PreparedLayer[];
}

/** A gradient for the optimizer: the variable's (engine-wide) name and the tensor. */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

let instanceCounter = 0;

/** Glorot-uniform values for a [fanIn, fanOut] matrix from a seeded generator. */
function glorotUniform(random: () => number, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < out.length; k++) out[k] = (random() * 2 - 1) * limit;
  return out;
}

/** A [rows, cols] matrix (rows <= cols) with orthonormal rows, by Gram-Schmidt on Gaussian rows. */
function orthogonalRows(random: () => number, rows: number, cols: number): Float32Array {
  const m = new Float64Array(rows * cols);
  for (let k = 0; k < m.length; k++) {
    const u = 1 - random();
    const v = random();
    m[k] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < r; p++) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += (m[r * cols + k] ?? 0) * (m[p * cols + k] ?? 0);
      for (let k = 0; k < cols; k++) m[r * cols + k] = (m[r * cols + k] ?? 0) - dot * (m[p * cols + k] ?? 0);
    }
    let norm = 0;
    for (let k = 0; k < cols; k++) norm += (m[r * cols + k] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < cols; k++) m[r * cols + k] = (m[r * cols + k] ?? 0) / norm;
  }
  return Float32Array.from(m);
}

/** Dropout mask values (0 or 1/keep) for `count` units. */
function dropoutMask(random: () => number, count: number, rate: number): Float32Array {
  const keep = 1 - rate;
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) out[k] = random() < keep ? 1 / keep : 0;
  return out;
}

export class LstmNet {
  readonly layers: LstmLayerVariables[];
  readonly outKernel: Variable; // [H_top, V]
  readonly outBias: Variable; // [V]
  private readonly prefix: string;
  private disposed = false;

  constructor(
    readonly tf: Tf,
    readonly config: LstmNetConfig,
    seed = 1,
  ) {
    if (config.hiddenSizes.length === 0) throw new Error('an LSTM net needs at least one layer');
    this.prefix = `melody-lstm-${++instanceCounter}`;
    const random = mulberry32(seed);
    let inputSize = config.vocabSize + config.featureSize;
    // Variables share their initial tensor's data; tidy disposes the initial tensors, never variables.
    const [layers, outKernel, outBias] = tf.tidy(() => {
      const layers = config.hiddenSizes.map((hidden, index) => {
        const units = 4 * hidden;
        const bias = new Float32Array(units);
        bias.fill(1, hidden, 2 * hidden); // unit forget bias, as Keras does
        const layer = {
          kernel: tf.variable(
            tf.tensor2d(glorotUniform(random, inputSize, units), [inputSize, units]),
            true,
            `${this.prefix}/l${index}/kernel`,
          ),
          recurrent: tf.variable(
            tf.tensor2d(orthogonalRows(random, hidden, units), [hidden, units]),
            true,
            `${this.prefix}/l${index}/recurrent`,
          ),
          bias: tf.variable(tf.tensor1d(bias), true, `${this.prefix}/l${index}/bias`),
        };
        inputSize = hidden;
        return layer;
      });
      const outKernel = tf.variable(
        tf.tensor2d(glorotUniform(random, inputSize, config.vocabSize), [inputSize, config.vocabSize]),
        true,
        `${this.prefix}/out/kernel`,
      );
      const outBias = tf.variable(tf.zeros([config.vocabSize]), true, `${this.prefix}/out/bias`);
      return [layers, outKernel, outBias] as const;
    });
    this.layers = layers;
    this.outKernel = outKernel;
    this.outBias = outBias;
  }

  /** Every trainable variable with a stable logical name (for checkpoints). */
  namedVariables(): Array<{ name: string; variable: Variable }> {
    const out: Array<{ name: string; variable: Variable }> = [];
    this.layers.forEach((layer, index) => {
      out.push({ name: `l${index}/kernel`, variable: layer.kernel });
      out.push({ name: `l${index}/recurrent`, variable: layer.recurrent });
      out.push({ name: `l${index}/bias`, variable: layer.bias });
    });
    out.push({ name: 'out/kernel', variable: this.outKernel });
    out.push({ name: 'out/bias', variable: this.outBias });
    return out;
  }

  /** Number of trainable parameters. */
  parameterCount(): number {
    return this.namedVariables().reduce((sum, { variable }) => sum + variable.size, 0);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const { variable } of this.namedVariables()) variable.dispose();
  }

  /** Zero state for `batch` sequences. */
  initialState(batch: number): LstmState {
    const { tf } = this;
    return {
      h: this.config.hiddenSizes.map((hidden) => tf.zeros([batch, hidden]) as Tensor2D),
      c: this.config.hiddenSizes.map((hidden) => tf.zeros([batch, hidden]) as Tensor2D),
    };
  }

  disposeState(state: LstmState): void {
    for (const t of [...state.h, ...state.c]) t.dispose();
  }

  /** Weights prepared for repeated `run` calls (generation); dispose with `disposePrepared`. */
  prepare(): PreparedNet {
    const { tf } = this;
    const meta: Array<{ inputSize: number; hidden: number }> = [];
    const flat = tf.tidy(() =>
      this.prepareLayers().flatMap((l) => {
        meta.push({ inputSize: l.inputSize, hidden: l.hidden });
        return [...l.gates, ...l.biases];
      }),
    );
    return {
      layers: meta.map((m, index) => {
        const t = flat.slice(index * 8, index * 8 + 8);
        return {
          ...m,
          gates: [t[0], t[1], t[2], t[3]] as PreparedLayer['gates'],
          biases: [t[4], t[5], t[6], t[7]] as unknown as PreparedLayer['biases'],
        };
      }),
    };
  }

  disposePrepared(prepared: PreparedNet): void {
    for (const l of prepared.layers) {
      for (const t of [...l.gates, ...l.biases]) t.dispose();
    }
  }

  /**
   * Logits [steps*batch, V] (time-major rows) for a batch, continuing from `state` (or zeros), and
   * the state after the last step. No dropout. The returned tensors are the caller's to dispose;
   * `state` and `prepared` are left untouched.
   */
  run(
    tokens: Int32Array,
    features: Int32Array | null,
    steps: number,
    batch: number,
    state: LstmState | null,
    prepared: PreparedNet | null = null,
  ): { logits: Tensor2D; state: LstmState } {
    const { tf } = this;
    let next: LstmState = { h: [], c: [] };
    const logits = tf.tidy(() => {
      const layers = prepared?.layers ?? this.prepareLayers();
      let below = this.stepInputs(tokens, features, steps, batch);
      const hs: Tensor2D[] = [];
      const cs: Tensor2D[] = [];
      layers.forEach((layer, index) => {
        const trace = this.layerForward(layer, below, state?.h[index] ?? null, state?.c[index] ?? null, false);
        below = trace.h;
        hs.push(trace.h[trace.h.length - 1] as Tensor2D);
        cs.push(trace.c[trace.c.length - 1] as Tensor2D);
      });
      next = { h: hs.map((t) => tf.keep(t)), c: cs.map((t) => tf.keep(t)) };
      const top = below.length === 1 ? (below[0] as Tensor2D) : tf.concat(below, 0);
      return tf.add(tf.matMul(top, this.outKernel as Tensor2D), this.outBias) as Tensor2D;
    });
    return { logits, state: next };
  }

  /**
   * One optimisation step: forward, hand-written backward, optional global-norm clipping, and the
   * optimizer's update. Returns summed loss and accuracy counts for the batch.
   */
  trainStep(batch: SequenceBatch, optimizer: Optimizer, options: TrainStepOptions, excludedClass = -1): BatchStats {
    const { tf } = this;
    const stats = tf.tidy(() => {
      const { grads, lossSum, correct, eventCorrect } = this.gradients(batch, options, excludedClass);
      const clipped = options.clipNorm > 0 ? this.clipByGlobalNorm(grads, options.clipNorm) : grads;
      optimizer.applyGradients(clipped);
      return tf.stack([lossSum, correct, eventCorrect]);
    });
    const values = stats.dataSync();
    stats.dispose();
    return {
      lossSum: values[0] ?? NaN,
      correct: values[1] ?? 0,
      eventCorrect: values[2] ?? 0,
      eventCount: countExcluding(batch, excludedClass),
      count: batch.weights.reduce((a, b) => a + b, 0),
    };
  }

  /**
   * Loss and gradients of a batch (mean negative log-likelihood over weighted targets), by hand.
   * Call inside `tf.tidy`. Exposed for the gradient tests.
   */
  gradients(
    batch: SequenceBatch,
    options: TrainStepOptions,
    excludedClass = -1,
  ): { grads: NamedTensor[]; lossSum: Scalar; correct: Scalar; eventCorrect: Scalar } {
    const { tf, config } = this;
    const { steps, batchSize } = batch;
    const rows = steps * batchSize;
    const layers = this.prepareLayers();
    const masks = config.hiddenSizes.map((hidden) =>
      options.dropout > 0 ? this.stepMasks(options, steps, batchSize, hidden) : null,
    );

    // Forward, layer by layer, keeping what backpropagation needs.
    const traces: LayerTrace[] = [];
    let below = this.stepInputs(batch.tokens, batch.features, steps, batchSize);
    layers.forEach((layer, index) => {
      const trace = this.layerForward(layer, below, null, null, true);
      traces.push(trace);
      const mask = masks[index];
      below = mask ? trace.h.map((h, t) => tf.mul(h, mask[t] as Tensor2D)) : trace.h;
    });
    const top = tf.concat(below, 0);

    // Softmax cross-entropy over weighted targets.
    const logits = tf.add(tf.matMul(top, this.outKernel as Tensor2D), this.outBias) as Tensor2D;
    const probs = tf.softmax(logits);
    const oneHot = new Float32Array(rows * config.vocabSize);
    const weightSum = Math.max(
      1e-9,
      batch.weights.reduce((a, b) => a + b, 0),
    );
    for (let r = 0; r < rows; r++) oneHot[r * config.vocabSize + (batch.targets[r] ?? 0)] = batch.weights[r] ?? 0;
    const yw = tf.tensor2d(oneHot, [rows, config.vocabSize]);
    const w = tf.tensor2d(batch.weights, [rows, 1]);
    const wFlat = tf.reshape(w, [rows]);
    const picked = tf.sum(tf.mul(probs, yw), 1); // p(target) * weight, 0 for padding
    const lossSum = tf.sum(tf.neg(tf.log(tf.add(picked, tf.sub(1, wFlat))))) as Scalar; // log(1) = 0 for padding
    const targets = tf.tensor1d(batch.targets, 'int32');
    const hit = tf.mul(tf.cast(tf.equal(tf.argMax(logits, 1), targets), 'float32'), wFlat);
    const correct = tf.sum(hit) as Scalar;
    const eventCorrect =
      excludedClass >= 0
        ? (tf.sum(tf.mul(hit, tf.cast(tf.notEqual(targets, excludedClass), 'float32'))) as Scalar)
        : correct;

    const dLogits = tf.div(tf.sub(tf.mul(probs, w), yw), weightSum) as Tensor2D;
    const grads: NamedTensor[] = [];
    grads.push({ name: this.outKernel.name, tensor: tf.matMul(tf.transpose(top), dLogits) });
    grads.push({ name: this.outBias.name, tensor: this.columnSums(dLogits) });
    const outT = tf.transpose(this.outKernel as Tensor2D);
    // dL/dh of the top layer per step. Row slices of dLogits would each read back the whole tensor
    // on wasm, so read it once and upload the rows.
    const dLogitsData = dLogits.dataSync();
    const rowWidth = batchSize * config.vocabSize;
    let dAbove: Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      const rowsT = tf.tensor2d(dLogitsData.subarray(t * rowWidth, (t + 1) * rowWidth), [batchSize, config.vocabSize]);
      dAbove.push(tf.matMul(rowsT, outT));
    }

    const layerGrads: NamedTensor[][] = [];
    for (let index = layers.length - 1; index >= 0; index--) {
      const mask = masks[index];
      if (mask) dAbove = dAbove.map((d, t) => tf.mul(d, mask[t] as Tensor2D));
      const layer = layers[index] as PreparedLayer;
      const vars = this.layers[index] as LstmLayerVariables;
      const trace = traces[index] as LayerTrace;
      const { dz, dInputs } = this.layerBackward(layer, vars, trace, dAbove, index > 0);
      // Weight gradients for all steps at once: [x; h_prev]^T dz.
      const dzAll = tf.concat(dz, 0);
      const dStacked = tf.matMul(tf.transpose(tf.concat(trace.inputs, 0)), dzAll);
      layerGrads[index] = [
        { name: vars.kernel.name, tensor: tf.slice(dStacked, [0, 0], [layer.inputSize, 4 * layer.hidden]) },
        {
          name: vars.recurrent.name,
          tensor: tf.slice(dStacked, [layer.inputSize, 0], [layer.hidden, 4 * layer.hidden]),
        },
        { name: vars.bias.name, tensor: this.columnSums(dzAll) },
      ];
      dAbove = dInputs;
    }
    for (const g of layerGrads) grads.push(...g);
    return { grads, lossSum, correct, eventCorrect };
  }

  /** Sum over rows as a [1, rows] x [rows, n] matMul (wasm's Sum over axis 0 transposes first). */
  private columnSums(x: Tensor2D): Tensor1D {
    const { tf } = this;
    const rows = x.shape[0];
    return tf.reshape(tf.matMul(tf.ones([1, rows]) as Tensor2D, x), [x.shape[1]]) as Tensor1D;
  }

  private clipByGlobalNorm(grads: NamedTensor[], clipNorm: number): NamedTensor[] {
    const { tf } = this;
    const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g.tensor)))));
    const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    return grads.map((g) => ({ name: g.name, tensor: tf.mul(g.tensor, scale) }));
  }

  /** Stacked, candidate-scaled weights of every layer, one matrix per gate (inside a tidy). */
  private prepareLayers(): PreparedLayer[] {
    const { tf, config } = this;
    return this.layers.map((layer, index) => {
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
  private stepInputs(tokens: Int32Array, features: Int32Array | null, steps: number, batch: number): Tensor2D[] {
    const { tf, config } = this;
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

  /** Per-step dropout masks for one layer's output. */
  private stepMasks(options: TrainStepOptions, steps: number, batch: number, hidden: number): Tensor2D[] {
    const out: Tensor2D[] = [];
    for (let t = 0; t < steps; t++)
      out.push(this.tf.tensor2d(dropoutMask(options.random, batch * hidden, options.dropout), [batch, hidden]));
    return out;
  }

  /**
   * One layer over all steps. Per step: a fused matMul per gate ([x_t, h] times the stacked
   * kernels, plus bias, through a sigmoid), and the cell update with
   * tanh(x) = 2 sigmoid(2x) - 1 (wasm's tanh is an order of magnitude slower than its sigmoid).
   */
  private layerForward(
    layer: PreparedLayer,
    inputs: readonly Tensor2D[],
    h0: Tensor2D | null,
    c0: Tensor2D | null,
    keepTrace: boolean,
  ): LayerTrace {
    const { tf } = this;
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

  /**
   * Backpropagation through time for one layer. Returns dL/dz per step (wrt the unscaled
   * pre-activations) and, when asked, dL/dx per step for the layer below.
   */
  private layerBackward(
    layer: PreparedLayer,
    vars: LstmLayerVariables,
    trace: LayerTrace,
    dAbove: readonly Tensor2D[],
    wantInputs: boolean,
  ): { dz: Tensor2D[]; dInputs: Tensor2D[] } {
    const { tf } = this;
    const { hidden } = layer;
    const steps = dAbove.length;
    const batch = dAbove[0]?.shape[0] ?? 0;
    const s = new Float32Array(4 * hidden).fill(1);
    s.fill(4, 2 * hidden, 3 * hidden); // d tanh(z)/dz = 4 sigmoid(2z)(1 - sigmoid(2z))
    const derivativeScale = tf.tensor1d(s);
    const recurrentT = tf.transpose(vars.recurrent as Tensor2D) as Tensor2D; // [4H, H]
    const kernelT = wantInputs ? (tf.transpose(vars.kernel as Tensor2D) as Tensor2D) : null; // [4H, in]
    const zeros = tf.zeros([batch, hidden]) as Tensor2D;
    const dz: Tensor2D[] = new Array<Tensor2D>(steps);
    const dInputs: Tensor2D[] = new Array<Tensor2D>(wantInputs ? steps : 0);
    let dhRec: Tensor2D | null = null;
    let dcNext: Tensor2D | null = null;
    for (let t = steps - 1; t >= 0; t--) {
      const dh = dhRec ? tf.add(dAbove[t] as Tensor2D, dhRec) : (dAbove[t] as Tensor2D);
      const tc = trace.tc[t] as Tensor2D;
      const k = tf.mul(trace.o[t] as Tensor2D, tf.sub(1, tf.mul(tc, tc)));
      const dc = (dcNext ? tf.add(tf.mul(dh, k), dcNext) : tf.mul(dh, k)) as Tensor2D;
      const di = tf.mul(dc, trace.g[t] as Tensor2D);
      const df = t > 0 ? tf.mul(dc, trace.c[t - 1] as Tensor2D) : zeros;
      const dg = tf.mul(dc, trace.i[t] as Tensor2D);
      const dO = tf.mul(dh, tc);
      const a = trace.a[t] as Tensor2D;
      const derivative = tf.mul(tf.mul(a, tf.sub(1, a)), derivativeScale);
      const dzt = tf.mul(tf.concat([di, df, dg, dO], 1), derivative) as Tensor2D;
      dz[t] = dzt;
      if (kernelT) dInputs[t] = tf.matMul(dzt, kernelT);
      if (t > 0) {
        dcNext = tf.mul(dc, trace.f[t] as Tensor2D) as Tensor2D;
        dhRec = tf.matMul(dzt, recurrentT);
      }
    }
    return { dz, dInputs };
  }
}

function countExcluding(batch: SequenceBatch, excludedClass: number): number {
  let n = 0;
  for (let r = 0; r < batch.targets.length; r++) {
    if ((batch.weights[r] ?? 0) > 0 && batch.targets[r] !== excludedClass) n += batch.weights[r] ?? 0;
  }
  return n;
}
