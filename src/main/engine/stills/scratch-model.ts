/**
 * The from-scratch stills CNN: a compact VGG-style network small enough to train on two CPU cores
 * with the wasm backend. Four blocks of a 3×3 convolution (16 → 32 → 64 → 128 filters) with ReLU
 * and 2×2 max-pooling take the 96×96 input down to 6×6; global average pooling, dropout and a dense
 * softmax give the class probabilities. About 100k weights.
 *
 * No batch normalisation: tfjs's batch-norm gradient tiles its statistics to the activations' full
 * size, and on wasm that Tile made a training step 3.5× slower (17 vs 59 samples/s at batch 32).
 * Per epoch batch norm learned a little faster, per minute of training it lost clearly.
 */
import type { LayersModel, Tensor4D } from '@tensorflow/tfjs';
import type { Tf } from '../ml/runtime';
import { INPUT_SIZE } from './preprocess';

/** The CNN's square input side, in pixels (RGB in [-1, 1], like the backbone's input). */
export const SCRATCH_INPUT_SIZE = 96;
export const SCRATCH_FILTERS = [16, 32, 64, 128] as const;
export const SCRATCH_DROPOUT = 0.3;

/** The CNN for `classCount` classes; weights initialised from `seed` (same seed, same weights). */
export function buildScratchCnn(tf: Tf, classCount: number, seed: number): LayersModel {
  if (!Number.isInteger(classCount) || classCount < 2)
    throw new Error(`the CNN needs at least 2 classes, got ${classCount}`);
  const model = tf.sequential({ name: 'motif_stills_scratch_cnn' });
  SCRATCH_FILTERS.forEach((filters, i) => {
    model.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: [SCRATCH_INPUT_SIZE, SCRATCH_INPUT_SIZE, 3] } : {}),
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: seed + i }),
        name: `block${i + 1}_conv`,
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${i + 1}_pool` }));
  });
  model.add(tf.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(tf.layers.dropout({ rate: SCRATCH_DROPOUT, name: 'dropout' }));
  model.add(
    tf.layers.dense({
      units: classCount,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + SCRATCH_FILTERS.length }),
      name: 'classes',
    }),
  );
  return model;
}

/**
 * Shrink backbone-format pixels (N × 224 × 224 × 3 in [-1, 1], as `preprocessFile` makes them) to
 * the CNN's input: a 2×2 average (224 → 112, which also keeps fine detail from aliasing) then a
 * bilinear resize to 96. Training decodes through this too, so training and prediction see the
 * same pixels. The caller disposes the result.
 */
export function scratchPixels(tf: Tf, pixels224: Float32Array, count: number): Tensor4D {
  const expected = count * INPUT_SIZE * INPUT_SIZE * 3;
  if (!Number.isInteger(count) || count < 1 || pixels224.length !== expected)
    throw new Error(
      `scratchPixels needs ${count} × ${INPUT_SIZE}×${INPUT_SIZE}×3 floats (${expected}), got ${pixels224.length}`,
    );
  return tf.tidy(() => {
    const images = tf.tensor4d(pixels224, [count, INPUT_SIZE, INPUT_SIZE, 3]);
    const half = tf.avgPool(images, 2, 2, 'valid');
    if (SCRATCH_INPUT_SIZE === INPUT_SIZE / 2) return half;
    return tf.image.resizeBilinear(half, [SCRATCH_INPUT_SIZE, SCRATCH_INPUT_SIZE], false, true);
  });
}
