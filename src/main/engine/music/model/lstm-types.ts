/** Shapes shared by the LSTM stack (see `lstm.ts`): configuration, batches, state, traces. */
import type { Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';

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
export interface LayerTrace {
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
 * candidate gate scaled by 2 (see the note in `lstm.ts`), the biases likewise.
 */
export interface PreparedLayer {
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
