/**
 * The scratch CNN's image cache: every training and validation still decoded once (by
 * `preprocessFile`, the same path prediction uses), shrunk to the CNN's input by `scratchPixels`
 * and kept as bytes, 96 × 96 × 3 = 27 KB a still (5,000 stills ≈ 140 MB). Decoding runs a few
 * files at a time so memory stays bounded whatever the dataset's size.
 */
import type { Tf } from '../ml/runtime';
import { toBytes } from './augment';
import { INPUT_SIZE, StillsImageError, preprocessFile, type AspectPolicy } from './preprocess';
import { SCRATCH_INPUT_SIZE, scratchPixels } from './scratch-model';

/** Files decoded at once (sharp decodes on its own threads). */
export const DECODE_CONCURRENCY = 8;

export interface ImageCache {
  /** count × size × size × 3 bytes. */
  bytes: Uint8Array;
  count: number;
  size: number;
}

/** A decoded set: the cache holds the stills that decoded, in order; `kept` are their indices in `paths`. */
export interface DecodedStills extends ImageCache {
  kept: number[];
  /** Stills that could not be read or decoded (changed or damaged since import), with why. */
  failed: Array<{ path: string; reason: string }>;
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
 * (import skipped broken files, so it changed since) is left out and reported in `failed`; the
 * rest keep their order. Throws `DecodeCancelled` when `signal` aborts between chunks.
 */
export async function decodeToCache(
  tf: Tf,
  paths: readonly string[],
  aspect: AspectPolicy,
  signal: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<DecodedStills> {
  const size = SCRATCH_INPUT_SIZE;
  const per = size * size * 3;
  const bytes = new Uint8Array(paths.length * per);
  const chunk = new Float32Array(DECODE_CONCURRENCY * PIXELS_224);
  const kept: number[] = [];
  const failed: DecodedStills['failed'] = [];
  for (let start = 0; start < paths.length; start += DECODE_CONCURRENCY) {
    if (signal.aborted) throw new DecodeCancelled();
    const files = paths.slice(start, start + DECODE_CONCURRENCY);
    const decoded = await Promise.all(
      files.map((file, i) =>
        preprocessFile(file, aspect, chunk, i * PIXELS_224).then(
          () => true,
          (error: unknown) => {
            if (!(error instanceof StillsImageError)) throw error;
            failed.push({ path: file, reason: error.message });
            return false;
          },
        ),
      ),
    );
    const small = scratchPixels(tf, chunk.subarray(0, files.length * PIXELS_224), files.length);
    try {
      const values = (await small.data()) as Float32Array;
      const one = size * size * 3;
      decoded.forEach((ok, i) => {
        if (!ok) return;
        toBytes(values.subarray(i * one, (i + 1) * one), bytes, kept.length * per);
        kept.push(start + i);
      });
    } finally {
      small.dispose();
    }
    onProgress?.(Math.min(paths.length, start + files.length), paths.length);
  }
  return { bytes: bytes.subarray(0, kept.length * per), count: kept.length, size, kept, failed };
}
