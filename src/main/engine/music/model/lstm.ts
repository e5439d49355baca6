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
 *
 * The parts live beside this file: shared types in `lstm-types.ts`, seeded initial weights and
 * dropout masks in `lstm-random.ts`, the forward pass in `lstm-forward.ts` and the hand-written
 * backward pass in `lstm-backward.ts`.
 */
import type { Optimizer, Scalar, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Tf } from '../../ml/runtime';
import { mulberry32 } from '../../ml/random';
import { clipByGlobalNorm, columnSums, layerBackward } from './lstm-backward';
import { layerForward, prepareLayers, stepInputs } from './lstm-forward';
import { glorotUniform, orthogonalRows, stepMasks } from './lstm-random';
import type {
  BatchStats,
  LayerTrace,
  LstmLayerVariables,
  LstmNetConfig,
  LstmState,
  NamedTensor,
  PreparedLayer,
  PreparedNet,
  SequenceBatch,
  TrainStepOptions,
} from './lstm-types';

export type {
  BatchStats,
  LstmLayerVariables,
  LstmNetConfig,
  LstmState,
  NamedTensor,
  PreparedNet,
  SequenceBatch,
  TrainStepOptions,
} from './lstm-types';

let instanceCounter = 0;

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
      prepareLayers(this.tf, this.config, this.layers).flatMap((l) => {
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
      const layers = prepared?.layers ?? prepareLayers(this.tf, this.config, this.layers);
      let below = stepInputs(tf, this.config, tokens, features, steps, batch);
      const hs: Tensor2D[] = [];
      const cs: Tensor2D[] = [];
      layers.forEach((layer, index) => {
        const trace = layerForward(tf, layer, below, state?.h[index] ?? null, state?.c[index] ?? null, false);
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
      const clipped = options.clipNorm > 0 ? clipByGlobalNorm(tf, grads, options.clipNorm) : grads;
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
    const layers = prepareLayers(this.tf, this.config, this.layers);
    const masks = config.hiddenSizes.map((hidden) =>
      options.dropout > 0 ? stepMasks(tf, options, steps, batchSize, hidden) : null,
    );

    // Forward, layer by layer, keeping what backpropagation needs.
    const traces: LayerTrace[] = [];
    let below = stepInputs(tf, config, batch.tokens, batch.features, steps, batchSize);
    layers.forEach((layer, index) => {
      const trace = layerForward(tf, layer, below, null, null, true);
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
    grads.push({ name: this.outBias.name, tensor: columnSums(tf, dLogits) });
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
      const { dz, dInputs } = layerBackward(tf, layer, vars, trace, dAbove, index > 0);
      // Weight gradients for all steps at once: [x; h_prev]^T dz.
      const dzAll = tf.concat(dz, 0);
      const dStacked = tf.matMul(tf.transpose(tf.concat(trace.inputs, 0)), dzAll);
      layerGrads[index] = [
        { name: vars.kernel.name, tensor: tf.slice(dStacked, [0, 0], [layer.inputSize, 4 * layer.hidden]) },
        {
          name: vars.recurrent.name,
          tensor: tf.slice(dStacked, [layer.inputSize, 0], [layer.hidden, 4 * layer.hidden]),
        },
        { name: vars.bias.name, tensor: columnSums(tf, dzAll) },
      ];
      dAbove = dInputs;
    }
    for (const g of layerGrads) grads.push(...g);
    return { grads, lossSum, correct, eventCorrect };
  }
}

function countExcluding(batch: SequenceBatch, excludedClass: number): number {
  let n = 0;
  for (let r = 0; r < batch.targets.length; r++) {
    if ((batch.weights[r] ?? 0) > 0 && batch.targets[r] !== excludedClass) n += batch.weights[r] ?? 0;
  }
  return n;
}
