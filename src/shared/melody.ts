/**
 * The melody model's side of the API contract: training options, corpus selection and
 * generation requests/results. Shared by the engine (validation, the `melody-train` runner), the
 * CLI and the Compose studio.
 */
import { z } from 'zod';
import type { ClipNote } from './music';

/** Training options a person chooses (the corpus is given separately). */
export const melodyTrainOptionsSchema = z.strictObject({
  /** Display name of the model version. */
  name: z.string().trim().min(1).max(200).optional(),
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
    .max(2 ** 31 - 1)
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
export type MelodyTrainOptions = z.infer<typeof melodyTrainOptionsSchema>;

const id = z.number().int().positive();

/**
 * Which MIDI files to learn from. Library folders, tags and items select catalogue MIDI items
 * (files found missing at the last scan are left out); `paths` are folders or .mid files on disk
 * (the CLI's `--corpus DIR`). Everything given is combined; nothing given means every MIDI item in
 * the library except the compositions saved from Compose (tagged `composition`; pick them by tag).
 */
export const melodyCorpusSchema = z.strictObject({
  folderIds: z.array(id).max(1000).optional(),
  tags: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
  itemIds: z.array(id).max(200_000).optional(),
  paths: z.array(z.string().min(1).max(4096)).max(100).optional(),
});
export type MelodyCorpus = z.infer<typeof melodyCorpusSchema>;

export interface MelodyCorpusSummary {
  /** MIDI files the corpus resolves to (after removing duplicates). */
  files: number;
  /** Of those, the ones held out for evaluation (every 10th in sorted name order by default). */
  heldOut: number;
  /** Total bytes of those files. */
  bytes: number;
  /** Catalogue items of the selection whose files are missing (left out). */
  missing: number;
}

export const GENERATION_MODES = ['continue', 'generate', 'infill'] as const;
export type GenerationMode = (typeof GENERATION_MODES)[number];

/** How a variation relates to what the model learned from: the memorisation meter. */
export interface MemorisationMeter {
  /** Steps (16ths by default) in the longest stretch also found verbatim in the training data. */
  steps: number;
  /** Note onsets inside that stretch. */
  notes: number;
  /** Where it starts in the phrase, in steps. */
  phraseStart: number;
  phraseSteps: number;
  /** steps / phraseSteps. */
  fraction: number;
}

export interface GeneratedVariation {
  /** The generated notes at absolute ticks of the clip (for infill: only the regenerated range). */
  notes: ClipNote[];
  /** For infill: the whole clip with the range replaced. */
  clipNotes?: ClipNote[];
  /** Null when the model has no memorisation index. */
  memorisation: MemorisationMeter | null;
  /** Mean log-probability per generated step under the model. */
  logLikelihood: number;
}

export interface MelodyGeneration {
  modelId: number;
  mode: GenerationMode;
  variations: GeneratedVariation[];
  /** Tick range the variations cover. */
  startTick: number;
  endTick: number;
  /** The random seed used (give it back to get the same notes). */
  seed: number;
  /** Time spent generating, in the worker, ms. */
  ms: number;
}

/** A key/scale lock: generated pitches stay in this scale. */
export const keyLockSchema = z.strictObject({
  tonic: z.number().int().min(0).max(11),
  mode: z.enum(['major', 'minor']),
});

/** Sampling settings common to every generation mode. */
export const samplingSchema = z.strictObject({
  temperature: z.number().min(0).max(2).default(1),
  topK: z.number().int().min(0).max(128).default(0),
  topP: z.number().gt(0).max(1).default(1),
  variations: z.number().int().min(1).max(8).default(4),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullable()
    .default(null),
  key: keyLockSchema.nullable().default(null),
});

/** One epoch of training, as the model version records it. */
export interface MelodyEpoch {
  epoch: number;
  loss: number;
  accuracy: number;
  eventAccuracy: number;
  seconds: number;
  learningRate: number;
}

export interface NgramScore {
  order: number;
  smoothing: 'witten-bell' | 'kneser-ney';
  perplexity: number;
}

/** What the studio shows about a melody model version beyond its catalogue row. */
export interface MelodyModelDetails {
  modelId: number;
  /** Per-epoch training loss and accuracy. */
  history: MelodyEpoch[];
  /** Every n-gram baseline scored on the same held-out split, best first. */
  ngrams: NgramScore[];
  positionNgram: NgramScore | null;
  /** The pitch range and grid the model works in. */
  minPitch: number;
  maxPitch: number;
  stepsPerQuarter: number;
  hiddenSizes: number[];
  /** Whether the model keeps a memorisation index (the meter needs it). */
  hasMemorisationIndex: boolean;
}

/** A composition saved from Compose into the catalogue. */
export interface SavedComposition {
  itemId: number;
  path: string;
  title: string;
}
