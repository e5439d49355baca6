/**
 * Generation inside the worker: the `melody.generate` request. Loaded models are cached (the
 * most recently used few), keyed by folder and model.json time, so repeated generations with the
 * same model cost only the sampling; evicted models are disposed, so tf memory stays bounded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { melodyGenerateInput } from '../../../../shared/compose-api';
import { MotifError } from '../../../../shared/errors';
import type { MelodyGeneration } from '../../../../shared/melody';
import type { Tf } from '../../ml/runtime';
import type { RequestContext } from '../../worker/context';
import { continueClip, generateClip, infillClip, type GenerationResult, type InfillResult } from './generate';
import { disposeMelodyModel, loadMelodyModel, type MelodyModel } from './store';

/** What the engine sends the worker: the validated request and where the model lives. */
export const generateRequestSchema = z.strictObject({
  request: melodyGenerateInput,
  /** Model folder, relative to the data directory (always under models/). */
  modelPath: z
    .string()
    .min(1)
    .max(1000)
    .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'), 'a model folder inside the data directory'),
});
export type GenerateRequest = z.input<typeof generateRequestSchema>;

interface Cached {
  model: MelodyModel;
  stamp: number;
}

export class GenerationService {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly maxModels = 2) {}

  /** Models currently held in memory. */
  get size(): number {
    return this.cache.size;
  }

  async model(tf: Tf, dir: string): Promise<MelodyModel> {
    let stamp: number;
    try {
      stamp = fs.statSync(path.join(dir, 'model.json')).mtimeMs;
    } catch {
      this.evict(dir);
      throw new MotifError('not-found', `The model's files are gone (${dir}); train or pick another version.`);
    }
    const hit = this.cache.get(dir);
    if (hit && hit.stamp === stamp) {
      this.cache.delete(dir); // re-insert: most recently used last
      this.cache.set(dir, hit);
      return hit.model;
    }
    this.evict(dir);
    let model: MelodyModel;
    try {
      model = await loadMelodyModel(tf, dir);
    } catch (error) {
      throw new MotifError('invalid-input', `The melody model at ${dir} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.cache.set(dir, { model, stamp });
    while (this.cache.size > this.maxModels) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.evict(oldest);
    }
    return model;
  }

  async generate(raw: unknown, context: RequestContext): Promise<MelodyGeneration> {
    const parsed = generateRequestSchema.safeParse(raw);
    if (!parsed.success) throw new MotifError('invalid-input', `melody.generate: ${z.prettifyError(parsed.error)}`);
    const { request, modelPath } = parsed.data;
    const { tf } = await context.ml();
    const model = await this.model(tf, path.join(context.dataDir, modelPath));
    const sampling = {
      temperature: request.temperature,
      topK: request.topK,
      topP: request.topP,
      variations: request.variations,
      seed: request.seed,
      key: request.key,
    };
    let result: GenerationResult | InfillResult;
    switch (request.mode) {
      case 'continue':
        result = continueClip(model, request.clip, { ...sampling, bars: request.bars, startTick: request.startTick });
        break;
      case 'generate':
        result = generateClip(model, request.clip, { ...sampling, bars: request.bars, startTick: request.startTick });
        break;
      case 'infill':
        result = infillClip(model, request.clip, {
          ...sampling,
          fromBar: request.fromBar,
          toBar: request.toBar,
          candidates: request.candidates,
        });
        break;
    }
    return {
      modelId: request.modelId,
      mode: request.mode,
      variations: result.variations.map((v) => ({
        notes: v.notes,
        ...('clipNotes' in v ? { clipNotes: v.clipNotes as typeof v.notes } : {}),
        memorisation: v.memorisation,
        logLikelihood: Number.isFinite(v.logLikelihood) ? v.logLikelihood : 0,
      })),
      startTick: result.startTick,
      endTick: result.endTick,
      seed: result.seed,
      ms: Math.round(result.ms * 10) / 10,
    };
  }

  /** Dispose every cached model (worker shutdown, tests). */
  clear(): void {
    for (const dir of [...this.cache.keys()]) this.evict(dir);
  }

  private evict(dir: string): void {
    const hit = this.cache.get(dir);
    if (!hit) return;
    this.cache.delete(dir);
    disposeMelodyModel(hit.model);
  }
}
