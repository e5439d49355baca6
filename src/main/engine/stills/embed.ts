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
  const progress: EmbedProgress = { done: cachedVectors.size, total: unique.length, embedded: 0, cached: cachedVectors.size, failed: 0 };
  const failed: EmbedResult['failed'] = [];
  options.onProgress?.({ ...progress });
  const started = performance.now();
  const pixels = new Float32Array(batchSize * PIXELS);
  for (let start = 0; start < todo.length; start += batchSize) {
    if (signal?.aborted) throw new MotifError('cancelled', `Embedding was cancelled; ${progress.embedded} new embeddings are kept in the cache.`);
    const batch = todo.slice(start, start + batchSize);
    const ready: EmbedTarget[] = [];
    for (const target of batch) {
      try {
        await preprocessFile(target.path, aspect, pixels, ready.length * PIXELS);
        ready.push(target);
      } catch (error) {
        if (!(error instanceof StillsImageError)) throw error;
        failed.push({ path: target.path, reason: error.message });
      }
    }
    const vectors = await backbone.embed(pixels.subarray(0, ready.length * PIXELS), ready.length);
    repo.putMany(
      ready.map((target, i) => ({ contentHash: target.contentHash, vector: vectors[i] as Float32Array })),
      key,
    );
    progress.embedded += ready.length;
    progress.failed = failed.length;
    progress.done += batch.length;
    options.onProgress?.({ ...progress });
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
