/**
 * The live training chart of a `stills-train` job: per epoch, loss and validation loss (left axis,
 * from 0) and accuracy and validation accuracy (right axis, 0-100%). Points come from the job's
 * progress metrics and, once the model is saved, from its recorded history. Pure, tested without SVG.
 */
import type { JobProgress } from '../../../shared/jobs';
import type { StillsEpoch } from '../../../shared/stills';
import { niceCeil, type ChartBox, type Tick } from '../lib/chart-axes';

/** The epochs seen so far, in order, one point per epoch (a later report of an epoch replaces it). */
export type EpochSeries = readonly StillsEpoch[];

export const EMPTY_EPOCHS: EpochSeries = [];

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Adds an epoch from a progress report that carries one (epoch and loss at least). */
export function addEpoch(series: EpochSeries, progress: JobProgress | null | undefined): EpochSeries {
  const m = progress?.metrics;
  if (!m || !finite(m.epoch) || !finite(m.loss)) return series;
  const point: StillsEpoch = {
    epoch: m.epoch,
    loss: m.loss,
    accuracy: finite(m.accuracy) ? m.accuracy : NaN,
    valLoss: finite(m.valLoss) ? m.valLoss : NaN,
    valAccuracy: finite(m.valAccuracy) ? m.valAccuracy : NaN,
  };
  const same = series.find((e) => e.epoch === point.epoch);
  if (
    same &&
    same.loss === point.loss &&
    Object.is(same.accuracy, point.accuracy) &&
    Object.is(same.valLoss, point.valLoss) &&
    Object.is(same.valAccuracy, point.valAccuracy)
  )
    return series;
  return [...series.filter((e) => e.epoch !== point.epoch), point].sort((a, b) => a.epoch - b.epoch);
}

export const STILLS_CHART_BOX: ChartBox = { width: 420, height: 220, left: 34, right: 36, top: 10, bottom: 24 };

export interface Line {
  d: string;
  points: Array<{ x: number; y: number }>;
}

export interface EpochChart {
  plot: { x: number; y: number; w: number; h: number };
  loss: Line;
  valLoss: Line;
  accuracy: Line;
  valAccuracy: Line;
  lossTicks: Tick[];
  accuracyTicks: Tick[];
  epochTicks: Tick[];
  empty: boolean;
}

function step(epochs: number): number {
  if (epochs <= 10) return 1;
  for (const s of [2, 5, 10, 20, 25, 50, 100, 200]) if (epochs / s <= 8) return s;
  return Math.ceil(epochs / 8);
}

export function epochChart(series: EpochSeries, plannedEpochs: number, box: ChartBox = STILLS_CHART_BOX): EpochChart {
  const plot = { x: box.left, y: box.top, w: box.width - box.left - box.right, h: box.height - box.top - box.bottom };
  const last = series[series.length - 1];
  const epochs = Math.max(1, Math.ceil(Math.max(plannedEpochs, last?.epoch ?? 0)));
  const losses = series.flatMap((e) => [e.loss, e.valLoss]).filter(Number.isFinite);
  const top = niceCeil(Math.max(0, ...losses));
  const x = (epoch: number): number => plot.x + (Math.max(0, epoch) / epochs) * plot.w;
  const yLoss = (v: number): number => plot.y + plot.h - (Math.max(0, v) / top) * plot.h;
  const yAcc = (v: number): number => plot.y + plot.h - Math.min(1, Math.max(0, v)) * plot.h;
  const line = (pick: (e: StillsEpoch) => number, y: (v: number) => number): Line => {
    const points = series.filter((e) => Number.isFinite(pick(e))).map((e) => ({ x: x(e.epoch), y: y(pick(e)) }));
    return { d: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(''), points };
  };
  const s = step(epochs);
  const epochTicks: Tick[] = [];
  for (let e = 0; e <= epochs; e += s) epochTicks.push({ at: x(e), label: String(e) });
  return {
    plot,
    loss: line((e) => e.loss, yLoss),
    valLoss: line((e) => e.valLoss, yLoss),
    accuracy: line((e) => e.accuracy, yAcc),
    valAccuracy: line((e) => e.valAccuracy, yAcc),
    lossTicks: [0, top / 2, top].map((v) => ({ at: yLoss(v), label: Number(v.toPrecision(2)).toString() })),
    accuracyTicks: [0, 0.5, 1].map((v) => ({ at: yAcc(v), label: `${Math.round(v * 100)}%` })),
    epochTicks,
    empty: series.length === 0,
  };
}
