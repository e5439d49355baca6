/**
 * The relabel queue (`stills.queue`, a worker request): a model's stored predictions joined with
 * the dataset's current labels, least sure first (smallest top-1 − top-2 margin, or highest
 * entropy), or the stills of one confusion-matrix cell. Stills a person reviewed after the model
 * was trained are left out unless asked for.
 */
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../../shared/errors';
import type { StillsQueueItem } from '../../../shared/stills';
import { Catalogue } from '../catalogue/catalogue';
import type { DatasetMember } from '../catalogue/stills-repo';
import { CATALOGUE_FILE } from '../paths';
import type { RequestContext } from '../worker/context';
import { readPredictions, type PredictionsFile } from './model-store';

export const queueRequestSchema = z.object({
  /** The model folder, relative to the data directory. */
  modelPath: z
    .string()
    .min(1)
    .max(1000)
    .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'a model folder inside the data directory'),
  datasetId: z.number().int().positive(),
  /** When the model was made (ISO): later reviews take a still out of the queue. */
  modelCreatedAt: z.string().min(1),
  by: z.enum(['margin', 'entropy']).default('margin'),
  cell: z.object({ actual: z.string(), predicted: z.string() }).optional(),
  includeReviewed: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type QueueRequest = z.input<typeof queueRequestSchema>;

/** SQLite's 'YYYY-MM-DD HH:MM:SS' and ISO strings alike, as milliseconds. */
function timeOf(stamp: string): number {
  const iso = /^\d{4}-\d\d-\d\d \d/.test(stamp) ? `${stamp.replace(' ', 'T')}Z` : stamp;
  return Date.parse(iso);
}

export function buildQueue(
  predictions: PredictionsFile,
  members: readonly DatasetMember[],
  request: z.output<typeof queueRequestSchema>,
): { items: StillsQueueItem[]; total: number } {
  const byId = new Map(members.map((m) => [m.itemId, m]));
  const trainedAt = timeOf(request.modelCreatedAt);
  const { classes } = predictions;
  const all: StillsQueueItem[] = predictions.items.flatMap((p) => {
    const member = byId.get(p.itemId);
    if (!member || p.probabilities.length !== classes.length) return [];
    const ranked = p.probabilities
      .map((probability, k) => ({ label: classes[k] as string, probability }))
      .sort((a, b) => b.probability - a.probability);
    const first = ranked[0] as { label: string; probability: number };
    const entropy = -p.probabilities.reduce((s, q) => (q > 0 ? s + q * Math.log(q) : s), 0);
    const reviewed = member.reviewedAt !== null && timeOf(member.reviewedAt) > trainedAt;
    return [
      {
        itemId: p.itemId,
        path: member.path,
        label: member.label,
        labelSource: member.labelSource,
        reviewed,
        predicted: first.label,
        confidence: first.probability,
        margin: first.probability - (ranked[1]?.probability ?? 0),
        entropy,
        top: ranked.slice(0, 3),
        split: p.split,
      },
    ];
  });
  const chosen = all.filter(
    (item) =>
      (request.includeReviewed || !item.reviewed) &&
      (!request.cell || (item.label === request.cell.actual && item.predicted === request.cell.predicted)),
  );
  chosen.sort((a, b) =>
    request.by === 'margin' ? a.margin - b.margin || a.itemId - b.itemId : b.entropy - a.entropy || a.itemId - b.itemId,
  );
  return { items: chosen.slice(0, request.limit), total: chosen.length };
}

/** The worker request handler. */
export function stillsQueue(
  raw: unknown,
  context: Pick<RequestContext, 'dataDir'>,
): Promise<{ items: StillsQueueItem[]; total: number }> {
  const parsed = queueRequestSchema.safeParse(raw);
  if (!parsed.success)
    return Promise.reject(
      new MotifError('invalid-input', `stills.queue: ${parsed.error.issues[0]?.message ?? 'bad request'}`),
    );
  const request = parsed.data;
  const predictions = readPredictions(path.join(context.dataDir, request.modelPath));
  const catalogue = Catalogue.open(path.join(context.dataDir, CATALOGUE_FILE));
  try {
    return Promise.resolve(buildQueue(predictions, catalogue.stills.members(request.datasetId), request));
  } finally {
    catalogue.close();
  }
}
