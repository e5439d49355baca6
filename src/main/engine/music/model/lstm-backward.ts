/**
 * The LSTM stack's hand-written backward pass (see `lstm.ts` for the design): backpropagation
 * through time for one layer, column sums as a matMul, and global-norm gradient clipping.
 */
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../../ml/runtime';
import type { LayerTrace, LstmLayerVariables, NamedTensor, PreparedLayer } from './lstm-types';

/** Sum over rows as a [1, rows] x [rows, n] matMul (wasm's Sum over axis 0 transposes first). */
export function columnSums(tf: Tf, x: Tensor2D): Tensor1D {
  const rows = x.shape[0];
  return tf.reshape(tf.matMul(tf.ones([1, rows]) as Tensor2D, x), [x.shape[1]]) as Tensor1D;
}

export function clipByGlobalNorm(tf: Tf, grads: NamedTensor[], clipNorm: number): NamedTensor[] {
  const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g.tensor)))));
  const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
  return grads.map((g) => ({ name: g.name, tensor: tf.mul(g.tensor, scale) }));
}

/**
 * Backpropagation through time for one layer. Returns dL/dz per step (wrt the unscaled
 * pre-activations) and, when asked, dL/dx per step for the layer below.
 */
export function layerBackward(
  tf: Tf,
  layer: PreparedLayer,
  vars: LstmLayerVariables,
  trace: LayerTrace,
  dAbove: readonly Tensor2D[],
  wantInputs: boolean,
): { dz: Tensor2D[]; dInputs: Tensor2D[] } {
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
