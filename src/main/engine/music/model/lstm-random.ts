/** Seeded random values for the LSTM stack (see `lstm.ts`): initial weights and dropout masks. */
import type { Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../../ml/runtime';
import type { TrainStepOptions } from './lstm-types';

/** Glorot-uniform values for a [fanIn, fanOut] matrix from a seeded generator. */
export function glorotUniform(random: () => number, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let k = 0; k < out.length; k++) out[k] = (random() * 2 - 1) * limit;
  return out;
}

/** A [rows, cols] matrix (rows <= cols) with orthonormal rows, by Gram-Schmidt on Gaussian rows. */
export function orthogonalRows(random: () => number, rows: number, cols: number): Float32Array {
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

/** Per-step dropout masks for one layer's output. */
export function stepMasks(tf: Tf, options: TrainStepOptions, steps: number, batch: number, hidden: number): Tensor2D[] {
  const out: Tensor2D[] = [];
  for (let t = 0; t < steps; t++)
    out.push(tf.tensor2d(dropoutMask(options.random, batch * hidden, options.dropout), [batch, hidden]));
  return out;
}
