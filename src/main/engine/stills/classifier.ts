/**
 * The seams between the stills lab's parts: what a trained classifier looks like once loaded
 * (used by the relabel queue, batch classification and single-still prediction), what the
 * from-scratch CNN trainer takes and gives, and the model folder's manifest (also the export format).
 */
import type { LayersModel } from '@tensorflow/tfjs';
import type { StillsArchitecture, StillsAspect, StillsEpoch } from '../../../shared/stills';

/** `manifest.json` in every stills model folder (and in an exported one). */
export interface StillsModelManifest {
  format: 'motif-stills-classifier';
  formatVersion: 1;
  architecture: StillsArchitecture;
  /** Labels in the order of the model's output units (also written as labels.json). */
  classes: string[];
  /** Natural class order when the classes are ordered (for ±1 accuracy), else null. */
  classOrder: string[] | null;
  aspect: StillsAspect;
  /**
   * Transfer models: the backbone the head was trained on (its cache id, the layer it is cut at,
   * the pooling and input size). Null for scratch models, which take images directly.
   */
  backbone: { id: string; layer: string; pooling: 'gap'; inputSize: number; dimension: number } | null;
  /** Transfer models standardise embeddings before the head: (x - mean) / std, per dimension. */
  normalization: { mean: number[]; std: number[] } | null;
  /** Scratch models: the square input size and pixel range the CNN expects. */
  input: { size: number; range: [number, number] } | null;
  /** Headline metrics on the validation split. */
  metrics: Record<string, number>;
  createdAt: string;
  /** SHA-256 over the training data (content hashes + labels) and options. */
  dataHash: string;
  /** Free-form: who made it (Motif version), dataset name, options. */
  source: Record<string, unknown>;
}

/** A stills classifier ready to predict. Dispose it when done (it owns tensors). */
export interface LoadedStillsClassifier {
  manifest: StillsModelManifest;
  /**
   * Class probabilities for transfer models from backbone embeddings (raw, not normalised: the
   * classifier applies its own normalisation). Throws for scratch models.
   */
  predictEmbeddings(vectors: readonly Float32Array[]): Promise<Float32Array[]>;
  /**
   * Class probabilities from preprocessed 224×224 RGB images in [-1, 1] (N×224×224×3, the
   * backbone's input as `preprocessFile` makes it). Transfer models need the backbone for this
   * (give it to `loadStillsClassifier`); scratch models resize to their own input.
   */
  predictPixels(pixels: Float32Array, count: number): Promise<Float32Array[]>;
  dispose(): void;
}

/** What the from-scratch CNN trainer needs. Images are given as files; it decodes them itself. */
export interface ScratchTrainInput {
  train: ReadonlyArray<{ path: string; label: number }>;
  validation: ReadonlyArray<{ path: string; label: number }>;
  classes: readonly string[];
  aspect: StillsAspect;
  epochs: number;
  /** Stop after this many milliseconds (finishing the current batch), keeping the best epoch. */
  budgetMs: number | null;
  augment: boolean;
  seed: number;
  signal: AbortSignal;
  /** Called after every epoch with its numbers; `fraction` is the share of training done. */
  onEpoch(epoch: StillsEpoch, fraction: number): void;
  /** Called now and then within an epoch (batches done of the epoch's total). */
  onBatch?(done: number, total: number): void;
}

export interface ScratchTrainResult {
  model: LayersModel;
  history: StillsEpoch[];
  /** The CNN's square input size. */
  inputSize: number;
  /** Why training stopped: all epochs, the time budget, or a cancel (model kept from the last epoch). */
  stoppedBy: 'epochs' | 'budget' | 'cancel';
  /** Stills left out because they could no longer be read or decoded, with why. */
  skipped: Array<{ path: string; reason: string }>;
}
