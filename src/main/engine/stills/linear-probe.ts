/**
 * The floor the stills head must beat: multinomial logistic regression on the same standardised
 * embeddings (L2, full-batch Adam, a fixed number of steps).
 */
import type { Scalar } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import type { Tf } from '../ml/runtime';
import { standardisation, standardised, type Labelled } from './features';

function cancelled(): never {
  throw new MotifError('cancelled', 'Stills training was cancelled.');
}

/**
 * The floor: multinomial logistic regression on the same standardised features (L2, full-batch
 * Adam, fixed steps). Returns probabilities for `evaluate`.
 */
export async function linearProbe(
  tf: Tf,
  train: Labelled,
  evaluate: readonly Float32Array[],
  options: { classes: number; seed: number; steps?: number; signal?: AbortSignal },
): Promise<Float32Array[]> {
  const { classes } = options;
  const norm = standardisation(train.vectors);
  const d = norm.mean.length;
  const x = standardised(tf, train.vectors, norm);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.labels as number[], 'int32'), classes));
  const w = tf.tidy(() => tf.variable(tf.zeros([d, classes]), true));
  const b = tf.tidy(() => tf.variable(tf.zeros([classes]), true));
  const optimizer = tf.train.adam(0.02);
  try {
    for (let step = 0; step < (options.steps ?? 150); step++) {
      if (options.signal?.aborted) cancelled();
      tf.dispose(
        optimizer.minimize(
          () =>
            tf.tidy(() => {
              const logits = tf.add(tf.matMul(x, w), b);
              const ce = tf.mean(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
              return tf.add(ce, tf.mul(1e-3, tf.sum(tf.square(w)))) as Scalar;
            }),
          false,
          [w, b],
        ) ?? [],
      );
    }
    if (evaluate.length === 0) return [];
    const probs = tf.tidy(() => tf.softmax(tf.add(tf.matMul(standardised(tf, evaluate, norm), w), b)));
    try {
      const flat = (await probs.data()) as Float32Array;
      return evaluate.map((_, i) => flat.slice(i * classes, (i + 1) * classes));
    } finally {
      probs.dispose();
    }
  } finally {
    optimizer.dispose();
    x.dispose();
    y.dispose();
    w.dispose();
    b.dispose();
  }
}
