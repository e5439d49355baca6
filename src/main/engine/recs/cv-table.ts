import { type EvaluationResult, type Measure } from './evaluate';

const ROWS: { measure: Measure; label: string; digits: number }[] = [
  { measure: 'rmse', label: 'RMSE (testset)', digits: 4 },
  { measure: 'mae', label: 'MAE (testset)', digits: 4 },
  { measure: 'precisionAt10', label: 'Precision@10', digits: 4 },
  { measure: 'recallAt10', label: 'Recall@10', digits: 4 },
  { measure: 'ndcgAt10', label: 'nDCG@10', digits: 4 },
  { measure: 'fitSeconds', label: 'Fit time', digits: 2 },
  { measure: 'testSeconds', label: 'Test time', digits: 2 },
];

/**
 * The evaluation as a table in the layout of Surprise's `cross_validate(verbose=True)`:
 *
 *   Evaluating RMSE, MAE of algorithm SVD on 5 split(s).
 *
 *                     Fold 1  Fold 2  ...  Mean    Std
 *   RMSE (testset)    0.9311  0.9370  ...  0.9342  0.0032
 *
 * with the top-N rows added. Std is the population standard deviation, as numpy prints it.
 */
export function formatCvTable(result: EvaluationResult): string {
  const n = result.folds.length;
  const labelWidth = 18;
  const cell = (text: string) => text.padEnd(8);
  const header =
    ''.padEnd(labelWidth) + [...result.folds.map((f) => `Fold ${f.fold}`), 'Mean', 'Std'].map(cell).join('');
  const lines = [
    `Evaluating RMSE, MAE, Precision@10, Recall@10, nDCG@10 of algorithm ${result.algorithm} on ${n} split(s).`,
    '',
    header.trimEnd(),
  ];
  for (const row of ROWS) {
    const values = [...result.folds.map((f) => f[row.measure]), result.mean[row.measure], result.std[row.measure]];
    lines.push((row.label.padEnd(labelWidth) + values.map((v) => cell(v.toFixed(row.digits))).join('')).trimEnd());
  }
  return lines.join('\n');
}
