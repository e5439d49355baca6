import { describe, expect, it } from 'vitest';
import { bestMeans, cvTable, cvTables, rmseComparison } from '../../../src/renderer/src/discover/cv-table';
import { evaluation } from './fixtures';

describe('the cross-validation table', () => {
  it('lays out measures by fold, mean and std like Surprise', () => {
    const table = cvTable(evaluation('default', 0.9, 5));
    expect(table.name).toBe('Motif default');
    expect(table.columns).toEqual(['Fold 1', 'Fold 2', 'Fold 3', 'Fold 4', 'Fold 5', 'Mean', 'Std']);
    expect(table.rows.map((r) => r.label)).toEqual([
      'RMSE',
      'MAE',
      'Precision@10',
      'Recall@10',
      'nDCG@10',
      'Fit time',
      'Test time',
    ]);
    const rmse = table.rows[0];
    expect(rmse?.cells).toEqual(['0.9100', '0.9200', '0.9300', '0.9400', '0.9500', '0.9300', '0.0141']);
    expect(table.rows[5]?.cells[0]).toBe('0.12 s');
  });

  it('shows a dash for a measure the engine did not report', () => {
    const e = evaluation('svd', 0.95, 2);
    delete e.mean.ndcgAt10;
    const row = cvTable(e).rows.find((r) => r.measure === 'ndcgAt10');
    expect(row?.cells.at(-2)).toBe('—');
  });

  it('puts the trained algorithm first and SVD last, and marks the better means', () => {
    const tables = cvTables([evaluation('svd', 0.95), evaluation('default', 0.9)]);
    expect(tables.map((t) => t.algorithm)).toEqual(['default', 'svd']);
    const best = bestMeans(tables);
    expect(best.get('rmse')).toBe('default');
    expect(best.get('mae')).toBe('default');
    expect(bestMeans(tables.slice(0, 1)).size).toBe(0);
    // Recall@10 is the same for both: neither is marked.
    expect(best.has('recallAt10')).toBe(false);
    expect(best.get('precisionAt10')).toBeUndefined();
  });

  it('compares mean RMSE with SVD', () => {
    const comparison = rmseComparison([evaluation('default', 0.9), evaluation('svd', 0.95)]);
    expect(comparison?.algorithm).toBe('default');
    expect(comparison?.improvement).toBeCloseTo(1 - 0.92 / 0.97, 6);
    expect(rmseComparison([evaluation('default', 0.9)])).toBeNull();
  });
});
