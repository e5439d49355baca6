/**
 * Fill the embedding cache: images whose (content hash, backbone, aspect) vector is already in
 * the catalogue are skipped; the rest are decoded and run through the backbone in batches, and
 * each batch is written as soon as it is done (a cancel keeps what was computed).
 */
import { MotifError } from '../../../shared/errors';
import type { EmbeddingAspect, EmbeddingsRepo } from '../catalogue/embeddings-repo';
import type { Backbone } from './backbone';
import { INPUT_SIZE, StillsImageError, preprocessFile } from './preprocess';

export const DEFAULT_EMBED_BATCH = 16;
const PIXELS = INPUT_SIZE * INPUT_SIZE * 3;

export interface EmbedTarget {
  contentHash: string;
  path: string;
}

export interface EmbedProgress {
  done: number;
  total: number;
  embedded: number;
  cached: number;
  failed: number;
}

export interface EmbedResult {
  /** Distinct images (by content) asked for. */
  total: number;
  embedded: number;
  cached: number;
  failed: Array<{ path: string; reason: string }>;
  seconds: number;
  /** Images run through the backbone per second (decode + inference), 0 when none were. */
  imagesPerSecond: number;
}

export interface EmbedOptions {
  backbone: Backbone;
  repo: EmbeddingsRepo;
  targets: readonly EmbedTarget[];
  aspect: EmbeddingAspect;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?(progress: EmbedProgress): void;
}

export async function embedImages(options: EmbedOptions): Promise<EmbedResult> {
  const { backbone, repo, aspect, signal } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_EMBED_BATCH));
  const key = { backboneId: backbone.id, aspect };
  const unique = [...new Map(options.targets.map((t) => [t.contentHash, t])).values()];
  const cachedVectors = repo.getMany(
    unique.map((t) => t.contentHash),
    key,
  );
  const todo = unique.filter((t) => !cachedVectors.has(t.contentHash));
  const progress: EmbedProgress = {
    done: cachedVectors.size,
    total: unique.length,
    embedded: 0,
    cached: cachedVectors.size,
    failed: 0,
  };
  const failed: EmbedResult['failed'] = [];
  options.onProgress?.({ ...progress });
  const started = performance.now();
  // Two pixel buffers: the next batch decodes (sharp, on libuv threads) while this one runs
  // through the backbone.
  const buffers = [new Float32Array(batchSize * PIXELS), new Float32Array(batchSize * PIXELS)] as const;
  const prepare = async (
    index: number,
  ): Promise<{ ready: EmbedTarget[]; pixels: Float32Array; broken: EmbedResult['failed'] }> => {
    const pixels = buffers[index % 2] as Float32Array;
    const batch = todo.slice(index * batchSize, (index + 1) * batchSize);
    const outcomes = await Promise.all(
      batch.map((target, slot) =>
        preprocessFile(target.path, aspect, pixels, slot * PIXELS).then(
          () => null,
          (error: unknown) => {
            if (error instanceof StillsImageError) return error.message;
            throw error;
          },
        ),
      ),
    );
    const ready: EmbedTarget[] = [];
    const broken: EmbedResult['failed'] = [];
    batch.forEach((target, slot) => {
      const problem = outcomes[slot];
      if (problem) {
        broken.push({ path: target.path, reason: problem });
        return;
      }
      // Close the gaps left by broken files.
      if (ready.length !== slot) pixels.copyWithin(ready.length * PIXELS, slot * PIXELS, (slot + 1) * PIXELS);
      ready.push(target);
    });
    return { ready, pixels, broken };
  };
  const batches = Math.ceil(todo.length / batchSize);
  let next = batches > 0 ? prepare(0) : null;
  try {
    for (let index = 0; index < batches && next; index++) {
      const { ready, pixels, broken } = await next;
      next = null;
      if (signal?.aborted)
        throw new MotifError(
          'cancelled',
          `Embedding was cancelled; ${progress.embedded} new embeddings are kept in the cache.`,
        );
      if (index + 1 < batches) next = prepare(index + 1);
      const vectors = await backbone.embed(pixels.subarray(0, ready.length * PIXELS), ready.length);
      repo.putMany(
        ready.map((target, i) => ({ contentHash: target.contentHash, vector: vectors[i] as Float32Array })),
        key,
      );
      failed.push(...broken);
      progress.embedded += ready.length;
      progress.failed = failed.length;
      progress.done += ready.length + broken.length;
      options.onProgress?.({ ...progress });
    }
  } finally {
    // A batch decoding when we stop (cancel or error): let it finish quietly.
    if (next) void (next as Promise<unknown>).catch(() => undefined);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    total: unique.length,
    embedded: progress.embedded,
    cached: progress.cached,
    failed,
    seconds,
    imagesPerSecond: progress.embedded > 0 && seconds > 0 ? progress.embedded / seconds : 0,
  };
}
