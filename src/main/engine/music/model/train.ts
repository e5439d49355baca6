/**
 * The training loop: epochs of shuffled windows, Adam with a per-epoch learning-rate decay,
 * global-norm clipping and dropout. Deterministic for a seed, and resumable mid-epoch: the windows
 * of an epoch depend only on (seed, epoch) and a batch's randomness only on (seed, epoch, batch).
 * Knows nothing about jobs; the runner (runner.ts) adds files, progress, checkpoints and budgets.
 */
import type { Optimizer } from '@tensorflow/tfjs';
import { mulberry32 } from '../../ml/random';
import type { EpochRecord, TrainingState } from './checkpoint';
import { assembleBatch, batchCount, epochWindows, type EncodedMelody } from './dataset';
import type { LstmNet } from './lstm';
import { NO_EVENT_CLASS, type PitchRange } from './vocabulary';

export interface TrainSettings {
  hiddenSizes: number[];
  /** Steps per training window (truncated backpropagation length). */
  sequenceLength: number;
  batchSize: number;
  epochs: number;
  learningRate: number;
  /** Learning rate multiplier per epoch. */
  learningRateDecay: number;
  dropout: number;
  clipNorm: number;
  seed: number;
  /** Semitone shifts for augmentation, drawn per window ([] = none). */
  transpositions: number[];
  /** One-hot size of the position-in-bar input (0 = none). */
  positionFeatures: number;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  hiddenSizes: [128, 128],
  sequenceLength: 64,
  batchSize: 64,
  epochs: 20,
  learningRate: 0.003,
  learningRateDecay: 0.9,
  dropout: 0.2,
  clipNorm: 5,
  seed: 1,
  transpositions: [],
  positionFeatures: 24,
};

export type StopReason = 'cancelled' | 'budget';

export interface BatchProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Mean loss and accuracy of the epoch so far. */
  loss: number;
  accuracy: number;
  /** Batches done over the whole run, and in total. */
  done: number;
  total: number;
  samplesPerSecond: number;
}

export interface TrainHooks {
  onBatch?(progress: BatchProgress): void;
  /** After each epoch (checkpoint here). */
  onEpoch?(record: EpochRecord, state: TrainingState): Promise<void> | void;
  /** Checked after every batch: a reason stops training there. */
  shouldStop?(): StopReason | null;
}

export function initialTrainingState(runKey: string): TrainingState {
  return {
    runKey,
    epoch: 0,
    batch: 0,
    history: [],
    trainingMs: 0,
    samples: 0,
    epochLossSum: 0,
    epochCorrect: 0,
    epochEventCorrect: 0,
    epochEventCount: 0,
    epochCount: 0,
    epochMs: 0,
  };
}

/** A 32-bit seed from a few integers. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/**
 * tfjs optimizers read `learningRate` on every update but declare it protected; schedules set it
 * between steps (as tfjs-layers' own callbacks do).
 */
export function setLearningRate(optimizer: Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Train until `settings.epochs` are done or a hook says stop. Mutates and returns `state`. */
export async function trainLoop(
  net: LstmNet,
  optimizer: Optimizer,
  melodies: readonly EncodedMelody[],
  range: PitchRange,
  settings: TrainSettings,
  state: TrainingState,
  hooks: TrainHooks = {},
): Promise<{ state: TrainingState; stoppedBy: StopReason | null; batchesPerEpoch: number }> {
  const { sequenceLength: steps, batchSize } = settings;
  const windowsPerEpoch = epochWindows(melodies, steps, mulberry32(0)).length;
  const batchesPerEpoch = batchCount(windowsPerEpoch, batchSize);
  const total = batchesPerEpoch * settings.epochs;
  const sessionStart = performance.now();
  const sessionSamplesStart = state.samples;
  for (let epoch = state.epoch; epoch < settings.epochs; epoch++) {
    const learningRate = settings.learningRate * settings.learningRateDecay ** epoch;
    setLearningRate(optimizer, learningRate);
    const windows = epochWindows(melodies, steps, mulberry32(mixSeed(settings.seed, epoch)));
    const batches = batchCount(windows.length, batchSize);
    for (let b = epoch === state.epoch ? state.batch : 0; b < batches; b++) {
      const started = performance.now();
      const random = mulberry32(mixSeed(settings.seed, epoch, b + 1));
      const slice = windows.slice(b * batchSize, (b + 1) * batchSize);
      const batch = assembleBatch(melodies, slice, {
        steps,
        batchSize,
        random,
        transpositions: settings.transpositions,
        range,
        positions: settings.positionFeatures > 0,
      });
      const stats = net.trainStep(
        batch,
        optimizer,
        { dropout: settings.dropout, clipNorm: settings.clipNorm, random },
        NO_EVENT_CLASS,
      );
      const ms = performance.now() - started;
      state.epochLossSum += stats.lossSum;
      state.epochCorrect += stats.correct;
      state.epochEventCorrect += stats.eventCorrect;
      state.epochEventCount += stats.eventCount;
      state.epochCount += stats.count;
      state.epochMs += ms;
      state.trainingMs += ms;
      state.samples += slice.length;
      state.epoch = epoch;
      state.batch = b + 1;
      const sessionSeconds = (performance.now() - sessionStart) / 1000;
      hooks.onBatch?.({
        epoch,
        epochs: settings.epochs,
        batch: b + 1,
        batches,
        loss: state.epochLossSum / Math.max(1, state.epochCount),
        accuracy: state.epochCorrect / Math.max(1, state.epochCount),
        done: epoch * batchesPerEpoch + b + 1,
        total,
        samplesPerSecond: sessionSeconds > 0 ? (state.samples - sessionSamplesStart) / sessionSeconds : 0,
      });
      await yieldToEventLoop(); // let cancel messages in
      if (b + 1 < batches) {
        const stop = hooks.shouldStop?.() ?? null;
        if (stop) return { state, stoppedBy: stop, batchesPerEpoch };
      }
    }
    const record: EpochRecord = {
      epoch,
      loss: state.epochLossSum / Math.max(1, state.epochCount),
      accuracy: state.epochCorrect / Math.max(1, state.epochCount),
      eventAccuracy: state.epochEventCorrect / Math.max(1, state.epochEventCount),
      seconds: state.epochMs / 1000,
      learningRate,
    };
    state.history.push(record);
    Object.assign(state, {
      epoch: epoch + 1,
      batch: 0,
      epochLossSum: 0,
      epochCorrect: 0,
      epochEventCorrect: 0,
      epochEventCount: 0,
      epochCount: 0,
      epochMs: 0,
    });
    await hooks.onEpoch?.(record, state);
    if (epoch + 1 < settings.epochs) {
      const stop = hooks.shouldStop?.() ?? null;
      if (stop) return { state, stoppedBy: stop, batchesPerEpoch };
    }
  }
  return { state, stoppedBy: null, batchesPerEpoch };
}
