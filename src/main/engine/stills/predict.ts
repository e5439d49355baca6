/**
 * Single-still prediction inside the worker: the `stills.predict` request (a drop on the studio).
 * Loaded classifiers and backbones are cached between calls (the most recently used few, keyed
 * by folder and file time) and disposed when evicted, so tf memory stays bounded. Transfer models
 * go through the same embedding → head path as batch classification, so both agree on a still.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MotifError } from '../../../shared/errors';
import type { StillsPrediction } from '../../../shared/stills';
import type { Tf } from '../ml/runtime';
import type { RequestContext } from '../worker/context';
import { loadBackbone, type Backbone } from './backbone';
import type { LoadedStillsClassifier } from './classifier';
import { loadStillsClassifier } from './model-store';
import { preprocessBytes, preprocessFile } from './preprocess';

export const TOP_LABELS = 3;

/** What the engine sends: the model resolved to its folder (and backbone), and the still. */
export const predictRequestSchema = z
  .strictObject({
    modelId: z.number().int().positive(),
    modelPath: z
      .string()
      .min(1)
      .max(1000)
      .refine(
        (p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'),
        'a model folder inside the data directory',
      ),
    backbonePath: z.string().min(1).max(4096).nullable(),
    path: z.string().min(1).max(4096).optional(),
    dataBase64: z.string().max(60_000_000).optional(),
  })
  .refine((v) => (v.path === undefined) !== (v.dataBase64 === undefined), 'give either a path or dataBase64');
export type PredictRequest = z.input<typeof predictRequestSchema>;

interface Entry<T> {
  value: T;
  stamp: number;
}

/** A tiny LRU of disposable things keyed by folder, reloaded when `stampFile` changes. */
class DisposingCache<T extends { dispose(): void }> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly max: number,
    private readonly stampFile: string,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async get(folder: string, load: () => Promise<T>): Promise<T> {
    let stamp: number;
    try {
      stamp = fs.statSync(path.join(folder, this.stampFile)).mtimeMs;
    } catch {
      this.evict(folder);
      throw new MotifError('not-found', `The model files are gone (${folder}).`);
    }
    const hit = this.entries.get(folder);
    if (hit && hit.stamp === stamp) {
      this.entries.delete(folder);
      this.entries.set(folder, hit);
      return hit.value;
    }
    this.evict(folder);
    const value = await load();
    this.entries.set(folder, { value, stamp });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.evict(oldest);
    }
    return value;
  }

  evict(folder: string): void {
    this.entries.get(folder)?.value.dispose();
    this.entries.delete(folder);
  }

  clear(): void {
    for (const folder of [...this.entries.keys()]) this.evict(folder);
  }
}

/** The top `k` labels by probability, highest first. */
export function topLabels(classes: readonly string[], probabilities: Float32Array, k = TOP_LABELS) {
  return Array.from(probabilities, (probability, i) => ({ label: classes[i] ?? String(i), probability }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}

export class StillsPredictService {
  private readonly classifiers: DisposingCache<LoadedStillsClassifier>;
  private readonly backbones: DisposingCache<Backbone>;

  constructor(maxClassifiers = 2, maxBackbones = 1) {
    this.classifiers = new DisposingCache(maxClassifiers, 'manifest.json');
    this.backbones = new DisposingCache(maxBackbones, 'model.json');
  }

  /** Classifiers and backbones held in memory. */
  get held(): { classifiers: number; backbones: number } {
    return { classifiers: this.classifiers.size, backbones: this.backbones.size };
  }

  async classifier(tf: Tf, folder: string): Promise<LoadedStillsClassifier> {
    return this.classifiers.get(folder, () => loadStillsClassifier(tf, folder));
  }

  async backbone(tf: Tf, folder: string): Promise<Backbone> {
    return this.backbones.get(folder, () => loadBackbone(tf, folder));
  }

  async predict(raw: unknown, context: RequestContext): Promise<StillsPrediction> {
    const parsed = predictRequestSchema.safeParse(raw);
    if (!parsed.success) throw new MotifError('invalid-input', `stills.predict: ${z.prettifyError(parsed.error)}`);
    const request = parsed.data;
    const { tf } = await context.ml();
    const classifier = await this.classifier(tf, path.join(context.dataDir, request.modelPath));
    const { manifest } = classifier;
    const pixels =
      request.path !== undefined
        ? await preprocessFile(request.path, manifest.aspect)
        : await preprocessBytes('the dropped image', Buffer.from(request.dataBase64 ?? '', 'base64'), manifest.aspect);
    let probabilities: Float32Array[];
    if (manifest.architecture === 'transfer') {
      if (request.backbonePath === null) throw new MotifError('unavailable', 'This transfer model needs its backbone.');
      const backbone = await this.backbone(tf, request.backbonePath);
      probabilities = await classifier.predictEmbeddings(await backbone.embed(pixels, 1));
    } else {
      probabilities = await classifier.predictPixels(pixels, 1);
    }
    const top = topLabels(manifest.classes, probabilities[0] ?? new Float32Array(0));
    const best = top[0];
    if (!best) throw new MotifError('internal', 'The classifier returned no probabilities.');
    return { label: best.label, confidence: best.probability, top, modelId: request.modelId };
  }

  dispose(): void {
    this.classifiers.clear();
    this.backbones.clear();
  }
}
