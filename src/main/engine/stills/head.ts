/**
 * The transfer-learning head, trained on cached backbone embeddings: features standardised with
 * the training split's mean and std, then a small ensemble of MLPs (Dense 128 ReLU, dropout 0.5,
 * softmax) with label smoothing, L2, Adam, class-balanced weights and, with `augment`, Gaussian
 * feature noise. The schedule is fixed (no early stopping on the validation split, which is only
 * reported). Also out-of-fold predictions over the training split for the relabel queue. The
 * floor it must beat is `linear-probe.ts`.
 */
import type { LayersModel, Scalar, SymbolicTensor, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import { MotifError } from '../../../shared/errors';
import type { StillsEpoch } from '../../../shared/stills';
import type { Tf } from '../ml/runtime';
import { mulberry32 } from '../ml/random';
import { classWeights, shuffled, standardisation, standardised, type Labelled, type Standardisation } from './features';

export interface HeadOptions {
  classes: number;
  seed: number;
  augment: boolean;
  /** Passes over the training vectors; by default enough for about 100 steps (8 to 60 epochs). */
  epochs?: number;
  hidden?: number;
  /** Ensemble members trained side by side (different initialisations and dropout masks). */
  members?: number;
  batchSize?: number;
  learningRate?: number;
  signal?: AbortSignal;
  /** performance.now() after which training stops at the end of the current epoch. */
  deadline?: number;
  /** Reported per epoch only; never used to choose anything. */
  validation?: Labelled;
  onEpoch?(epoch: StillsEpoch, fraction: number): void;
}

export interface TrainedHead {
  /** Input: standardised embeddings; output: class probabilities (the members' mean). */
  model: LayersModel;
  normalization: Standardisation;
  /** Per epoch when `onEpoch` was given (empty otherwise). */
  history: StillsEpoch[];
  epochs: number;
  stoppedBy: 'epochs' | 'budget';
}

const LABEL_SMOOTHING = 0.1;
const L2 = 1e-4;
const NOISE_STD = 0.35;
const INPUT_DROPOUT = 0.1;
const DROPOUT = 0.5;
/** Training stills scored per epoch for the history (a fixed sample keeps epochs cheap). */
const TRAIN_SCORE_SAMPLE = 512;
export const DEFAULT_HIDDEN = 128;
export const DEFAULT_MEMBERS = 2;

/**
 * The ensemble's weights, stacked so one matMul serves every member: w1 D×(M·H), b1 M·H,
 * w2 M×H×K, b2 M×1×K (member k owns hidden units k·H … k·H+H-1).
 */
interface Ensemble {
  members: number;
  hidden: number;
  w1: Variable;
  b1: Variable;
  w2: Variable;
  b2: Variable;
}

/** Per-member logits M×B×K from a hidden activation B×(M·H) (inside a tidy). */
function memberLogits(tf: Tf, e: Ensemble, h: Tensor): Tensor {
  const b = h.shape[0] as number;
  const perMember = tf.transpose(tf.reshape(h, [b, e.members, e.hidden]), [1, 0, 2]);
  return tf.add(tf.matMul(perMember as Tensor, e.w2), e.b2);
}

function defaultEpochs(n: number, batchSize: number): number {
  const steps = Math.max(1, Math.ceil(n / batchSize));
  return Math.min(60, Math.max(8, Math.ceil(100 / steps)));
}

function cancelled(): never {
  throw new MotifError('cancelled', 'Stills training was cancelled.');
}

/** Mean softmax of the members on standardised inputs (inside the caller's tidy). */
function ensembleProbabilities(tf: Tf, e: Ensemble, x: Tensor2D): Tensor2D {
  const h = tf.relu(tf.add(tf.matMul(x, e.w1), e.b1));
  return tf.mean(tf.softmax(memberLogits(tf, e, h)), 0);
}

/** Mean cross-entropy and accuracy of probabilities against labels. */
async function scoreProbabilities(
  tf: Tf,
  probs: Tensor2D,
  labels: readonly number[],
): Promise<{ loss: number; accuracy: number }> {
  const rows = (await probs.array()) as number[][];
  let loss = 0;
  let right = 0;
  rows.forEach((p, i) => {
    const t = labels[i] as number;
    loss -= Math.log(Math.max(1e-7, p[t] ?? 0));
    if (p.indexOf(Math.max(...p)) === t) right++;
  });
  return { loss: rows.length > 0 ? loss / rows.length : 0, accuracy: rows.length > 0 ? right / rows.length : 0 };
}

/** Trains the MLP ensemble; returns it as one tfjs layers model over standardised inputs. */
export async function trainHead(tf: Tf, train: Labelled, options: HeadOptions): Promise<TrainedHead> {
  const { classes, seed } = options;
  const n = train.vectors.length;
  if (n === 0) throw new MotifError('invalid-input', 'There are no training stills.');
  const d = train.vectors[0]?.length ?? 0;
  const hidden = options.hidden ?? DEFAULT_HIDDEN;
  const memberCount = options.members ?? DEFAULT_MEMBERS;
  const batchSize = Math.min(n, options.batchSize ?? (n >= 1000 ? 128 : 64));
  const epochs = options.epochs ?? defaultEpochs(n, batchSize);
  const normalization = standardisation(train.vectors);
  const random = mulberry32(seed);
  const weights = classWeights(train.labels, classes);

  const x = standardised(tf, train.vectors, normalization);
  const smoothed = tf.tidy(() =>
    tf.add(
      tf.mul(tf.oneHot(tf.tensor1d(train.labels as number[], 'int32'), classes), 1 - LABEL_SMOOTHING),
      LABEL_SMOOTHING / classes,
    ),
  );
  const sampleWeights = tf.tensor1d(train.labels.map((l) => weights[l] ?? 0));
  const valX =
    options.validation && options.validation.vectors.length > 0
      ? standardised(tf, options.validation.vectors, normalization)
      : null;
  // Scored each epoch for the history: a fixed sample of the training stills.
  const scoreIndices = [...shuffled(n, mulberry32(seed ^ 0x5c0e))].slice(0, TRAIN_SCORE_SAMPLE).sort((a, b) => a - b);
  const scoreX = tf.tidy(() => tf.gather(x, tf.tensor1d(scoreIndices, 'int32')));
  const scoreLabels = scoreIndices.map((i) => train.labels[i] as number);
  // Created inside tidy so the initial values do not outlive the variables' copies.
  const ensemble: Ensemble = tf.tidy(() => ({
    members: memberCount,
    hidden,
    w1: tf.variable(tf.initializers.heNormal({ seed }).apply([d, memberCount * hidden]) as Tensor2D, true),
    b1: tf.variable(tf.zeros([memberCount * hidden]), true),
    w2: tf.variable(
      tf.transpose(
        tf.reshape(tf.initializers.glorotUniform({ seed: seed + 1 }).apply([hidden, memberCount * classes]), [
          hidden,
          memberCount,
          classes,
        ]),
        [1, 0, 2],
      ),
      true,
    ),
    b2: tf.variable(tf.zeros([memberCount, 1, classes]), true),
  }));
  const variables = [ensemble.w1, ensemble.b1, ensemble.w2, ensemble.b2];
  const optimizer = tf.train.adam(options.learningRate ?? 2e-3);
  const history: StillsEpoch[] = [];
  let stoppedBy: TrainedHead['stoppedBy'] = 'epochs';
  let completed = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (options.signal?.aborted) cancelled();
      const order = shuffled(n, random);
      for (let start = 0; start < n; start += batchSize) {
        const idx = order.subarray(start, Math.min(n, start + batchSize));
        const stepSeed = Math.floor(random() * 2 ** 31);
        if (options.signal?.aborted) cancelled();
        optimizer.minimize(
          () =>
            tf.tidy(() => {
              const indices = tf.tensor1d(idx, 'int32');
              let xb = tf.gather(x, indices) as Tensor2D;
              if (options.augment) xb = tf.add(xb, tf.randomNormal(xb.shape, 0, NOISE_STD, 'float32', stepSeed));
              const yb = tf.gather(smoothed, indices);
              const wb = tf.gather(sampleWeights, indices);
              const input = options.augment ? tf.dropout(xb, INPUT_DROPOUT, undefined, stepSeed + 1) : xb;
              const h = tf.dropout(
                tf.relu(tf.add(tf.matMul(input, ensemble.w1), ensemble.b1)),
                DROPOUT,
                undefined,
                stepSeed + 2,
              );
              // M×B per-member cross-entropy against the smoothed labels, weighted per class.
              const ce = tf.neg(tf.sum(tf.mul(yb, tf.logSoftmax(memberLogits(tf, ensemble, h))), 2));
              const weighted = tf.div(tf.sum(tf.mul(ce, wb)), tf.mul(tf.sum(wb), memberCount));
              const l2 = tf.mul(
                L2 / memberCount,
                tf.add(tf.sum(tf.square(ensemble.w1)), tf.sum(tf.square(ensemble.w2))),
              );
              return tf.add(weighted, l2) as Scalar;
            }),
          false,
          variables,
        );
      }
      if (options.signal?.aborted) cancelled();
      // Out-of-fold heads (no listener) skip the per-epoch scoring.
      if (options.onEpoch) {
        const record = await epochRecord(
          tf,
          ensemble,
          scoreX,
          scoreLabels,
          valX,
          options.validation?.labels ?? [],
          epoch,
        );
        history.push(record);
        options.onEpoch(record, (epoch + 1) / epochs);
      }
      completed = epoch + 1;
      if (options.deadline !== undefined && performance.now() >= options.deadline && epoch + 1 < epochs) {
        stoppedBy = 'budget';
        break;
      }
    }
    const model = toLayersModel(tf, ensemble, d, classes);
    return { model, normalization, history, epochs: completed, stoppedBy };
  } finally {
    optimizer.dispose();
    for (const v of variables) v.dispose();
    x.dispose();
    scoreX.dispose();
    smoothed.dispose();
    sampleWeights.dispose();
    valX?.dispose();
  }
}

async function epochRecord(
  tf: Tf,
  members: Ensemble,
  x: Tensor2D,
  labels: readonly number[],
  valX: Tensor2D | null,
  valLabels: readonly number[],
  epoch: number,
): Promise<StillsEpoch> {
  const trainProbs = tf.tidy(() => ensembleProbabilities(tf, members, x));
  const valProbs = valX ? tf.tidy(() => ensembleProbabilities(tf, members, valX)) : null;
  try {
    const t = await scoreProbabilities(tf, trainProbs, labels);
    const v = valProbs ? await scoreProbabilities(tf, valProbs, valLabels) : { loss: 0, accuracy: 0 };
    return { epoch: epoch + 1, loss: t.loss, accuracy: t.accuracy, valLoss: v.loss, valAccuracy: v.accuracy };
  } finally {
    trainProbs.dispose();
    valProbs?.dispose();
  }
}

/** The members as one layers model (Dense ReLU → Dense softmax per member, averaged). */
function toLayersModel(tf: Tf, e: Ensemble, d: number, classes: number): LayersModel {
  const input = tf.input({ shape: [d], name: 'embedding' });
  const outputs = Array.from({ length: e.members }, (_, k) => {
    const h1 = tf.layers.dense({ units: e.hidden, activation: 'relu', name: `member${k}_hidden` });
    const h2 = tf.layers.dense({ units: classes, activation: 'softmax', name: `member${k}_output` });
    const out = h2.apply(h1.apply(input)) as SymbolicTensor;
    tf.tidy(() => {
      h1.setWeights([tf.slice(e.w1, [0, k * e.hidden], [d, e.hidden]), tf.slice(e.b1, [k * e.hidden], [e.hidden])]);
      h2.setWeights([
        tf.reshape(tf.slice(e.w2, [k, 0, 0], [1, e.hidden, classes]), [e.hidden, classes]),
        tf.reshape(tf.slice(e.b2, [k, 0, 0], [1, 1, classes]), [classes]),
      ]);
    });
    return out;
  });
  const output =
    outputs.length === 1
      ? (outputs[0] as SymbolicTensor)
      : (tf.layers.average({ name: 'ensemble' }).apply(outputs) as SymbolicTensor);
  return tf.model({ inputs: input, outputs: output, name: 'stills_head' });
}

/** Class probabilities from a head model for raw embeddings (standardised here). */
export async function predictHead(
  tf: Tf,
  model: LayersModel,
  normalization: Standardisation,
  vectors: readonly Float32Array[],
): Promise<Float32Array[]> {
  if (vectors.length === 0) return [];
  const probs = tf.tidy(() => {
    const x = standardised(tf, vectors, normalization);
    return model.predict(x) as Tensor2D;
  });
  try {
    const k = probs.shape[1];
    const flat = (await probs.data()) as Float32Array;
    return vectors.map((_, i) => flat.slice(i * k, (i + 1) * k));
  } finally {
    probs.dispose();
  }
}

/**
 * Honest predictions for every training still: k folds (grouped by `folds` ids), a single-member
 * head trained on the other folds predicts each fold.
 */
export async function outOfFoldPredictions(
  tf: Tf,
  train: Labelled,
  foldOf: readonly number[],
  options: HeadOptions,
): Promise<Float32Array[]> {
  const out: Float32Array[] = new Array<Float32Array>(train.vectors.length);
  const folds = [...new Set(foldOf)].sort((a, b) => a - b);
  for (const fold of folds) {
    if (options.signal?.aborted) cancelled();
    const inFold = foldOf.flatMap((f, i) => (f === fold ? [i] : []));
    const rest = foldOf.flatMap((f, i) => (f !== fold ? [i] : []));
    if (rest.length === 0) {
      for (const i of inFold) out[i] = new Float32Array(options.classes).fill(1 / options.classes);
      continue;
    }
    const head = await trainHead(
      tf,
      {
        vectors: rest.map((i) => train.vectors[i] as Float32Array),
        labels: rest.map((i) => train.labels[i] as number),
      },
      { ...options, members: 1, validation: undefined, onEpoch: undefined, seed: options.seed + fold + 1 },
    );
    try {
      const probs = await predictHead(
        tf,
        head.model,
        head.normalization,
        inFold.map((i) => train.vectors[i] as Float32Array),
      );
      inFold.forEach((i, j) => (out[i] = probs[j] as Float32Array));
    } finally {
      head.model.dispose();
    }
  }
  return out;
}
