/** The `stills-embed` job: fill the embedding cache for a dataset with the configured backbone. */
import path from 'node:path';
import { MotifError } from '../../../shared/errors';
import { Catalogue } from '../catalogue/catalogue';
import type { EmbeddingAspect } from '../catalogue/embeddings-repo';
import type { JobOutcome } from '../jobs/protocol';
import { CATALOGUE_FILE } from '../paths';
import { SettingsStore } from '../settings-store';
import type { JobContext } from '../worker/context';
import { etaSeconds } from '../worker/progress';
import { loadBackbone } from './backbone';
import { embedImages, type EmbedTarget } from './embed';
import { ASPECT_POLICIES } from './preprocess';

export function readEmbedParams(params: Record<string, unknown>): {
  datasetId: number;
  aspect: EmbeddingAspect;
  batchSize?: number;
} {
  const { datasetId, aspect, batchSize } = params;
  if (typeof datasetId !== 'number' || !Number.isInteger(datasetId) || datasetId < 1)
    throw new MotifError('invalid-input', 'Embedding needs a dataset id.');
  const chosen = aspect ?? 'crop';
  if (!(ASPECT_POLICIES as readonly unknown[]).includes(chosen))
    throw new MotifError('invalid-input', 'The aspect policy is crop or pad.');
  return { datasetId, aspect: chosen as EmbeddingAspect, ...(typeof batchSize === 'number' ? { batchSize } : {}) };
}

export async function runStillsEmbed(params: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const { datasetId, aspect, batchSize } = readEmbedParams(params);
  const status = new SettingsStore(context.dataDir).backbone();
  if (status.state !== 'ready')
    throw new MotifError(
      'unavailable',
      `No usable backbone at ${status.path}: ${status.detail} Download it, or choose a local copy in Settings.`,
    );
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  try {
    const dataset = catalogue.stills.get(datasetId);
    if (!dataset) throw new MotifError('not-found', `There is no stills dataset ${datasetId}.`);
    const targets: EmbedTarget[] = catalogue.stills
      .members(datasetId)
      .flatMap((m) => (m.path && m.contentHash ? [{ path: m.path, contentHash: m.contentHash }] : []));
    context.progress({ fraction: 0, stage: 'loading', message: 'Loading the backbone' });
    const { tf } = await context.ml();
    const backbone = await loadBackbone(tf, status.path);
    const started = performance.now();
    try {
      const result = await embedImages({
        backbone,
        repo: catalogue.embeddings,
        targets,
        aspect,
        batchSize,
        signal: context.signal,
        onProgress: (p) =>
          context.progress({
            fraction: p.total === 0 ? 1 : p.done / p.total,
            stage: 'embedding',
            message: `${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} stills (${p.cached.toLocaleString('en')} already cached)`,
            metrics: { embedded: p.embedded, cached: p.cached, failed: p.failed },
            etaSeconds:
              p.embedded > 0
                ? etaSeconds(performance.now() - started, (p.done - p.cached) / Math.max(1, p.total - p.cached))
                : undefined,
          }),
      });
      return { summary: { datasetId, backboneId: backbone.id, aspect, dimension: backbone.dimension, ...result } };
    } finally {
      backbone.dispose();
    }
  } finally {
    catalogue.close();
  }
}
