/**
 * Training the from-scratch stills CNN (for people without a pretrained backbone). Every still is
 * decoded once into a byte cache at the CNN's input size; then Adam on class-weighted, label-smoothed
 * cross-entropy with a cosine learning-rate decay, one `tf.tidy` per batch, light seeded augmentation
 * (flip, crop, brightness and contrast jitter) when asked, validation loss and accuracy after every
 * epoch, and stops on cancel or the time budget.
 *
 * Which weights come back: the final ones, never the epoch with the best validation accuracy.
 * Choosing an epoch by its validation score would make the reported validation numbers an
 * optimistic, selected estimate (the split would double as a test set); with a small dataset that
 * bias is large. Final weights keep the validation numbers honest. An EMA of the weights would be
 * honest too; the cosine decay already makes the last epochs' steps small, which gives most of an
 * EMA's smoothing without a second copy of the weights to keep and validate.
 */
import type { LayersModel, Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { StillsEpoch } from '../../../shared/stills';
import { mulberry32 } from '../ml/random';
import type { Tf } from '../ml/runtime';
import type { ScratchTrainInput, ScratchTrainResult } from './classifier';
import { assembleBatch, classWeights, shuffledOrder } from './scratch-batches';
import { DecodeCancelled, decodeToCache, type ImageCache } from './scratch-cache';
import { ensureConvGradients } from './scratch-conv-grad';
import { buildScratchCnn, SCRATCH_DROPOUT, SCRATCH_INPUT_SIZE } from './scratch-model';

export { buildScratchCnn, SCRATCH_INPUT_SIZE, scratchPixels } from './scratch-model';

/**
 * labelSmoothing: training targets put 10% of their mass evenly on all classes, which keeps the
 * CNN from growing overconfident on a small training set (the relabel queue ranks by confidence).
 * Validation loss is plain cross-entropy.
 */
export const SCRATCH_DEFAULTS = { batchSize: 32, learningRate: 4e-3, evalBatchSize: 64, labelSmoothing: 0.1 } as const;

const EPSILON = 1e-7;

interface Split {
  cache: ImageCache;
  labels: Int32Array;
}

/** Cross-entropy per example from probabilities (clipped, as Keras does), with optional label smoothing. */
function crossEntropy(tf: Tf, probabilities: Tensor2D, labels: Tensor1D, classCount: number, smoothing = 0): Tensor1D {
  const oneHot = tf.oneHot(labels, classCount).toFloat();
  const targets = smoothing > 0 ? tf.add(tf.mul(oneHot, 1 - smoothing), smoothing / classCount) : oneHot;
  return tf.neg(tf.sum(tf.mul(targets, tf.log(tf.clipByValue(probabilities, EPSILON, 1 - EPSILON))), -1)) as Tensor1D;
}

/** One Adam step on a batch; returns the batch's weighted loss and how many it got right. */
function trainStep(
  tf: Tf,
  model: LayersModel,
  optimizer: ReturnType<Tf['train']['adam']>,
  variables: Variable[],
  batch: ReturnType<typeof assembleBatch>,
  classCount: number,
  dropoutSeed: number,
): { loss: Scalar; correct: Scalar } {
  let correct: Scalar | null = null;
  const loss = tf.tidy(() => {
    const size = SCRATCH_INPUT_SIZE;
    const xs = tf.tensor4d(batch.pixels, [batch.count, size, size, 3]);
    const ys = tf.tensor1d(batch.labels, 'int32');
    const ws = tf.tensor1d(batch.weights);
    return optimizer.minimize(
      () => {
        let h: Tensor = xs;
        for (const layer of model.layers) {
          // The Dropout layer's own seed would draw the same mask every step; a per-step seed keeps
          // training reproducible without that.
          h =
            layer.getClassName() === 'Dropout'
              ? tf.dropout(h, SCRATCH_DROPOUT, undefined, dropoutSeed)
              : (layer.apply(h, { training: true }) as Tensor);
        }
        const probabilities = h as Tensor2D;
        correct = tf.keep(tf.sum(tf.equal(tf.argMax(probabilities, -1), ys).toFloat()) as Scalar);
        const losses = crossEntropy(tf, probabilities, ys, classCount, SCRATCH_DEFAULTS.labelSmoothing);
        return tf.div(tf.sum(tf.mul(losses, ws)), batch.count) as Scalar;
      },
      true,
      variables,
    ) as Scalar;
  });
  if (!correct) throw new Error('the training step produced no accuracy');
  return { loss, correct };
}

/** Mean unweighted loss and accuracy of the model on a split (inference mode, batched). */
async function evaluate(
  tf: Tf,
  model: LayersModel,
  split: Split,
  classCount: number,
): Promise<{ loss: number; accuracy: number }> {
  const n = split.cache.count;
  if (n === 0) return { loss: Number.NaN, accuracy: Number.NaN };
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += SCRATCH_DEFAULTS.evalBatchSize) {
    const indices = Array.from({ length: Math.min(SCRATCH_DEFAULTS.evalBatchSize, n - start) }, (_, i) => start + i);
    const batch = assembleBatch(split.cache, split.labels, null, indices, null);
    const [losses, hits] = tf.tidy(() => {
      const xs = tf.tensor4d(batch.pixels, [batch.count, SCRATCH_INPUT_SIZE, SCRATCH_INPUT_SIZE, 3]);
      const ys = tf.tensor1d(batch.labels, 'int32');
      const probabilities = model.predict(xs) as Tensor2D;
      return [
        tf.sum(crossEntropy(tf, probabilities, ys, classCount)),
        tf.sum(tf.equal(tf.argMax(probabilities, -1), ys).toFloat()),
      ];
    });
    lossSum += (await losses.data())[0] as number;
    correct += (await hits.data())[0] as number;
    losses.dispose();
    hits.dispose();
  }
  return { loss: lossSum / n, accuracy: correct / n };
}

/**
 * Cosine decay from the base rate to 5% of it over the planned steps. The model that comes back is
 * the final one, so the last epochs should take small steps rather than bounce around a minimum.
 */
export function learningRateAt(step: number, totalSteps: number, base: number = SCRATCH_DEFAULTS.learningRate): number {
  const t = Math.min(1, step / Math.max(1, totalSteps));
  return base * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * t)));
}

/** tfjs's Adam reads its (protected) learning rate on every step; this sets it. */
function setLearningRate(optimizer: object, rate: number): void {
  const target = optimizer as { learningRate?: unknown };
  if (typeof target.learningRate !== 'number') throw new Error('this tfjs Adam has no learning rate to schedule');
  target.learningRate = rate;
}

/** Lets abort events and other work in through between batches. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function trainScratchCnn(tf: Tf, input: ScratchTrainInput): Promise<ScratchTrainResult> {
  const started = performance.now();
  const classCount = input.classes.length;
  const budgetMs = input.budgetMs ?? Number.POSITIVE_INFINITY;
  const overBudget = (): boolean => performance.now() - started >= budgetMs;
  for (const item of [...input.train, ...input.validation]) {
    if (!Number.isInteger(item.label) || item.label < 0 || item.label >= classCount)
      throw new Error(`label ${item.label} of ${item.path} is not one of the ${classCount} classes`);
  }
  if (input.train.length === 0) throw new Error('the training split is empty');
  ensureConvGradients(tf);

  const model = buildScratchCnn(tf, classCount, input.seed);
  const history: StillsEpoch[] = [];
  const finish = (stoppedBy: ScratchTrainResult['stoppedBy']): ScratchTrainResult => ({
    model,
    history,
    inputSize: SCRATCH_INPUT_SIZE,
    stoppedBy,
    skipped,
  });

  let train: Split;
  let validation: Split;
  let skipped: Array<{ path: string; reason: string }> = [];
  try {
    const paths = [...input.train, ...input.validation].map((item) => item.path);
    const cache = await decodeToCache(tf, paths, input.aspect, input.signal);
    skipped = cache.failed;
    const per = cache.size * cache.size * 3;
    // `kept` is ascending, so the training stills that decoded come first.
    const trainKept = cache.kept.filter((i) => i < input.train.length);
    const validationKept = cache.kept.filter((i) => i >= input.train.length);
    if (trainKept.length === 0) throw new Error('none of the training stills could be decoded');
    const cut = trainKept.length;
    train = {
      cache: { bytes: cache.bytes.subarray(0, cut * per), count: cut, size: cache.size },
      labels: Int32Array.from(trainKept, (i) => (input.train[i] as { label: number }).label),
    };
    validation = {
      cache: { bytes: cache.bytes.subarray(cut * per), count: cache.count - cut, size: cache.size },
      labels: Int32Array.from(
        validationKept,
        (i) => (input.validation[i - input.train.length] as { label: number }).label,
      ),
    };
  } catch (error) {
    // Cancelled before any epoch: the untrained model, with an empty history to say so.
    if (error instanceof DecodeCancelled) return finish('cancel');
    model.dispose();
    throw error;
  }

  const optimizer = tf.train.adam(SCRATCH_DEFAULTS.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const weights = classWeights(train.labels, classCount);
  const random = mulberry32(input.seed);
  const batchSize = SCRATCH_DEFAULTS.batchSize;
  const batches = Math.ceil(train.cache.count / batchSize);
  let snapshot: Tensor[] | null = null; // weights after the last completed epoch, for cancel
  let step = 0;
  let stoppedBy: ScratchTrainResult['stoppedBy'] = 'epochs';
  try {
    for (let epoch = 0; epoch < input.epochs && stoppedBy === 'epochs'; epoch++) {
      const order = shuffledOrder(train.cache.count, random);
      let lossSum = 0;
      let correctSum = 0;
      let seen = 0;
      for (let b = 0; b < batches; b++) {
        if (input.signal.aborted) {
          stoppedBy = 'cancel';
          break;
        }
        const indices = order.subarray(b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        const batch = assembleBatch(train.cache, train.labels, weights, indices, input.augment ? random : null);
        setLearningRate(optimizer, learningRateAt(step, input.epochs * batches));
        const { loss, correct } = trainStep(
          tf,
          model,
          optimizer,
          variables,
          batch,
          classCount,
          input.seed * 7919 + step,
        );
        step++;
        lossSum += ((await loss.data())[0] as number) * batch.count;
        correctSum += (await correct.data())[0] as number;
        loss.dispose();
        correct.dispose();
        seen += batch.count;
        input.onBatch?.(b + 1, batches);
        await breathe();
        if (overBudget()) {
          stoppedBy = 'budget';
          break;
        }
      }
      if (input.signal.aborted) stoppedBy = 'cancel';
      if (stoppedBy === 'cancel') break;
      // A budget stop mid-epoch keeps this partial epoch (more training than the last full one)
      // and reports it like any other, so the last history entry always describes the model.
      const val = await evaluate(tf, model, validation, classCount);
      const record: StillsEpoch = {
        epoch: epoch + 1,
        loss: lossSum / Math.max(1, seen),
        accuracy: correctSum / Math.max(1, seen),
        valLoss: val.loss,
        valAccuracy: val.accuracy,
      };
      history.push(record);
      snapshot?.forEach((t) => t.dispose());
      snapshot = stoppedBy === 'epochs' ? model.getWeights().map((w) => w.clone()) : null;
      input.onEpoch(record, Math.min(1, (epoch + 1) / input.epochs));
      if (stoppedBy === 'epochs' && epoch + 1 < input.epochs && overBudget()) stoppedBy = 'budget';
    }
    if (stoppedBy === 'cancel' && snapshot) model.setWeights(snapshot);
    return finish(stoppedBy);
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    snapshot?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
}
