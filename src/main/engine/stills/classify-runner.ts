/**
 * The `stills-classify` job: import the folder into the library in place first (the library
 * import job's own code; incremental, so a folder already there costs a stat per file), then tag every image item of the folder, or of the whole
 * library, with a trained classifier's top label (see classify-batch.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../../shared/errors';
import type { ImportReport } from '../../../shared/catalogue';
import { STILLS_ASPECTS, type StillsClassifyReport } from '../../../shared/stills';
import { Catalogue } from '../catalogue/catalogue';
import type { JobOutcome } from '../jobs/protocol';
import { runLibraryImport } from '../library/import-runner';
import { mediaKindOf } from '../library/media-types';
import { CATALOGUE_FILE } from '../paths';
import type { JobContext } from '../worker/context';
import { etaSeconds } from '../worker/progress';
import { loadBackbone, type Backbone } from './backbone';
import { classifyStills } from './classify-batch';
import { loadStillsClassifier } from './model-store';

/** The share of the progress bar the first import takes when there is one. */
const IMPORT_SHARE = 0.3;

const relativeModelPath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'a model folder inside the data directory');

/** What the engine puts in the job's params (after resolving the model and its backbone). */
export const classifyJobSchema = z.strictObject({
  modelId: z.number().int().positive(),
  modelPath: relativeModelPath,
  backbonePath: z.string().min(1).max(4096).nullable(),
  /** Absolute folder as catalogued, or null for the whole library. */
  folder: z.string().min(1).max(4096).nullable(),
  aspect: z.enum(STILLS_ASPECTS),
  /** Import (or incrementally rescan) the folder in place first. */
  importFirst: z.boolean().default(false),
  batchSize: z.number().int().min(1).max(256).optional(),
});
export type ClassifyJobParams = z.input<typeof classifyJobSchema>;

export async function runStillsClassify(params: Record<string, unknown>, context: JobContext): Promise<JobOutcome> {
  const parsed = classifyJobSchema.safeParse(params);
  if (!parsed.success) throw new MotifError('invalid-input', `stills-classify: ${z.prettifyError(parsed.error)}`);
  const { modelId, modelPath, backbonePath, folder, aspect, importFirst, batchSize } = parsed.data;
  const share = importFirst ? IMPORT_SHARE : 0;
  // Image files the import could not catalogue (damaged, unreadable) are part of this report.
  let importSkips: StillsClassifyReport['skipped'] = [];
  if (importFirst && folder !== null) {
    const imported = await runLibraryImport(
      { folders: [folder] },
      {
        ...context,
        progress: (p) =>
          context.progress({ ...p, fraction: p.fraction * share, stage: 'importing', etaSeconds: undefined }),
      },
    );
    const { skipped } = imported.summary as unknown as ImportReport;
    importSkips = skipped.filter((s) => mediaKindOf(s.path) === 'image' && !s.reason.startsWith('imported, but'));
  }
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  let backbone: Backbone | null = null;
  try {
    context.progress({ fraction: share, stage: 'loading', message: 'Loading the classifier' });
    const { tf } = await context.ml();
    const classifier = await loadStillsClassifier(tf, path.join(context.dataDir, modelPath));
    try {
      if (classifier.manifest.architecture === 'transfer') {
        if (backbonePath === null) throw new MotifError('unavailable', 'This transfer model needs its backbone.');
        backbone = await loadBackbone(tf, backbonePath);
      }
      const started = performance.now();
      const report = await classifyStills({
        db: catalogue.db,
        embeddings: catalogue.embeddings,
        classifier,
        modelId,
        backbone,
        folder,
        aspect,
        batchSize,
        signal: context.signal,
        onProgress: (p) => {
          const part = p.total === 0 ? 1 : p.done / p.total;
          context.progress({
            fraction: share + (1 - share) * part,
            stage: 'classifying',
            message:
              `${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} stills` +
              (p.skipped > 0 ? ` (${p.skipped.toLocaleString('en')} skipped)` : ''),
            metrics: Object.fromEntries(p.counts),
            etaSeconds: p.done > 0 ? etaSeconds(performance.now() - started, part) : undefined,
          });
        },
      });
      const full: StillsClassifyReport = {
        ...report,
        seen: report.seen + importSkips.length,
        skipped: [...importSkips, ...report.skipped],
      };
      return {
        summary: { ...full, folder, aspect, imported: importFirst },
        changed: importFirst ? ['media', 'tags'] : ['tags'],
      };
    } finally {
      classifier.dispose();
    }
  } finally {
    backbone?.dispose();
    catalogue.close();
  }
}
