/**
 * The scratch CNN's image cache: every training and validation still decoded once (by
 * `preprocessFile`, the same path prediction uses), shrunk to the CNN's input by `scratchPixels`
 * and kept as bytes, 96 × 96 × 3 = 27 KB a still (5,000 stills ≈ 140 MB). Decoding runs a few
 * files at a time so memory stays bounded whatever the dataset's size.
 */
import type { Tf } from '../ml/runtime';
import { toBytes } from './augment';
import { INPUT_SIZE, preprocessFile, type AspectPolicy } from './preprocess';
import { SCRATCH_INPUT_SIZE, scratchPixels } from './scratch-model';

/** Files decoded at once (sharp decodes on its own threads). */
export const DECODE_CONCURRENCY = 8;

export interface ImageCache {
  /** count × size × size × 3 bytes. */
  bytes: Uint8Array;
  count: number;
  size: number;
}

export class DecodeCancelled extends Error {
  constructor() {
    super('decoding was cancelled');
    this.name = 'DecodeCancelled';
  }
}

const PIXELS_224 = INPUT_SIZE * INPUT_SIZE * 3;

/**
 * Decode `paths` into a byte cache at the CNN's input size. A file that cannot be read or decoded
 * throws its `StillsImageError` (import already skipped broken files, so this means the file
 * changed since). Throws `DecodeCancelled` when `signal` aborts between chunks.
 */
export async function decodeToCache(
  tf: Tf,
  paths: readonly string[],
  aspect: AspectPolicy,
  signal: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<ImageCache> {
  const size = SCRATCH_INPUT_SIZE;
  const per = size * size * 3;
  const bytes = new Uint8Array(paths.length * per);
  const chunk = new Float32Array(DECODE_CONCURRENCY * PIXELS_224);
  for (let start = 0; start < paths.length; start += DECODE_CONCURRENCY) {
    if (signal.aborted) throw new DecodeCancelled();
    const files = paths.slice(start, start + DECODE_CONCURRENCY);
    await Promise.all(files.map((file, i) => preprocessFile(file, aspect, chunk, i * PIXELS_224)));
    const small = scratchPixels(tf, chunk.subarray(0, files.length * PIXELS_224), files.length);
    try {
      toBytes((await small.data()) as Float32Array, bytes, start * per);
    } finally {
      small.dispose();
    }
    onProgress?.(Math.min(paths.length, start + files.length), paths.length);
  }
  return { bytes, count: paths.length, size };
}
