/**
 * Helpers for the batch-classification tests: a small real classifier over decoded pixels
 * (mean brightness through a softmax, computed with tfjs), and catalogue image items for files.
 */
import path from 'node:path';
import type { Catalogue } from '../../src/main/engine/catalogue/catalogue';
import { hashFile } from '../../src/main/engine/library/hash';
import type { Tf } from '../../src/main/engine/ml/runtime';
import type { LoadedStillsClassifier, StillsModelManifest } from '../../src/main/engine/stills/classifier';
import { INPUT_SIZE } from '../../src/main/engine/stills/preprocess';

export function manifestFor(classes: string[], architecture: 'scratch' | 'transfer' = 'scratch'): StillsModelManifest {
  return {
    format: 'motif-stills-classifier',
    formatVersion: 1,
    architecture,
    classes,
    classOrder: null,
    aspect: 'crop',
    backbone: null,
    normalization: null,
    input: { size: INPUT_SIZE, range: [-1, 1] },
    metrics: {},
    createdAt: new Date(0).toISOString(),
    dataHash: 'test',
    source: {},
  };
}

/**
 * Classes `[dark, bright]`: p(bright) = sigmoid(sharpness × mean pixel value in [-1, 1]).
 * The tensors it makes are freed (tidy + dispose), like a real classifier's.
 */
export function brightnessClassifier(
  tf: Tf,
  classes: [string, string] = ['dark', 'bright'],
  sharpness = 12,
): LoadedStillsClassifier {
  return {
    manifest: manifestFor(classes),
    predictEmbeddings() {
      return Promise.reject(new Error('a pixel classifier has no embeddings'));
    },
    async predictPixels(pixels, count) {
      const out = tf.tidy(() => {
        const images = tf.tensor4d(pixels, [count, INPUT_SIZE, INPUT_SIZE, 3]);
        const mean = images.mean([1, 2, 3]).mul(sharpness);
        return tf.softmax(tf.stack([mean.neg(), mean], 1));
      });
      try {
        const flat = (await out.data()) as Float32Array;
        return Array.from({ length: count }, (_, i) => flat.slice(i * 2, i * 2 + 2));
      } finally {
        out.dispose();
      }
    },
    dispose() {},
  };
}

/** Catalogue the given files as image items (as the library import would), returning their ids. */
export async function addImages(catalogue: Catalogue, files: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const file of files) {
    const item = catalogue.media.insert({
      kind: 'image',
      path: file,
      contentHash: await hashFile(file),
      title: path.basename(file),
    });
    ids.push(item.id);
  }
  return ids;
}
