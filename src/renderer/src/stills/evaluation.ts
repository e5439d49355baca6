/**
 * Pure views of a stills model's evaluation: the confusion matrix as heat-map cells (counts and
 * row-normalised shares), the reliability diagram's geometry, and how two versions compare.
 */
import { classDisplayOrder, type StillsCalibrationBin, type StillsEvaluation, type StillsModelSummary } from '../../../shared/stills';

export interface HeatCell {
  actual: string;
  predicted: string;
  count: number;
  /** The cell's share of its row (stills whose true label is `actual`), in [0, 1]. */
  share: number;
  diagonal: boolean;
}

export interface HeatRow {
  actual: string;
  total: number;
  cells: HeatCell[];
}

/** Rows are true labels, columns predictions; each cell's colour comes from its share of the row. */
export function heatMap(evaluation: Pick<StillsEvaluation, 'classes' | 'confusion' | 'order'>): HeatRow[] {
  const order = classDisplayOrder(evaluation);
  return order.map((i) => {
    const actual = evaluation.classes[i] ?? '';
    const row = evaluation.confusion[i] ?? [];
    const total = row.reduce((sum, n) => sum + n, 0);
    return {
      actual,
      total,
      cells: order.map((j) => {
        const count = row[j] ?? 0;
        const predicted = evaluation.classes[j] ?? '';
        return { actual, predicted, count, share: total > 0 ? count / total : 0, diagonal: i === j };
      }),
    };
  });
}

/** The cell's background: the accent on the diagonal (right), red elsewhere (confusions). */
export function heatColour(cell: Pick<HeatCell, 'share' | 'diagonal' | 'count'>): string {
  if (cell.count === 0) return 'transparent';
  const alpha = Math.min(0.92, 0.1 + cell.share * 0.82);
  return cell.diagonal ? `rgba(244, 163, 64, ${alpha.toFixed(3)})` : `rgba(239, 116, 104, ${alpha.toFixed(3)})`;
}

/** Dark text on strong cells, light text on faint ones. */
export function heatInk(cell: Pick<HeatCell, 'share' | 'count'>): 'dark' | 'light' {
  return cell.count > 0 && cell.share >= 0.5 ? 'dark' : 'light';
}

export interface ReliabilityBar {
  x: number;
  width: number;
  /** Top of the accuracy bar. */
  y: number;
  height: number;
  /** Where the bar would end if confidence matched accuracy (the bin's mean confidence). */
  confidenceY: number;
  bin: StillsCalibrationBin;
}

export interface ReliabilityChart {
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  bars: ReliabilityBar[];
  /** The diagonal of perfect calibration. */
  diagonal: string;
  ticks: Array<{ value: number; x: number; y: number; label: string }>;
}

/** Bars of accuracy per confidence bin against the diagonal; empty bins draw nothing. */
export function reliabilityChart(bins: readonly StillsCalibrationBin[], width = 260, height = 200): ReliabilityChart {
  const plot = { x: 34, y: 8, w: width - 52, h: height - 34 };
  const xOf = (v: number): number => plot.x + Math.min(1, Math.max(0, v)) * plot.w;
  const yOf = (v: number): number => plot.y + plot.h - Math.min(1, Math.max(0, v)) * plot.h;
  const bars = bins
    .filter((bin) => bin.count > 0)
    .map((bin) => {
      const x = xOf(bin.lower) + 1;
      const w = Math.max(1, xOf(bin.upper) - xOf(bin.lower) - 2);
      const y = yOf(bin.accuracy);
      return { x, width: w, y, height: plot.y + plot.h - y, confidenceY: yOf(bin.confidence), bin };
    });
  const ticks = [0, 0.5, 1].map((value) => ({ value, x: xOf(value), y: yOf(value), label: `${value * 100}%` }));
  return {
    width,
    height,
    plot,
    bars,
    diagonal: `M${xOf(0)},${yOf(0)}L${xOf(1)},${yOf(1)}`,
    ticks,
  };
}

export interface Headline {
  key: 'accuracy' | 'withinOne' | 'macroF1';
  label: string;
  value: number | null;
  /** What it is compared with, e.g. the majority-class baseline. */
  baseline: number | null;
  baselineLabel: string;
}

/** The three numbers at the top of Evaluate, each beside what it must beat. */
export function headlines(evaluation: StillsEvaluation): Headline[] {
  const majority = evaluation.baselines.majority;
  // Always answering the majority class gets F1 only on that class.
  const majorityF1 = evaluation.classes.length > 0 ? (2 * majority) / (1 + majority) / evaluation.classes.length : 0;
  return [
    { key: 'accuracy', label: 'Accuracy', value: evaluation.accuracy, baseline: majority, baselineLabel: 'majority class' },
    {
      key: 'withinOne',
      label: '±1 accuracy',
      value: evaluation.withinOne,
      baseline: null,
      baselineLabel: evaluation.order ? 'right or one class off' : 'needs a class order',
    },
    { key: 'macroF1', label: 'Macro-F1', value: evaluation.macroF1, baseline: majorityF1, baselineLabel: 'majority class' },
  ];
}

export interface ComparedMetric {
  label: string;
  a: number | null;
  b: number | null;
  /** b − a; null when either is missing. */
  delta: number | null;
}

/** Two versions side by side: the headline numbers and each class's F1. */
export function compareModels(
  a: StillsModelSummary & { evaluation?: StillsEvaluation },
  b: StillsModelSummary & { evaluation?: StillsEvaluation },
  /** The class order to list the per-class rows in (others follow). */
  order: readonly string[] = [],
): ComparedMetric[] {
  const row = (label: string, x: number | null, y: number | null): ComparedMetric => ({
    label,
    a: x,
    b: y,
    delta: x === null || y === null ? null : y - x,
  });
  const rows = [
    row('Accuracy', a.accuracy, b.accuracy),
    row('±1 accuracy', a.withinOne, b.withinOne),
    row('Macro-F1', a.macroF1, b.macroF1),
  ];
  if (a.evaluation && b.evaluation) {
    const rank = (label: string): number => (order.includes(label) ? order.indexOf(label) : order.length);
    const labels = [...new Set([...a.evaluation.classes, ...b.evaluation.classes])].sort((x, y) => rank(x) - rank(y));
    for (const label of labels) {
      const fa = a.evaluation.perClass.find((c) => c.label === label)?.f1 ?? null;
      const fb = b.evaluation.perClass.find((c) => c.label === label)?.f1 ?? null;
      rows.push(row(`F1 ${label}`, fa, fb));
    }
  }
  return rows;
}
