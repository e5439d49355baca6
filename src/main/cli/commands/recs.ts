import { MotifError } from '../../../shared/errors';
import {
  ALGORITHMS,
  crossValidate,
  evaluateTrainTest,
  formatCvTable,
  isAlgorithmName,
  loadRatingsFile,
  loadTrainTestFiles,
  type EvaluationResult,
} from '../../engine/recs';
import { importRatings } from '../../engine/catalogue/import-ratings';
import type { CliContext } from '../context';

/** `motif recs import-ratings FILE [--items FILE]`: MovieLens ratings into profiles and films. */
export function recsImportRatings(context: CliContext, file: string, options: { items?: string }): void {
  const loaded = loadRatingsFile(file, options.items === undefined ? {} : { itemsFile: options.items });
  const engine = context.openEngine();
  try {
    const report = importRatings(engine.catalogue.db, loaded);
    context.output(report, () =>
      `Imported ${report.ratings.toLocaleString('en')} ratings (${loaded.format}): ` +
      `${report.profilesCreated} new profiles (${report.profilesReused} existing), ` +
      `${report.filmsCreated} new films (${report.filmsReused} existing).`,
    );
  } finally {
    engine.close();
  }
}

export interface EvaluateOptions {
  ratings?: string;
  items?: string;
  train?: string;
  test?: string;
  folds: number;
  seed: number;
  algo: string[];
}

/**
 * `motif recs evaluate`: Surprise-style cross-validation (k seeded folds, or explicit train and
 * test files) of one or more algorithms, printed as Surprise's table or as JSON.
 */
export function recsEvaluate(context: CliContext, options: EvaluateOptions): void {
  const algorithms = options.algo.length > 0 ? options.algo : ['svd', 'default'];
  for (const name of algorithms) {
    if (!isAlgorithmName(name)) throw new MotifError('invalid-input', `Unknown algorithm "${name}". Choose from: ${ALGORITHMS.join(', ')}.`);
  }
  const byFiles = options.train !== undefined || options.test !== undefined;
  if (byFiles === (options.ratings !== undefined)) {
    throw new MotifError('invalid-input', 'Give either --ratings FILE (k-fold) or both --train FILE and --test FILE.');
  }
  if (byFiles && (options.train === undefined || options.test === undefined)) {
    throw new MotifError('invalid-input', 'Give both --train FILE and --test FILE.');
  }
  const results: EvaluationResult[] = [];
  for (const name of algorithms) {
    if (!isAlgorithmName(name)) continue;
    const onFold = (done: number, total: number): void => {
      if (!context.json) context.log(`${name}: fold ${done} of ${total} done`);
    };
    if (options.ratings !== undefined) {
      const loaded = loadRatingsFile(options.ratings, options.items === undefined ? {} : { itemsFile: options.items });
      results.push(crossValidate(loaded.data, name, { folds: options.folds, foldSeed: options.seed, seed: options.seed, onFold }));
    } else {
      const { train, test } = loadTrainTestFiles(options.train as string, options.test as string);
      results.push(evaluateTrainTest(train, test, name, { seed: options.seed, onFold }));
    }
  }
  context.output(results.length === 1 ? results[0] : results, () => results.map((r) => formatCvTable(r)).join('\n\n'));
}
