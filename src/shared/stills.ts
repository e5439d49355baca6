/** Stills lab vocabulary shared by the engine, the API and the studio. */
import { z } from 'zod';

export interface StillsClassCount {
  label: string;
  count: number;
}

export interface StillsDataset {
  id: number;
  name: string;
  /** The folder of class subfolders it was imported from. */
  root: string;
  createdAt: string;
  items: number;
  /** Per class, by label. */
  classes: StillsClassCount[];
  /** Distinct group keys (e.g. films), 0 when the file names have no consistent prefix. */
  groups: number;
  /**
   * The classes in their natural order (e.g. shot scale, closest first) when a person marked
   * them as ordered, or Motif recognised the names; null for unordered classes. Enables ±1 accuracy.
   */
  classOrder: string[] | null;
  /** Classes added in Motif that no still carries yet. */
  extraClasses: string[];
  /** Stills a person confirmed or relabelled in Motif. */
  reviewed: number;
}

export type StillsSkipProblem = 'empty' | 'corrupt' | 'unsupported' | 'unreadable' | 'outside-class-folder';

export interface StillsImportReport {
  datasetId: number;
  name: string;
  root: string;
  /** Image files looked at (in class folders). */
  seen: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Items dropped from the dataset because their file is no longer in the folder. */
  removed: number;
  skipped: Array<{ path: string; problem: StillsSkipProblem; reason: string }>;
  /** Files with identical bytes; `crossLabel` when they sit under different labels. */
  duplicates: Array<{ contentHash: string; files: Array<{ path: string; label: string }>; crossLabel: boolean }>;
  /**
   * How group keys were found: 'folder' (a subfolder per film inside each class folder), 'prefix'
   * (e.g. filmA_0001.jpg → filmA), or null when there is no consistent pattern.
   */
  groupPattern: 'folder' | 'prefix' | null;
  classes: StillsClassCount[];
}

// ---------------------------------------------------------------------------------------------
// Training, evaluation, the relabel loop and classification (issue 4).

export const STILLS_ARCHITECTURES = ['transfer', 'scratch'] as const;
export type StillsArchitecture = (typeof STILLS_ARCHITECTURES)[number];

export const STILLS_ASPECTS = ['crop', 'pad'] as const;
export type StillsAspect = (typeof STILLS_ASPECTS)[number];

const positiveId = z.number().int().positive();

/**
 * What a person chooses when training a stills classifier. Everything but the dataset has a
 * default: transfer learning on the backbone in Settings, centre-crop, a stratified (and grouped,
 * when the dataset has group keys) 20% validation split.
 */
export const stillsTrainOptionsSchema = z.strictObject({
  datasetId: positiveId,
  name: z.string().trim().min(1).max(200).optional(),
  architecture: z.enum(STILLS_ARCHITECTURES).default('transfer'),
  aspect: z.enum(STILLS_ASPECTS).default('crop'),
  /** Passes over the training split (defaults depend on the architecture). */
  epochs: z.number().int().min(1).max(1000).optional(),
  /** Wall-clock budget for the whole job (embedding included), in minutes. */
  maxMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .optional(),
  /** Share of each class (of its groups) held out for validation. */
  validationFraction: z.number().min(0.05).max(0.5).default(0.2),
  /** Light augmentation (flip, crop jitter) for the scratch model; feature noise for the head. */
  augment: z.boolean().default(true),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(7),
  /** A backbone folder other than the one in Settings (the CLI's `--backbone DIR`). */
  backbonePath: z.string().min(1).max(4096).optional(),
});
export type StillsTrainOptions = z.input<typeof stillsTrainOptionsSchema>;
export type StillsTrainParams = z.output<typeof stillsTrainOptionsSchema>;

export interface StillsClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Validation stills whose true label is this class. */
  support: number;
}

export interface StillsCalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean top-1 confidence of the stills in the bin. */
  confidence: number;
  /** Share of them predicted right. */
  accuracy: number;
}

export interface StillsEvaluation {
  /** Class labels in the order of the confusion matrix rows and columns. */
  classes: string[];
  /** The user's class order (e.g. shot scale) when the classes are ordered, else null. */
  order: string[] | null;
  accuracy: number;
  /** Right or one class off in `order`; null when the classes are not ordered. */
  withinOne: number | null;
  macroF1: number;
  perClass: StillsClassMetrics[];
  /** counts[true][predicted], in `classes` order. */
  confusion: number[][];
  calibration: { ece: number; brier: number; bins: StillsCalibrationBin[] };
  trainCount: number;
  validationCount: number;
  /** 'group' when whole groups (e.g. films) were held out, 'item' otherwise. */
  splitBy: 'group' | 'item';
  /** What the model must beat: always guessing the majority class, and 1 / classes. */
  baselines: { majority: number; chance: number };
}

export interface StillsEpoch {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
}

export interface StillsModelSummary {
  /** The model version id (catalogue `model_versions`). */
  id: number;
  name: string;
  createdAt: string;
  datasetId: number | null;
  datasetName: string | null;
  architecture: StillsArchitecture;
  aspect: StillsAspect;
  /** Null for scratch models. */
  backboneId: string | null;
  classes: string[];
  accuracy: number;
  withinOne: number | null;
  macroF1: number;
  /** Validation accuracy of the linear probe trained beside the head (the floor); null when none. */
  linearProbe: number | null;
  /** Trained in Motif, or imported from an exported folder. */
  origin: 'trained' | 'imported';
  /** Folder relative to the data directory. */
  path: string;
}

export interface StillsModelDetails extends StillsModelSummary {
  params: Record<string, unknown>;
  evaluation: StillsEvaluation;
  history: StillsEpoch[];
  trainSeconds: number;
}

export interface StillsLabelProbability {
  label: string;
  probability: number;
}

/** One still of a dataset as the relabel loop sees it. */
export interface StillsQueueItem {
  itemId: number;
  path: string | null;
  label: string;
  labelSource: 'folder' | 'user';
  /** Confirmed or fixed by a person since the model was trained. */
  reviewed: boolean;
  predicted: string;
  confidence: number;
  /** Top-1 minus top-2 probability (small = unsure). */
  margin: number;
  entropy: number;
  /** The three most likely labels. */
  top: StillsLabelProbability[];
  /** Where the prediction comes from: held-out validation, or out-of-fold over the training split. */
  split: 'validation' | 'train';
}

export interface StillsDatasetItem {
  itemId: number;
  path: string | null;
  title: string;
  label: string;
  labelSource: 'folder' | 'user';
  reviewed: boolean;
  groupKey: string | null;
  width: number | null;
  height: number | null;
}

export interface StillsPrediction {
  label: string;
  confidence: number;
  top: StillsLabelProbability[];
  modelId: number;
}

/** What one batch classification did. */
export interface StillsClassifyReport {
  modelId: number;
  seen: number;
  classified: number;
  /** Stills whose prediction fell below the confidence floor (tagged anyway, flagged as unsure). */
  unsure: number;
  skipped: Array<{ path: string; reason: string }>;
  /** Stills per predicted label. */
  counts: Array<{ label: string; count: number }>;
}

/** Ordered class presets Motif recognises (lower-case, in order). */
export const SHOT_SCALE_ORDER = ['extreme close-up', 'close-up', 'medium', 'long', 'extreme long'] as const;

/**
 * Indices into `classes` in the order to show them: the class order first when the classes are
 * ordered (so a confusion matrix of shot scales reads along its diagonal band), any others after.
 */
export function classDisplayOrder(evaluation: Pick<StillsEvaluation, 'classes' | 'order'>): number[] {
  const all = evaluation.classes.map((_, i) => i);
  if (!evaluation.order) return all;
  const first = evaluation.order.map((label) => evaluation.classes.indexOf(label)).filter((i) => i >= 0);
  return [...first, ...all.filter((i) => !first.includes(i))];
}
