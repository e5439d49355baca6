/**
 * Batch classification: stream the image items of a folder (or the whole library) through a
 * loaded stills classifier in keyset-paged batches and tag each still with its top label
 * (source `model:<id>`, with the confidence). Transfer models read cached embeddings and embed
 * (and cache) the rest; scratch models take decoded pixels. Only one batch of pixels or vectors
 * is ever in memory, and each batch is written when done, so a cancel keeps what was tagged.
 */
import type { Database } from 'better-sqlite3';
import { MotifError } from '../../../shared/errors';
import type { StillsAspect, StillsClassifyReport } from '../../../shared/stills';
import type { EmbeddingsRepo } from '../catalogue/embeddings-repo';
import {
  countImageItems,
  imageItemsAfter,
  writePredictedTags,
  type ImageTarget,
  type PredictedTagRow,
} from '../catalogue/predicted-tags';
import type { Backbone } from './backbone';
import type { LoadedStillsClassifier } from './classifier';
import { embedImages } from './embed';
import { INPUT_SIZE, StillsImageError, preprocessFile } from './preprocess';

export const DEFAULT_CLASSIFY_BATCH = 32;
/** Below this top-1 probability a still is counted as unsure (it is tagged anyway). */
export const UNSURE_CONFIDENCE = 0.5;
/** Skipped files listed in the report (the rest are counted in seen − classified). */
const MAX_LISTED_SKIPS = 1000;
const PIXELS = INPUT_SIZE * INPUT_SIZE * 3;

export interface ClassifyProgress {
  done: number;
  total: number;
  classified: number;
  skipped: number;
  counts: ReadonlyMap<string, number>;
}

export interface ClassifyBatchOptions {
  db: Database;
  embeddings: EmbeddingsRepo;
  classifier: LoadedStillsClassifier;
  modelId: number;
  /** Needed by transfer models (embeddings not yet cached are computed with it). */
  backbone: Backbone | null;
  /** A folder (absolute, as catalogued), or null for every image in the library. */
  folder: string | null;
  aspect: StillsAspect;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?(progress: ClassifyProgress): void;
}

interface Scored {
  target: ImageTarget;
  probabilities: Float32Array;
}

/** The index and value of the largest probability. */
export function topOf(probabilities: Float32Array): { index: number; value: number } {
  let index = 0;
  for (let i = 1; i < probabilities.length; i++)
    if ((probabilities[i] as number) > (probabilities[index] as number)) index = i;
  return { index, value: probabilities[index] ?? 0 };
}

async function scoreTransfer(
  options: ClassifyBatchOptions,
  backbone: Backbone,
  batch: readonly ImageTarget[],
): Promise<{ scored: Scored[]; broken: Array<{ path: string; reason: string }> }> {
  const key = { backboneId: backbone.id, aspect: options.aspect };
  const hashes = batch.map((t) => t.contentHash);
  const vectors = options.embeddings.getMany(hashes, key);
  const missing = batch.filter((t) => !vectors.has(t.contentHash));
  const reasons = new Map<string, string>();
  if (missing.length > 0) {
    const pathToHash = new Map(missing.map((t) => [t.path, t.contentHash]));
    const embedded = await embedImages({
      backbone,
      repo: options.embeddings,
      targets: missing.map((t) => ({ path: t.path, contentHash: t.contentHash })),
      aspect: options.aspect,
      batchSize: missing.length,
    });
    for (const f of embedded.failed) reasons.set(pathToHash.get(f.path) ?? f.path, f.reason);
    for (const [hash, vector] of options.embeddings.getMany(
      missing.map((t) => t.contentHash),
      key,
    ))
      vectors.set(hash, vector);
  }
  const ready = batch.filter((t) => vectors.has(t.contentHash));
  const broken = batch
    .filter((t) => !vectors.has(t.contentHash))
    .map((t) => ({ path: t.path, reason: reasons.get(t.contentHash) ?? 'could not be embedded' }));
  const probabilities = await options.classifier.predictEmbeddings(
    ready.map((t) => vectors.get(t.contentHash) as Float32Array),
  );
  return { scored: ready.map((target, i) => ({ target, probabilities: probabilities[i] as Float32Array })), broken };
}

async function scorePixels(
  options: ClassifyBatchOptions,
  batch: readonly ImageTarget[],
  pixels: Float32Array,
): Promise<{ scored: Scored[]; broken: Array<{ path: string; reason: string }> }> {
  const outcomes = await Promise.all(
    batch.map((target, slot) =>
      preprocessFile(target.path, options.aspect, pixels, slot * PIXELS).then(
        () => null,
        (error: unknown) => {
          if (error instanceof StillsImageError) return error.message;
          throw error;
        },
      ),
    ),
  );
  const ready: ImageTarget[] = [];
  const broken: Array<{ path: string; reason: string }> = [];
  batch.forEach((target, slot) => {
    const problem = outcomes[slot];
    if (problem) {
      broken.push({ path: target.path, reason: problem });
      return;
    }
    if (ready.length !== slot) pixels.copyWithin(ready.length * PIXELS, slot * PIXELS, (slot + 1) * PIXELS);
    ready.push(target);
  });
  const probabilities =
    ready.length === 0
      ? []
      : await options.classifier.predictPixels(pixels.subarray(0, ready.length * PIXELS), ready.length);
  return { scored: ready.map((target, i) => ({ target, probabilities: probabilities[i] as Float32Array })), broken };
}

export async function classifyStills(options: ClassifyBatchOptions): Promise<StillsClassifyReport> {
  const { db, classifier, modelId, folder, signal } = options;
  const { classes, architecture } = classifier.manifest;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_CLASSIFY_BATCH));
  const backbone = architecture === 'transfer' ? options.backbone : null;
  if (architecture === 'transfer' && !backbone)
    throw new MotifError('unavailable', 'This model classifies backbone embeddings; no backbone was given.');
  const pixels = architecture === 'transfer' ? null : new Float32Array(batchSize * PIXELS);
  const total = countImageItems(db, folder);
  const counts = new Map<string, number>();
  const report: StillsClassifyReport = { modelId, seen: 0, classified: 0, unsure: 0, skipped: [], counts: [] };
  let skippedCount = 0;
  const progress = (): void =>
    options.onProgress?.({ done: report.seen, total, classified: report.classified, skipped: skippedCount, counts });
  progress();
  const cancelled = (): MotifError =>
    new MotifError(
      'cancelled',
      `Classification was cancelled; the ${report.classified} stills tagged so far keep their tags.`,
    );
  let afterId = 0;
  for (;;) {
    if (signal?.aborted) throw cancelled();
    const batch = imageItemsAfter(db, folder, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as ImageTarget).id;
    const { scored, broken } = backbone
      ? await scoreTransfer(options, backbone, batch)
      : await scorePixels(options, batch, pixels as Float32Array);
    // A cancel during the batch: nothing more is written after it.
    if (signal?.aborted) throw cancelled();
    const rows: PredictedTagRow[] = scored.map(({ target, probabilities }) => {
      const top = topOf(probabilities);
      const label = classes[top.index] ?? String(top.index);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      if (top.value < UNSURE_CONFIDENCE) report.unsure += 1;
      return { itemId: target.id, label, confidence: top.value };
    });
    writePredictedTags(db, modelId, classes, rows);
    report.seen += batch.length;
    report.classified += rows.length;
    skippedCount += broken.length;
    for (const skip of broken) if (report.skipped.length < MAX_LISTED_SKIPS) report.skipped.push(skip);
    progress();
  }
  report.counts = classes.map((label) => ({ label, count: counts.get(label) ?? 0 }));
  return report;
}
