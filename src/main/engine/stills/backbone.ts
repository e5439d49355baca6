/**
 * The frozen image backbone: a TensorFlow.js layers MobileNet loaded from a local folder,
 * truncated at `conv_pw_13_relu` and globally average-pooled into one embedding per image
 * (768 values for MobileNet v1 alpha 0.75).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LayersModel, Tensor4D } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import type { Tf } from '../ml/runtime';
import { fileSystemModel } from './model-io';
import { INPUT_SIZE, PREPROCESS_VERSION } from './preprocess';

export const EMBEDDING_LAYER = 'conv_pw_13_relu';

export interface Backbone {
  /** Stable id of these weights + the cut point: the embedding cache is keyed by it. */
  id: string;
  folder: string;
  dimension: number;
  /** Embeds a batch of preprocessed images (N×224×224×3 in [-1, 1]); one vector per image. */
  embed(pixels: Float32Array, count: number): Promise<Float32Array[]>;
  dispose(): void;
}

/**
 * model.json's hash names the weights (the canonical files are pinned, so their hash is stable);
 * the cut, the pooling and the preprocessing version complete the cache key.
 */
export function backboneId(folder: string): string {
  const json = fs.readFileSync(path.join(folder, 'model.json'));
  return `${path.basename(path.resolve(folder))}@${createHash('sha256').update(json).digest('hex').slice(0, 16)}:${EMBEDDING_LAYER}:gap:${PREPROCESS_VERSION}`;
}

export async function loadBackbone(tf: Tf, folder: string): Promise<Backbone> {
  let full: LayersModel;
  try {
    full = await tf.loadLayersModel(fileSystemModel(folder));
  } catch (error) {
    if (error instanceof MotifError) throw error;
    throw new MotifError('invalid-input', `The backbone in ${folder} could not be loaded: ${(error as Error).message}`);
  }
  let cut;
  try {
    cut = full.getLayer(EMBEDDING_LAYER);
  } catch {
    full.dispose();
    throw new MotifError(
      'invalid-input',
      `The backbone in ${folder} has no layer ${EMBEDDING_LAYER} (is it a MobileNet v1?).`,
    );
  }
  const pooled = tf.layers.globalAveragePooling2d({}).apply(cut.output) as ReturnType<LayersModel['apply']>;
  const model = tf.model({ inputs: full.inputs, outputs: pooled as never });
  const dimension = (model.outputs[0]?.shape[1] as number | undefined) ?? 0;
  const id = backboneId(folder);
  return {
    id,
    folder,
    dimension,
    async embed(pixels, count) {
      if (count === 0) return [];
      if (pixels.length !== count * INPUT_SIZE * INPUT_SIZE * 3)
        throw new MotifError('internal', 'Batch size does not match the pixel buffer.');
      const output = tf.tidy(() => {
        const input = tf.tensor4d(pixels, [count, INPUT_SIZE, INPUT_SIZE, 3]) as Tensor4D;
        return model.predict(input) as Tensor4D;
      });
      try {
        const flat = (await output.data()) as Float32Array;
        return Array.from({ length: count }, (_, i) => flat.slice(i * dimension, (i + 1) * dimension));
      } finally {
        output.dispose();
      }
    },
    dispose() {
      // The truncated model shares the full model's weights: disposing the full one frees them.
      full.dispose();
    },
  };
}
