/**
 * How good a stills classifier is on held-out stills: accuracy, ±1 accuracy for ordered classes,
 * per-class precision/recall/F1 and their macro mean, the confusion matrix, calibration (ECE over
 * 10 confidence bins and the Brier score) and the baselines it must beat.
 */
import type { StillsCalibrationBin, StillsClassMetrics, StillsEvaluation } from '../../../shared/stills';

export const CALIBRATION_BINS = 10;

export interface EvaluationInput {
  classes: readonly string[];
  /** The natural class order (may name classes the model lacks), or null. */
  order: readonly string[] | null;
  /** True class index per held-out still. */
  truth: readonly number[];
  /** Class probabilities per held-out still, in `classes` order. */
  probabilities: ReadonlyArray<ArrayLike<number>>;
  /** True class index per training still (for the majority baseline). */
  trainTruth: readonly number[];
  splitBy: 'group' | 'item';
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

export function accuracy(truth: readonly number[], predicted: readonly number[]): number {
  if (truth.length === 0) return 0;
  return truth.filter((t, i) => predicted[i] === t).length / truth.length;
}

/** counts[true][predicted]. */
export function confusionMatrix(truth: readonly number[], predicted: readonly number[], classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  truth.forEach((t, i) => {
    const row = counts[t];
    const p = predicted[i] as number;
    if (row) row[p] = (row[p] ?? 0) + 1;
  });
  return counts;
}

/** Precision, recall and F1 per class; macro-F1 averages the classes seen in truth or predictions. */
export function perClassMetrics(
  confusion: readonly number[][],
  classes: readonly string[],
): { perClass: StillsClassMetrics[]; macroF1: number } {
  const perClass = classes.map((label, c) => {
    const tp = confusion[c]?.[c] ?? 0;
    const support = (confusion[c] ?? []).reduce((s, v) => s + v, 0);
    const predicted = confusion.reduce((s, row) => s + (row[c] ?? 0), 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support, predicted };
  });
  const present = perClass.filter((m) => m.support > 0 || m.predicted > 0);
  const macroF1 = present.length > 0 ? present.reduce((s, m) => s + m.f1, 0) / present.length : 0;
  return { perClass: perClass.map(({ predicted: _p, ...m }) => m), macroF1 };
}

/** Share of stills predicted right or one class off in `order`; null without an order. */
export function withinOneAccuracy(
  truth: readonly number[],
  predicted: readonly number[],
  classes: readonly string[],
  order: readonly string[] | null,
): number | null {
  if (!order || truth.length === 0) return null;
  const rank = classes.map((c) => order.indexOf(c));
  if (rank.some((r) => r < 0)) return null;
  return (
    truth.filter((t, i) => Math.abs((rank[t] as number) - (rank[predicted[i] as number] as number)) <= 1).length /
    truth.length
  );
}

/** Expected calibration error (top-1 confidence, equal-width bins), multi-class Brier score, and the bins. */
export function calibration(
  truth: readonly number[],
  probabilities: ReadonlyArray<ArrayLike<number>>,
  bins = CALIBRATION_BINS,
): { ece: number; brier: number; bins: StillsCalibrationBin[] } {
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, right: 0 }));
  let brier = 0;
  truth.forEach((t, i) => {
    const p = probabilities[i] as ArrayLike<number>;
    const top = argmax(p);
    const confidence = p[top] as number;
    const bin = sums[Math.min(bins - 1, Math.floor(confidence * bins))] as {
      count: number;
      confidence: number;
      right: number;
    };
    bin.count++;
    bin.confidence += confidence;
    if (top === t) bin.right++;
    for (let k = 0; k < p.length; k++) brier += ((p[k] as number) - (k === t ? 1 : 0)) ** 2;
  });
  const n = truth.length;
  const out = sums.map((s, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: s.count,
    confidence: s.count > 0 ? s.confidence / s.count : 0,
    accuracy: s.count > 0 ? s.right / s.count : 0,
  }));
  const ece = n > 0 ? out.reduce((e, b) => e + (b.count / n) * Math.abs(b.accuracy - b.confidence), 0) : 0;
  return { ece, brier: n > 0 ? brier / n : 0, bins: out };
}

/** Always guessing the training split's most common class, scored on the held-out stills; and 1 / classes. */
export function baselines(
  truth: readonly number[],
  trainTruth: readonly number[],
  classes: number,
): { majority: number; chance: number } {
  const counts = new Array<number>(classes).fill(0);
  for (const t of trainTruth) counts[t] = (counts[t] ?? 0) + 1;
  const majority = argmax(counts);
  return {
    majority: accuracy(
      truth,
      truth.map(() => majority),
    ),
    chance: classes > 0 ? 1 / classes : 0,
  };
}

export function evaluateStills(input: EvaluationInput): StillsEvaluation {
  const { classes, truth, probabilities } = input;
  const predicted = probabilities.map((p) => argmax(p));
  const confusion = confusionMatrix(truth, predicted, classes.length);
  const { perClass, macroF1 } = perClassMetrics(confusion, classes);
  const order = input.order ? input.order.filter((c) => classes.includes(c)) : null;
  const usableOrder = order && order.length === classes.length ? order : null;
  return {
    classes: [...classes],
    order: usableOrder,
    accuracy: accuracy(truth, predicted),
    withinOne: withinOneAccuracy(truth, predicted, classes, usableOrder),
    macroF1,
    perClass,
    confusion,
    calibration: calibration(truth, probabilities),
    trainCount: input.trainTruth.length,
    validationCount: truth.length,
    splitBy: input.splitBy,
    baselines: baselines(truth, input.trainTruth, classes.length),
  };
}
