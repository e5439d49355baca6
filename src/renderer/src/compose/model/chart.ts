/**
 * Geometry of the live training chart: loss (left axis, from 0) and accuracy (right axis, 0-100%)
 * against epochs, per batch as thin lines and per epoch as points. Pure, so it is tested without SVG.
 */
import { niceCeil, type ChartBox, type Tick } from '../../lib/chart-axes';
import { batchX, type TrainingSeries } from './series';

export const CHART_BOX: ChartBox = { width: 264, height: 132, left: 30, right: 32, top: 8, bottom: 20 };

export interface ChartPoint {
  x: number;
  y: number;
}

export interface TrainingChartModel {
  lossLine: string;
  accuracyLine: string;
  epochLoss: ChartPoint[];
  epochAccuracy: ChartPoint[];
  lossTicks: Tick[];
  accuracyTicks: Tick[];
  epochTicks: Tick[];
  /** The plot area. */
  plot: { x: number; y: number; w: number; h: number };
  empty: boolean;
}

function path(points: readonly ChartPoint[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
}

/** Epoch tick labels: every epoch up to 8, else a round step. */
function epochStep(epochs: number): number {
  if (epochs <= 8) return 1;
  for (const step of [2, 5, 10, 20, 25, 50, 100]) if (epochs / step <= 6) return step;
  return Math.ceil(epochs / 6);
}

export function trainingChart(
  series: TrainingSeries,
  plannedEpochs: number,
  box: ChartBox = CHART_BOX,
): TrainingChartModel {
  const plot = { x: box.left, y: box.top, w: box.width - box.left - box.right, h: box.height - box.top - box.bottom };
  const lastBatch = series.batches[series.batches.length - 1];
  const lastEpoch = series.epochs[series.epochs.length - 1];
  const reached = Math.max(lastBatch ? batchX(lastBatch, series) : 0, lastEpoch?.epoch ?? 0);
  const epochs = Math.max(1, Math.ceil(Math.max(plannedEpochs, reached)));
  const losses = [...series.batches.map((b) => b.loss), ...series.epochs.map((e) => e.loss)].filter(Number.isFinite);
  const top = niceCeil(Math.max(0, ...losses));
  const x = (epoch: number): number => plot.x + (Math.max(0, epoch) / epochs) * plot.w;
  const yLoss = (loss: number): number => plot.y + plot.h - (Math.max(0, loss) / top) * plot.h;
  const yAcc = (accuracy: number): number => plot.y + plot.h - Math.min(1, Math.max(0, accuracy)) * plot.h;
  const step = epochStep(epochs);
  const epochTicks: Tick[] = [];
  for (let e = 0; e <= epochs; e += step) epochTicks.push({ at: x(e), label: String(e) });
  return {
    lossLine: path(series.batches.map((b) => ({ x: x(batchX(b, series)), y: yLoss(b.loss) }))),
    accuracyLine: path(
      series.batches
        .filter((b) => Number.isFinite(b.accuracy))
        .map((b) => ({ x: x(batchX(b, series)), y: yAcc(b.accuracy) })),
    ),
    epochLoss: series.epochs.map((e) => ({ x: x(e.epoch), y: yLoss(e.loss) })),
    epochAccuracy: series.epochs.map((e) => ({ x: x(e.epoch), y: yAcc(e.accuracy) })),
    lossTicks: [0, top / 2, top].map((v) => ({ at: yLoss(v), label: Number(v.toPrecision(2)).toString() })),
    accuracyTicks: [0, 0.5, 1].map((v) => ({ at: yAcc(v), label: `${Math.round(v * 100)}%` })),
    epochTicks,
    plot,
    empty: series.batches.length === 0 && series.epochs.length === 0,
  };
}
