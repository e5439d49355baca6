/**
 * The two training paths of the `stills-train` job, each ending in held-out probabilities:
 * the transfer head on cached embeddings (with the linear probe beside it and out-of-fold
 * predictions for the training stills), and the from-scratch CNN on the images themselves.
 */
import type { LayersModel, Tensor2D } from '@tensorflow/tfjs';
import type { StillsEpoch, StillsTrainParams } from '../../../shared/stills';
import type { DatasetMember } from '../catalogue/stills-repo';
import type { Tf } from '../ml/runtime';
import { foldIds, type Standardisation } from './features';
import { outOfFoldPredictions, predictHead, trainHead } from './head';
import { linearProbe } from './linear-probe';
import { argmax } from './metrics';
import { INPUT_SIZE, StillsImageError, preprocessFile } from './preprocess';
import { scratchPixels, trainScratchCnn } from './scratch-cnn';

/** Folds of the head over the training split for out-of-fold predictions. */
export const OUT_OF_FOLD_FOLDS = 3;
/** Default epochs of the from-scratch CNN. */
export const SCRATCH_EPOCHS = 30;
const PREDICT_BATCH = 32;

export interface TrainSample {
  member: DatasetMember;
  label: number;
}

export interface TrainStepInput {
  tf: Tf;
  params: StillsTrainParams;
  classes: string[];
  trainSamples: TrainSample[];
  validationSamples: TrainSample[];
  deadline: number | undefined;
  signal: AbortSignal;
  onEpoch(epoch: StillsEpoch, fraction: number): void;
  onEvaluating(message: string, fraction: number): void;
}

export interface TrainedStills {
  model: LayersModel;
  history: StillsEpoch[];
  /** In validation order. */
  validationProbabilities: Float32Array[];
  /** Out-of-fold, in training order; null when the architecture has none. */
  trainProbabilities: Float32Array[] | null;
  linearProbeAccuracy: number | null;
  normalization: Standardisation | null;
  inputSize: number | null;
  stoppedBy: 'epochs' | 'budget' | 'cancel';
  /** Stills that could not be decoded for training (the scratch CNN decodes them itself). */
  skipped: Array<{ path: string; reason: string }>;
}

export async function trainStillsHead(
  input: TrainStepInput & { vectors: ReadonlyMap<string, Float32Array>; dimension: number },
): Promise<TrainedStills> {
  const { tf, params, classes, vectors } = input;
  const vectorOf = (s: TrainSample): Float32Array => vectors.get(s.member.contentHash as string) as Float32Array;
  const train = { vectors: input.trainSamples.map(vectorOf), labels: input.trainSamples.map((s) => s.label) };
  const validation = {
    vectors: input.validationSamples.map(vectorOf),
    labels: input.validationSamples.map((s) => s.label),
  };
  const options = {
    classes: classes.length,
    seed: params.seed,
    augment: params.augment,
    ...(params.epochs !== undefined ? { epochs: params.epochs } : {}),
    signal: input.signal,
  };
  const head = await trainHead(tf, train, {
    ...options,
    ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
    validation,
    onEpoch: input.onEpoch,
  });
  try {
    input.onEvaluating('Scoring the validation stills', 0);
    const validationProbabilities = await predictHead(tf, head.model, head.normalization, validation.vectors);
    input.onEvaluating('Fitting the linear probe (the floor to beat)', 0.1);
    const probe = await linearProbe(tf, train, validation.vectors, {
      classes: classes.length,
      seed: params.seed,
      signal: input.signal,
    });
    const probeRight = probe.filter((p, i) => argmax(p) === validation.labels[i]).length;
    input.onEvaluating('Out-of-fold predictions for the training stills', 0.25);
    const folds = foldIds(
      input.trainSamples.map((s) => s.member.groupKey),
      OUT_OF_FOLD_FOLDS,
      params.seed,
    );
    // Half the head's epochs: these only rank how sure the model is about each training still.
    // Past the time budget each fold stops after one epoch: rougher, but every still is scored.
    const trainProbabilities = await outOfFoldPredictions(tf, train, folds, {
      ...options,
      epochs: Math.max(8, Math.ceil(head.epochs / 2)),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
    });
    return {
      model: head.model,
      history: head.history,
      validationProbabilities,
      trainProbabilities,
      linearProbeAccuracy: validation.labels.length > 0 ? probeRight / validation.labels.length : null,
      normalization: head.normalization,
      inputSize: null,
      stoppedBy: head.stoppedBy,
      skipped: [],
    };
  } catch (error) {
    head.model.dispose();
    throw error;
  }
}

/** Probabilities of a scratch CNN for image files; an unreadable file gets a uniform row. */
async function scratchProbabilities(
  tf: Tf,
  model: LayersModel,
  files: string[],
  classes: number,
  aspect: StillsTrainParams['aspect'],
): Promise<Float32Array[]> {
  const per = INPUT_SIZE * INPUT_SIZE * 3;
  const out: Float32Array[] = [];
  for (let start = 0; start < files.length; start += PREDICT_BATCH) {
    const batch = files.slice(start, start + PREDICT_BATCH);
    const pixels = new Float32Array(batch.length * per);
    const ok = await Promise.all(
      batch.map((file, i) =>
        preprocessFile(file, aspect, pixels, i * per).then(
          () => true,
          (error: unknown) => {
            if (error instanceof StillsImageError) return false;
            throw error;
          },
        ),
      ),
    );
    const output = tf.tidy(() => model.predict(scratchPixels(tf, pixels, batch.length)) as Tensor2D);
    try {
      const flat = (await output.data()) as Float32Array;
      batch.forEach((_, i) =>
        out.push(ok[i] ? flat.slice(i * classes, (i + 1) * classes) : new Float32Array(classes).fill(1 / classes)),
      );
    } finally {
      output.dispose();
    }
  }
  return out;
}

export async function trainStillsScratch(input: TrainStepInput): Promise<TrainedStills> {
  const { tf, params, classes } = input;
  const toInput = (s: TrainSample): { path: string; label: number } => ({
    path: s.member.path as string,
    label: s.label,
  });
  const result = await trainScratchCnn(tf, {
    train: input.trainSamples.map(toInput),
    validation: input.validationSamples.map(toInput),
    classes,
    aspect: params.aspect,
    epochs: params.epochs ?? SCRATCH_EPOCHS,
    budgetMs: input.deadline !== undefined ? Math.max(0, input.deadline - performance.now()) : null,
    augment: params.augment,
    seed: params.seed,
    signal: input.signal,
    onEpoch: input.onEpoch,
  });
  try {
    input.onEvaluating('Scoring the validation stills', 0);
    const validationProbabilities = await scratchProbabilities(
      tf,
      result.model,
      input.validationSamples.map((s) => s.member.path as string),
      classes.length,
      params.aspect,
    );
    return {
      model: result.model,
      history: result.history,
      validationProbabilities,
      trainProbabilities: null,
      linearProbeAccuracy: null,
      normalization: null,
      inputSize: result.inputSize,
      stoppedBy: result.stoppedBy,
      skipped: result.skipped,
    };
  } catch (error) {
    result.model.dispose();
    throw error;
  }
}
