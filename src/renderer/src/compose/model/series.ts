/**
 * The live training chart's data: per-batch loss and accuracy and per-epoch summaries, built up
 * from a `melody-train` job's progress reports. Immutable: every report makes a new series.
 */
import type { JobProgress } from '../../../../shared/jobs';
import type { MelodyEpoch } from '../../../../shared/melody';

export interface BatchPoint {
  /** 1-based, as reported. */
  epoch: number;
  batch: number;
  loss: number;
  /** NaN when the report had none. */
  accuracy: number;
}

export interface EpochPoint {
  /** 1-based; the point sits at x = epoch (its end). */
  epoch: number;
  loss: number;
  accuracy: number;
  eventAccuracy: number | null;
  /** Averaged from the batches reported in the epoch (its own report never came). */
  estimated?: boolean;
}

export interface TrainingSeries {
  batches: readonly BatchPoint[];
  epochs: readonly EpochPoint[];
  /** Batches per epoch, once known (from the progress line); else the most batches seen in one. */
  batchesPerEpoch: number | null;
  maxBatch: number;
  samplesPerSecond: number | null;
}

/** The most batch points kept; older ones are thinned (never the newest). */
export const BATCH_POINT_LIMIT = 480;

export const EMPTY_SERIES: TrainingSeries = {
  batches: [],
  epochs: [],
  batchesPerEpoch: null,
  maxBatch: 0,
  samplesPerSecond: null,
};

/** Where a batch point sits, in epochs (0.5 is halfway through the first). */
export function batchX(point: BatchPoint, series: Pick<TrainingSeries, 'batchesPerEpoch' | 'maxBatch'>): number {
  const per = series.batchesPerEpoch ?? Math.max(1, series.maxBatch);
  return point.epoch - 1 + Math.min(1, point.batch / per);
}

function finite(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** "Epoch 2 of 10, batch 14 of 60" → 60. */
function batchesFromMessage(message: string): number | null {
  const match = /batch\s+\d+\s+of\s+(\d+)/i.exec(message);
  const count = match ? Number(match[1]) : NaN;
  return Number.isInteger(count) && count > 0 ? count : null;
}

function thin(points: readonly BatchPoint[]): BatchPoint[] {
  if (points.length <= BATCH_POINT_LIMIT) return [...points];
  const half = Math.floor(points.length / 2);
  return [...points.slice(0, half).filter((_, i) => i % 2 === 0), ...points.slice(half)];
}

/** Adds one progress report to the series (reports of other stages leave it as it is). */
export function addProgress(series: TrainingSeries, progress: JobProgress | null): TrainingSeries {
  const m = progress?.metrics;
  if (!progress || !m) return series;
  if (progress.stage === 'epoch' && finite(m.epoch) && finite(m.epochLoss) && finite(m.epochAccuracy)) {
    const point: EpochPoint = {
      epoch: m.epoch,
      loss: m.epochLoss,
      accuracy: m.epochAccuracy,
      eventAccuracy: finite(m.epochEventAccuracy) ? m.epochEventAccuracy : null,
    };
    const epochs = [...series.epochs.filter((e) => e.epoch !== point.epoch), point].sort((a, b) => a.epoch - b.epoch);
    return { ...series, epochs };
  }
  if (progress.stage !== 'training' || !finite(m.epoch) || !finite(m.batch) || !finite(m.loss)) return series;
  const last = series.batches[series.batches.length - 1];
  if (last && (m.epoch < last.epoch || (m.epoch === last.epoch && m.batch <= last.batch))) return series;
  const point: BatchPoint = {
    epoch: m.epoch,
    batch: m.batch,
    loss: m.loss,
    accuracy: finite(m.accuracy) ? m.accuracy : NaN,
  };
  // A new epoch began: the one before gets a point even if its own report was coalesced away.
  const epochs = last && m.epoch > last.epoch ? closeEpoch(series, last.epoch) : series.epochs;
  return {
    ...series,
    epochs,
    batches: thin([...series.batches, point]),
    batchesPerEpoch: batchesFromMessage(progress.message) ?? series.batchesPerEpoch,
    maxBatch: Math.max(series.maxBatch, m.batch),
    samplesPerSecond: finite(m.samplesPerSecond) ? m.samplesPerSecond : series.samplesPerSecond,
  };
}

/** The epochs with `epoch` averaged from its reported batches, unless it already has a point. */
function closeEpoch(series: TrainingSeries, epoch: number): readonly EpochPoint[] {
  if (series.epochs.some((e) => e.epoch === epoch)) return series.epochs;
  const batches = series.batches.filter((b) => b.epoch === epoch);
  if (batches.length === 0) return series.epochs;
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const accuracies = batches.map((b) => b.accuracy).filter(Number.isFinite);
  const point: EpochPoint = {
    epoch,
    loss: mean(batches.map((b) => b.loss)),
    accuracy: accuracies.length > 0 ? mean(accuracies) : NaN,
    eventAccuracy: null,
    estimated: true,
  };
  return [...series.epochs, point].sort((a, b) => a.epoch - b.epoch);
}

/** The epoch points as the finished model recorded them (exact; they replace live ones). */
export function withHistory(series: TrainingSeries, history: readonly MelodyEpoch[]): TrainingSeries {
  const epochs = history
    .filter((h) => Number.isFinite(h.loss))
    .map((h) => ({
      // The model's history counts epochs from 0; progress reports from 1.
      epoch: h.epoch + 1,
      loss: h.loss,
      accuracy: h.accuracy,
      eventAccuracy: Number.isFinite(h.eventAccuracy) ? h.eventAccuracy : null,
    }));
  return epochs.length > 0 ? { ...series, epochs } : series;
}
