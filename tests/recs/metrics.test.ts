import { describe, expect, it } from 'vitest';
import { mae, meanStd, rmse, topNMetrics } from '../../src/main/engine/recs/metrics';
import { kFold } from '../../src/main/engine/recs/folds';
import { ratingsFromRows } from '../../src/main/engine/recs/ratings';
import { formatCvTable } from '../../src/main/engine/recs/cv-table';
import { crossValidate, type EvaluationResult } from '../../src/main/engine/recs/evaluate';
import { lowRankRatings } from './helpers';

describe('accuracy metrics', () => {
  it('RMSE and MAE on a hand-computed example', () => {
    // errors: +1, -2, 0, +0.5 → squares 1, 4, 0, 0.25 → RMSE √(5.25/4); MAE 3.5/4
    const predicted = [4, 1, 3, 4.5];
    const actual = [3, 3, 3, 4];
    expect(rmse(predicted, actual)).toBeCloseTo(Math.sqrt(5.25 / 4), 15);
    expect(mae(predicted, actual)).toBeCloseTo(0.875, 15);
    expect(rmse([], [])).toBeNaN();
  });

  it('mean and population standard deviation like numpy', () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25) });
  });
});

describe('top-N metrics (Surprise FAQ definitions, relevance = rating >= 4)', () => {
  it('precision@k, recall@k and nDCG@k on a hand-computed example', () => {
    // user 0: items ranked by prediction: (4.8, true 5) (4.5, true 2) (4.1, true 4) (3.0, true 4.5) (2.0, true 1)
    //   k = 3: recommended = top 3 with est >= 4 → 3; relevant&recommended = 2 → precision 2/3
    //   relevant overall = 3 (5, 4, 4.5) → recall 2/3
    //   DCG@3 = 1/log2(2) + 0 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4)
    // user 1: (3.9, true 5) (3.5, true 3): nothing recommended (est < 4) → precision 0; recall 0/1 = 0
    //   DCG@3 = 1 (the relevant item is ranked first) → nDCG 1
    const users = [0, 0, 0, 0, 0, 1, 1];
    const predicted = [4.1, 4.8, 3.0, 4.5, 2.0, 3.5, 3.9];
    const actual = [4, 5, 4.5, 2, 1, 3, 5];
    const m = topNMetrics(users, predicted, actual, 3, 4);
    const ndcg0 = 1.5 / (1 + 1 / Math.log2(3) + 0.5);
    expect(m.precision).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(m.recall).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(m.ndcg).toBeCloseTo((ndcg0 + 1) / 2, 12);
  });

  it('users without relevant items count 0 recall (as the FAQ) and are left out of nDCG', () => {
    const m = topNMetrics([0, 0, 1], [5, 4, 5], [1, 2, 5], 10, 4);
    expect(m.recall).toBe(0.5);
    expect(m.precision).toBe(0.5);
    expect(m.ndcg).toBe(1);
  });
});

describe('k-fold splits', () => {
  const data = ratingsFromRows(
    Array.from({ length: 11 }, (_, j) => [j % 4, j, 1 + (j % 5)] as [number, number, number]),
  );

  it('partition the ratings with Surprise’s fold sizes', () => {
    const folds = kFold(data, 5, 0);
    expect(folds.map((f) => f.test.values.length)).toEqual([3, 2, 2, 2, 2]);
    const tested = folds.flatMap((f) => Array.from(f.test.items));
    expect(tested.sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, j) => j));
    for (const f of folds) {
      expect(f.train.values.length + f.test.values.length).toBe(11);
      const testItems = new Set(f.test.items);
      expect(Array.from(f.train.items).some((i) => testItems.has(i))).toBe(false);
    }
  });

  it('cut numpy’s shuffled order into consecutive blocks', () => {
    // RandomState(42).shuffle(arange(10)) = [8 1 5 0 7 2 9 4 3 6]
    const ten = ratingsFromRows(Array.from({ length: 10 }, (_, j) => [0, j, 3] as [number, number, number]));
    const folds = kFold(ten, 5, 42);
    expect(folds.map((f) => Array.from(f.test.items))).toEqual([
      [8, 1],
      [5, 0],
      [7, 2],
      [9, 4],
      [3, 6],
    ]);
    expect(Array.from(folds[0]?.train.items ?? [])).toEqual([5, 0, 7, 2, 9, 4, 3, 6]);
  });

  it('are seeded and reject impossible fold counts', () => {
    expect(kFold(data, 3, 1).map((f) => Array.from(f.test.items))).toEqual(
      kFold(data, 3, 1).map((f) => Array.from(f.test.items)),
    );
    expect(kFold(data, 3, 1).map((f) => Array.from(f.test.items))).not.toEqual(
      kFold(data, 3, 2).map((f) => Array.from(f.test.items)),
    );
    expect(() => kFold(data, 1)).toThrow(RangeError);
    expect(() => kFold(data, 12)).toThrow(RangeError);
  });
});

describe('cross-validation and its table', () => {
  it('reports per-fold measures with mean and std, and prints a Surprise-style table', () => {
    const { data } = lowRankRatings({
      users: 30,
      items: 25,
      rank: 2,
      density: 0.5,
      noise: 0.3,
      seed: 1,
      scale: { min: -20, max: 20, step: 1e-9 },
    });
    const done: number[] = [];
    const result = crossValidate(data, 'svd', { folds: 3, seed: 0, onFold: (n) => done.push(n) });
    expect(done).toEqual([1, 2, 3]);
    expect(result.split).toEqual({ kind: 'k-fold', folds: 3, seed: 0 });
    expect(result.folds).toHaveLength(3);
    const rmses = result.folds.map((f) => f.rmse);
    expect(result.mean.rmse).toBeCloseTo(rmses.reduce((a, b) => a + b, 0) / 3, 12);
    expect(result.std.rmse).toBeCloseTo(meanStd(rmses).std, 12);
    expect(result.folds.every((f) => f.fitSeconds >= 0 && f.testSeconds >= 0 && f.mae <= f.rmse)).toBe(true);
    const lines = formatCvTable(result).split('\n');
    expect(lines[0]).toBe('Evaluating RMSE, MAE, Precision@10, Recall@10, nDCG@10 of algorithm svd on 3 split(s).');
    expect(lines[2]).toBe('                  Fold 1  Fold 2  Fold 3  Mean    Std');
    expect(lines[3]).toBe(
      `RMSE (testset)    ${[...rmses, result.mean.rmse, result.std.rmse]
        .map((v) => v.toFixed(4).padEnd(8))
        .join('')
        .trimEnd()}`,
    );
    expect(lines.some((l) => l.startsWith('Fit time          '))).toBe(true);
  });

  it('honours cancellation between folds', () => {
    const { data } = lowRankRatings({ users: 10, items: 10, rank: 1, density: 0.8, noise: 0.3, seed: 1 });
    const controller = new AbortController();
    controller.abort();
    expect(() => crossValidate(data, 'svd', { folds: 2, signal: controller.signal })).toThrow(
      expect.objectContaining({ kind: 'cancelled' }),
    );
  });

  it('formats a hand-made result exactly', () => {
    const fold = (n: number, rmse: number) => ({
      fold: n,
      rmse,
      mae: 0.7,
      precisionAt10: 0.5,
      recallAt10: 0.25,
      ndcgAt10: 0.8,
      fitSeconds: 1.234,
      testSeconds: 0.1,
      trainRatings: 8,
      testRatings: 2,
    });
    const result: EvaluationResult = {
      algorithm: 'svd',
      description: '',
      split: { kind: 'given-folds', folds: 2 },
      folds: [fold(1, 0.9), fold(2, 1.0)],
      mean: {
        rmse: 0.95,
        mae: 0.7,
        precisionAt10: 0.5,
        recallAt10: 0.25,
        ndcgAt10: 0.8,
        fitSeconds: 1.234,
        testSeconds: 0.1,
      },
      std: { rmse: 0.05, mae: 0, precisionAt10: 0, recallAt10: 0, ndcgAt10: 0, fitSeconds: 0, testSeconds: 0 },
    };
    expect(formatCvTable(result)).toBe(
      [
        'Evaluating RMSE, MAE, Precision@10, Recall@10, nDCG@10 of algorithm svd on 2 split(s).',
        '',
        '                  Fold 1  Fold 2  Mean    Std',
        'RMSE (testset)    0.9000  1.0000  0.9500  0.0500',
        'MAE (testset)     0.7000  0.7000  0.7000  0.0000',
        'Precision@10      0.5000  0.5000  0.5000  0.0000',
        'Recall@10         0.2500  0.2500  0.2500  0.0000',
        'nDCG@10           0.8000  0.8000  0.8000  0.0000',
        'Fit time          1.23    1.23    1.23    0.00',
        'Test time         0.10    0.10    0.10    0.00',
      ].join('\n'),
    );
  });
});
