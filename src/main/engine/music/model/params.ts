/**
 * Parameters of the `melody-train` job: one zod schema for the API boundary and the runner, and
 * their resolution into extraction, split and training settings (defaults with `??`).
 */
import { z } from 'zod';
import { melodyTrainOptionsSchema } from '../../../../shared/melody';
import { DEFAULT_EXTRACTION, type ExtractionOptions } from './extract';
import { DEFAULT_SPLIT, type SplitOptions } from './dataset';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './train';
import { checkRange } from './vocabulary';

/** The job's parameters: the options a person chooses plus the corpus as absolute file paths. */
export const melodyTrainParamsSchema = melodyTrainOptionsSchema.extend({
  files: z.array(z.string().min(1)).min(1).max(200_000),
});

export type MelodyTrainParams = z.infer<typeof melodyTrainParamsSchema>;

export interface ResolvedTrainParams {
  files: string[];
  name: string | null;
  maxMinutes: number | null;
  ngramOrder: number;
  resume: boolean;
  extraction: ExtractionOptions;
  split: SplitOptions;
  settings: TrainSettings;
}

export function resolveTrainParams(raw: unknown): ResolvedTrainParams {
  const p = melodyTrainParamsSchema.parse(raw);
  const range = {
    minPitch: p.minPitch ?? DEFAULT_EXTRACTION.range.minPitch,
    maxPitch: p.maxPitch ?? DEFAULT_EXTRACTION.range.maxPitch,
  };
  checkRange(range);
  const every = p.heldOutEvery ?? DEFAULT_SPLIT.every;
  return {
    files: p.files,
    name: p.name ?? null,
    maxMinutes: p.maxMinutes ?? null,
    ngramOrder: p.ngramOrder ?? 5,
    resume: p.resume ?? true,
    extraction: {
      stepsPerQuarter: p.stepsPerQuarter ?? DEFAULT_EXTRACTION.stepsPerQuarter,
      minBars: p.minBars ?? DEFAULT_EXTRACTION.minBars,
      minUniquePitches: p.minUniquePitches ?? DEFAULT_EXTRACTION.minUniquePitches,
      gapBars: p.gapBars ?? DEFAULT_EXTRACTION.gapBars,
      range,
    },
    split: { every, offset: p.heldOutOffset ?? every - 1 },
    settings: {
      hiddenSizes: p.hiddenSizes ?? DEFAULT_TRAIN_SETTINGS.hiddenSizes,
      sequenceLength: p.sequenceLength ?? DEFAULT_TRAIN_SETTINGS.sequenceLength,
      batchSize: p.batchSize ?? DEFAULT_TRAIN_SETTINGS.batchSize,
      epochs: p.epochs ?? DEFAULT_TRAIN_SETTINGS.epochs,
      learningRate: p.learningRate ?? DEFAULT_TRAIN_SETTINGS.learningRate,
      learningRateDecay: p.learningRateDecay ?? DEFAULT_TRAIN_SETTINGS.learningRateDecay,
      dropout: p.dropout ?? DEFAULT_TRAIN_SETTINGS.dropout,
      clipNorm: p.clipNorm ?? DEFAULT_TRAIN_SETTINGS.clipNorm,
      seed: p.seed ?? DEFAULT_TRAIN_SETTINGS.seed,
      transpositions: p.transpositions ?? DEFAULT_TRAIN_SETTINGS.transpositions,
      positionFeatures: p.positionFeatures ?? DEFAULT_TRAIN_SETTINGS.positionFeatures,
    },
  };
}
