/**
 * The cross-validation table a recommender version carries, laid out like Surprise's
 * `cross_validate(verbose=True)`: one row per measure, one column per fold, then mean and std.
 */
import type { RecsEvaluation } from '../../../shared/recs';

export interface CvRow {
  measure: string;
  label: string;
  /** Fold 1..k, mean, std; null where the engine did not report the measure. */
  values: Array<number | null>;
  cells: string[];
  /** Lower is better (errors and times); higher is better for the top-N measures. */
  lowerIsBetter: boolean;
}

export interface CvTable {
  algorithm: string;
  name: string;
  description: string;
  columns: string[];
  rows: CvRow[];
}

export const CV_MEASURES: ReadonlyArray<{
  measure: string;
  label: string;
  digits: number;
  unit?: string;
  lower: boolean;
}> = [
  { measure: 'rmse', label: 'RMSE', digits: 4, lower: true },
  { measure: 'mae', label: 'MAE', digits: 4, lower: true },
  { measure: 'precisionAt10', label: 'Precision@10', digits: 4, lower: false },
  { measure: 'recallAt10', label: 'Recall@10', digits: 4, lower: false },
  { measure: 'ndcgAt10', label: 'nDCG@10', digits: 4, lower: false },
  { measure: 'fitSeconds', label: 'Fit time', digits: 2, unit: ' s', lower: true },
  { measure: 'testSeconds', label: 'Test time', digits: 2, unit: ' s', lower: true },
];

/** What the algorithms are called on screen. */
export function algorithmName(algorithm: string): string {
  switch (algorithm) {
    case 'default':
      return 'Motif default';
    case 'svd':
      return 'SVD (Surprise)';
    case 'bayes-mf':
      return 'Bayesian MF';
    case 'bayes-svdpp':
      return 'Bayesian SVD++';
    default:
      return algorithm;
  }
}

function read(record: Record<string, number> | undefined, key: string): number | null {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function cvTable(evaluation: RecsEvaluation): CvTable {
  const folds = [...evaluation.folds].sort((a, b) => (a.fold ?? 0) - (b.fold ?? 0));
  return {
    algorithm: evaluation.algorithm,
    name: algorithmName(evaluation.algorithm),
    description: evaluation.description,
    columns: [...folds.map((f, i) => `Fold ${f.fold ?? i + 1}`), 'Mean', 'Std'],
    rows: CV_MEASURES.map(({ measure, label, digits, unit, lower }) => {
      const values = [
        ...folds.map((f) => read(f, measure)),
        read(evaluation.mean, measure),
        read(evaluation.std, measure),
      ];
      return {
        measure,
        label,
        values,
        cells: values.map((v) => (v === null ? '—' : `${v.toFixed(digits)}${unit ?? ''}`)),
        lowerIsBetter: lower,
      };
    }),
  };
}

/** Tables for every evaluation, the trained algorithm first and Surprise's SVD last. */
export function cvTables(evaluations: readonly RecsEvaluation[]): CvTable[] {
  const rank = (algorithm: string): number => (algorithm === 'svd' ? 1 : 0);
  return [...evaluations].sort((a, b) => rank(a.algorithm) - rank(b.algorithm)).map(cvTable);
}

/** Mean RMSE of the trained algorithm against SVD's, and how much lower (a fraction), when both ran. */
export function rmseComparison(
  evaluations: readonly RecsEvaluation[],
): { ours: number; svd: number; improvement: number; algorithm: string } | null {
  const svd = evaluations.find((e) => e.algorithm === 'svd');
  const ours = evaluations.find((e) => e.algorithm !== 'svd');
  const a = read(ours?.mean, 'rmse');
  const b = read(svd?.mean, 'rmse');
  if (!ours || a === null || b === null || b === 0) return null;
  return { ours: a, svd: b, improvement: 1 - a / b, algorithm: ours.algorithm };
}

/** For each measure, the algorithm with the strictly better mean (ties mark none); needs two tables. */
export function bestMeans(tables: readonly CvTable[]): Map<string, string> {
  const best = new Map<string, string>();
  if (tables.length < 2) return best;
  for (const { measure, lower } of CV_MEASURES) {
    const means = tables.flatMap((table) => {
      const row = table.rows.find((r) => r.measure === measure);
      const mean = row?.values[row.values.length - 2] ?? null;
      return mean === null ? [] : [{ algorithm: table.algorithm, mean }];
    });
    if (means.length < 2) continue;
    const sorted = [...means].sort((a, b) => (lower ? a.mean - b.mean : b.mean - a.mean));
    const [first, second] = sorted;
    if (first && second && first.mean !== second.mean) best.set(measure, first.algorithm);
  }
  return best;
}
