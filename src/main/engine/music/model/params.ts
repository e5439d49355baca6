/**
 * Parameters of the `melody-train` job: one zod schema for the API boundary and the runner, and
 * their resolution into extraction, split and training settings (defaults with `??`).
 */
import { z } from 'zod';
import { DEFAULT_EXTRACTION, type ExtractionOptions } from './extract';
import { DEFAULT_SPLIT, type SplitOptions } from './dataset';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './train';
import { checkRange } from './vocabulary';

export const melodyTrainParamsSchema = z.strictObject({
  /** The corpus: absolute paths of MIDI files. */
  files: z.array(z.string().min(1)).min(1).max(200_000),
  /** Display name of the model version. */
  name: z.string().max(200).optional(),
  epochs: z.number().int().min(1).max(1000).optional(),
  /** Wall-clock budget for the whole job, in minutes. */
  maxMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .optional(),
  batchSize: z.number().int().min(1).max(1024).optional(),
  sequenceLength: z.number().int().min(4).max(1024).optional(),
  hiddenSizes: z.array(z.number().int().min(2).max(1024)).min(1).max(4).optional(),
  learningRate: z.number().positive().max(1).optional(),
  learningRateDecay: z.number().positive().max(1).optional(),
  dropout: z.number().min(0).max(0.9).optional(),
  clipNorm: z.number().min(0).max(1000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
  /** Semitone shifts drawn per training window (augmentation), e.g. [-2, -1, 0, 1, 2]. */
  transpositions: z.array(z.number().int().min(-12).max(12)).max(25).optional(),
  /** One-hot size of the position-in-bar input; 0 turns it off. */
  positionFeatures: z.number().int().min(0).max(96).optional(),
  minPitch: z.number().int().min(0).max(127).optional(),
  maxPitch: z.number().int().min(1).max(128).optional(),
  stepsPerQuarter: z.number().int().min(1).max(24).optional(),
  minBars: z.number().min(0).max(1000).optional(),
  minUniquePitches: z.number().int().min(0).max(128).optional(),
  gapBars: z.number().positive().max(1000).optional(),
  heldOutEvery: z.number().int().min(2).max(1000).optional(),
  heldOutOffset: z.number().int().min(0).max(999).optional(),
  /** Highest n-gram order of the baseline (1-5). */
  ngramOrder: z.number().int().min(1).max(5).optional(),
  /** Continue from this run's last checkpoint when there is one (default true). */
  resume: z.boolean().optional(),
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
