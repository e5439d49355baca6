import { describe, expect, it } from 'vitest';
import {
  baselines,
  calibration,
  confusionMatrix,
  evaluateStills,
  perClassMetrics,
  withinOneAccuracy,
} from '../../src/main/engine/stills/metrics';

describe('stills metrics', () => {
  // 3 classes; truth and predictions worked out by hand.
  const truth = [0, 0, 0, 1, 1, 2];
  const predicted = [0, 0, 1, 1, 2, 2];

  it('confusion matrix, per-class precision/recall/F1 and macro-F1', () => {
    const confusion = confusionMatrix(truth, predicted, 3);
    expect(confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    const { perClass, macroF1 } = perClassMetrics(confusion, ['a', 'b', 'c']);
    // a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1, F1 2/3.
    expect(perClass[0]).toMatchObject({ label: 'a', precision: 1, support: 3 });
    expect(perClass[0]?.recall).toBeCloseTo(2 / 3, 10);
    expect(perClass[0]?.f1).toBeCloseTo(0.8, 10);
    expect(perClass[1]).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(perClass[2]?.f1).toBeCloseTo(2 / 3, 10);
    expect(macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
  });

  it('±1 accuracy follows the class order, not the class index', () => {
    // Order c, a, b: a→b is one step, b→c two steps.
    expect(withinOneAccuracy([0, 1, 2], [1, 2, 0], ['a', 'b', 'c'], ['c', 'a', 'b'])).toBeCloseTo(2 / 3, 10);
    expect(withinOneAccuracy([0, 1, 2], [2, 2, 0], ['a', 'b', 'c'], ['a', 'b', 'c'])).toBeCloseTo(1 / 3, 10);
    expect(withinOneAccuracy([0], [1], ['a', 'b'], null)).toBeNull();
  });

  it('calibration: ECE over 10 bins and the multi-class Brier score', () => {
    const probs = [
      [0.9, 0.1], // right, bin 9
      [0.8, 0.2], // wrong (truth 1), bin 8
      [0.3, 0.7], // right, bin 7
      [0.6, 0.4], // right, bin 6
    ];
    const result = calibration([0, 1, 1, 0], probs);
    // |1-0.9| + |0-0.8| + |1-0.7| + |1-0.6| over 4.
    expect(result.ece).toBeCloseTo((0.1 + 0.8 + 0.3 + 0.4) / 4, 10);
    // Brier: (0.01+0.01) + (0.64+0.64) + (0.09+0.09) + (0.16+0.16), over 4.
    expect(result.brier).toBeCloseTo((0.02 + 1.28 + 0.18 + 0.32) / 4, 10);
    expect(result.bins).toHaveLength(10);
    expect(result.bins[9]).toMatchObject({ lower: 0.9, upper: 1, count: 1, accuracy: 1 });
    expect(result.bins[8]).toMatchObject({ count: 1, accuracy: 0 });
    expect(result.bins[0]).toMatchObject({ count: 0, confidence: 0, accuracy: 0 });
  });

  it('baselines: the training majority class scored on validation, and chance', () => {
    expect(baselines([0, 1, 1, 2], [1, 1, 1, 0], 4)).toEqual({ majority: 0.5, chance: 0.25 });
  });

  it('evaluateStills puts it together', () => {
    const probs = predicted.map((p) => [0, 1, 2].map((k) => (k === p ? 0.8 : 0.1)));
    const e = evaluateStills({
      classes: ['a', 'b', 'c'],
      order: ['a', 'b', 'c', 'd'],
      truth,
      probabilities: probs,
      trainTruth: [0, 0, 1],
      splitBy: 'group',
    });
    expect(e.accuracy).toBeCloseTo(4 / 6, 10);
    expect(e.withinOne).toBe(1);
    expect(e.order).toEqual(['a', 'b', 'c']);
    expect(e.baselines.majority).toBe(0.5);
    expect(e).toMatchObject({ trainCount: 3, validationCount: 6, splitBy: 'group' });
  });
});
